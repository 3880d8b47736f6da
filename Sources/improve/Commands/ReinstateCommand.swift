import PlanKit
import PlanReports
import PlanStorage

/// `improve reinstate ID`: put a withdrawn action back into the plan's counts.
struct ReinstateCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "reinstate",
        abstract: "Put a withdrawn action back; it counts again from that day.",
        usage: "reinstate ID [--comment TEXT] [--date DATE] [--by NAME]",
        examples: [
            "improve reinstate lm12 --comment \"Protocol not agreed; action needed after all\"",
        ])

    static let comment = Option<String>("--comment", value: "TEXT", help: "Why it is back.")
    static let options = declared(comment) + ChangeOptions.specs

    var common: CommonOptions
    var change: ChangeOptions
    var id: String
    var comment: String?

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        change = try ChangeOptions(arguments: arguments, context: context, command: Self.descriptor)
        id = try arguments.actionID(to: "reinstate", command: Self.descriptor)
        comment = try arguments[Self.comment]
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let (comment, date, by) = (self.comment, change.date, change.by)
        let (_, outcome, _) = try common.changeAction(id, command: Self.descriptor, store: change.store) { plan, actionID in
            let outcome = try plan.reinstate(actionID: actionID, comment: comment, date: date, by: by)
            return RecordedChange(result: outcome, description: outcome.summary)
        }
        try EditCommand.answer(outcome, format: common.format, to: &context)
        return .success
    }
}
