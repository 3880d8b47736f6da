import PlanKit

import Foundation

/// Replaces files so that, whatever happens to the process or the machine,
/// the file holds either its old content or its new content, never a mix.
enum AtomicFile {
    /// The real path of a file: symbolic links resolved, so that a plan
    /// reached through a link updates the file it points to.
    /// The file kept beside a plan, hidden, with a suffix: `plans/.NAME.json.undo`
    /// for `plans/NAME.json` (a relative path stays relative). Every sidecar
    /// (lock, journal, fingerprint, conflicts) is named here.
    static func sidecar(of planPath: String, _ suffix: String) -> String {
        guard let slash = planPath.lastIndex(of: "/") else { return ".\(planPath).\(suffix)" }
        return "\(planPath[...slash]).\(planPath[planPath.index(after: slash)...]).\(suffix)"
    }

    static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Checks that a file and its folder may be written: a file or folder
    /// without write permission is refused even for the superuser, who could
    /// otherwise replace it.
    ///
    /// - Parameters:
    ///   - path: the file's real path.
    ///   - displayName: the name to report, as the user gave it.
    /// - Throws: ``PlanWriteError/readOnly(path:what:)``.
    static func checkWritable(_ path: String, displayName: String? = nil) throws(PlanWriteError) {
        let name = displayName ?? path
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o222 == 0 || access(path, W_OK) != 0 {
            throw .readOnly(path: name, what: "the plan file")
        }
        if stat(folder, &info) == 0, info.st_mode & 0o222 == 0 || access(folder, W_OK) != 0 {
            throw .readOnly(path: name, what: "its folder")
        }
    }

    /// Removes temporary files a killed writer left beside a file. Call only
    /// while holding the file's lock: only lock holders create them.
    static func removeStaleTemporaries(of path: String) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            unlink(folder + "/" + name)
        }
    }

    /// Writes `bytes` to a temporary file in the same folder, fsyncs it, gives
    /// it the old file's permissions, renames it over `path` and fsyncs the folder.
    ///
    /// - Parameters:
    ///   - path: the file's real path.
    ///   - bytes: the new content.
    ///   - mustNotExist: refuse when the file already exists (for new files).
    /// - Throws: ``PlanWriteError``; no temporary file is left behind.
    static func replace(_ path: String, with bytes: [UInt8], mustNotExist: Bool = false,
                        like model: String? = nil) throws(PlanWriteError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var info = stat()
        var exists = stat(path, &info) == 0
        if mustNotExist, exists { throw .alreadyExists(path: path) }
        var folderInfo = stat()
        if stat(folder, &folderInfo) != 0, errno == ENOENT || errno == ENOTDIR { throw .noFolder(path: path) }
        try checkWritable(path)
        // A sidecar file takes its plan's permissions, so that it is shared as the plan is.
        if let model, stat(model, &info) == 0 {
            info.st_mode &= 0o666
            exists = true
        }
        let mode: mode_t = exists ? info.st_mode & 0o7777 : 0o666 & ~currentUmask()
        var template = Array("\(folder)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            if errno == EACCES || errno == EROFS { throw .readOnly(path: path, what: "its folder") }
            if mustNotExist { throw .createFailed(path: path, reason: String(cString: strerror(errno))) }
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        func fail(_ reason: String) -> PlanWriteError {
            close(fd)
            unlink(temporary)
            return mustNotExist ? .createFailed(path: path, reason: reason) : .writeFailed(path: path, reason: reason)
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
        if fsync(fd) != 0 { throw fail(String(cString: strerror(errno))) }
        if close(fd) != 0 {
            unlink(temporary)
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        if mustNotExist {
            // link() fails if the name exists, so a concurrent `new` cannot be overwritten.
            guard link(temporary, path) == 0 else {
                let error = errno
                unlink(temporary)
                if error == EEXIST { throw .alreadyExists(path: path) }
                throw .writeFailed(path: path, reason: String(cString: strerror(error)))
            }
            unlink(temporary)
        } else if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .writeFailed(path: path, reason: reason)
        }
        let folderFD = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    /// The process's file-creation mask.
    static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Opens (creating it if need be) a sidecar file of a plan (its lock or
    /// undo journal) for a team: a new one gets the plan's permission bits,
    /// whatever the umask, and the plan's group, so that everyone who may
    /// write the plan may use it and nobody who may not read the plan can
    /// read it. One created by someone else is used as it is.
    ///
    /// - Parameter flags: how to open it (`O_RDWR`, `O_WRONLY | O_APPEND`).
    /// - Throws: ``PlanWriteError/readOnly(path:what:)`` when it cannot be
    ///   created or opened for lack of permission.
    static func openShared(_ path: String, like planPath: String, flags: Int32) throws(PlanWriteError) -> Int32 {
        var plan = stat()
        let planExists = stat(planPath, &plan) == 0
        let planMode: mode_t = planExists ? plan.st_mode & 0o666 : 0o666 & ~currentUmask()
        var fd = open(path, flags | O_CREAT | O_EXCL | O_CLOEXEC, planMode)
        if fd >= 0 {
            _ = fchmod(fd, planMode)
            if planExists { _ = fchown(fd, uid_t.max, plan.st_gid) }
            return fd
        }
        if errno == EEXIST {
            fd = open(path, flags | O_CLOEXEC)
            // One of ours made before sidecars took the plan's permissions is brought into line.
            var info = stat()
            if fd >= 0, planExists, fstat(fd, &info) == 0, info.st_uid == geteuid(), info.st_mode & 0o777 != planMode {
                _ = fchmod(fd, planMode)
            }
        }
        guard fd >= 0 else {
            if errno == EACCES || errno == EROFS || errno == EPERM {
                throw .readOnly(path: path, what: errno == EROFS ? "its folder" : "\((path as NSString).lastPathComponent), beside it,")
            }
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        return fd
    }
}
