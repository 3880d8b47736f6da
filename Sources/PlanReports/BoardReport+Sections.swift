import PlanJSON
import PlanKit

/// Choosing the board pack's sections by name (`--sections exceptions,due`), in every format.
extension BoardReport {
    /// The names of the pack's sections, in the order the pack prints them.
    public static let sectionNames = ["headline", "trend", "exceptions", "progress", "deadlines", "due", "rag",
                                      "recommendations", "no-status", "stale", "contradictions", "withdrawn"]

    /// The sections named, in the order given, under the plan's heading (which every choice keeps).
    public func sections(named names: [String]) -> [ReportDocument.Section] {
        let all = sections
        return [all[0]] + names.compactMap { name in all.first { $0.key == name } }
    }

    /// The JSON members each section is made of; the plan's id and dates are always kept, and
    /// the summary's members are kept inside `summary`.
    static let jsonMembers: [String: [String]] = [
        "headline": ["headline"], "trend": ["trend"], "exceptions": ["exceptions"],
        "progress": ["movements", "movementTotals", "progress"], "deadlines": ["deadlineChanges"], "due": ["dueBeforeNext"],
        "rag": ["overall", "groups"], "recommendations": ["recommendations"], "no-status": ["noStatus"],
        "stale": ["staleDays", "stale"], "contradictions": ["contradictions"], "withdrawn": ["withdrawn"],
    ]

    /// The pack as JSON with only the sections named (see ``sectionNames``).
    public func jsonValue(sections names: [String]) -> JSONValue {
        let kept = Set(["plan", "asOf", "since", "periodStart", "next", "summary", "brief"] + names.flatMap { Self.jsonMembers[$0] ?? [] })
        guard case .object(let members) = jsonValue else { return jsonValue }
        return .object(members.filter { kept.contains($0.key) }.map { member in
            guard member.key == "summary", case .object(let inner) = member.value else { return member }
            return JSONMember("summary", .object(inner.filter { ["plan", "asOf"].contains($0.key) || kept.contains($0.key) }))
        })
    }

    /// The headline as JSON: the counts now and at the start of the period, and what is overdue.
    var headlineJSON: JSONValue {
        func counts(_ counts: RAGCounts) -> JSONValue {
            .object([
                JSONMember("levels", .object(counts.byLevel.map { JSONMember($0.code, .number(String($0.count))) })),
                JSONMember("noStatus", .number(String(counts.noStatus))),
                JSONMember("percentComplete", .number(String(counts.percentComplete))),
            ])
        }
        return .object([
            JSONMember("now", counts(headline.now)),
            JSONMember("atPeriodStart", counts(headline.then)),
            JSONMember("overdue", .array(headline.overdue.map { .string($0) })),
            JSONMember("newlyOverdue", .array(headline.newlyOverdue.map { .string($0) })),
            JSONMember("overdueAtPeriodStart", .number(String(headline.overdueThen))),
        ])
    }
}
