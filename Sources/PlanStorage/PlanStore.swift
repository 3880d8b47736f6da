import PlanJSON
import PlanKit
import FoundationEssentials
import Glibc

/// What an update did, as the caller describes it.
public struct RecordedChange<Result> {
    /// The command's answer (what it changed).
    public var result: Result
    /// One line saying what changed, kept in the undo journal.
    public var description: String

    public init(result: Result, description: String) {
        self.result = result
        self.description = description
    }
}

/// Changes plan files safely.
///
/// Every change takes the plan's lock, re-reads and validates the plan, applies
/// the change, validates the result, writes it atomically (temporary file in the
/// same folder, fsync, rename, fsync of the folder) and only then releases the
/// lock. Concurrent updates therefore serialise and none is lost; a crash
/// leaves the old version or the new, never a mix; and a change that would not
/// validate writes nothing.
public struct PlanStore: Sendable {
    /// How long to wait for another process's lock, in seconds.
    public var lockTimeout: Double
    /// The account making changes (not the `--by` name a change is recorded
    /// under, which may be someone else's): kept in the undo journal, so that
    /// undoing another account's change can be refused unless confirmed.
    public var user: String?
    /// Set for a command that changes several plans as one change: every
    /// change this store records carries it, and undo reverses them together.
    public var group: String?
    /// Told the path of each plan file once a change to it has landed (written
    /// and renamed into place): from then on, the change is recorded whatever
    /// happens to the command's output, and the caller must not say otherwise.
    public var landed: (@Sendable (String) -> Void)?
    /// Set by `improve record`: the baseline its change sets (see ``RecordedSnapshot``),
    /// filled in by the change and recorded under the lock once the plan is written.
    public var baseline: RecordedSnapshot.Pending?
    /// Today for the command making the changes: what a plan's history is
    /// checked against, and when a change is recorded in the undo journal.
    public var today: Today
    /// What a relative plan path is read from (errors name it as typed).
    public var workingFolder: WorkingFolder

    public init(today: Today, workingFolder: WorkingFolder, lockTimeout: Double = 5, user: String? = nil) {
        self.today = today
        self.workingFolder = workingFolder
        self.lockTimeout = lockTimeout
        self.user = user
    }

    /// Applies a change to the plan in a file.
    ///
    /// - Parameters:
    ///   - file: the plan file, its real path worked out once (a symbolic link
    ///     updates the file it points to).
    ///   - action: when the change is to one action, its id, exact or as typed
    ///     (any case or spacing; `PLAN:ID` is left to the whole read): if the
    ///     file still has the bytes last written after a whole check
    ///     (``CheckedFingerprint``), only that action is read and `change` gets
    ///     a plan holding just it (with the plan's own fields, themes and
    ///     recommendations); the change is checked as it would be in the whole
    ///     plan and spliced back. Otherwise the plan is read whole.
    ///   - change: edits the freshly read plan and says what it did; it may throw
    ///     to refuse the change, and then nothing is written.
    /// - Returns: what `change` returned, with the plan as written and as it
    ///   was before. (A command that exits soon after can keep both until it
    ///   exits rather than spend time freeing them.)
    /// - Throws: ``PlanError`` when the plan cannot be read or is invalid,
    ///   ``PlanWriteError`` when it cannot be locked or written or the result
    ///   would not validate, or whatever `change` throws.
    public func update<Result>(file planFile: PlanFile, action: String? = nil, _ change: (inout Plan) throws -> RecordedChange<Result>) throws
        -> (plan: Plan, result: Result, previous: Plan)
    {
        let (path, file) = (planFile.realPath, planFile.path)
        try PlanLoader.checkReadable(file: file, relativeTo: workingFolder)  // a missing plan is "not found", not a lock error
        try AtomicFile.checkWritable(path, displayName: file)
        let lock = try PlanLock(planPath: path, displayName: file, timeout: lockTimeout)
        AtomicFile.removeStaleTemporaries(of: path)
        try Sidecar.checkAll(of: path, shownAs: file)
        defer { withExtendedLifetime(lock) {} }
        if let action, let done = try changeOneAction(action, in: planFile, change) { return done }
        let (original, bytes, layout) = try PlanLoader.loadForChange(file: path, shownAs: file, relativeTo: workingFolder, today: today)
        var plan = original
        let recorded = try change(&plan)
        let record = JournalRecord(recorded: PlanStore.timestamp(today.moment), description: recorded.description, by: user,
                                   group: group, changes: UndoJournal.changes(from: original, to: plan))
        try write(plan, to: path, displayName: file, replacing: layout.map { (bytes, $0, original) }, journal: record, before: original)
        return (plan, recorded.result, original)
    }

