import PlanKit

/// `improve __ids`: every action and recommendation id, spaces removed, for
/// shell completion (ids match forgivingly, so `LM7` names `LM 7`).
struct IdsCommand: Command {
    static let descriptor = CommandDescriptor(name: "__ids", abstract: "Action and recommendation ids, for completion.",
                                              usage: "__ids", hidden: true)
    static let options: [OptionSpec] = []

    var common: CommonOptions

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        var seen = Set<String>()
        for plan in try common.loadPlans() {
            for id in plan.actions.map(\.id) + plan.recommendations.map(\.id) {
                let compact = String(id.filter { !$0.isWhitespace })
                if seen.insert(compact).inserted { context.stdout.write(compact + "\n") }
            }
        }
        return .success
    }
}
