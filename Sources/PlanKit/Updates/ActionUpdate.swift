/// What to do to a milestone.
public enum MilestoneUpdate: Sendable, Equatable {
    /// Mark it complete, on this day (the update's date when `nil`).
    case done(CalendarDate?)
    /// Mark it not complete again.
    case reopen
}

/// One change to one action, recorded as one history entry.
public struct ActionUpdate: Sendable {
    /// A status level, by code or label in any case.
    public var status: String?
    public var comment: String?
    /// A milestone, by its number (from 1) or its title.
    public var milestone: String?
    public var milestoneUpdate: MilestoneUpdate?
    /// A new deadline, with the reason it moved.
    public var newDeadline: Deadline?
    public var reason: String?
    /// The day the change was made.
    public var date: CalendarDate
    /// Who records it.
    public var by: String?
    /// Mark complete even though milestones are open.
    public var force = false

    public init(date: CalendarDate, by: String?) {
        self.date = date
        self.by = by
    }
}

/// Why an update was refused; nothing is written. The command-line front end
/// says it in words, naming its options.
public enum UpdateError: Error, Equatable, Sendable {
    case nothingToRecord
    case unknownStatus(String, scheme: [String])
    case completeNeedsComment(level: String)
    case openMilestones(action: String, titles: [String])
    case unknownMilestone(String, action: String, count: Int)
    case milestoneNeedsDoneOrReopen
    case doneOrReopenNeedsMilestone
    case milestoneAlreadyDone(title: String, on: CalendarDate)
    case milestoneNotDone(title: String)
    case deadlineNeedsReason
    case reasonNeedsDeadline
    case sameDeadline(Deadline)
    /// The action was withdrawn on that day; it must be reinstated before progress is recorded.
    case withdrawn(action: String, on: CalendarDate)
    /// A later deadline change is recorded; a new deadline goes on or after its day.
    case deadlineChangedLater(action: String, on: CalendarDate)
}

/// What an update changed, for the one-line answer.
public struct UpdateOutcome: Sendable {
    public var planID: String
    public var action: Action
    public var entry: StatusChange
    public var previousStatus: RAGLevel?
    public var newStatus: RAGLevel?
    /// The milestone's number (from 1), when one changed.
    public var milestoneNumber: Int?
    /// The day the milestone was done before this update moved it to another day.
    public var milestoneDoneBefore: CalendarDate?

    /// `blackpool-2019  LM 7  AMBER → GREEN  recorded 2019-04-02 by A Lead`.
    public var summary: String {
        var parts: [String] = []
        if let newStatus { parts.append("\(previousStatus?.code ?? "none") → \(newStatus.code)") }
        if let change = entry.deadlineChange {
            parts.append("deadline \(change.from?.displayText ?? "none") → \(change.to.displayText)")
        }
        if let change = entry.milestoneChange, let number = milestoneNumber {
            let moved = milestoneDoneBefore.map { " (was \($0))" } ?? ""
            parts.append(change.completed.map { "milestone \(number) done \($0)\(moved)" } ?? "milestone \(number) reopened")
        }
        if parts.isEmpty { parts.append("note") }
        var line = "\(planID)  \(action.id)  \(parts.joined(separator: "; "))  recorded \(entry.date)"
        if let by = entry.by { line += " by \(by)" }
        return line
    }
}

