import PlanKit

/// An open action whose latest update is old: what `overdue --stale` and `remind` list, so that a lead is
/// asked for news of work nobody has reported on.
public struct StaleAction: Sendable {
    public var planID: String
    /// The action as it stood on the day, without its history.
    public var action: Action
    public var status: RAGLevel?
    /// The day of its latest entry on or before the day, and how many days before the day that was.
    public var lastUpdate: CalendarDate
    public var days: Int
    /// The latest entry's comment (its position), when it has one.
    public var position: String?

    /// The open (not complete, not withdrawn) actions of `plan` whose latest entry on or before `asOf` is at least
    /// `days` days old, oldest first. An action with no entry at all is not listed: it has had no update to be
    /// stale from (the summary's "no status recorded" lists it).
    public static func find(in plan: Plan, asOf: CalendarDate, days: Int) -> [StaleAction] {
        var found: [StaleAction] = []
        for action in plan.actions {
            let status = action.status(asOf: asOf, in: plan.ragScheme)
            if status?.isComplete == true || action.isWithdrawn(asOf: asOf) { continue }
            guard let last = action.history.last(where: { $0.date <= asOf }) else { continue }
            let age = last.date.days(until: asOf)
            guard age >= days else { continue }
            let stood = action.asItStood(on: asOf, includingHistory: false)
            let position = action.history.last { $0.date <= asOf && $0.comment?.isEmpty == false }?.comment
            found.append(StaleAction(planID: plan.id, action: stood, status: status, lastUpdate: last.date, days: age, position: position))
        }
        return found.sorted { ($0.days, $1.action.id) > ($1.days, $0.action.id) }
    }
}
