/// What an id typed at the command line names.
public enum PlanEntry: Sendable {
    case action(Plan, Action)
    case recommendation(Plan, Recommendation)
}

/// Why an id typed at the command line names nothing, or too much.
///
/// The cases carry facts only; the command line words them (`ErrorReporter`).
public enum LookupError: Error, Equatable, Sendable {
    /// No action or recommendation has the id; `suggestions` are the likely ones.
    case notFound(id: String, planIDs: [String], suggestions: [String])
    /// The id exists in several plans; `plan:ID` names one.
    case ambiguous(id: String, planIDs: [String])
    /// A `plan:ID` names a plan that is not loaded.
    case unknownPlan(String, loaded: [String])
    /// A `plan:ID` whose plan is the start of several plans' ids.
    case ambiguousPlan(String, matching: [String])
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
        let found = try PlanIdentifiers.resolve(typed, among: plans.map(PlanIdentifiers.init))
        let plan = plans[found.plan]
        switch found.kind {
        case .action: return .action(plan, plan.actions[found.index])
        case .recommendation: return .recommendation(plan, plan.recommendations[found.index])
        }
    }
}

extension String {
    package func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
