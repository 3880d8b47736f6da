import PlanKit
import PlanStorage

/// `improve undo`: reverse the latest change recorded to a plan.
struct UndoCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "undo",
        abstract: "Reverse the latest change improve recorded to a plan, and say what it was.",
        usage: "undo [--plan FILE] [--list | --dry-run] [--yes]",
        discussion: """
        Without --plan, undoes the most recent change across the plans folder. Changes are kept in a
        journal beside each plan (.NAME.json.undo); undo refuses when the entries it would restore
        have been edited since. --list shows the recorded changes, newest first, with who made them;
        --dry-run says what undo would reverse, and checks it could, without changing anything.
        A change someone else recorded (by $IMPROVE_USER or login name) is undone only when you
        answer yes at a terminal, or with --yes.
        """,
        examples: [
            "improve undo --list",
            "improve undo --dry-run",
            "improve undo --plan plans/blackpool-2019.json",
        ])

    static let list = Flag("--list", help: "List the recorded changes that can be undone, newest first.")
    static let dryRun = Flag("--dry-run", help: "Say what would be undone, without changing anything.")
    static let yes = Flag("--yes", help: "Undo the change even when someone else recorded it, without asking.")
    static let options = declared(list, dryRun, yes)

    var common: CommonOptions
    var store: PlanStore
    var listing: Bool
    var dryRun: Bool
    var confirmed: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
        store = ChangeOptions.store(context)
        listing = arguments[Self.list]
        dryRun = arguments[Self.dryRun]
        confirmed = arguments[Self.yes]
        if listing, dryRun { throw .usage("\(Self.list) and \(Self.dryRun) cannot be used together", command: Self.descriptor) }
        if let extra = arguments.positionals.first {
            throw .usage("unexpected argument '\(extra)'; name the plan with --plan", command: Self.descriptor)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        // Each file named once: its real path (the journal's and lock's) is worked out here, not per call.
        let files = try common.resolvePlanFiles().map { PlanFile($0, relativeTo: context.workingFolder) }
        if listing {
            // A plan that cannot be read (or whose journal may not be used) is reported after
            // the others are listed: which of its records landed cannot be told.
            var changes: [(recorded: String, description: String, user: String?)] = [], failure: (any Error)?
            for file in files {
                do { changes += try store.recordedChanges(file: file) } catch { failure = failure ?? error }
            }
            changes.sort { $0.recorded > $1.recorded }
            if changes.isEmpty, failure == nil { context.stdout.write("no change recorded\n") }
            for change in changes {
                // To the minute, in UTC as recorded: 2026-12-02 08:36 UTC.
                let when = change.recorded.count >= 16 ? change.recorded.prefix(16).replacingEvery("T", with: " ") + " UTC" : change.recorded
                context.stdout.write("\(when)  \(change.description)" + (change.user.map { "  (account \($0))" } ?? "") + "\n")
            }
            if let failure { throw failure }
            return .success
        }
        // Each plan's latest change, read once (it reads the journal and the plan).
        let recorded = try files.compactMap { file in try store.latestChange(file: file).map { (file: file, change: $0) } }
        let latest = recorded.max { $0.change.recorded < $1.change.recorded }
        // A change one command made to several plans (a reassignment) is undone in all of them:
        // each must be undoable (checked first, without writing) before any is undone.
        guard let latest else {
            // A plan that is not there is "not found" (66), not "nothing to undo".
            for file in files { try PlanLoader.checkReadable(file: file.path, relativeTo: context.workingFolder) }
            throw PlanWriteError.nothingToUndo(path: files.count == 1 ? files[0].path : common.planFolder ?? files.map(\.path).joined(separator: ", "))
        }
        let changes = latest.change.group.map { group in recorded.filter { $0.change.group == group } } ?? [latest]
        let targets = changes.map(\.file)
        guard targets.count > 1 else {
            let description = try undo(latest.file, context: &context)
            context.stdout.write(dryRun ? "would undo: \(description)\n" : "undid: \(description)\n")
            return .success
        }
        for file in targets { _ = try store.undo(file: file, dryRun: true) }
        // Another account's change is asked about once, for all its plans.
        if !dryRun, !confirmed, let other = changes.first(where: { store.isSomeoneElse($0.change.user) }) {
            let who = other.change.user ?? "someone else", what = other.change.description
            guard let yes = context.ask("The latest change, to \(targets.count) plans, was recorded by \(who): \(what)\nUndo it in all of them?") else {
                throw PlanWriteError.someoneElsesChange(path: other.file.path, by: who, description: what, recorded: other.change.recorded)
            }
            guard yes else { throw CLIError.refused("nothing was undone") }
        }
        for (file, change) in changes {
            let description = try store.undo(file: file, dryRun: dryRun, othersAllowed: true, expecting: change.recorded)
            context.stdout.write(dryRun ? "would undo: \(description)\n" : "undid: \(description)\n")
        }
        return .success
    }

    /// Undoes (or, dry, checks) the latest change to one plan; at a terminal,
    /// asks before undoing another account's change, and then undoes only that one.
    func undo(_ file: PlanFile, context: inout CommandContext) throws -> String {
        do {
            return try store.undo(file: file, dryRun: dryRun, othersAllowed: confirmed)
        } catch PlanWriteError.someoneElsesChange(let path, let by, let change, let recorded) {
            guard let yes = context.ask("The latest change to \(path) was recorded by \(by): \(change)\nUndo it?") else {
                throw PlanWriteError.someoneElsesChange(path: path, by: by, description: change, recorded: recorded)
            }
            guard yes else { throw CLIError.refused("nothing was undone") }
            return try store.undo(file: file, othersAllowed: true, expecting: recorded)
        }
    }
}
