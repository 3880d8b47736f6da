import FoundationEssentials
import PlanKit
import PlanInterchange
import PlanStorage

/// `improve import-updates FILE.xlsx`: the leads' answers to `export --for-update`, recorded.
struct ImportUpdatesCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "import-updates",
        abstract: "Record the updates leads typed into workbooks from export --for-update.",
        usage: "import-updates FILE.xlsx|FILE.csv [--by NAME] [--force] [--dry-run]",
        discussion: """
        Each filled row of every lead's sheet (a CSV file laid out as one sheet also reads) becomes one
        history entry of its action: the New status, the Progress comment, the Date (blank: today) and the
        milestone marked done, recorded by the lead the sheet names (or --by). Blank rows are unchanged.
        A row whose action was updated after the export (its hidden stamp no longer matches) is refused,
        showing what the lead saw and what the plan says now, unless --force; a row the plan already holds
        (the same file read twice) is counted as unchanged. A status that is not one of the plan's, a date
        that is unreadable, before the inspection or after today, or an unknown action is an error naming
        the file, sheet and cell, and nothing is written (65). All rows are written at once under each
        plan's lock, as one change that one `improve undo` takes back. Exit 1 when a row was refused.
        """,
        examples: [
            "improve import-updates updates.xlsx --dry-run",
            "improve import-updates updates.xlsx",
            "improve import-updates yot-manager.xlsx --by \"Board secretary\" --force",
        ])

    static let by = Option<String>("--by", value: "NAME", help: "Who the updates are recorded by (default: the lead each sheet names).")
    static let force = Flag("--force", help: "Record rows whose action changed since the export, and mark complete although milestones are open.")
    static let dryRun = Flag("--dry-run", help: "Print what would be recorded and refused; write nothing.")
    static let options = declared(by, force, dryRun)

    var common: CommonOptions
    var file: String
    var by: String?
    var force: Bool
    var dryRun: Bool
    var store: PlanStore
    var today: CalendarDate

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
        if arguments.given(CommonOptions.asOf) {
            throw .usage("\(CommonOptions.asOf) is for reading a plan as it stood; the Date column says when each update was made", command: Self.descriptor)
        }
        guard let file = arguments.positionals.first else { throw .usage("missing the workbook (or CSV file) to read", command: Self.descriptor) }
        if arguments.positionals.count > 1 { throw .usage("unexpected argument '\(arguments.positionals[1])'", command: Self.descriptor) }
        self.file = file
        by = try arguments[Self.by]
        force = arguments[Self.force]
        dryRun = arguments[Self.dryRun]
        store = ChangeOptions.store(context)
        today = context.today
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let returned = try UpdateReturn.read(try ImportCommand.readImport(file, in: common.workingFolder), file: file)
        let loaded = try common.loadPlanFilesForChange()
        let (today, by, force) = (self.today, self.by, self.force)
        let problems = returned.problems(plans: loaded.map(\.plan), today: today, by: by, force: force)
        guard problems.isEmpty else { throw UpdateReturnError.rows(problems) }
        let touched = loaded.filter { entry in returned.filledRows.contains { $0.planID == entry.plan.id } }
        var recordings: [ReturnRecording] = []
        var store = self.store
        // One change, however many plans it touches: undo takes it back from all of them.
        if touched.count > 1 { store.group = UUID().uuidString }
        for entry in touched {
            if dryRun {
                var plan = entry.plan
                recordings.append(try plan.record(returned.rows, today: today, by: by, force: force))
                continue
            }
            do {
                let (_, recording, _) = try store.update(file: entry.file) { plan -> RecordedChange<ReturnRecording> in
                    let recording = try plan.record(returned.rows, today: today, by: by, force: force)
                    // Nothing to write is no change: no undo step, no rewrite.
                    if recording.updated.isEmpty { throw NothingRecorded(recording: recording) }
                    let count = recording.updated.count
                    return RecordedChange(result: recording, description: "\(plan.id)  \(count) \(count == 1 ? "update" : "updates") imported from \(file)")
                }
                recordings.append(recording)
            } catch let nothing as NothingRecorded {
                recordings.append(nothing.recording)
            }
        }
        report(recordings, blank: returned.rows.count - returned.filledRows.count, to: &context)
        return recordings.contains { !$0.refused.isEmpty } ? .findings : .success
    }

    /// Thrown from inside a change that records nothing, so that the plan is not rewritten.
    struct NothingRecorded: Error { var recording: ReturnRecording }

    func report(_ recordings: [ReturnRecording], blank: Int, to context: inout CommandContext) {
        let prefix = dryRun ? "would record: " : ""
        for update in recordings.flatMap(\.updated) { context.stdout.write(prefix + update.outcome.summary + "\n") }
        for conflict in recordings.flatMap(\.refused) {
            let row = conflict.row
            let place = "\(row.file)\(row.sheet.map { ", sheet '\($0)'" } ?? ""), row \(row.number)"
            if conflict.hasNoStamp {
                context.stdout.write("refused: \(row.planID)  \(row.actionID)  (\(place)): the row has no stamp, so whether the action changed since the export cannot be told; check it and give \(Self.force)\n")
                continue
            }
            context.stdout.write("refused: \(row.planID)  \(row.actionID)  (\(place)): the action was updated after the export\n")
            context.stdout.write("  the lead saw:   \(Self.position(row.seenStatus, row.seenPosition, row.seenDeadline))\n")
            context.stdout.write("  the plan now:   \(Self.position(conflict.nowStatus, conflict.nowPosition, conflict.nowDeadline))\n")
        }
        let updated = recordings.reduce(0) { $0 + $1.updated.count }
        let refused = recordings.reduce(0) { $0 + $1.refused.count }
        let unchanged = blank + recordings.reduce(0) { $0 + $1.alreadyRecorded.count }
        let already = recordings.reduce(0) { $0 + $1.alreadyRecorded.count }
        var line = "\(updated) \(dryRun ? "would be updated" : "updated"), \(unchanged) unchanged"
        if already > 0 { line += " (\(already) already recorded)" }
        line += ", \(refused) refused"
        if refused > 0 { line += " (changed since the export: check them, then give \(Self.force) to record them anyway)" }
        if dryRun { line += "; dry run: nothing was written" }
        context.stdout.write(line + "\n")
    }

    /// `AMBER (Ongoing) – 2019-04-08: New manager in post – due Apr 2019: 1. Appoint`.
    static func position(_ status: String, _ comment: String, _ deadline: String) -> String {
        var text = status.isEmpty ? "none" : status
        text += " – " + (comment.isEmpty ? "no comment" : comment)
        if !deadline.isEmpty { text += " – due \(deadline)" }
        return text
    }
}
