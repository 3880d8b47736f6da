/// Narrowing a plan to one person's actions ("what is mine").
extension Plan {
    /// Whether an action has a lead containing `text`, ignoring case (as `list --lead` matches).
    public static func action(_ action: Action, isLedBy text: String) -> Bool {
        action.leads.contains { $0.containsFolded(text) }
    }

    /// The leads of its actions, each once, in the order first met.
    public var leadNames: [String] {
        var names: [String] = [], seen = Set<String>()
        for action in actions { for name in action.leads where seen.insert(name).inserted { names.append(name) } }
        return names
    }

    /// The plan with only the actions whose leads contain `text`; its themes
    /// and recommendations stay, so that ids and links still resolve.
    public func keepingActions(ledBy text: String) -> Plan {
        var plan = self
        plan.actions = actions.filter { Plan.action($0, isLedBy: text) }
        return plan
    }
}

extension PlanPosition {
    /// The position with only the actions whose leads contain `text`.
    public func keepingActions(ledBy text: String) -> PlanPosition {
        PlanPosition(asOf: asOf, plan: plan.keepingActions(ledBy: text), file: file, warnings: warnings)
    }
}

extension QueryError {
    /// Checks that some action of the plans has a lead containing `text`, so
    /// that a typing mistake is not taken for an empty answer.
    ///
    /// - Throws: ``QueryError/unknownLead(_:suggestions:)`` with the likely leads.
    public static func checkLead(_ text: String, in plans: [Plan]) throws(QueryError) {
        try checkLead(text, amongLeadsOf: plans.map(\.leadNames))
    }

    /// ``checkLead(_:in:)`` for plans read one at a time and dropped: of each, only its ``Plan/leadNames``.
    public static func checkLead(_ text: String, amongLeadsOf plans: [[String]]) throws(QueryError) {
        var leads: [String] = [], seen = Set<String>()
        for plan in plans { for name in plan where seen.insert(name).inserted { leads.append(name) } }
        guard !someLead(of: leads, matches: text) else { return }
        let near = leads.filter { EditDistance.closest(to: text.lowercased(), among: [$0.lowercased()]) != nil }
        throw .unknownLead(text, suggestions: Array(near.prefix(3)))
    }

    /// Whether one of `leads` contains `text`, ignoring case, as ``checkLead(_:in:)`` asks.
    public static func someLead(of leads: [String], matches text: String) -> Bool {
        leads.contains(where: { $0.containsFolded(text) })
    }
}
