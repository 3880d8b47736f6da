import PlanKit

import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// The files `improve` keeps beside a plan, hidden: `plans/.NAME.json.SUFFIX`
/// for `plans/NAME.json`. One list, so that every check of them (no link,
/// a trusted owner, no wider permissions than the plan's) covers a new kind
/// by adding a case.
public enum SidecarKind: String, CaseIterable, Sendable {
    /// `flock`ed while a change is made (``PlanLock``).
    case lock = "lock"
    /// The records undo reverses (``UndoJournal``).
    case undoJournal = "undo"
    /// The bytes last written after a whole check (``CheckedFingerprint``).
    case fingerprint = "valid"
    /// The conflicts a merge left (``ConflictFile``).
    case conflicts = "conflicts"
    /// The plan as improve last recorded it, to name hand edits (``RecordedSnapshot``).
    case recorded = "recorded"

    /// The name it ends with, after the plan's file name.
    public var suffix: String { rawValue }

    /// What it is, for a message.
    public var what: String {
        switch self {
        case .lock: return "lock file"
        case .undoJournal: return "undo journal"
        case .fingerprint: return "checked-plan fingerprint"
        case .conflicts: return "merge conflicts file"
        case .recorded: return "recorded-plan baseline"
        }
    }
}

/// Why a file beside a plan was not used.
public enum SidecarProblem: Equatable, Sendable {
    /// It is a symbolic link: writing through it would change another file.
    case symbolicLink
    /// It is a folder, a FIFO or another kind of file.
    case notAFile
    /// It belongs to an account that may not change the plan: it could read
    /// what is written to it, or have forged it.
    case foreignOwner(String)
    /// It lets others read or write it who may not read the plan, and the
    /// account running the command may not change its permissions.
    case widerPermissions(mode: UInt32, planMode: UInt32)
}

/// The plan a sidecar belongs to, as far as sharing goes: its owner, group and permission bits.
struct PlanSharing {
    var owner: uid_t
    var group: gid_t
    /// Read and write bits only (a sidecar is never executable).
    var mode: mode_t

    /// The plan's, or `nil` when it does not exist (yet).
    init?(planPath: String) {
        var info = stat()
        guard stat(planPath, &info) == 0 else { return nil }
        owner = info.st_uid
        group = info.st_gid
        mode = info.st_mode & 0o666
    }

    init(owner: uid_t, group: gid_t, mode: mode_t) {
        self.owner = owner
        self.group = group
        self.mode = mode
    }

    /// For a plan about to be created: the account making it, and the umask.
    static var creator: PlanSharing { PlanSharing(owner: geteuid(), group: getegid(), mode: 0o666 & ~AtomicFile.currentUmask()) }

    /// Whether a sidecar owned by an account, in a group, may be trusted: one
    /// of the plan's owner or the superuser; or, for a plan its group may
    /// write, one in the plan's group made by a member of it. Only members
    /// can make a file of the group in a folder others may not write (and in
    /// a setgid folder, only its group's members); in a folder anyone may
    /// write, the system's group list must name the owner as a member.
    func mayOwnSidecar(_ user: uid_t, group fileGroup: gid_t, folder: String) -> Bool {
        if user == owner || user == 0 { return true }
        guard mode & 0o020 != 0, fileGroup == group else { return false }
        var folderInfo = stat()
        if stat(folder, &folderInfo) == 0, folderInfo.st_mode & 0o002 == 0 { return true }
        guard let account = getpwuid(user) else { return false }
        if account.pointee.pw_gid == group { return true }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(account.pointee.pw_name, account.pointee.pw_gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(account.pointee.pw_name, account.pointee.pw_gid, &groups, &count) >= 0 else { return false }
        }
        return groups.prefix(Int(count)).contains(group)
    }

    /// Whether a file with this group and mode lets anyone read or write it
    /// whom the plan does not let.
    func isWider(mode fileMode: mode_t, group fileGroup: gid_t) -> Bool {
        let others = fileMode & 0o007 & ~(mode & 0o007)
        // Its group's bits count against the plan's group bits only when it is the plan's group.
        let groupAllowed = fileGroup == group ? mode & 0o070 : (mode & 0o007) << 3
        return others != 0 || fileMode & 0o070 & ~groupAllowed != 0
    }
}

enum Sidecar {
    /// `plans/.NAME.json.SUFFIX` for `plans/NAME.json` (a relative path stays relative).
    static func path(_ kind: SidecarKind, of planPath: String) -> String { AtomicFile.sidecar(of: planPath, kind.suffix) }

    /// Checks every sidecar of a plan that is there (see ``check(_:of:)``),
    /// so that a command refuses before it writes anything.
    ///
    /// - Parameter displayName: the plan as the user named it, for the
    ///   sidecar's name in the error.
    static func checkAll(of planPath: String, shownAs displayName: String) throws(PlanWriteError) {
        for kind in SidecarKind.allCases {
            do {
                try check(path(kind, of: planPath), of: planPath)
            } catch .unsafeSidecar(_, let problem) {
                throw .unsafeSidecar(path: path(kind, of: displayName), problem: problem)
            }
        }
    }

