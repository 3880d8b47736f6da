extension Action {
    /// The latest history entry recorded on or before `asOf` that sets a status.
    ///
    /// History is read as it stood that day: later entries are ignored, so a
    /// report for a past date shows the position as it was then. Entries on the
    /// same day count in the order they were recorded.
    ///
    /// - Parameter asOf: the day to read the history at.
    /// - Returns: the entry, or `nil` when no status had been recorded by then.
    public func statusEntry(asOf: CalendarDate) -> StatusChange? {
        self.history.last(where: { $0.status != nil && $0.date <= asOf })
    }

    /// The status level recorded by `asOf` in `scheme`, or `nil` when none was.
    public func status(asOf: CalendarDate, in scheme: RAGScheme) -> RAGLevel? {
        statusEntry(asOf: asOf).flatMap { scheme.level(code: $0.status!) }
    }

    /// The latest comment recorded on or before `asOf`.
    ///
    /// A change of leads is history, not progress: its comment is never the
    /// latest position.
    public func latestComment(asOf: CalendarDate) -> StatusChange? {
        self.history.last(where: { $0.comment != nil && !$0.isEdit && $0.date <= asOf })
    }

    /// The entry that withdrew the action, when it stands withdrawn at the end of `asOf`.
    public func withdrawal(asOf: CalendarDate) -> StatusChange? {
        guard let last = self.history.last(where: { $0.withdrawal != nil && $0.date <= asOf }), last.withdrawal == .withdrawn
        else { return nil }
        return last
    }

    /// Whether the action stands withdrawn at the end of `asOf` (see ``Withdrawal``).
    public func isWithdrawn(asOf: CalendarDate) -> Bool { withdrawal(asOf: asOf) != nil }

    /// The deadline by which the whole action is due.
    ///
    /// This is the action's own deadline when the plan gives one; otherwise the
    /// latest dated milestone's; otherwise ongoing or to be confirmed if any
    /// milestone is; otherwise `nil`.
    public var finalDeadline: Deadline? {
        if let deadline = self.deadline { return deadline }
        let dated = self.milestones.compactMap(\.deadline).filter { $0.lastDay != nil }
        if let latest = dated.max(by: { $0.lastDay! < $1.lastDay! }) { return latest }
        return self.milestones.compactMap(\.deadline).first
    }

    /// The deadline the plan first gave the action: the `from` of its first
    /// deadline change, or its deadline when it never moved.
    public var originalDeadline: Deadline? {
        if let first = self.history.first(where: { $0.deadlineChange != nil }) { return first.deadlineChange!.from }
        return self.deadline
    }

    /// The deadline changes recorded on or before `asOf`, oldest first.
    public func deadlineChanges(asOf: CalendarDate) -> [StatusChange] {
        self.history.filter { $0.deadlineChange != nil && $0.date <= asOf }
    }

    /// Whether the action is complete on `asOf` in `scheme`.
    public func isComplete(asOf: CalendarDate, in scheme: RAGScheme) -> Bool {
        status(asOf: asOf, in: scheme)?.isComplete ?? false
    }

    /// Whether the action is overdue on `asOf`: the day it is due by (its
    /// final deadline's last day, or for a recurring action the review due,
    /// see ``dueDate(asOf:)``) is before that date and the action is not complete.
    public func isOverdue(asOf: CalendarDate, in scheme: RAGScheme) -> Bool {
        guard let due = dueDate(asOf: asOf), due < asOf, !isWithdrawn(asOf: asOf) else { return false }
        return !isComplete(asOf: asOf, in: scheme)
    }

    /// The milestones past their deadline and not complete on `asOf`.
    ///
    /// A complete or withdrawn action has no overdue milestones.
    public func overdueMilestones(asOf: CalendarDate, in scheme: RAGScheme) -> [Milestone] {
        if isComplete(asOf: asOf, in: scheme) || isWithdrawn(asOf: asOf) { return [] }
        return self.milestones.filter { $0.isOverdue(asOf: asOf) }
    }
}

extension Plan {
    /// The theme with this id.
    public func theme(id: String) -> Theme? { themes.first(where: { $0.id == id }) }

    /// The recommendation with this id.
    public func recommendation(id: String) -> Recommendation? { recommendations.first(where: { $0.id == id }) }

    /// The action with this id.
    public func action(id: String) -> Action? { actions.first(where: { $0.id == id }) }

    /// The recommendations an action answers: its own links, then those of its
    /// theme that it does not already name.
    public func recommendationIDs(for action: Action) -> [String] {
        var ids = action.recommendations
        for id in theme(id: action.theme)?.recommendations ?? [] where !ids.contains(id) {
            ids.append(id)
        }
        return ids
    }

    /// The actions that answer a recommendation, directly or through their theme.
    public func actions(answering recommendationID: String) -> [Action] {
        actions.filter { recommendationIDs(for: $0).contains(recommendationID) }
    }
}

extension Action {
    /// The action as it stood at the end of a day, read back from its history:
    /// later entries dropped, deadlines and leads changed later put back as
    /// they were, milestones completed later shown open.
    ///
    /// Reports for a past date use this, so they show the position as it was
    /// then; no snapshot is stored, the history is the record.
    ///
    /// - Parameters:
    ///   - day: the day whose end the action is seen at.
    ///   - includingHistory: `false` leaves the past action's history empty, for
    ///     a caller that has already read the status it needs and only wants the
    ///     deadlines, leads and milestones as they stood (no history is copied).
    public func asItStood(on day: CalendarDate, includingHistory: Bool = true) -> Action {
        guard changes(after: day) else {
            guard !includingHistory else { return self }
            var slim = self
            slim.history = []
            return slim
        }
        var past = self
        // Each change after the day is taken back, newest first.
        for entry in self.history.reversed() where entry.date > day {
            if let change = entry.deadlineChange { past.deadline = change.from }
            if let change = entry.leadChange { past.leads = change.from }
            if let edit = entry.textEdit { past.setTexts(edit.from, of: edit.field) }
            if let change = entry.milestoneChange { past.milestones.takeBack(change) }
        }
        for index in past.milestones.indices where (past.milestones[index].completed ?? day) > day {
            past.milestones[index].completed = nil
        }
        past.history = includingHistory ? self.history.filter { $0.date <= day } : []
        return past
    }
}

extension [Milestone] {
    /// The milestones as they were before a change was made (its completion
    /// is left to the milestone's own `completed` day).
    mutating func takeBack(_ change: MilestoneChange) {
        let index = firstIndex { $0.title == change.title }
        if change.added, let index {
            remove(at: index)
        } else if let removed = change.removed, index == nil {
            append(removed)
        } else if let index {
            if let old = change.renamedFrom { self[index].title = old }
            if let moved = change.deadlineChange { self[index].deadline = moved.from }
            // A done day moved later: before it, the milestone stood done on the day first recorded.
            if let before = change.completedBefore { self[index].completed = before }
        }
    }
}

extension Action {
    /// Whether anything was recorded after the day: a history entry or a milestone completion.
    func changes(after day: CalendarDate) -> Bool {
        self.history.contains { $0.date > day } || self.milestones.contains { ($0.completed ?? day) > day }
    }
}

extension Plan {
    /// The plan as it stood at the end of a day (see ``Action/asItStood(on:includingHistory:)``).
    ///
    /// A plan with nothing recorded after the day is returned as it is, without copying its actions.
    public func asItStood(on day: CalendarDate) -> Plan {
        guard actions.contains(where: { $0.changes(after: day) }) else { return self }
        var past = self
        past.actions = actions.map { $0.asItStood(on: day) }
        return past
    }
}
