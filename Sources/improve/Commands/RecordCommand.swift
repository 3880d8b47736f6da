import FoundationEssentials
import PlanKit
import PlanReports
import PlanStorage

/// `improve record PLAN`: give the plan's hand edits the history entries
/// they lack, so that the audit trail is whole again.
struct RecordCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "record",
        abstract: "Add history entries for the changes made to a plan by hand since improve last wrote it.",
        usage: "record [PLAN] [--by NAME] [--comment TEXT] [--date DATE] [--dry-run]",
        discussion: """
        improve keeps the plan as it last wrote it beside it (.NAME.json.recorded); validate, show and log
        name the fields of actions changed since without a history entry. record adds one entry per
        changed field, with what it was and is (a text edited, new leads, a new deadline, a milestone
        added, removed, renamed, re-dated, done or reopened), as one change undo takes back. Changes the
        history has no place for (actions added or removed, the plan's own fields, afterDeadline) are
        named and taken as they are. A plan improve never wrote here (a fresh clone) has nothing to compare
        with: record takes it as it is as the starting point. Without PLAN, every plan (--plan, the folder).
        """,
        examples: [
            "improve record plans/blackpool-2019.json --dry-run",
            "improve record plans/blackpool-2019.json --by \"Jo Bloggs\" --comment \"Wording agreed at the board\"",
        ])

    static let comment = Option<String>("--comment", value: "TEXT", help: "A comment for every entry (a new deadline's reason).")
    static let dryRun = Flag("--dry-run", help: "Say what would be recorded, without changing anything.")
    static let options = declared(comment, dryRun) + ChangeOptions.specs

    var common: CommonOptions
    var change: ChangeOptions
    var files: [String]
    var comment: String?
    var dryRun: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
        change = try ChangeOptions(arguments: arguments, context: context, command: Self.descriptor)
        guard arguments.positionals.count <= 1 else {
            throw .usage("unexpected argument '\(arguments.positionals[1])'; name one plan, or several with --plan", command: Self.descriptor)
        }
        files = arguments.positionals
        comment = try arguments[Self.comment]
        dryRun = arguments[Self.dryRun]
    }

    /// Why a plan's change was not written: nothing to record, or no baseline to compare with.
    private enum Nothing: Error { case unchanged, noBaseline, onlyAccepted(HandEditRecording) }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let files = self.files.isEmpty ? try common.resolvePlanFiles() : self.files
        var store = change.store
        // Several plans recorded by one command are undone together.
        if files.count > 1 { store.group = UUID().uuidString }
        let (date, by, comment) = (change.date, change.by, self.comment)
        let (folder, today) = (context.workingFolder, context.clock)
        for file in files {
            if dryRun {
                let plan = try PlanLoader.load(file: file, relativeTo: context.workingFolder, today: context.clock).plan
                guard case .compared(let baseline, let edits) = RecordedSnapshot.finding(planPath: file, current: plan, relativeTo: folder, today: today) else {
                    context.stdout.write("\(file): nothing to compare with (improve has not written it here); record would take it as it is as the starting point\n")
                    continue
                }
                if edits.isEmpty {
                    context.stdout.write("\(file): nothing changed without a history entry\n")
                    continue
                }
                var recorded = plan
                let recording = try recorded.recordHandEdits(since: baseline, date: date, by: by, comment: comment)
                write(recording, file: file, verb: "would record", to: &context)
                continue
            }
            var perPlan = store
            let pending = RecordedSnapshot.Pending()
            perPlan.baseline = pending
            do {
                let (_, recording, _) = try perPlan.update(file: file) { plan throws -> RecordedChange<HandEditRecording> in
                    guard case .compared(let baseline, let edits) = RecordedSnapshot.finding(planPath: file, current: plan, relativeTo: folder, today: today) else {
                        throw Nothing.noBaseline
                    }
                    if edits.isEmpty { throw Nothing.unchanged }
                    let recording = try plan.recordHandEdits(since: baseline, date: date, by: by, comment: comment)
                    if recording.entries.isEmpty { throw Nothing.onlyAccepted(recording) }
                    pending.baseline = recording.baseline
                    return RecordedChange(result: recording, description: "record hand edits: " + edits.summary)
                }
                write(recording, file: file, verb: "recorded", to: &context)
            } catch Nothing.unchanged {
                context.stdout.write("\(file): nothing changed without a history entry\n")
            } catch Nothing.noBaseline {
                try store.takeBaseline(file: file)
                context.stdout.write("\(file): nothing to compare with (improve had not written it here); took it as it is as the starting point\n")
            } catch Nothing.onlyAccepted(let recording) {
                try store.takeBaseline(file: file)
                write(recording, file: file, verb: "recorded", to: &context)
            }
        }
        return .success
    }

    /// `recorded 2 entries in plans/x.json:` and a line per entry, then what was taken as it is.
    private func write(_ recording: HandEditRecording, file: String, verb: String, to context: inout CommandContext) {
        let count = recording.entries.count
        context.stdout.write("\(file): \(verb) \(count) history \(count == 1 ? "entry" : "entries")\(count > 0 ? ":" : "")\n")
        for (action, entry) in recording.entries {
            context.stdout.write("  \(action)  \(Self.describe(entry))\n")
        }
        if !recording.accepted.isEmpty {
            context.stdout.write("  taken as it is (no history entry has a place for it): " + recording.accepted.joined(separator: "; ") + "\n")
        }
    }

    /// `text edited`, `leads: A → B`, `deadline: 2019-06 → 2019-09`, `milestone "Audit" done 2019-04-02`.
    static func describe(_ entry: StatusChange) -> String {
        if let edit = entry.textEdit { return "\(edit.field.key) edited" }
        if let leads = entry.leadChange {
            return "leads: \(leads.from.joined(separator: ", ")) → \(leads.to.joined(separator: ", "))"
        }
        if let deadline = entry.deadlineChange {
            return "deadline: \(deadline.from?.displayText ?? "none") → \(deadline.to.displayText)"
        }
        if let milestone = entry.milestoneChange {
            if milestone.added { return "milestone \"\(milestone.title)\" added" }
            if milestone.removed != nil { return "milestone \"\(milestone.title)\" removed" }
            if let done = milestone.completed { return "milestone \"\(milestone.title)\" done \(done)" }
            if milestone.reopened { return "milestone \"\(milestone.title)\" reopened" }
            var parts: [String] = []
            if let old = milestone.renamedFrom { parts.append("renamed from \"\(old)\"") }
            if let deadline = milestone.deadlineChange { parts.append("due \(deadline.to.displayText)") }
            return "milestone \"\(milestone.title)\" " + parts.joined(separator: ", ")
        }
        return "entry"
    }
}
