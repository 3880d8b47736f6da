import PlanJSON
import PlanKit
import PlanReports
import PlanStorage

/// `improve update ID`: record one change to one action as one history entry.
struct UpdateCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "update",
        abstract: "Record a status, progress note, milestone or new deadline for an action.",
        usage: "update ID [--status LEVEL] [--comment TEXT] [--milestone N|TITLE (--done [DATE] | --reopen)] [--due DATE --reason TEXT] [--date DATE] [--by NAME] [--force]",
        discussion: """
        Everything given is recorded as one history entry. Marking an action complete needs a
        --comment (the evidence of its impact) and is refused while milestones are open, unless --force.
        A new deadline (--due) needs a --reason; the original deadline stays in the history.
        """,
        examples: [
            "improve update lm7 --status amber --comment \"New service manager in post\"",
            "improve update \"LM 14\" --due 2019-09 --reason \"Consultation extended\"",
            "improve update lm8 --milestone 1 --done 2019-04-02",
        ])

    /// Read as text: which statuses there are is the plan's scheme's.
    static let status = Option<String>("--status", value: "LEVEL", completion: .statuses(RAGScheme.default.levels.map(\.code) + ["none"]),
                                       help: "New status, by code or label in any case (green, Complete).")
    static let comment = Option<String>("--comment", value: "TEXT", help: "Comment on the current position.")
    static let milestone = Option<String>("--milestone", value: "N|TITLE", help: "A milestone, by number (from 1) or title.")
    /// Read as text: empty when given without a date (`--done` alone), checked against --date.
    static let done = Option<String>("--done", value: "DATE", optionalValue: true, help: "Mark the milestone done (on DATE, default the change's date); one already done moves to DATE.")
    static let reopen = Flag("--reopen", help: "Mark the milestone not done.")
    static let due = DateOption.deadline("--due", help: "New deadline: a day, a month (2019-09, Sep 2019), ongoing or tbc.")
    static let reason = Option<String>("--reason", value: "TEXT", help: "Why the deadline moved (required with --due).")
    static let force = Flag("--force", help: "Mark complete although milestones are open.")
    static let options = declared(status, comment, milestone, done, reopen, due, reason, force) + ChangeOptions.specs

    var common: CommonOptions
    var change: ChangeOptions
    var id: String
    var update: ActionUpdate

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        change = try ChangeOptions(arguments: arguments, context: context, command: Self.descriptor)
        id = try arguments.actionID(to: "update", command: Self.descriptor)
        update = ActionUpdate(date: change.date, by: change.by)
        update.status = try arguments[Self.status]
        update.comment = try arguments[Self.comment]
        update.milestone = try arguments[Self.milestone]
        if let done = try arguments[Self.done] {
            if arguments[Self.reopen] { throw .usage("\(Self.done) and \(Self.reopen) cannot be used together", command: Self.descriptor) }
            if done.isEmpty {
                update.milestoneUpdate = .done(nil)
            } else {
                let day = try ParsedArguments.day(done, for: Self.done.name, today: context.today, command: Self.descriptor)
                guard day <= context.today else {
                    throw .usage("invalid value '\(done)' for \(Self.done): \(day) is in the future; give the day it was done", command: Self.descriptor)
                }
                // The record is made on --date: a milestone cannot be recorded done before it was.
                guard day <= change.date else {
                    throw .usage("invalid value '\(done)' for \(Self.done): \(day) is after the day this change is recorded (\(ChangeOptions.date) \(change.date)); give \(ChangeOptions.date) \(day) or later", command: Self.descriptor)
                }
                update.milestoneUpdate = .done(day)
            }
        } else if arguments[Self.reopen] {
            update.milestoneUpdate = .reopen
        }
        if let due = try arguments[Self.due, today: context.today] { update.newDeadline = due }
        update.reason = try arguments[Self.reason]
        update.force = arguments[Self.force]
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let update = self.update
        let (written, outcome, previous) = try common.changeAction(id, command: Self.descriptor, store: change.store) { plan, actionID in
            let outcome = try plan.apply(update, toAction: actionID)
            return RecordedChange(result: outcome, description: outcome.summary)
        }
        context.keptUntilExit.append(previous)
        context.keptUntilExit.append(written)
        switch common.format {
        case .text, .markdown, .html, .csv, .docx, .xlsx:
            context.stdout.write(outcome.summary + "\n")
        case .json:
            JSONWriter.write(.object([
                JSONMember("plan", .string(written.id)),
                JSONMember("action", outcome.action.jsonValue),
            ]), to: &context.stdout)
        }
        return .success
    }
}
