/// The folder relative paths are read from: the one a command was started in,
/// as an absolute path.
///
/// The library never asks the process for its current folder: a path someone
/// typed (`plans/a.json`) is resolved against this folder for the system, and
/// kept as typed for every message, so that several commands can run at once
/// in one process, each in its own folder (the tests do).
public struct WorkingFolder: Sendable, Hashable {
    /// The folder's absolute path.
    public let path: String

    /// - Parameter path: an absolute path.
    public init(_ path: String) {
        self.path = path
    }

    /// The path the system is given for `typed`: itself when absolute (or
    /// empty, which names nothing), else the path under this folder.
    public func resolve(_ typed: String) -> String {
        if typed.isEmpty || typed.hasPrefix("/") { return typed }
        return path.hasSuffix("/") ? path + typed : path + "/" + typed
    }
}