    /// Checks a sidecar, when it is there: not a link, a regular file, owned
    /// by an account that may change the plan (``PlanSharing/mayOwnSidecar(_:group:folder:)``),
    /// and not open to anyone the plan is not open to, unless this account
    /// may change its permissions (as it does before writing to it).
    static func check(_ path: String, of planPath: String) throws(PlanWriteError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let plan = PlanSharing(planPath: planPath)
        try judge(info, path: path, sharing: plan ?? PlanSharing.creator)
        if let plan, geteuid() != 0, geteuid() != info.st_uid, plan.isWider(mode: info.st_mode & 0o777, group: info.st_gid) {
            throw .unsafeSidecar(path: path, problem: .widerPermissions(mode: UInt32(info.st_mode & 0o777), planMode: UInt32(plan.mode)))
        }
    }

    private static func judge(_ info: stat, path: String, sharing: PlanSharing) throws(PlanWriteError) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: throw .unsafeSidecar(path: path, problem: .symbolicLink)
        default: throw .unsafeSidecar(path: path, problem: .notAFile)
        }
        let folder = PathText.parent(of: path)
        guard sharing.mayOwnSidecar(info.st_uid, group: info.st_gid, folder: folder.isEmpty ? "." : folder) else {
            let name = getpwuid(info.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "user \(info.st_uid)"
            throw .unsafeSidecar(path: path, problem: .foreignOwner(name))
        }
    }

    /// Opens a sidecar (creating it when it is not there) without following
    /// a link, checks it, and brings its group and permissions to the plan's
    /// before anything is written to it, so that a private plan's journal is
    /// private whoever made it. A new one gets the plan's owner (when the
    /// superuser makes it), group and permission bits, whatever the umask.
    ///
    /// - Parameter flags: how to open it (`O_RDWR`, `O_RDWR | O_APPEND`, `O_RDONLY`).
    /// - Throws: ``PlanWriteError/unsafeSidecar(path:problem:)``;
    ///   ``PlanWriteError/readOnly(path:what:)`` when it cannot be created or
    ///   opened for lack of permission.
    static func openSafely(_ path: String, of planPath: String, flags: Int32) throws(PlanWriteError) -> Int32 {
        let plan = PlanSharing(planPath: planPath)
        let sharing = plan ?? PlanSharing.creator
        var fd = Glibc.open(path, flags | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, sharing.mode)
        if fd >= 0 {
            _ = fchmod(fd, sharing.mode)
            if let plan { _ = fchown(fd, geteuid() == 0 ? plan.owner : uid_t.max, plan.group) }
            return fd
        }
        if errno == EEXIST { fd = Glibc.open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else {
            let error = errno
            if error == ELOOP { throw .unsafeSidecar(path: path, problem: .symbolicLink) }
            if error == EISDIR || error == ENXIO { throw .unsafeSidecar(path: path, problem: .notAFile) }
            if error == EACCES || error == EROFS || error == EPERM {
                throw .readOnly(path: path, what: error == EROFS ? "its folder" : "\(PathText.lastComponent(of: path)), beside it,")
            }
            throw .writeFailed(path: path, reason: String(cString: strerror(error)))
        }
        func failing(_ error: PlanWriteError) -> PlanWriteError {
            close(fd)
            return error
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failing(.writeFailed(path: path, reason: String(cString: strerror(errno)))) }
        do { try judge(info, path: path, sharing: sharing) } catch { throw failing(error) }
        if let plan, info.st_mode & 0o777 != plan.mode || info.st_gid != plan.group {
            // Brought into line when this account may (its owner, or the superuser) …
            if info.st_gid != plan.group { _ = fchown(fd, uid_t.max, plan.group) }
            _ = fchmod(fd, plan.mode)
            _ = fstat(fd, &info)
            // … and otherwise used only when it lets nobody in whom the plan does not.
            if plan.isWider(mode: info.st_mode & 0o777, group: info.st_gid) {
                throw failing(.unsafeSidecar(path: path, problem: .widerPermissions(mode: UInt32(info.st_mode & 0o777),
                                                                                  planMode: UInt32(plan.mode))))
            }
        }
        // Opened without blocking (a FIFO planted in its place must not hang); used blocking.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// A sidecar's bytes, read without following a link, or `nil` when it is
    /// not there.
    ///
    /// - Throws: ``PlanWriteError/unsafeSidecar(path:problem:)`` for one that
    ///   may not be trusted (a link, not a file, a foreign owner).
    static func bytes(_ path: String, of planPath: String) throws(PlanWriteError) -> [UInt8]? {
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            switch errno {
            case ENOENT: return nil
            case ELOOP: throw .unsafeSidecar(path: path, problem: .symbolicLink)
            case EACCES: return nil  // as before: one this account may not read holds nothing for it
            default: throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        try judge(info, path: path, sharing: PlanSharing(planPath: planPath) ?? PlanSharing.creator)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
        }
    }
}
