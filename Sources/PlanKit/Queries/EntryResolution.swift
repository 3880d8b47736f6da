/// The ids of one plan that an id typed by the user is matched against: the
/// plan's own, its actions' and its recommendations', in plan order.
///
/// Enough to find which plan holds an id without holding the plans: a folder
/// of plans can be searched by reading these alone (see `PlanFolderIndex`).
public struct PlanIdentifiers: Sendable, Equatable {
    public var planID: String
    public var actionIDs: [String]
    public var recommendationIDs: [String]

    public init(planID: String, actionIDs: [String], recommendationIDs: [String]) {
        self.planID = planID
        self.actionIDs = actionIDs
        self.recommendationIDs = recommendationIDs
    }

    /// A plan's ids.
    public init(_ plan: Plan) {
        self.init(planID: plan.id, actionIDs: plan.actions.map(\.id), recommendationIDs: plan.recommendations.map(\.id))
    }
}

/// What an id typed by the user names: which plan, which list and where in it, and the entry's exact id.
public struct EntryReference: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case action, recommendation }

    /// The plan's position among those searched.
    public var plan: Int
    public var kind: Kind
    /// The entry's position in its plan's actions or recommendations.
    public var index: Int
    /// The entry's id as the plan writes it.
    public var id: String
}

extension PlanIdentifiers {
    /// Finds what an id typed at the command line names: the one matcher every
    /// command uses, so that an id is resolved once, the same way everywhere.
    ///
    /// Ids match forgivingly (`lm7` names `LM 7`; see ``IdentifierMatcher``): the
    /// typed id is folded once and compared with each id folded.
    /// `plan:ID` looks in one plan only; the plan may be named by the start of
    /// its id when that names no other plan (`bl:3.2`), and in any case. An action id may hold a
    /// colon itself (`po:1.9`): read whole, it is never taken for a plan's start.
    /// Actions are preferred over recommendations with the same id.
    ///
    /// - Parameters:
    ///   - typed: the id as typed.
    ///   - plans: the plans' ids, in plan order.
    /// - Throws: ``LookupError`` when it names nothing, or names something in more than one plan.
    public static func resolve(_ typed: String, among plans: [PlanIdentifiers]) throws(LookupError) -> EntryReference {
        var searched = Array(plans.indices)
        var id = typed
        if let colon = typed.firstIndex(of: ":") {
            let planID = String(typed[..<colon])
            let rest = String(typed[typed.index(after: colon)...]).trimmingSpaces()
            let whole = IdentifierMatcher.normalise(typed)
            let namesAnAction = plans.contains { plan in plan.actionIDs.contains { IdentifierMatcher.normalise($0) == whole } }
            // A plan by its id, or by the start of it that names no other (the tag a one-line table shows: `bl:3.2`).
            let starting = planID.count >= 2 ? plans.indices.filter { plans[$0].planID.lowercased().hasPrefix(planID.lowercased()) } : []
            // The whole id in another case names that plan, as a start of it does (`A:1.1` is plan `a`'s,
            // `AB:1.1` is `ab`'s beside `abc`): not "no plan", nor "write more of it", which cannot help.
            let caseless = plans.indices.filter { plans[$0].planID.lowercased() == planID.lowercased() }
            if let plan = plans.firstIndex(where: { $0.planID == planID }) {
                searched = [plan]
                id = rest
            } else if !namesAnAction, caseless.count == 1 {
                searched = caseless
                id = rest
            } else if !namesAnAction, starting.count == 1 {
                searched = starting
                id = rest
            } else if !namesAnAction, starting.count > 1 {
                throw .ambiguousPlan(planID, matching: starting.map { plans[$0].planID })
            } else if !namesAnAction {
                throw .unknownPlan(planID, loaded: plans.map(\.planID))
            }
        }
        let wanted = IdentifierMatcher.normalise(id)
        var found: [EntryReference] = []
        for plan in searched {
            if let index = plans[plan].actionIDs.firstIndex(where: { IdentifierMatcher.normalise($0) == wanted }) {
                found.append(EntryReference(plan: plan, kind: .action, index: index, id: plans[plan].actionIDs[index]))
            } else if let index = plans[plan].recommendationIDs.firstIndex(where: { IdentifierMatcher.normalise($0) == wanted }) {
                found.append(EntryReference(plan: plan, kind: .recommendation, index: index, id: plans[plan].recommendationIDs[index]))
            }
        }
        if found.count == 1 { return found[0] }
        if found.count > 1 { throw .ambiguous(id: id, planIDs: found.map { plans[$0.plan].planID }) }
        var suggestions: [String] = []
        for plan in searched {
            let ids = plans[plan].actionIDs + plans[plan].recommendationIDs
            let prefix = searched.count > 1 ? "\(plans[plan].planID):" : ""
            suggestions += IdentifierMatcher.suggestions(for: id, among: ids).map { prefix + $0 }
        }
        throw .notFound(id: id, planIDs: searched.map { plans[$0].planID }, suggestions: Array(suggestions.prefix(3)))
    }
}
