import PlanKit

import FoundationEssentials
import Glibc

/// Replaces files so that, whatever happens to the process or the machine,
/// the file holds either its old content or its new content, never a mix.
enum AtomicFile {
    /// The file kept beside a plan, hidden, with a suffix: `plans/.NAME.json.undo`
    /// for `plans/NAME.json` (a relative path stays relative). The kinds are
    /// listed once, in ``SidecarKind``.
    static func sidecar(of planPath: String, _ suffix: String) -> String {
        guard let slash = planPath.lastIndex(of: "/") else { return ".\(planPath).\(suffix)" }
        return "\(planPath[...slash]).\(planPath[planPath.index(after: slash)...]).\(suffix)"
    }

    /// Checks that a file and its folder may be written: a file or folder
    /// without write permission is refused even for the superuser, who could
    /// otherwise replace it; so is a file of another account in a folder with
    /// the sticky bit, which only its owner may replace.
    ///
    /// - Parameters:
    ///   - path: the file's real path.
    ///   - displayName: the name to report, as the user gave it.
    /// - Throws: ``PlanWriteError/readOnly(path:what:)``, ``PlanWriteError/stickyFolder(path:owner:folder:)``.
    static func checkWritable(_ path: String, displayName: String? = nil) throws(PlanWriteError) {
        let name = displayName ?? path
        let folder = PathText.parent(of: path).isEmpty ? "." : PathText.parent(of: path)
        var info = stat()
        let exists = stat(path, &info) == 0
        if exists, info.st_mode & 0o222 == 0 || access(path, W_OK) != 0 {
            throw .readOnly(path: name, what: "the plan file")
        }
        var folderInfo = stat()
        if stat(folder, &folderInfo) == 0, folderInfo.st_mode & 0o222 == 0 || access(folder, W_OK) != 0 {
            throw .readOnly(path: name, what: "its folder")
        }
        if exists, let refusal = stickyRefusal(file: info, folder: folderInfo, name: name) { throw refusal }
    }

    /// The refusal to replace a file of another account in a folder with the
    /// sticky bit (rename fails there for all but the file's or folder's owner
    /// and the superuser), or `nil` when it may be replaced.
    static func stickyRefusal(file: stat, folder: stat, name: String) -> PlanWriteError? {
        let me = geteuid()
        guard folder.st_mode & S_ISVTX != 0, me != 0, file.st_uid != me, folder.st_uid != me else { return nil }
        let owner = getpwuid(file.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "user \(file.st_uid)"
        let shown = PathText.parent(of: name)
        return .stickyFolder(path: name, owner: owner, folder: shown.isEmpty ? "." : shown)
    }

    /// Removes temporary files a killed writer left beside a plan: its own
    /// and its sidecars' (``SidecarKind``). Call only while holding the
    /// plan's lock: only lock holders create them.
    static func removeStaleTemporaries(of path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let prefixes = [".\(name).tmp-"] + SidecarKind.allCases.map { ".\(sidecar(of: name, $0.suffix)).tmp-" }
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        where prefixes.contains(where: { entry.hasPrefix($0) }) {
            unlink(folder + "/" + entry)
        }
    }

    /// Writes `bytes` to a temporary file in the same folder, fsyncs it, gives
    /// it the old file's permissions, renames it over `path` and fsyncs the folder.
    ///
    /// - Parameters:
    ///   - path: the file's real path.
    ///   - bytes: the new content.
    ///   - mustNotExist: refuse when the file already exists (for new files).
    ///   - model: for a sidecar, its plan: the file must be one that may be
    ///     used (``Sidecar/check(_:of:)``), and takes the plan's owner (when
    ///     the superuser writes it), group and permission bits.
    ///   - durable: whether to fsync the file and its folder (not for a file
    ///     whose loss in a crash costs only time, such as the fingerprint).
    ///   - displayName: the name errors give the file, as the user typed it (else `path`).
    /// - Throws: ``PlanWriteError``; no temporary file is left behind.
    static func replace(_ path: String, with bytes: [UInt8], mustNotExist: Bool = false,
                        like model: String? = nil, durable: Bool = true, shownAs displayName: String? = nil) throws(PlanWriteError) {
        let name = displayName ?? path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var info = stat()
        var exists = stat(path, &info) == 0
        if mustNotExist, exists { throw .alreadyExists(path: name) }
        var folderInfo = stat()
        if stat(folder, &folderInfo) != 0, errno == ENOENT || errno == ENOTDIR { throw .noFolder(path: name) }
        if let model { try Sidecar.check(path, of: model) }
        try checkWritable(path, displayName: name)
        // A sidecar file takes its plan's permissions, so that it is shared as the plan is.
        if let model, stat(model, &info) == 0 {
            info.st_mode &= 0o666
            exists = true
        }
        let mode: mode_t = exists ? info.st_mode & 0o7777 : 0o666 & ~currentUmask()
        var template = Array("\(folder)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            if errno == EACCES || errno == EROFS { throw .readOnly(path: name, what: "its folder") }
            if mustNotExist { throw .createFailed(path: name, reason: String(cString: strerror(errno))) }
            throw .writeFailed(path: name, reason: String(cString: strerror(errno)))
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        func fail(_ reason: String) -> PlanWriteError {
            close(fd)
            unlink(temporary)
            return mustNotExist ? .createFailed(path: name, reason: reason) : .writeFailed(path: name, reason: reason)
        }
        if fchmod(fd, mode) != 0 { throw fail(String(cString: strerror(errno))) }
        if exists {
            // The superuser keeps the owner too; anyone keeps the group when they are in it.
            if getuid() == 0 {
                _ = fchown(fd, info.st_uid, info.st_gid)
            } else {
                _ = fchown(fd, uid_t.max, info.st_gid)
            }
        }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                throw fail(String(cString: strerror(errno)))
            }
            written += result
        }
        if durable, fsync(fd) != 0 { throw fail(String(cString: strerror(errno))) }
        if close(fd) != 0 {
            unlink(temporary)
            throw .writeFailed(path: name, reason: String(cString: strerror(errno)))
        }
        if mustNotExist {
            // link() fails if the name exists, so a concurrent `new` cannot be overwritten.
            guard link(temporary, path) == 0 else {
                let error = errno
                unlink(temporary)
                if error == EEXIST { throw .alreadyExists(path: name) }
                throw .writeFailed(path: name, reason: String(cString: strerror(error)))
            }
            unlink(temporary)
        } else if rename(temporary, path) != 0 {
            let error = errno
            unlink(temporary)
            var file = stat()
            if error == EPERM || error == EACCES, lstat(path, &file) == 0, stat(folder, &folderInfo) == 0,
               let refusal = stickyRefusal(file: file, folder: folderInfo, name: name) {
                throw refusal
            }
            throw .writeFailed(path: name, reason: String(cString: strerror(error)))
        }
        let folderFD = durable ? open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    /// The process's file-creation mask, read without changing it (from
    /// `/proc/self/status`) where the system says it: setting it to read it
    /// and back would, for that moment, give another thread's new file the
    /// wrong mode (commands run in parallel in one process in the tests).
    static func currentUmask() -> mode_t {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
           let mask = mode_t(line.dropFirst("Umask:".count).trimming(.whitespaces), radix: 8) {
            return mask
        }
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