    /// The change to one action of a plan whose bytes were checked whole when
    /// last written, reading only that action; `nil` when the plan must be read
    /// whole (other bytes, no such single action, or a change that cannot be spliced).
    private func changeOneAction<Result>(_ typed: String, in file: PlanFile,
                                         _ change: (inout Plan) throws -> RecordedChange<Result>) throws
        -> (plan: Plan, result: Result, previous: Plan)?
    {
        let (path, displayName) = (file.realPath, file.path)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = Array(data)
        // PLAN:ID, and a file last checked with history later than may be recorded now (a clock
        // set back), are left to the whole read, which judges them as the reader would.
        guard !typed.contains(":"), let checked = CheckedFingerprint.latestIfUnchanged(bytes, planPath: path),
              checked.map({ $0 <= today.latestRecordable }) ?? true,
              case let wanted = IdentifierMatcher.normalise(typed),
              let (original, layout) = PlanLoader.actionForChange(bytes: bytes, today: today, keeping: { IdentifierMatcher.normalise($0) == wanted }),
              original.actions.count == 1, let positions = layout.actionPositions else { return nil }
        var plan = original
        let recorded = try change(&plan)
        // What the change could break: the action it changed, and the plan's own fields and lists.
        do {
            try validate(plan, over: original, displayName: displayName)
        } catch {
            guard case .wouldNotValidate(let file, let found) = error else { throw error }
            var problems = found
            // Paths name the action's place in the file, not among the actions read.
            let read = FormatPath(.actions)[0].description, whole = FormatPath(.actions)[positions[0]].description
            for index in problems.indices where problems[index].path.hasPrefix(read) {
                problems[index].path = whole + problems[index].path.dropFirst(read.count)
            }
            throw PlanWriteError.wouldNotValidate(path: file, problems: problems)
        }
        guard let spliced = PlanSplice.bytes(bytes, layout: layout, original: original, changed: plan) else { return nil }
        // The journal names the action's place in the whole plan.
        var changes = UndoJournal.changes(from: original, to: plan)
        for index in changes.indices where changes[index].kind == .action {
            changes[index].index = positions[min(changes[index].index, positions.count - 1)]
        }
        let record = JournalRecord(recorded: PlanStore.timestamp(today.moment), description: recorded.description, by: user,
                                   group: group, changes: changes)
        let latest = [checked, plan.actions.first?.history.last?.date].compactMap { $0 }.max()
        try writeBytes(spliced, to: path, journal: record, latest: latest)
        return (plan, recorded.result, original)
    }

