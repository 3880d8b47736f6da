import PlanKit

import FoundationEssentials
import Glibc

/// An exclusive lock on a plan, held with `flock` on a sidecar file beside it
/// (`.NAME.json.lock`), so that concurrent updates serialise.
///
/// The lock is held from re-reading the plan until its new version is in
/// place; the lock file itself is never removed, which would let two
/// processes lock different files.
final class PlanLock {
    private let descriptor: Int32

    /// The sidecar lock file's path for a plan file.
    static func lockPath(for planPath: String) -> String { Sidecar.path(.lock, of: planPath) }

    /// Waits for the plan's lock.
    ///
    /// - Parameters:
    ///   - planPath: the plan file's real path (symbolic links resolved).
    ///   - timeout: how long to wait, in seconds.
    /// - Throws: ``PlanWriteError/lockTimeout(path:seconds:)`` when another
    ///   process holds it longer; ``PlanWriteError/readOnly(path:what:)`` when
    ///   the lock file cannot be created; ``PlanWriteError/unsafeSidecar(path:problem:)``
    ///   when it is a link, or someone else's (``Sidecar/openSafely(_:of:flags:)``).
    init(planPath: String, displayName: String? = nil, timeout: Double) throws(PlanWriteError) {
        let name = displayName ?? planPath
        let path = PlanLock.lockPath(for: planPath)
        // flock needs only a descriptor, not write access: a lock file made by
        // someone else is opened for reading when it cannot be for writing.
        func opened(_ flags: Int32) throws(PlanWriteError) -> Int32 {
            do {
                return try Sidecar.openSafely(path, of: planPath, flags: flags)
            } catch .unsafeSidecar(_, let problem) {
                throw .unsafeSidecar(path: Sidecar.path(.lock, of: name), problem: problem)
            }
        }
        var fd: Int32
        do {
            fd = try opened(O_RDWR)
        } catch .readOnly {
            do {
                fd = try opened(O_RDONLY)
            } catch .readOnly {
                throw .readOnly(path: name, what: "its folder")
            }
        }
        // A wait, timed on the monotonic clock: setting the wall clock neither ends nor prolongs it.
        let deadline = ContinuousClock.now + .milliseconds(Int64((timeout * 1000).rounded()))
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                close(fd)
                throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
            }
            if ContinuousClock.now >= deadline {
                close(fd)
                throw .lockTimeout(path: name, seconds: timeout)
            }
            usleep(5_000)
        }
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
