/// Narrowing a plan to one person's actions ("what is mine").
extension Plan {
    /// Whether an action has a lead containing `text`, ignoring case (as `list --lead` matches).
    public static func action(_ action: Action, isLedBy text: String) -> Bool {
        action.leads.contains { $0.containsFolded(text) }
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
        var leads: [String] = []
        for plan in plans { for action in plan.actions { for name in action.leads where !leads.contains(name) { leads.append(name) } } }
        guard !leads.contains(where: { $0.containsFolded(text) }) else { return }
        let near = leads.filter { EditDistance.closest(to: text.lowercased(), among: [$0.lowercased()]) != nil }
        throw .unknownLead(text, suggestions: Array(near.prefix(3)))
    }
}
