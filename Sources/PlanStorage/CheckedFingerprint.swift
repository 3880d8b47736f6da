import FoundationEssentials
import Glibc
import PlanKit

/// A fingerprint of the plan bytes `improve` last wrote after checking the
/// whole plan, kept beside it (`.NAME.json.valid`).
///
/// While a plan file still has exactly those bytes, a change to one action
/// need not read and check the 10,000 it does not touch: it reads that action
/// and the plan's own fields (see ``PlanLoader/actionForChange(bytes:today:keeping:)``),
/// checks what the change could break – that action, the plan's themes,
/// recommendations and scheme – and splices the action back. Any other bytes
/// (an edit by hand, a file from git, a missing or stale fingerprint) are read
/// and checked whole, as always.
enum CheckedFingerprint {
    static func path(for planPath: String) -> String { Sidecar.path(.fingerprint, of: planPath) }

    /// The bytes' length and a 256-bit hash of them: four chains, each taking
    /// every fourth eight-byte word, `h = (h ^ word) × odd`. Each step is one
    /// to one in `h`, so a chain that met a different word never comes back
    /// to the same value: any one change to the bytes changes the fingerprint.
    static func of(_ bytes: [UInt8]) -> String {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9e37_79b9_7f4a_7c15, 0x7f4a_7c15_9e37_79b9)
        bytes.withUnsafeBytes { raw in
            var position = 0
            while position + 32 <= raw.count {
                lanes.0 = (lanes.0 ^ raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)) &* prime
                lanes.1 = (lanes.1 ^ raw.loadUnaligned(fromByteOffset: position + 8, as: UInt64.self)) &* prime
                lanes.2 = (lanes.2 ^ raw.loadUnaligned(fromByteOffset: position + 16, as: UInt64.self)) &* prime
                lanes.3 = (lanes.3 ^ raw.loadUnaligned(fromByteOffset: position + 24, as: UInt64.self)) &* prime
                position += 32
            }
            while position < raw.count {
                lanes.0 = (lanes.0 ^ UInt64(raw[position])) &* prime
                position += 1
            }
        }
        return "\(bytes.count):" + [lanes.0, lanes.1, lanes.2, lanes.3].map { String($0, radix: 16) }.joined(separator: "-")
    }

    /// What the file must still be for its check to stand: its inode and
    /// status-change time (which an editor cannot set back), then the bytes.
    private static func identity(_ planPath: String) -> String? {
        var info = stat()
        guard stat(planPath, &info) == 0 else { return nil }
        return "\(info.st_ino) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
    }

    /// When the file is as last written after a whole check: the latest day
    /// of its history then (`.some(nil)` for none); otherwise `nil`.
    ///
    /// This detects every change made since by another program or by hand
    /// (its status-change time moves, and the hash sees the bytes); it is not
    /// a defence against someone who forges the fingerprint file, who could
    /// as well write any plan.
    static func latestIfUnchanged(_ bytes: [UInt8], planPath: String) -> CalendarDate?? {
        // One that is a link or someone else's is not believed (a change refuses it first, see Sidecar.checkAll).
        guard let data = try? Sidecar.bytes(path(for: planPath), of: planPath), let identity = identity(planPath) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == of(bytes), "\(parts[1]) \(parts[2])" == identity else { return nil }
        if parts[3] == "-" { return .some(nil) }
        guard let latest = CalendarDate(iso: parts[3]) else { return nil }
        return .some(latest)
    }

    /// Records the bytes just written, after the plan itself is synced, with
    /// the latest day of its history (a later check is not valid before it).
    ///
    /// Written as the plan is (``AtomicFile/replace(_:with:mustNotExist:like:durable:shownAs:)``:
    /// the plan's permissions and group, never through a link, its temporary
    /// file removed under the lock should the writer be killed), but best
    /// effort and not synced: a fingerprint lost in a crash costs the next
    /// change a whole read, and one left from before matches no newer bytes.
    static func record(_ bytes: [UInt8], planPath: String, latest: CalendarDate?) {
        guard let identity = identity(planPath) else { return }
        let text = "\(of(bytes)) \(identity) \(latest?.description ?? "-")"
        try? AtomicFile.replace(path(for: planPath), with: Array(text.utf8), like: planPath, durable: false)
    }

    /// The latest day of a plan's history.
    static func latest(in plan: Plan) -> CalendarDate? {
        plan.actions.compactMap { $0.history.last?.date }.max()
    }
}
