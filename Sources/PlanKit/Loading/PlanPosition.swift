/// A plan as it stood at the end of one day, for the reports that show a
/// position (the overdue check, the RAG summary).
///
/// Most of a long-running plan's bytes are its history: a portfolio of 10,000
/// actions with two years of monthly updates holds 240,000 entries. The
/// loader can read a plan for one day (``PlanLoader/read(files:relativeTo:today:_:unloadable:_:)`` with ``HistoryReading/positionOn(_:)``),
/// keeping of each action only the history that shows its position then (see
/// ``PositionWindow``) and checking every other entry on its bytes as strictly
/// as if it were kept, so a plan with a bad entry is refused all the same.
/// Such a plan is only good for that day, so it is a type of its own: a
/// report takes the day from the position and cannot be asked for another.
public struct PlanPosition: Sendable {
    /// The day.
    public let asOf: CalendarDate
    /// The plan, holding at least the history that shows each action's
    /// position on ``asOf``: the status on the day, the latest entry on or
    /// before it and ``Action/asItStood(on:includingHistory:)`` are as with the
    /// complete history; older comments and statuses may be missing.
    public let plan: Plan
    /// The file it was read from, when it was read from one.
    public let file: String?
    /// Warnings found while loading.
    public let warnings: [PlanProblem]

    /// The position of a plan held whole (with its complete history).
    public init(of plan: Plan, on day: CalendarDate) {
        self.init(asOf: day, plan: plan, file: nil, warnings: [])
    }

    /// A plan read for its position on `day` (``HistoryReading/positionOn(_:)``).
    public init(_ loaded: LoadedPlan, on day: CalendarDate) {
        self.init(asOf: day, plan: loaded.plan, file: loaded.file, warnings: loaded.warnings)
    }

    init(asOf: CalendarDate, plan: Plan, file: String?, warnings: [PlanProblem]) {
        self.asOf = asOf
        self.plan = plan
        self.file = file
        self.warnings = warnings
    }
}

/// How much of each action's history the loader keeps.
public enum HistoryReading: Hashable, Sendable {
    /// Every entry.
    case complete
    /// What shows each action's position at the end of a day (see ``PositionWindow``).
    case positionOn(CalendarDate)

    /// The day, for a position.
    public var day: CalendarDate? {
        if case .positionOn(let day) = self { return day }
        return nil
    }
}

extension StatusChange {
    /// Whether the entry changes a deadline, a milestone, the leads or a
    /// text, or withdraws or reinstates the action: such entries are kept
    /// whatever the day, as they say how the action stood.
    var changesMoreThanStatus: Bool {
        deadlineChange != nil || milestoneChange != nil || leadChange != nil || textEdit != nil || withdrawal != nil
    }
}

extension Action {
    /// The action with only the history `reading` asks for (see ``PositionWindow``).
    func keepingHistory(for reading: HistoryReading) -> Action {
        guard let day = reading.day else { return self }
        var window = PositionWindow(day: day)
        let kept = PlanFormat.historyForFile(self.history).filter {
            window.keeps(date: $0.date, hasStatus: $0.status != nil, changesMore: $0.changesMoreThanStatus)
        }
        guard kept.count != self.history.count else { return self }
        var action = self
        action.history = PlanFormat.historyFromFile(kept)
        return action
    }
}

extension Plan {
    /// The plan with only the history `reading` asks for.
    func keepingHistory(for reading: HistoryReading) -> Plan {
        guard reading != .complete else { return self }
        var plan = self
        plan.actions = actions.map { $0.keepingHistory(for: reading) }
        return plan
    }
}
