import PlanJSON
import PlanKit

/// A status change in the reporting period.
public struct StatusMovement: Sendable {
    public var action: Action
    public var from: RAGLevel?
    public var to: RAGLevel
    public var entry: StatusChange
}

/// A deadline moved in the reporting period.
public struct DeadlineSlip: Sendable {
    public var action: Action
    public var entry: StatusChange
    public var change: DeadlineChange
    /// The milestone whose date moved, when it was a milestone's rather than the action's.
    public var milestone: String? = nil
}

/// A status or progress note recorded in the reporting period.
public struct ProgressEntry: Sendable {
    public var action: Action
    /// The status before this entry, when the entry changes it.
    public var from: RAGLevel?
    /// The status the entry records, if any.
    public var to: RAGLevel?
    public var entry: StatusChange
}

/// The pack's opening: where the plan stands, and how that moved since the last board.
public struct BoardHeadline: Sendable {
    /// The counts now, and as they stood at the start of the period.
    public var now: RAGCounts
    public var then: RAGCounts
    /// Actions overdue now, and those of them that were not at the start of the period.
    public var overdue: [String]
    public var newlyOverdue: [String]
    /// How many actions were overdue at the start of the period.
    public var overdueThen: Int

    /// The change in each level's count, in the scheme's order, then no status (`+3 GREEN, −2 AMBER`).
    public var changes: [(label: String, change: Int)] {
        zip(now.byLevel, then.byLevel).map { ($0.code, $0.count - $1.count) } + [("no status", now.noStatus - then.noStatus)]
    }
}

/// The board pack for one plan: its headline, the exceptions, the progress
/// recorded since the last board, deadlines changed, what falls due before
/// the next board, and the summary's detail.
public struct BoardReport: Sendable {
    public var summary: PlanSummary
    /// The period runs from the day after `since` to `asOf`, inclusive.
    public var since: CalendarDate
    /// Why `since` is what it is (`the board meeting of 2015-03-19`).
    public var sinceReason: String
    public var next: CalendarDate
    public var movements: [StatusMovement]
    /// Red, overdue or slipped actions that are not complete.
    public var exceptions: [ActionReference]
    public var slips: [DeadlineSlip]
    public var dueBeforeNext: [DeadlineItem]
    /// Every status and progress note recorded in the period, oldest first.
    public var progress: [ProgressEntry]
    public var headline: BoardHeadline
    /// The RAG position at each board meeting (or month end) up to `asOf`.
    public var trend: RAGTrend

    /// The period's first day. The one rule for the pack's words: the period is named by its first and
    /// last days, and every "then" (the headline's comparison, "since") is the position at the start of
    /// ``periodStart``, that is after everything recorded on `since` (a board's own day was its news).
    public var periodStart: CalendarDate { since.adding(days: 1) }

    public var asOf: CalendarDate { summary.asOf }
    public var plan: Plan { summary.plan }

    /// Builds the board pack.
    ///
    /// - Parameters:
    ///   - plan: the plan.
    ///   - asOf: the day of the report; history recorded later is ignored.
    ///   - since: the start of the period; by default the last board meeting
    ///     before `asOf` when the plan records board dates, else a month earlier.
    ///   - next: the next board; by default a month after `asOf`.
    ///   - staleDays: for the summary's stale actions.
    ///   - grouping: the summary's rows, per theme or per recommendation.
    public init(plan: Plan, asOf: CalendarDate, since: CalendarDate? = nil, next: CalendarDate? = nil,
                staleDays: Int = 60, grouping: SummaryGrouping = .theme) {
        let plan = plan.asItStood(on: asOf)
        summary = PlanSummary(plan: plan, asOf: asOf, staleDays: staleDays, grouping: grouping)
        if let since {
            self.since = since
            sinceReason = "given"
        } else if let meeting = plan.boardMeetings.last(where: { $0 < asOf }) {
            self.since = meeting
            sinceReason = "the board meeting of \(meeting)"
        } else {
            self.since = asOf.addingMonths(-1)
            sinceReason = "a month before \(asOf)"
        }
        self.next = next ?? plan.boardMeetings.first(where: { $0 > asOf }) ?? asOf.addingMonths(1)
        let scheme = plan.ragScheme
        let start = self.since
        var movements: [StatusMovement] = []
        var slips: [DeadlineSlip] = []
        var exceptions: [ActionReference] = []
        var progress: [ProgressEntry] = []
        for action in plan.actions {
            var previous: RAGLevel?
            // A move re-decided later (two clones' moves, settled by resolve) is not a slip of its own.
            let superseded = action.supersededDeadlineMoves(asOf: asOf)
            for (index, entry) in action.history.enumerated() where entry.date <= asOf {
                let level = entry.status.flatMap { scheme.level(code: $0) }
                // An edit (of leads, texts, milestones) is history, not progress; a withdrawal is listed apart.
                if entry.date > start, !entry.isEdit, entry.withdrawal == nil, level != nil || entry.comment != nil {
                    progress.append(ProgressEntry(action: action, from: level != previous ? previous : nil, to: level, entry: entry))
                }
                if let level {
                    if entry.date > start, level != previous {
                        movements.append(StatusMovement(action: action, from: previous, to: level, entry: entry))
                    }
                    previous = level
                }
                if let change = entry.deadlineChange, entry.date > start, !superseded.contains(index) {
                    slips.append(DeadlineSlip(action: action, entry: entry, change: change))
                }
                if let milestone = entry.milestoneChange, let change = milestone.deadlineChange, entry.date > start,
                   !superseded.contains(index) {
                    slips.append(DeadlineSlip(action: action, entry: entry, change: change, milestone: milestone.title))
                }
            }
            let status = action.status(asOf: asOf, in: scheme)
            guard status?.isComplete != true, !action.isWithdrawn(asOf: asOf) else { continue }
            var reasons: [String] = []
            if let status, status == scheme.behindLevel { reasons.append(status.code) }
            if action.isOverdue(asOf: asOf, in: scheme), let deadline = action.dueDate(asOf: asOf) {
                let days = deadline.days(until: asOf)
                reasons.append("overdue \(days) \(days == 1 ? "day" : "days")")
            }
            let changes = action.deadlineChanges(asOf: asOf).filter { change in
                !superseded.contains { action.history[$0] == change }
            }
            if !changes.isEmpty, let original = changes.first?.deadlineChange?.from {
                reasons.append("slipped \(changes.count)× from \(original.displayText)")
            }
            if !reasons.isEmpty {
                exceptions.append(ActionReference(action: action, status: status, note: reasons.joined(separator: ", ")))
            }
        }
        self.movements = movements.sorted { $0.entry.date < $1.entry.date }
        self.progress = progress.sorted { $0.entry.date < $1.entry.date }
        // Only the counts at the start of the period are shown, not a whole summary of that day.
        let before = RAGTrend.overall(plan, on: start)
        let overdueNow = plan.actions.filter { $0.isOverdue(asOf: asOf, in: scheme) }.map(\.id)
        let overdueThen = Set(plan.actions.filter { $0.isOverdue(asOf: start, in: scheme) }.map(\.id))
        headline = BoardHeadline(now: summary.overall, then: before, overdue: overdueNow,
                                 newlyOverdue: overdueNow.filter { !overdueThen.contains($0) }, overdueThen: overdueThen.count)
        trend = RAGTrend(plan: plan, asOf: asOf)
        self.slips = slips.sorted { $0.entry.date < $1.entry.date }
        self.exceptions = exceptions
        let window = OverdueReport(plans: [plan], asOf: asOf, withinDays: asOf.days(until: self.next))
        dueBeforeNext = window.dueSoon.filter { $0.deadline.lastDay! > asOf }.sorted { $0.daysOverdue < $1.daysOverdue }
    }

