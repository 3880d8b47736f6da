import PlanKit

/// Why a plan could not be changed. Whatever the error, the plan file is left
/// as it was and no temporary file is left behind.
public enum PlanWriteError: Error, Equatable, Sendable {
    /// Another process held the plan's lock for longer than the timeout.
    case lockTimeout(path: String, seconds: Double)
    /// The plan file, or its folder, is read-only.
    case readOnly(path: String, what: String)
    /// Writing failed (disk full, I/O error); `reason` is the system's message.
    case writeFailed(path: String, reason: String)
    /// `new` would overwrite an existing file.
    case alreadyExists(path: String)
    /// The folder a new file would go in does not exist.
    case noFolder(path: String)
    /// A new file could not be written (disk full, I/O error); nothing was written.
    case createFailed(path: String, reason: String)
    /// The changed plan would not validate; nothing was written.
    case wouldNotValidate(path: String, problems: [PlanProblem])
    /// The plan has no recorded change to undo.
    case nothingToUndo(path: String)
    /// The entries the last change touched have been edited since; undoing would lose that.
    case changedSince(path: String, entry: String)
    /// The undo journal's record of an entry cannot be read (damaged by hand?); nothing was undone.
    case unreadableJournal(path: String, entry: String)
    /// The change undo would reverse was recorded by someone else, and undoing it was not confirmed.
    case someoneElsesChange(path: String, by: String, description: String, recorded: String)
    /// Undo was confirmed for one change, but by then another had been recorded; nothing was undone.
    case latestChangeMoved(path: String, description: String)
    /// A file beside the plan (``SidecarKind``) may not be used: nothing was changed, and it is left as it is.
    case unsafeSidecar(path: String, problem: SidecarProblem)
    /// The plan's folder has the sticky bit and the plan belongs to another
    /// account (`owner`): only that account, the folder's owner or the
    /// superuser may replace it.
    case stickyFolder(path: String, owner: String, folder: String)

}
