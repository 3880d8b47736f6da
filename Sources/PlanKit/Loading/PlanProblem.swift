/// One thing wrong with a plan file, with where it is.
///
/// A problem names the file, the JSON path of the value at fault
/// (`actions[12].deadline`, indices counted from 0 as in `jq`) and, for syntax
/// errors and values of the wrong shape, the line and column. Its message says
/// what is wrong and how to fix it.
public struct PlanProblem: Hashable, Sendable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable {
        /// The plan cannot be trusted; commands refuse to use it.
        case error
        /// Worth a look, but the plan can be used.
        case warning
    }

    public var severity: Severity
    /// The plan file, as it was named to the loader.
    public var file: String
    /// The JSON path of the value at fault; empty for the whole document.
    public var path: String
    /// The line of a syntax error or of the value at fault, 1-based.
    public var line: Int?
    /// Its column, 1-based, in characters.
    public var column: Int?
    /// What is wrong and how to fix it.
    public var message: String

    public init(_ severity: Severity, file: String, path: String, line: Int? = nil, column: Int? = nil,
                message: String) {
        self.severity = severity
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// The problem as one line: `file:line:column: path: error: message`,
    /// without what is not known (`file: path: error: message`).
    public var description: String {
        var place = file
        if let line, let column { place += ":\(line):\(column)" }
        if !path.isEmpty { place += ": \(path)" }
        return "\(place): \(severity.rawValue): \(message)"
    }
}
