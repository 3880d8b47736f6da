import PlanKit
import PlanStorage

/// `improve undo`: reverse the latest change recorded to a plan.
struct UndoCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "undo",
        abstract: "Reverse the latest change improve recorded to a plan, and say what it was.",
        usage: "undo [--plan FILE]",
        discussion: """
        Without --plan, undoes the most recent change across the plans folder. Changes are kept in a
        journal beside each plan (.NAME.json.undo); undo refuses when the entries it would restore
        have been edited since.
        """)

    static let options: [OptionSpec] = []

    var common: CommonOptions
    var store: PlanStore

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        store = ChangeOptions.store(context)
        if let extra = arguments.positionals.first {
            throw .usage("unexpected argument '\(extra)'; name the plan with --plan", command: Self.descriptor)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let files = try common.resolvePlanFiles()
        let latest = files.compactMap { file in store.latestChange(file: file).map { (file, $0.recorded) } }
            .max { $0.1 < $1.1 }
        let file = latest?.0 ?? files[0]
        let description = try store.undo(file: file)
        context.stdout.write("undid: \(description)\n")
        return .success
    }
}