extension Plan {
    /// Records an update to one action as one history entry.
    ///
    /// - Parameters:
    ///   - update: the change.
    ///   - actionID: the action's exact id.
    /// - Returns: what changed.
    /// - Throws: ``UpdateError`` when the update is refused.
    public mutating func apply(_ update: ActionUpdate, toAction actionID: String) throws(UpdateError) -> UpdateOutcome {
        guard let index = actions.firstIndex(where: { $0.id == actionID }) else {
            preconditionFailure("apply(_:toAction:) needs an existing action id")
        }
        var action = actions[index]
        let scheme = ragScheme
        if update.status == nil, update.comment == nil, update.milestone == nil, update.milestoneUpdate == nil,
           update.newDeadline == nil, update.reason == nil {
            throw .nothingToRecord
        }
        if let withdrawal = action.history.last(where: { $0.withdrawal != nil }), withdrawal.withdrawal == .withdrawn {
            throw .withdrawn(action: action.id, on: withdrawal.date)
        }
        // Nor in a time it was withdrawn, recorded for an earlier day.
        if let withdrawal = action.withdrawal(asOf: update.date) { throw .withdrawn(action: action.id, on: withdrawal.date) }
        // A new deadline before a later one would give the later one the wrong starting point.
        if update.newDeadline != nil, let later = action.history.last(where: { $0.date > update.date && $0.deadlineChange != nil }) {
            throw .deadlineChangedLater(action: action.id, on: later.date)
        }
        var entry = StatusChange(date: update.date, by: update.by, comment: update.comment)
        let previous = action.status(asOf: update.date, in: scheme)
        var newLevel: RAGLevel?
        if let typed = update.status {
            guard let level = scheme.level(matching: typed) else {
                throw .unknownStatus(typed, scheme: scheme.levels.map { "\($0.code) (\($0.label))" })
            }
            newLevel = level
            entry.status = level.code
        }

        var milestoneNumber: Int?, milestoneDoneBefore: CalendarDate?
        switch (update.milestone, update.milestoneUpdate) {
        case (nil, nil): break
        case (.some, nil): throw .milestoneNeedsDoneOrReopen
        case (nil, .some): throw .doneOrReopenNeedsMilestone
        case (let typed?, let change?):
            let position = try Plan.milestoneIndex(typed, in: action)
            milestoneNumber = position + 1
            let title = action.milestones[position].title
            switch change {
            case .done(let day):
                // A milestone already done moves to the day given, with an entry like any
                // completion; without a day, or to the same day, there is nothing to move.
                if let done = action.milestones[position].completed {
                    guard let day, day != done else { throw .milestoneAlreadyDone(title: title, on: done) }
                    milestoneDoneBefore = done
                }
                let completed = day ?? update.date
                action.milestones[position].completed = completed
                entry.milestoneChange = MilestoneChange(title: title, completed: completed, completedBefore: milestoneDoneBefore)
            case .reopen:
                guard action.milestones[position].completed != nil else { throw .milestoneNotDone(title: title) }
                action.milestones[position].completed = nil
                entry.milestoneChange = MilestoneChange(title: title, completed: nil)
            }
        }

        switch (update.newDeadline, update.reason) {
        case (nil, nil): break
        case (.some, nil): throw .deadlineNeedsReason
        case (nil, .some): throw .reasonNeedsDeadline
        case (let deadline?, let reason?):
            if action.finalDeadline == deadline { throw .sameDeadline(deadline) }
            // The deadline the action was due by, its own or its latest milestone's.
            entry.deadlineChange = DeadlineChange(from: action.finalDeadline, to: deadline, reason: reason)
            action.deadline = deadline
        }

        if let level = newLevel, level.isComplete {
            if update.comment == nil { throw .completeNeedsComment(level: level.code) }
            let open = action.milestones.filter { $0.completed == nil }.map(\.title)
            if !open.isEmpty, !update.force { throw .openMilestones(action: action.id, titles: open) }
        }

        action.record(entry)
        actions[index] = action
        return UpdateOutcome(planID: id, action: action, entry: entry, previousStatus: previous,
                             newStatus: newLevel, milestoneNumber: milestoneNumber, milestoneDoneBefore: milestoneDoneBefore)
    }

    /// The index of the milestone a number (from 1) or a title names.
    static func milestoneIndex(_ typed: String, in action: Action) throws(UpdateError) -> Int {
        if let number = Int(typed), number >= 1, number <= action.milestones.count { return number - 1 }
        let wanted = typed.lowercased()
        if let exact = action.milestones.firstIndex(where: { $0.title.lowercased() == wanted }) { return exact }
        let partial = action.milestones.indices.filter { action.milestones[$0].title.lowercased().contains(wanted) }
        if partial.count == 1 { return partial[0] }
        throw .unknownMilestone(typed, action: action.id, count: action.milestones.count)
    }

    /// Replaces a lead on every action that has it, recording each change.
    ///
    /// - Parameters:
    ///   - from: the lead leaving, matched exactly but ignoring case.
    ///   - to: the new lead.
    ///   - date: the day of the change.
    ///   - by: who records it.
    ///   - comment: a comment for each entry, if any (the entry itself says the lead changed).
    /// - Returns: the ids of the actions changed, in plan order.
    public mutating func reassign(from: String, to: String, date: CalendarDate, by: String?,
                                  comment: String? = nil, only ids: [String]? = nil) -> [String] {
        var changed: [String] = []
        for index in actions.indices {
            var action = actions[index]
            if let ids, !ids.contains(where: { IdentifierMatcher.matches($0, action.id) }) { continue }
            guard let position = action.leads.firstIndex(where: { $0.lowercased() == from.lowercased() }) else { continue }
            let before = action.leads
            if action.leads.contains(where: { $0.lowercased() == to.lowercased() }) {
                action.leads.remove(at: position)
            } else {
                action.leads[position] = to
            }
            let entry = StatusChange(date: date, by: by, comment: comment,
                                     leadChange: LeadChange(from: before, to: action.leads))
            action.record(entry)
            actions[index] = action
            changed.append(action.id)
        }
        return changed
    }
}
