import PlanKit

/// Why a plan could not be changed. Whatever the error, the plan file is left
/// as it was and no temporary file is left behind.
public enum PlanWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Another process held the plan's lock for longer than the timeout.
    case lockTimeout(path: String, seconds: Double)
    /// The plan file, or its folder, is read-only.
    case readOnly(path: String, what: String)
    /// Writing failed (disk full, I/O error); `reason` is the system's message.
    case writeFailed(path: String, reason: String)
    /// `new` would overwrite an existing file.
    case alreadyExists(path: String)
    /// The changed plan would not validate; nothing was written.
    case wouldNotValidate(path: String, problems: [PlanProblem])
    /// A change the command refuses, with how to proceed.
    case refused(String)
    /// The plan has no recorded change to undo.
    case nothingToUndo(path: String)
    /// The entries the last change touched have been edited since; undoing would lose that.
    case changedSince(path: String, entry: String)

    public var description: String {
        switch self {
        case .lockTimeout(let path, let seconds):
            return "\(path) is locked by another update (waited \(seconds.formatted1) s); try again in a moment"
        case .readOnly(let path, let what):
            return "\(path): \(what) is read-only; nothing was changed (make it writable to record updates)"
        case .writeFailed(let path, let reason):
            return "could not write \(path): \(reason); the plan was left as it was"
        case .alreadyExists(let path):
            return "\(path) already exists; choose another file name (nothing was changed)"
        case .wouldNotValidate(let path, let problems):
            let lines = problems.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
            return "the change would leave \(path) invalid, so nothing was written:\n\(lines)"
        case .refused(let message):
            return message
        case .nothingToUndo(let path):
            return "nothing to undo in \(path): no change recorded by improve since it was created or last undone"
        case .changedSince(let path, let entry):
            return "cannot undo in \(path): \(entry) has changed since the last recorded change (edited by hand?); undo it by hand instead"
        }
    }
}

extension Double {
    var formatted1: String {
        let tenths = (self * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }
}
