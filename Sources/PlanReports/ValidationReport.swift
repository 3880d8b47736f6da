import PlanJSON
import PlanKit

/// What `improve validate` prints: every problem of every plan file checked.
public struct ValidationReport: Sendable {
    public var checks: [PlanCheck]

    public init(checks: [PlanCheck]) {
        self.checks = checks
    }

    /// The number of errors across all files.
    public var errorCount: Int { checks.reduce(0) { $0 + $1.problems.filter { $0.severity == .error }.count } }
    /// The number of warnings across all files.
    public var warningCount: Int { checks.reduce(0) { $0 + $1.problems.filter { $0.severity == .warning }.count } }

    /// Writes one line per problem, then a line per clean file and a total.
    public func writeText<Target: TextOutputStream>(style: TextStyle, to output: inout Target) {
        for check in checks {
            for problem in check.problems {
                let colour: RAGColour = problem.severity == .error ? .red : .amber
                let text = problem.description
                if let range = text.firstRange(of: ": \(problem.severity.rawValue): ") {
                    output.write(String(text[..<range.lowerBound]) + ": "
                        + style.coloured(problem.severity.rawValue, colour) + ": "
                        + String(text[range.upperBound...]) + "\n")
                } else {
                    output.write(text + "\n")
                }
            }
            if check.problems.isEmpty {
                let plan = check.plan
                output.write("\(check.file): ok (\(plan?.id ?? "?"): \(Self.counted(plan?.actions.count ?? 0, "action")), \(Self.counted(plan?.recommendations.count ?? 0, "recommendation")))\n")
            }
        }
        let files = checks.count == 1 ? "1 plan file" : "\(checks.count) plan files"
        output.write("\(files) checked: \(errorCount) \(errorCount == 1 ? "error" : "errors"), \(warningCount) \(warningCount == 1 ? "warning" : "warnings")\n")
    }

    /// The report as JSON: `{"errors", "warnings", "files": [{"file", "plan", "problems": [...]}]}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("errors", .number(String(errorCount))),
            JSONMember("warnings", .number(String(warningCount))),
            JSONMember("files", .array(checks.map { check in
                .object([
                    JSONMember("file", .string(check.file)),
                    JSONMember("plan", check.plan.map { .string($0.id) } ?? .null),
                    JSONMember("problems", .array(check.problems.map { problem in
                        .object([
                            JSONMember("severity", .string(problem.severity.rawValue)),
                            JSONMember("path", .string(problem.path)),
                            JSONMember("line", problem.line.map { .number(String($0)) } ?? .null),
                            JSONMember("column", problem.column.map { .number(String($0)) } ?? .null),
                            JSONMember("message", .string(problem.message)),
                        ])
                    })),
                ])
            })),
        ])
    }

    /// `1 action`, `2 actions`.
    static func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
