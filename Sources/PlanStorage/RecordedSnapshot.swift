import FoundationEssentials
import Glibc
import PlanJSON
import PlanKit

/// The plan as `improve` last wrote or recorded it, kept beside it
/// (`.NAME.json.recorded`): the baseline against which a hand edit is seen
/// (see ``HandEdits``).
///
/// The file is one line, the identity (inode and status-change time) of the
/// plan file known to have nothing unrecorded since the baseline, then the
/// baseline's bytes. While the plan still has that identity, a reader knows
/// without reading further that nothing changed by hand (no write can leave
/// the status-change time as it was); otherwise it reads the baseline and
/// compares.
///
/// Written under the plan's lock after every change `improve` makes, but only
/// from a plan that had nothing unrecorded: a change to a hand-edited plan
/// leaves the baseline as it was, so that the hand edit is still named after
/// it. Best effort, like the fingerprint: a baseline lost costs the warnings
/// until the next change, never a change.
public enum RecordedSnapshot {
    public static func path(for planPath: String) -> String { Sidecar.path(.recorded, of: planPath) }

    /// What a reader learns about a plan's hand edits.
    public enum Finding: Sendable, Equatable {
        /// No baseline (a plan never written by this `improve`, a fresh clone): nothing to compare with.
        case noBaseline
        /// The baseline, and what changed since without an entry (possibly nothing).
        case compared(baseline: Plan, edits: HandEdits)
    }

    /// The plan file's identity, as the header records it.
    static func identity(_ planPath: String) -> String? {
        var info = stat()
        guard stat(planPath, &info) == 0 else { return nil }
        return "\(info.st_ino) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// The header and the baseline's bytes, or `nil` when there is none (or it is not one of ours).
    static func read(_ planPath: String) -> (identity: String, bytes: [UInt8])? {
        // As every sidecar is read: never through a link, nor one someone who may not change the plan made.
        guard let bytes = try? Sidecar.bytes(path(for: planPath), of: planPath) else { return nil }
        guard let newline = bytes.firstIndex(of: 10) else { return nil }
        return (String(decoding: bytes[..<newline], as: UTF8.self), Array(bytes[(newline + 1)...]))
    }

    /// Whether the plan has its identity as the baseline was last known to
    /// match it: one small read and a `stat`, the check every reader makes first.
    static func isCurrent(_ planPath: String) -> Bool? {
        guard let file = fopen(path(for: planPath), "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, 128, file) != nil else { return false }
        let header = String(cString: line).trimming(.newlines)
        return header == identity(planPath)
    }

    /// What changed in the plan `current`, read from `planPath`, since the
    /// baseline: `.compared` with no edits at once when the plan is as the
    /// baseline was last known to match.
    /// (`planPath` is absolute, or relative to `folder`; `today` is what the baseline's history is read against.)
    public static func finding(planPath: String, current: Plan, relativeTo folder: WorkingFolder, today: Today) -> Finding {
        let path = PlanFile(planPath, relativeTo: folder).realPath
        guard let current0 = isCurrent(path) else { return .noBaseline }
        if current0 { return .compared(baseline: current, edits: HandEdits()) }
        guard let (_, bytes) = read(path), let baseline = PlanLoader.check(bytes: bytes, file: path, today: today).plan else { return .noBaseline }
        return .compared(baseline: baseline, edits: HandEdits(since: baseline, in: current))
    }

    /// Only whether a plan has hand edits: the quick answer for a reader.
    public static func handEdits(planPath: String, current: Plan, relativeTo folder: WorkingFolder, today: Today) -> HandEdits? {
        guard case .compared(_, let edits) = finding(planPath: planPath, current: current, relativeTo: folder, today: today),
              !edits.isEmpty else { return nil }
        return edits
    }

    /// Records `bytes`, just written to the plan, as the baseline, with the plan's permissions.
    static func record(_ bytes: [UInt8], planPath: String) {
        guard let identity = identity(planPath) else { return }
        // Not synced, as the fingerprint is not: a baseline lost in a crash costs only the next
        // comparison (a missing one says nothing), and syncing a second copy of the plan made
        // an update of a 10,000-action file half as slow again.
        try? AtomicFile.replace(path(for: planPath), with: Array((identity + "\n").utf8) + bytes, like: planPath, durable: false)
    }

    /// Records a baseline that is not the plan's bytes (see `improve record`), known to match the plan as it is.
    static func record(baseline: Plan, planPath: String) {
        guard let identity = identity(planPath) else { return }
        try? AtomicFile.replace(path(for: planPath), with: Array((identity + "\n").utf8) + JSONWriter.bytes(from: baseline.jsonValue()),
                                like: planPath, durable: false)
    }

    /// After `improve` wrote `plan` as `bytes` over a file that was `before`:
    /// the baseline becomes what was written when the plan had nothing
    /// unrecorded before (or no baseline yet); otherwise it stays, so that
    /// the hand edits are still named.
    ///
    /// - Parameters:
    ///   - wasCurrent: the header matched the plan before the write (``isCurrent(_:)``).
    ///   - undoing: the write is an undo (entries of the baseline were taken back, see ``HandEdits``).
    /// A baseline a change sets itself (`improve record`'s), handed to the store under the lock.
    public final class Pending: @unchecked Sendable {
        public var baseline: Plan?
        public init() {}
    }

    static func afterWrite(_ bytes: [UInt8], planPath: String, wasCurrent: Bool?, before: Plan?, after: Plan?, undoing: Bool, today: Today) {
        switch wasCurrent {
        case nil:
            record(bytes, planPath: planPath)
        case true? where !undoing:
            record(bytes, planPath: planPath)
        default:
            // Compared only when the plan was read whole; a one-action change to a plan
            // whose baseline is not current leaves the baseline for the next whole change.
            guard let after, let (_, old) = read(planPath), let baseline = PlanLoader.check(bytes: old, file: planPath, today: today).plan else { return }
            if undoing {
                var edits = HandEdits(since: baseline, in: after, undoing: true)
                // What the undo itself took back is improve's change, when the baseline was the plan it undid.
                if wasCurrent == true, let before { edits = edits.leaving(changesFrom: before, to: after) }
                if edits.isEmpty { record(bytes, planPath: planPath) }
            } else if let before, HandEdits(since: baseline, in: before).isEmpty {
                record(bytes, planPath: planPath)
            }
        }
    }
}
