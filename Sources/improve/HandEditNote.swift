import PlanKit
import PlanReports

/// How validate, show and log word a plan's hand edits (see ``HandEdits``):
/// what changed, and the command that records it.
enum HandEditNote {
    static func fix(_ file: String) -> String { "improve record \(file) adds the history entries" }

    /// One warning per action changed, and one for what no history holds.
    static func warnings(_ edits: HandEdits, file: String) -> [PlanProblem] {
        var problems = edits.fields.map { action, fields in
            PlanProblem(.warning, file: file, path: "", message:
                "action \(action): \(fields.map(\.key).joined(separator: ", ")) changed outside improve without a history entry; \(fix(file))")
        }
        var other: [String] = []
        if !edits.actionsAdded.isEmpty { other.append("actions added: " + edits.actionsAdded.joined(separator: ", ")) }
        if !edits.actionsRemoved.isEmpty { other.append("actions removed: " + edits.actionsRemoved.joined(separator: ", ")) }
        if !edits.planFields.isEmpty { other.append("the plan's " + edits.planFields.map(\.key).joined(separator: ", ")) }
        if !other.isEmpty {
            problems.append(PlanProblem(.warning, file: file, path: "", message:
                "changed since improve last wrote it here (by hand, or by a partner's improve add arriving by git): "
                + other.joined(separator: "; ") + "; improve record \(file) takes them as they are"))
        }
        return problems
    }

    /// `note: LM 7's text, leads changed outside improve without a history entry; improve record FILE adds …`.
    static func line(action: String, fields: [ActionField], file: String) -> String {
        "note: \(action)'s \(fields.map(\.key).joined(separator: ", ")) changed outside improve without a history entry; \(fix(file))"
    }

    /// `note: plans/x.json changed outside improve without history entries: LM 7 (text); improve record …`.
    static func summary(_ edits: HandEdits, file: String) -> String {
        "note: \(file) changed outside improve without history entries: \(edits.summary); improve record \(file) records them"
    }
}
