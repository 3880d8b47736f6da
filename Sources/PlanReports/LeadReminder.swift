import PlanKit

/// One action as a lead's reminder lists it: once, whatever the number of its
/// leads or of its items due, under the most pressing ``Section`` among them.
public struct RemindedAction: Sendable {
    /// Where an action is listed in a reminder, most pressing first.
    public enum Section: Int, Comparable, CaseIterable, Sendable {
        /// Something of it became overdue after the earlier day compared with.
        case newlyOverdue
        /// Something of it is overdue, and already was on the earlier day.
        case overdue
        /// Something of it falls due within the window.
        case dueSoon
        /// Nothing is due, but it has had no update for the stale period.
        case stale

        public static func < (a: Section, b: Section) -> Bool { a.rawValue < b.rawValue }
    }

    /// One deadline of the action that is overdue or due soon: its own, or a milestone's.
    public struct Item: Sendable {
        public var deadline: Deadline
        /// The milestone's title, and its number (from 1) in the action's milestones, for a milestone's deadline.
        public var milestone: String?
        public var milestoneNumber: Int?
        /// Days past the deadline's last day (negative: days still to go).
        public var daysOverdue: Int
        /// Overdue items are ``Section/newlyOverdue`` or ``Section/overdue``; the others ``Section/dueSoon``.
        public var section: Section
    }

    public var planID: String
    /// The plan file it was read from, as it was named to the loader.
    public var planFile: String?
    /// The action as it stood on the day, without its history or milestones (``items`` says what of them is due).
    public var action: Action
    public var status: RAGLevel?
    public var section: Section
    /// Its own deadline first, then its milestones', each once.
    public var items: [Item]
    /// Its final deadline on the day (its own, or its last milestone's).
    public var deadline: Deadline?
    /// The latest entry on or before the day, and the latest comment (its position) with its day.
    public var lastUpdate: CalendarDate?
    public var position: String?
    public var positionDate: CalendarDate?
    /// When it has had no update for the stale period: how many days since its latest entry.
    public var staleDays: Int?
    /// Its place in its plan, to keep plan order among equals.
    public var order: Int

    /// The most days any of its items is overdue (negative: the soonest due).
    public var mostDaysOverdue: Int { items.map(\.daysOverdue).max() ?? Int.min }
}

/// What one lead is sent: each of their actions once, the most pressing first.
public struct LeadReminder: Sendable {
    /// The lead as the plans write it (the first spelling met, when plans differ in case).
    public var lead: String
    public var actions: [RemindedAction]

    public func count(_ section: RemindedAction.Section) -> Int { actions.count { $0.section == section } }
    /// Newly overdue and overdue together.
    public var overdueCount: Int { count(.newlyOverdue) + count(.overdue) }
}

/// Builds the reminders: per plan as it is read (``actions(position:earlier:file:withinDays:staleDays:)``),
/// then per lead (``byLead(_:)``).
public enum LeadReminders {
    /// A lead's name as names are compared: trimmed, spaces closed up, ignoring case.
    public static func key(_ lead: String) -> String {
        lead.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    /// The actions of one plan that a reminder lists on the day of `position`: overdue (newly so when not
    /// overdue on the day of `earlier`), due within `withinDays`, or with no update for `staleDays`.
    ///
    /// - Parameter position: the plan with the history that shows each action's latest comment (held whole, best).
    public static func actions(position: PlanPosition, earlier: PlanPosition?, file: String?,
                               withinDays: Int, staleDays: Int) -> [RemindedAction] {
        let plan = position.plan, asOf = position.asOf
        let report = OverdueReport(position: position, withinDays: withinDays, staleDays: staleDays)
        let new: Set<String> = earlier.map { earlier in
            Set(OverdueReport(position: position, earlier: earlier).overdue.map(\.key))
        } ?? Set(report.overdue.map(\.key))
        let order = Dictionary(plan.actions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [String: RemindedAction] = [:]
        func entry(for action: Action, status: RAGLevel?) -> RemindedAction {
            if let existing = found[action.id] { return existing }
            let whole = plan.actions.first { $0.id == action.id }
            let latest = whole?.history.last { $0.date <= asOf }
            let comment = whole?.history.last { $0.date <= asOf && $0.comment?.isEmpty == false }
            return RemindedAction(planID: plan.id, planFile: file, action: action, status: status, section: .stale, items: [],
                                  deadline: whole?.asItStood(on: asOf, includingHistory: false).finalDeadline,
                                  lastUpdate: latest?.date, position: comment?.comment, positionDate: comment?.date,
                                  staleDays: nil, order: order[action.id] ?? Int.max)
        }
        func add(_ item: DeadlineItem, _ section: RemindedAction.Section) {
            var reminded = entry(for: item.action, status: item.status)
            let number = item.milestone.flatMap { milestone in
                plan.actions.first { $0.id == item.action.id }?.milestones.firstIndex { $0.title == milestone.title }.map { $0 + 1 }
            }
            reminded.items.append(RemindedAction.Item(deadline: item.deadline, milestone: item.milestone?.title,
                                                      milestoneNumber: number, daysOverdue: item.daysOverdue, section: section))
            reminded.section = min(reminded.section, section)
            found[item.action.id] = reminded
        }
        for item in report.overdue { add(item, new.contains(item.key) ? .newlyOverdue : .overdue) }
        for item in report.dueSoon { add(item, .dueSoon) }
        for stale in report.stale {
            var reminded = entry(for: stale.action, status: stale.status)
            reminded.staleDays = stale.days
            found[stale.action.id] = reminded
        }
        return found.values.map { reminded in
            var reminded = reminded
            // The action's own deadline first, then its milestones in their order.
            reminded.items.sort { ($0.milestoneNumber ?? 0) < ($1.milestoneNumber ?? 0) }
            // A message names the action by its id, text and leads; what it says of its deadlines and
            // position is in the fields above. Its history and milestones are not kept: at 100,000
            // actions, a reminder run held every reminded action's whole history until it wrote.
            reminded.action.history = []
            reminded.action.milestones = []
            return reminded
        }.sorted { $0.order < $1.order }
    }

    /// The actions under each of their leads, each once per lead, the leads in alphabetical order (ignoring
    /// case); within a message, by section, then most overdue (or soonest due, or longest without an update) first.
    public static func byLead(_ actions: [RemindedAction]) -> [LeadReminder] {
        var names: [String: String] = [:]
        var listed: [String: [RemindedAction]] = [:]
        var seen = Set<String>()
        for action in actions {
            for lead in action.action.leads {
                let key = key(lead)
                guard !key.isEmpty, seen.insert("\(key)\u{1}\(action.planID)\u{1}\(action.action.id)").inserted else { continue }
                if names[key] == nil { names[key] = lead.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
                listed[key, default: []].append(action)
            }
        }
        return names.keys.sorted().map { key in
            let sorted = listed[key]!.sorted { a, b in
                if a.section != b.section { return a.section < b.section }
                let (x, y) = a.section == .stale ? (a.staleDays ?? 0, b.staleDays ?? 0) : (a.mostDaysOverdue, b.mostDaysOverdue)
                if x != y { return x > y }
                return (a.planID, a.order) < (b.planID, b.order)
            }
            return LeadReminder(lead: names[key]!, actions: sorted)
        }
    }
}
