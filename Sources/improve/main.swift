import FoundationEssentials
import Glibc

var context = CommandContext.live()
let code = Entrypoint.run(Array(CommandLine.arguments.dropFirst()), context: &context)
exit(code.rawValue)
