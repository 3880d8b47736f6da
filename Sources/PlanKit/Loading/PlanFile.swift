import FoundationEssentials
import Glibc

/// One plan file, named once: the path as the user gave it (for messages),
/// the real path its lock, journal and other files beside it are kept by
/// (worked out once, here), and the plan's id once it has been read.
///
/// Two names of one file (`plans/a.json`, `./plans/../plans/a.json`, a
/// symbolic link) have one real path, and so one lock and one journal.
public struct PlanFile: Sendable, Hashable, CustomStringConvertible {
    /// The path as given: what messages show.
    public let path: String
    /// The absolute path with links and `.`/`..` resolved (for a file not there yet, its folder's;
    /// see ``resolve(_:)``): what the lock, journal and other files beside the plan are kept by.
    public let realPath: String
    /// The plan's id, once known.
    public var planID: String?

    /// - Parameters:
    ///   - path: the path as typed.
    ///   - folder: what a relative `path` is read from (the command's working folder).
    public init(_ path: String, relativeTo folder: WorkingFolder, planID: String? = nil) {
        self.path = path
        self.planID = planID
        realPath = Self.resolve(folder.resolve(path))
    }

    /// The real path of `full` (absolute, or empty); for a file not there yet, its folder's real path and
    /// its name, so that the lock a creator takes is the one a later writer takes; `full` itself when even
    /// the folder cannot be resolved.
    static func resolve(_ full: String) -> String {
        if let resolved = realpath(full, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        guard let slash = full.lastIndex(of: "/"), slash != full.startIndex,
              let folder = realpath(String(full[..<slash]), nil) else { return full }
        defer { free(folder) }
        return String(cString: folder) + full[slash...]
    }

    public var description: String { path }
}
