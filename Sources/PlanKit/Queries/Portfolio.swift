/// What an id typed at the command line names.
public enum PlanEntry: Sendable {
    case action(Plan, Action)
    case recommendation(Plan, Recommendation)
}

/// Why an id typed at the command line names nothing, or too much.
public enum LookupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No action or recommendation has the id; `suggestions` are the likely ones.
    case notFound(id: String, planIDs: [String], suggestions: [String])
    /// The id exists in several plans; `plan:ID` names one.
    case ambiguous(id: String, planIDs: [String])
    /// A `plan:ID` names a plan that is not loaded.
    case unknownPlan(String, loaded: [String])
    /// A `plan:ID` whose plan is the start of several plans' ids.
    case ambiguousPlan(String, matching: [String])

    public var description: String {
        switch self {
        case .notFound(let id, let planIDs, let suggestions):
            var message = "no action \"\(id)\" in \(planIDs.joined(separator: " or "))"
            if !suggestions.isEmpty {
                let list = suggestions.count == 1 ? suggestions[0]
                    : suggestions.dropLast().joined(separator: ", ") + " or " + suggestions.last!
                message += "; did you mean \(list)?"
            }
            return message
        case .ambiguous(let id, let planIDs):
            return "\"\(id)\" is in several plans (\(planIDs.joined(separator: ", "))); name one, e.g. \(planIDs[0]):\(id)"
        case .unknownPlan(let plan, let loaded):
            return "no plan \"\(plan)\" loaded (loaded: \(loaded.joined(separator: ", ")))"
        case .ambiguousPlan(let plan, let matching):
            return "\"\(plan)\" starts the ids of several plans (\(matching.joined(separator: ", "))); write more of it"
        }
    }
}

/// The plans a command works on, with forgiving lookup of ids across them.
public struct Portfolio: Sendable {
    public var plans: [Plan]

    public init(plans: [Plan]) {
        self.plans = plans
    }

    /// Finds the action or recommendation an id names.
    ///
    /// Ids match forgivingly (`lm7` names `LM 7`; see ``IdentifierMatcher``).
    /// `plan:ID` looks in one plan only; the plan may be named by the start of
    /// its id when that names no other plan (`bl:3.2`). Actions are preferred over
    /// recommendations with the same id.
    ///
    /// - Parameter typed: the id as typed.
    /// - Returns: what it names.
    /// - Throws: ``LookupError`` when it names nothing, or names something in
    ///   more than one plan.
    public func entry(named typed: String) throws(LookupError) -> PlanEntry {
        var searched = plans
        var id = typed
        if let colon = typed.firstIndex(of: ":") {
            let planID = String(typed[..<colon])
            let rest = String(typed[typed.index(after: colon)...]).trimmingSpaces()
            // An action id may hold a colon itself (`po:1.9`): read whole, it is never taken for a plan's start.
            let namesAnAction = plans.contains { plan in plan.actions.contains { IdentifierMatcher.matches(typed, $0.id) } }
            // A plan by its id, or by the start of it that names no other (the tag a one-line table shows: `bl:3.2`).
            let starting = planID.count >= 2 ? plans.filter { $0.id.lowercased().hasPrefix(planID.lowercased()) } : []
            if let plan = plans.first(where: { $0.id == planID }) {
                searched = [plan]
                id = rest
            } else if !namesAnAction, starting.count == 1 {
                searched = starting
                id = rest
            } else if !namesAnAction, starting.count > 1 {
                throw .ambiguousPlan(planID, matching: starting.map(\.id))
            } else if !namesAnAction {
                throw .unknownPlan(planID, loaded: plans.map(\.id))
            }
        }
        var found: [PlanEntry] = []
        for plan in searched {
            if let action = plan.actions.first(where: { IdentifierMatcher.matches(id, $0.id) }) {
                found.append(.action(plan, action))
            } else if let rec = plan.recommendations.first(where: { IdentifierMatcher.matches(id, $0.id) }) {
                found.append(.recommendation(plan, rec))
            }
        }
        if found.count == 1 { return found[0] }
        if found.count > 1 {
            throw .ambiguous(id: id, planIDs: found.map { entry in
                switch entry {
                case .action(let plan, _), .recommendation(let plan, _): return plan.id
                }
            })
        }
        var suggestions: [String] = []
        for plan in searched {
            let ids = plan.actions.map(\.id) + plan.recommendations.map(\.id)
            let prefix = searched.count > 1 ? "\(plan.id):" : ""
            suggestions += IdentifierMatcher.suggestions(for: id, among: ids).map { prefix + $0 }
        }
        throw .notFound(id: id, planIDs: searched.map(\.id), suggestions: Array(suggestions.prefix(3)))
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
