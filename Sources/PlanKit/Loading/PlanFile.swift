import Foundation

/// One plan file, named once: the path as the user gave it (for messages),
/// the real path its lock, journal and other files beside it are kept by
/// (worked out once, here), and the plan's id once it has been read.
///
/// Two names of one file (`plans/a.json`, `./plans/../plans/a.json`, a
/// symbolic link) have one real path, and so one lock and one journal.
public struct PlanFile: Sendable, Hashable, CustomStringConvertible {
    /// The path as given: what messages show.
    public let path: String
    /// The path with links and `.`/`..` resolved; the path as given when it
    /// cannot be resolved (a file not there yet, a folder that cannot be searched).
    public let realPath: String
    /// The plan's id, once known.
    public var planID: String?

    public init(_ path: String, planID: String? = nil) {
        self.path = path
        self.planID = planID
        if let resolved = realpath(path, nil) {
            realPath = String(cString: resolved)
            free(resolved)
        } else {
            realPath = path
        }
    }

    public var description: String { path }
}