    /// Takes the plan as it is now as the baseline hand edits are seen
    /// against (see ``RecordedSnapshot``), under its lock, without changing it:
    /// for `improve record` on a plan with no baseline, or whose changes have
    /// no history entry to record them.
    public func takeBaseline(file planFile: PlanFile) throws {
        let (path, file) = (planFile.realPath, planFile.path)
        try PlanLoader.checkReadable(file: file, relativeTo: workingFolder)
        try AtomicFile.checkWritable(path, displayName: file)
        let lock = try PlanLock(planPath: path, displayName: file, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        let (_, bytes, _) = try PlanLoader.loadForChange(file: path, shownAs: file, relativeTo: workingFolder, today: today)
        RecordedSnapshot.record(bytes, planPath: path)
    }

    /// Writes a new plan file; refuses to overwrite an existing one.
    ///
    /// - Throws: ``PlanWriteError/alreadyExists(path:)``, or
    ///   ``PlanWriteError/wouldNotValidate(path:problems:)`` for an invalid plan.
    /// Refuses a plan file that could not be created: one already there, in a folder that is not,
    /// or that may not be written. ``create(_:at:)`` checks it again; a command that works long
    /// before it creates (an import reading a large file) asks first, so as not to make the user wait for it.
    public func checkCreatable(_ file: String) throws(PlanWriteError) {
        var info = stat()
        let path = workingFolder.resolve(file)
        if stat(path, &info) == 0 { throw .alreadyExists(path: file) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if stat(folder, &info) != 0, errno == ENOENT || errno == ENOTDIR { throw .noFolder(path: file) }
        try AtomicFile.checkWritable(path, displayName: file)
    }

    /// Checks a new plan by the rules ``create(_:at:)`` writes it with, writing nothing (an import's dry run).
    ///
    /// - Throws: ``PlanWriteError/wouldNotValidate(path:problems:)``.
    public func checkValid(_ plan: Plan, at file: String) throws(PlanWriteError) {
        try validate(plan, over: nil, displayName: file)
    }

    public func create(_ plan: Plan, at file: String) throws(PlanWriteError) {
        try validate(plan, over: nil, displayName: file)
        // Under the file's lock, so that a temporary file a killed creator left behind can be removed;
        // what would refuse the write is said first, as the write itself says it.
        try checkCreatable(file)
        let path = workingFolder.resolve(file)
        // Worked out before the file is there: its folder's real path and its name.
        let realPath = PlanFile(file, relativeTo: workingFolder).realPath
        let lock = try PlanLock(planPath: realPath, displayName: file, timeout: lockTimeout)
        defer { withExtendedLifetime(lock) {} }
        AtomicFile.removeStaleTemporaries(of: realPath)
        let bytes = JSONWriter.bytes(from: plan.jsonValue())
        try AtomicFile.replace(path, with: bytes, mustNotExist: true, shownAs: file)
        landed?(file)
        // The file is there now, so its real path is its own (a folder reached through a link resolved).
        RecordedSnapshot.record(bytes, planPath: PlanFile(file, relativeTo: workingFolder).realPath)
    }

    /// The changes recorded for a plan that are in it, newest first: when,
    /// what, and the account that made it when known (a record whose change
    /// never reached the plan does not count).
    ///
    /// - Throws: ``PlanError`` when the plan cannot be read or is invalid (the
    ///   records that landed cannot be told then);
    ///   ``PlanWriteError/unsafeSidecar(path:problem:)`` for a journal that
    ///   is a link or someone else's.
    public func recordedChanges(file: PlanFile) throws -> [(recorded: String, description: String, user: String?)] {
        try landedRecords(file: file).reversed().map { ($0.recorded, $0.description, $0.by) }
    }

    /// When the latest change recorded for a plan was made, and what it was
    /// (a record whose change never reached the plan does not count).
    ///
    /// - Throws: as ``recordedChanges(file:)``.
    public func latestChange(file: PlanFile) throws -> (recorded: String, description: String, group: String?, user: String?)? {
        try landedRecords(file: file).last.map { ($0.recorded, $0.description, $0.group, $0.by) }
    }

    /// The journal's records whose changes are in the plan, oldest first.
    ///
    /// A plan with no journal has none, and is not read: `undo` across a
    /// folder of 1,500 plans reads only the plans that have a journal.
    private func landedRecords(file: PlanFile) throws -> [JournalRecord] {
        let path = file.realPath
        try Sidecar.checkAll(of: path, shownAs: file.path)
        let records = try UndoJournal.records(for: path)
        guard !records.isEmpty else { return [] }
        let plan = try PlanLoader.load(file: file.path, relativeTo: workingFolder, today: today).plan
        return UndoJournal.landedRecords(records, current: plan)
    }

    /// Whether a change recorded by `user` is another account's (one recorded without an account is not).
    public func isSomeoneElse(_ user: String?) -> Bool {
        guard let user else { return false }
        return user.lowercased() != self.user?.lowercased()
    }

    /// Reverses the latest change `improve` recorded to a plan.
    ///
    /// - Returns: the description of the change that was reversed.
    /// - Throws: ``PlanWriteError/nothingToUndo(path:)`` when there is none,
    ///   ``PlanWriteError/changedSince(path:entry:)`` when an entry it touched
    ///   has changed since, or any error of reading or writing.
    ///   - dryRun: check everything undo would, and say what it would reverse,
    ///     without writing.
    ///   - othersAllowed: whether a change recorded by another user than this
    ///     store's ``user`` may be undone; when not, it is refused
    ///     (``PlanWriteError/someoneElsesChange(path:by:description:recorded:)``).
    ///   - expecting: when given, the `recorded` time of the change the caller
    ///     means to undo (one confirmed by a person); should the latest change
    ///     be another by now, nothing is undone
    ///     (``PlanWriteError/latestChangeMoved(path:description:)``).
    ///     Changes recorded without a user (older journals) are not refused.
    public func undo(file planFile: PlanFile, dryRun: Bool = false, othersAllowed: Bool = true, expecting: String? = nil) throws -> String {
        let (path, file) = (planFile.realPath, planFile.path)
        try PlanLoader.checkReadable(file: file, relativeTo: workingFolder)
        try AtomicFile.checkWritable(path, displayName: file)
        let lock = try PlanLock(planPath: path, displayName: file, timeout: lockTimeout)
        AtomicFile.removeStaleTemporaries(of: path)
        try Sidecar.checkAll(of: path, shownAs: file)
        var records = try UndoJournal.records(for: path)
        let (original, bytes, layout) = try PlanLoader.loadForChange(file: path, shownAs: file, relativeTo: workingFolder, today: today)
        // A record whose change never reached the plan (a crash between the
        // two writes) is not undone: it is dropped.
        if let entry = UndoJournal.dropUnlanded(&records, current: original) {
            throw PlanWriteError.changedSince(path: file, entry: entry)
        }
        guard let last = records.popLast() else { throw PlanWriteError.nothingToUndo(path: file) }
        if let expecting, expecting != last.recorded {
            throw PlanWriteError.latestChangeMoved(path: file, description: last.description)
        }
        if !othersAllowed, !dryRun, isSomeoneElse(last.by), let by = last.by {
            throw PlanWriteError.someoneElsesChange(path: file, by: by, description: last.description, recorded: last.recorded)
        }
        var plan = original
        for change in last.changes.reversed() {
            // An entry the journal holds but that cannot be read is never taken for "no entry".
            func decoded<Entry>(_ decode: (JSONValue) -> Entry?) throws(PlanWriteError) -> Entry? {
                guard let before = change.before else { return nil }
                guard let entry = decode(before) else {
                    throw .unreadableJournal(path: file, entry: "\(change.kind.rawValue) \(change.id)")
                }
                return entry
            }
            switch change.kind {
            case .action:
                plan.actions.replace(id: change.id, at: change.index, with: try decoded(PlanFormat.decodeAction), id: \.id)
            case .recommendation:
                plan.recommendations.replace(id: change.id, at: change.index, with: try decoded(PlanFormat.decodeRecommendation), id: \.id)
            case .theme:
                plan.themes.replace(id: change.id, at: change.index, with: try decoded(PlanFormat.decodeTheme), id: \.id)
            case .boardMeetings:
                plan.boardMeetings = try decoded(UndoJournal.boardMeetings) ?? []
            }
        }
        if dryRun {
            try validate(plan, over: original, displayName: file)
            withExtendedLifetime(lock) {}
            return last.description
        }
        try write(plan, to: path, displayName: file, replacing: layout.map { (bytes, $0, original) }, journal: nil,
                  before: original, undoing: true)
        // The undo is done. Should dropping its record fail, the record's change
        // is no longer in the plan, so it is dropped as never landed when the
        // journal is next read: nothing to report.
        try? UndoJournal.rewrite(records, for: path)
        withExtendedLifetime(lock) {}
        return last.description
    }

    /// Checks a plan about to be written by the rules it will be read with.
    private func validate(_ plan: Plan, over original: Plan?, displayName: String) throws(PlanWriteError) {
        let problems = PlanFormat.problemsWriting(plan, over: original, file: displayName)
            + PlanValidator.problems(in: plan, file: displayName, latestRecordable: today.latestRecordable)
        if problems.contains(where: { $0.severity == .error }) {
            throw .wouldNotValidate(path: displayName, problems: problems)
        }
    }

    /// Validates and writes a changed plan, with its journal record.
    ///
    /// The record is written (and synced) before the plan is replaced, so that
    /// after a crash at any moment either both are there or only the record
    /// is, and a record whose change is not in the plan is dropped when the
    /// journal is next read. When replacing the plan fails, the record is
    /// taken back and the plan is as it was.
    ///
    /// - Parameters:
    ///   - previous: the file's bytes as read, where its entries lie and the
    ///     plan they hold; when given, only the changed entries are re-encoded
    ///     if ``PlanSplice`` can do so (see there).
    ///   - journal: the record of the change, or `nil` (an undo).
    private func write(_ plan: Plan, to path: String, displayName: String,
                       replacing previous: (bytes: [UInt8], layout: PlanLayout, plan: Plan)?,
                       journal record: JournalRecord?, before: Plan? = nil, undoing: Bool = false) throws(PlanWriteError) {
        // The changed plan must keep every rule the loader checks; the encoding
        // itself is proven to load back identically by the round-trip tests.
        try validate(plan, over: previous?.plan, displayName: displayName)
        let spliced = previous.flatMap { PlanSplice.bytes($0.bytes, layout: $0.layout, original: $0.plan, changed: plan) }
        try writeBytes(spliced ?? JSONWriter.bytes(from: plan.jsonValue()), to: path, journal: record,
                       latest: CheckedFingerprint.latest(in: plan), before: before, after: plan, undoing: undoing)
    }

    /// Writes a checked plan's bytes with its journal record, then notes them as checked.
    private func writeBytes(_ bytes: [UInt8], to path: String, journal record: JournalRecord?, latest: CalendarDate?,
                            before: Plan? = nil, after: Plan? = nil, undoing: Bool = false) throws(PlanWriteError) {
        let baselineWasCurrent = RecordedSnapshot.isCurrent(path)
        let mark = try record.map { record throws(PlanWriteError) in try UndoJournal.append(record, for: path) }
        do {
            try AtomicFile.replace(path, with: bytes)
        } catch {
            if let mark { UndoJournal.takeBack(to: mark, for: path) }
            throw error
        }
        landed?(path)
        CheckedFingerprint.record(bytes, planPath: path, latest: latest)
        if let baseline = baseline?.baseline {
            RecordedSnapshot.record(baseline: baseline, planPath: path)
        } else {
            RecordedSnapshot.afterWrite(bytes, planPath: path, wasCurrent: baselineWasCurrent, before: before, after: after, undoing: undoing,
                                        today: today)
        }
    }

    /// When a change was recorded, as the journal keeps it (UTC, to the millisecond).
    static func timestamp(_ date: Date) -> String {
        TimestampText.iso8601(date, milliseconds: true)
    }
}

extension Array {
    /// Puts back, replaces or removes the element with an id.
    mutating func replace(id: String, at index: Int, with element: Element?, id key: (Element) -> String) {
        let current = firstIndex { key($0) == id }
        switch (current, element) {
        case (let position?, let element?): self[position] = element
        case (let position?, nil): remove(at: position)
        case (nil, let element?): insert(element, at: Swift.min(index, count))
        case (nil, nil): break
        }
    }
}

/// The store's operations for a caller that holds a bare path: each names the file once, as a ``PlanFile``.
extension PlanStore {
    public func update<Result>(file: String, action: String? = nil, _ change: (inout Plan) throws -> RecordedChange<Result>) throws
        -> (plan: Plan, result: Result, previous: Plan)
    {
        try update(file: PlanFile(file, relativeTo: workingFolder), action: action, change)
    }

    public func takeBaseline(file: String) throws { try takeBaseline(file: PlanFile(file, relativeTo: workingFolder)) }

    public func recordedChanges(file: String) throws -> [(recorded: String, description: String, user: String?)] {
        try recordedChanges(file: PlanFile(file, relativeTo: workingFolder))
    }

    public func latestChange(file: String) throws -> (recorded: String, description: String, group: String?, user: String?)? {
        try latestChange(file: PlanFile(file, relativeTo: workingFolder))
    }

    public func undo(file: String, dryRun: Bool = false, othersAllowed: Bool = true, expecting: String? = nil) throws -> String {
        try undo(file: PlanFile(file, relativeTo: workingFolder), dryRun: dryRun, othersAllowed: othersAllowed, expecting: expecting)
    }
}
