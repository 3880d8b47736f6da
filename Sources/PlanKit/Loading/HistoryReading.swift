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
    /// What shows each action's position at the end of a day: the entries on
    /// or before it, newest first, down to and including the first that
    /// records a status, and every entry that changes a deadline, a milestone
    /// or the leads. The other plain entries (a date, a status, who and a
    /// comment), older or later than those, are checked and left out, so the
    /// status on the day, the latest entry on or before it and
    /// ``Action/asItStood(on:includingHistory:)`` are as with the complete
    /// history, while older comments and statuses are not available.
    case positionOn(CalendarDate)
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
        guard case .positionOn(let day) = reading else { return self }
        var kept: [StatusChange] = []
        var foundStatus = false
        // Newest first, as the file lists them.
        for entry in history.reversed() {
            if entry.changesMoreThanStatus || (entry.date <= day && !foundStatus) { kept.append(entry) }
            if entry.date <= day, entry.status != nil { foundStatus = true }
        }
        guard kept.count != history.count else { return self }
        var action = self
        action.history = kept.reversed()
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
