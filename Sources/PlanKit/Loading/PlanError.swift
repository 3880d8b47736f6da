/// Why plans could not be loaded.
public enum PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The plan file does not exist.
    case fileNotFound(path: String)
    /// The plans folder does not exist.
    case folderNotFound(path: String)
    /// The plans folder holds no plan files.
    case noPlans(folder: String)
    /// The file exists but could not be read (a folder, or no permission).
    case unreadable(path: String, reason: String)
    /// The plan file has errors; every one is listed.
    case invalidPlan(path: String, problems: [PlanProblem])

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "no plan file at \(path); check the path given to --plan"
        case .folderNotFound(let path):
            return "no plans folder at \(path); run improve in the folder that holds plans/, set IMPROVE_PLANS, or name a file with --plan"
        case .noPlans(let folder):
            return "no plan files (*.json) in \(folder); add a plan or name one with --plan"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidPlan(let path, let problems):
            let errors = problems.filter { $0.severity == .error }
            let lines = errors.map(\.description).joined(separator: "\n")
            return "\(path) has \(errors.count) \(errors.count == 1 ? "error" : "errors"); fix \(errors.count == 1 ? "it" : "them") and run `improve validate`:\n\(lines)"
        }
    }
}
