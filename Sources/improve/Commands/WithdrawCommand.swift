import PlanKit
import PlanReports
import PlanStorage

/// `improve withdraw ID --reason TEXT`: take an action out of the plan's counts, keeping its history.
struct WithdrawCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "withdraw",
        abstract: "Withdraw an action that is no longer needed, with the reason; its history is kept.",
        usage: "withdraw ID --reason TEXT [--date DATE] [--by NAME]",
        discussion: """
        A withdrawn action leaves the RAG counts, the overdue lists and the summary from the day it
        was withdrawn; show, log and list still show it, and the board pack lists it under "Withdrawn
        actions" with the reason. Progress cannot be recorded on it until it is reinstated.
        """,
        examples: [
            "improve withdraw lm12 --reason \"Superseded by the new court protocol (LM 14)\"",
            "improve withdraw \"LM 12\" --reason \"Merged into LM 11\" --date 2019-05-10",
        ])

    static let reason = Option<String>("--reason", value: "TEXT", help: "Why the action is no longer needed (required).")
    static let options = declared(reason) + ChangeOptions.specs

    var common: CommonOptions
    var change: ChangeOptions
    var id: String
    var reason: String

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        change = try ChangeOptions(arguments: arguments, context: context, command: Self.descriptor)
        id = try arguments.actionID(to: "withdraw", command: Self.descriptor)
        guard let reason = try arguments[Self.reason] else {
            throw .usage("missing \(Self.reason): say why the action is no longer needed", command: Self.descriptor)
        }
        self.reason = reason
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let (reason, date, by) = (self.reason, change.date, change.by)
        let (_, outcome, _) = try common.changeAction(id, command: Self.descriptor, store: change.store) { plan, actionID in
            let outcome = try plan.withdraw(actionID: actionID, reason: reason, date: date, by: by)
            return RecordedChange(result: outcome, description: outcome.summary)
        }
        try EditCommand.answer(outcome, format: common.format, to: &context)
        return .success
    }
}
