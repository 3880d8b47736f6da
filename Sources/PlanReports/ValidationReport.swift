import PlanJSON
import PlanKit

/// What `improve validate` prints: every problem of every plan file checked.
public struct ValidationReport: Sendable {
    /// What the report shows of one file checked: its problems, and the counts of a clean plan.
    ///
    /// Not the ``PlanCheck``: a check holds its plan, and a report of every plan of a large
    /// portfolio holding them all until it is written took more memory than anything else `validate` does.
    public struct CheckedFile: Sendable {
        public var file: String
        /// The plan's id, when it decoded without errors.
        public var planID: String?
        public var actionCount: Int
        public var recommendationCount: Int
        /// Every problem, errors and warnings.
        public var problems: [PlanProblem]

        /// What the report needs of a check, without its plan.
        public init(_ check: PlanCheck) {
            file = check.file
            planID = check.plan?.id
            actionCount = check.plan?.actions.count ?? 0
            recommendationCount = check.plan?.recommendations.count ?? 0
            problems = check.problems
        }
    }

    public var checks: [CheckedFile]

    public init(checks: [CheckedFile]) {
        self.checks = checks
    }

    public init(checks: [PlanCheck]) {
        self.init(checks: checks.map(CheckedFile.init))
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
                output.write("\(check.file): ok (\(check.planID ?? "?"): \(Self.counted(check.actionCount, "action")), \(Self.counted(check.recommendationCount, "recommendation")))\n")
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
                    JSONMember("plan", check.planID.map { .string($0) } ?? .null),
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