    /// Counts of movements by from → to, most frequent first (`3 AMBER → GREEN`).
    public var movementTotals: [(label: String, count: Int)] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for movement in movements {
            let label = "\(movement.from?.code ?? "none") → \(movement.to.code)"
            if counts[label] == nil { order.append(label) }
            counts[label, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }.sorted { $0.count > $1.count }
    }

    /// The report as JSON (see docs/commands.md, "JSON output for scripts").
    public var jsonValue: JSONValue {
        .object([
            JSONMember("plan", .string(plan.id)),
            JSONMember("asOf", .string(asOf.description)),
            JSONMember("since", .string(since.description)),
            JSONMember("periodStart", .string(periodStart.description)),
            JSONMember("next", .string(next.description)),
            JSONMember("headline", headlineJSON),
            JSONMember("summary", summary.jsonValue),
            JSONMember("trend", trend.jsonValue),
            JSONMember("movements", .array(movements.map { movement in
                .object([
                    JSONMember("id", .string(movement.action.id)),
                    JSONMember("date", .string(movement.entry.date.description)),
                    JSONMember("from", movement.from.map { .string($0.code) } ?? .null),
                    JSONMember("to", .string(movement.to.code)),
                    JSONMember("by", movement.entry.by.map { .string($0) } ?? .null),
                    JSONMember("comment", movement.entry.comment.map { .string($0) } ?? .null),
                ])
            })),
            JSONMember("movementTotals", .array(movementTotals.map { total in
                .object([JSONMember("change", .string(total.label)), JSONMember("count", .number(String(total.count)))])
            })),
            JSONMember("exceptions", .array(exceptions.map { ref in
                .object([
                    JSONMember("id", .string(ref.action.id)),
                    JSONMember("status", ref.status.map { .string($0.code) } ?? .null),
                    JSONMember("why", .string(ref.note)),
                    JSONMember("leads", .array(ref.action.leads.map { .string($0) })),
                    JSONMember("deadline", ref.action.finalDeadline.map { .string($0.description) } ?? .null),
                    JSONMember("latestComment", ref.action.latestComment(asOf: asOf)?.comment.map { .string($0) } ?? .null),
                ])
            })),
            JSONMember("deadlineChanges", .array(slips.map { slip in
                .object([
                    JSONMember("id", .string(slip.action.id)),
                    JSONMember("milestone", slip.milestone.map { .string($0) } ?? .null),
                    JSONMember("date", .string(slip.entry.date.description)),
                    JSONMember("from", slip.change.from.map { .string($0.description) } ?? .null),
                    JSONMember("to", .string(slip.change.to.description)),
                    JSONMember("reason", .string(slip.change.reason)),
                ])
            })),
            JSONMember("dueBeforeNext", .array(dueBeforeNext.map { item in
                .object([
                    JSONMember("id", .string(item.action.id)),
                    JSONMember("milestone", item.milestone.map { .string($0.title) } ?? .null),
                    JSONMember("dueDate", .string(item.deadline.lastDay!.description)),
                    JSONMember("status", item.status.map { .string($0.code) } ?? .null),
                ])
            })),
        ])
    }
}
