/// How much of each action's history a command needs read.
///
/// Most of a long-running plan's bytes are its history: a portfolio of 10,000
/// actions with two years of monthly updates holds 240,000 entries. A command
/// that only needs each action's position on one day (the overdue check) can
/// ask for just that; every entry is still checked as strictly as when it is
/// kept, so a plan with a bad entry is refused all the same.
public enum HistoryReading: Hashable, Sendable {
    /// Every entry.
    case complete
    /// What shows each action's position at the end of a day (see ``PositionWindow``).
    /// The status on the day, the latest entry on or before it and
    /// ``Action/asItStood(on:includingHistory:)`` are as with the complete
    /// history, while older comments and statuses are not available.
    case positionOn(CalendarDate)

    /// The day, for a position.
    var day: CalendarDate? {
        if case .positionOn(let day) = self { return day }
        return nil
    }
}

extension StatusChange {
    /// Whether the entry changes a deadline, a milestone or the leads.
    var changesMoreThanStatus: Bool {
        deadlineChange != nil || milestoneChange != nil || leadChange != nil
    }
}

extension Action {
    /// The action with only the history `reading` asks for (see ``HistoryReading``).
    func keepingHistory(for reading: HistoryReading) -> Action {
        guard let day = reading.day else { return self }
        var window = PositionWindow(day: day)
        let kept = PlanFormat.historyForFile(history).filter {
            window.keeps(date: $0.date, hasStatus: $0.status != nil, changesMore: $0.changesMoreThanStatus)
        }
        guard kept.count != history.count else { return self }
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
