/// What to do to one milestone of an action.
public enum MilestoneEdit: Sendable, Equatable {
    /// Add a milestone, with its deadline if it has one.
    case add(title: String, deadline: Deadline?)
    /// Rename a milestone (by number from 1, or title) and/or give it a new
    /// deadline, which needs a reason.
    case change(String, rename: String?, deadline: Deadline?, reason: String?)
    /// Remove a milestone; the reason, if given, is kept as the entry's comment.
    case remove(String, reason: String?)
}

/// A correction of an action: its texts, sub-points, leads, linked
/// recommendations and milestones. Each part that changes something is
/// recorded as its own history entry, all on the same day by the same person,
/// and written as one change (one undo step).
public struct ActionEdit: Sendable {
    /// New values of the action's single texts (its text, success measure, …),
    /// by field; an empty list removes a text that may be absent. They are
    /// recorded in declared order, sub-points between the text and the rest.
    public var replacements: [ActionField: [String]] = [:]
    /// The new text of the action.
    public var text: String? {
        get { replacements[.text]?.first }
        set { replacements[.text] = newValue.map { [$0] } }
    }
    /// The new success measure.
    public var successMeasure: String? {
        get { replacements[.successMeasure]?.first }
        set { replacements[.successMeasure] = newValue.map { [$0] } }
    }
    /// Sub-points to add, at the end, in order.
    public var addSubPoints: [String] = []
    /// Sub-points to remove, by number (from 1, as they are before the edit) or text.
    public var removeSubPoints: [String] = []
    /// Leads to add, and to remove (matched ignoring case).
    public var addLeads: [String] = []
    public var removeLeads: [String] = []
    /// Recommendations of the plan to link the action to, and to unlink (ids in any case or spacing).
    public var link: [String] = []
    public var unlink: [String] = []
    public var milestone: MilestoneEdit?
    /// The day the edit was made, and who records it.
    public var date: CalendarDate
    public var by: String?

    public init(date: CalendarDate, by: String?) {
        self.date = date
        self.by = by
    }
}

/// Why an edit was refused; nothing is written. The command line says it in
/// words, naming its options.
public enum EditError: Error, Equatable, Sendable {
    case nothingToEdit
    case unchanged(field: ActionField)
    case noSuchSubPoint(String, action: String, count: Int)
    case subPointAlreadyThere(String, action: String)
    case leadNotThere(String, action: String, leads: [String])
    case leadAlreadyThere(String, action: String)
    case noSuchRecommendation(String, known: [String])
    case alreadyLinked(String, action: String)
    case notLinked(String, action: String, linked: [String])
    /// The action answers the recommendation through its theme, whose links are the theme's.
    case linkedThroughTheme(String, action: String, theme: String)
    case milestone(UpdateError)
    case milestoneExists(title: String, action: String)
    case milestoneChangeNeedsRenameOrDate
    case milestoneDateNeedsReason
    case sameMilestoneDeadline(Deadline)
    case alreadyWithdrawn(action: String, on: CalendarDate)
    case notWithdrawn(action: String)
    /// The action has a change recorded for a later day than this one; an
    /// edit goes on or after it, so that the history reads in order.
    case changedLater(action: String, on: CalendarDate)
    case boardMeetingExists(CalendarDate)
    case noBoardMeeting(CalendarDate, meetings: [CalendarDate])
}

/// What an edit recorded, for the answer.
public struct EditOutcome: Sendable {
    public var planID: String
    public var action: Action
    /// The entries added, in the order they were recorded.
    public var entries: [StatusChange]
}

extension Action {
    /// The latest entry dated after `day` that changed the action itself (a
    /// deadline, milestone, lead, text, or its withdrawal), if any: an edit
    /// dated `day` would come before it and give it the wrong "before".
    public func changeRecorded(after day: CalendarDate) -> StatusChange? {
        self.history.last { $0.date > day && $0.changesMoreThanStatus }
    }

    /// Adds an entry to the history in date order: an entry for an earlier day
    /// goes before later ones, one for the same day after those already there.
    public mutating func record(_ entry: StatusChange) {
        let position = self.history.lastIndex(where: { $0.date <= entry.date }).map { $0 + 1 } ?? 0
        self.history.insert(entry, at: position)
    }
}

extension Plan {
    /// Applies an edit to one action, recording each part as a history entry.
    ///
    /// - Parameter actionID: the action's exact id.
    /// - Throws: ``EditError`` when any part is refused; then nothing changes.
    public mutating func apply(_ edit: ActionEdit, toAction actionID: String) throws(EditError) -> EditOutcome {
        guard let index = actions.firstIndex(where: { $0.id == actionID }) else {
            preconditionFailure("apply(_:toAction:) needs an existing action id")
        }
        var action = actions[index]
        // An edit dated before a later change would give the later change the wrong "before".
        if let later = action.changeRecorded(after: edit.date) {
            throw .changedLater(action: action.id, on: later.date)
        }
        var entries: [StatusChange] = []
        func entry() -> StatusChange { StatusChange(date: edit.date, by: edit.by) }
        func texts(_ field: ActionField, _ values: [String]) throws(EditError) {
            let before = action.texts(of: field)
            guard before != values else { throw .unchanged(field: field) }
            var change = entry()
            change.textEdit = TextEdit(field: field, from: before, to: values)
            action.setTexts(values, of: field)
            entries.append(change)
        }

        for field in ActionField.allCases {
            if let values = edit.replacements[field], field.facts.edit == .single { try texts(field, values) }
            guard field == .subPoints, !edit.addSubPoints.isEmpty || !edit.removeSubPoints.isEmpty else { continue }
            var kept = Array(action.subPoints.enumerated())
            for typed in edit.removeSubPoints {
                let wanted = typed.lowercased()
                let match = Int(typed).flatMap { number in kept.firstIndex { $0.offset == number - 1 } }
                    ?? kept.firstIndex { $0.element.lowercased() == wanted }
                    ?? Self.single(kept.indices.filter { kept[$0].element.lowercased().contains(wanted) })
                guard let match else { throw .noSuchSubPoint(typed, action: action.id, count: action.subPoints.count) }
                kept.remove(at: match)
            }
            var points = kept.map(\.element)
            for point in edit.addSubPoints {
                if points.contains(point) { throw .subPointAlreadyThere(point, action: action.id) }
                points.append(point)
            }
            try texts(.subPoints, points)
        }
        if !edit.link.isEmpty || !edit.unlink.isEmpty {
            var linked = action.recommendations, others = action.otherLinks
            let inherited = theme(id: action.theme)?.recommendations ?? []
            for typed in edit.unlink {
                if let position = linked.firstIndex(where: { IdentifierMatcher.matches(typed, $0) }) {
                    linked.remove(at: position)
                } else if let position = others.firstIndex(where: { $0.lowercased() == typed.lowercased() }) {
                    // A link that is not a recommendation of this plan (Blackpool's "YOT Plan").
                    others.remove(at: position)
                } else if let id = inherited.first(where: { IdentifierMatcher.matches(typed, $0) }) {
                    throw .linkedThroughTheme(id, action: action.id, theme: action.theme)
                } else {
                    throw .notLinked(typed, action: action.id, linked: action.recommendations + action.otherLinks)
                }
            }
            for typed in edit.link {
                guard let recommendation = recommendations.first(where: { IdentifierMatcher.matches(typed, $0.id) }) else {
                    throw .noSuchRecommendation(typed, known: recommendations.map(\.id))
                }
                if linked.contains(recommendation.id) { throw .alreadyLinked(recommendation.id, action: action.id) }
                if inherited.contains(recommendation.id) {
                    throw .linkedThroughTheme(recommendation.id, action: action.id, theme: action.theme)
                }
                linked.append(recommendation.id)
            }
            if linked != action.recommendations { try texts(.recommendations, linked) }
            if others != action.otherLinks { try texts(.otherLinks, others) }
        }
        if !edit.addLeads.isEmpty || !edit.removeLeads.isEmpty {
            var leads = action.leads
            for lead in edit.removeLeads {
                guard let position = leads.firstIndex(where: { $0.lowercased() == lead.lowercased() }) else {
                    throw .leadNotThere(lead, action: action.id, leads: action.leads)
                }
                leads.remove(at: position)
            }
            for lead in edit.addLeads {
                if leads.contains(where: { $0.lowercased() == lead.lowercased() }) { throw .leadAlreadyThere(lead, action: action.id) }
                leads.append(lead)
            }
            guard leads != action.leads else { throw .unchanged(field: .leads) }
            var change = entry()
            change.leadChange = LeadChange(from: action.leads, to: leads)
            action.leads = leads
            entries.append(change)
        }
        if let milestoneEdit = edit.milestone {
            var change = entry()
            change.milestoneChange = try Self.apply(milestoneEdit, to: &action, comment: &change.comment)
            entries.append(change)
        }
        guard !entries.isEmpty else { throw .nothingToEdit }
        for change in entries { action.record(change) }
        actions[index] = action
        return EditOutcome(planID: id, action: action, entries: entries)
    }

    private static func single(_ indices: [Int]) -> Int? { indices.count == 1 ? indices[0] : nil }

    private static func apply(_ edit: MilestoneEdit, to action: inout Action,
                              comment: inout String?) throws(EditError) -> MilestoneChange {
        func position(_ typed: String) throws(EditError) -> Int {
            do { return try milestoneIndex(typed, in: action) } catch { throw .milestone(error) }
        }
        switch edit {
        case .add(let title, let deadline):
            if action.milestones.contains(where: { $0.title.lowercased() == title.lowercased() }) {
                throw .milestoneExists(title: title, action: action.id)
            }
            action.milestones.append(Milestone(title: title, deadline: deadline))
            return MilestoneChange(title: title, added: true)
        case .remove(let typed, let reason):
            let index = try position(typed)
            let removed = action.milestones.remove(at: index)
            comment = reason
            return MilestoneChange(title: removed.title, removed: removed)
        case .change(let typed, let rename, let deadline, let reason):
            guard rename != nil || deadline != nil else { throw .milestoneChangeNeedsRenameOrDate }
            if deadline != nil, reason == nil { throw .milestoneDateNeedsReason }
            let index = try position(typed)
            var change = MilestoneChange(title: action.milestones[index].title)
            if let rename {
                let old = action.milestones[index].title
                if rename == old { throw .unchanged(field: .milestones) }
                if action.milestones.contains(where: { $0.title.lowercased() == rename.lowercased() && $0.title != old }) {
                    throw .milestoneExists(title: rename, action: action.id)
                }
                action.milestones[index].title = rename
                change.title = rename
                change.renamedFrom = old
            }
            if let deadline, let reason {
                let old = action.milestones[index].deadline
                if old == deadline { throw .sameMilestoneDeadline(deadline) }
                action.milestones[index].deadline = deadline
                // The source's wording was of the old date.
                action.milestones[index].deadlineText = nil
                change.deadlineChange = DeadlineChange(from: old, to: deadline, reason: reason)
            }
            return change
        }
    }

    /// Withdraws an action that is no longer needed (see ``Withdrawal``).
    ///
    /// - Throws: ``EditError/alreadyWithdrawn(action:on:)``.
    public mutating func withdraw(actionID: String, reason: String, date: CalendarDate, by: String?) throws(EditError) -> EditOutcome {
        try recordWithdrawal(.withdrawn, actionID: actionID, comment: reason, date: date, by: by)
    }

    /// Puts back a withdrawn action.
    ///
    /// - Throws: ``EditError/notWithdrawn(action:)``.
    public mutating func reinstate(actionID: String, comment: String?, date: CalendarDate, by: String?) throws(EditError) -> EditOutcome {
        try recordWithdrawal(.reinstated, actionID: actionID, comment: comment, date: date, by: by)
    }

    private mutating func recordWithdrawal(_ withdrawal: Withdrawal, actionID: String, comment: String?,
                                           date: CalendarDate, by: String?) throws(EditError) -> EditOutcome {
        guard let index = actions.firstIndex(where: { $0.id == actionID }) else {
            preconditionFailure("withdraw/reinstate needs an existing action id")
        }
        var action = actions[index]
        // Withdrawn from a day on: nothing may be recorded after that day (it would fall in the withdrawn time).
        if let later = action.history.last, later.date > date { throw .changedLater(action: action.id, on: later.date) }
        // Judged on the whole history: a withdrawal recorded for a later day still counts.
        let current = action.history.last { $0.withdrawal != nil }
        switch withdrawal {
        case .withdrawn:
            if let current, current.withdrawal == .withdrawn { throw .alreadyWithdrawn(action: action.id, on: current.date) }
        case .reinstated:
            guard current?.withdrawal == .withdrawn else { throw .notWithdrawn(action: action.id) }
        }
        let entry = StatusChange(date: date, by: by, comment: comment, withdrawal: withdrawal)
        action.record(entry)
        actions[index] = action
        return EditOutcome(planID: id, action: action, entries: [entry])
    }

    /// Adds a board meeting, keeping the dates in order.
    public mutating func addBoardMeeting(_ day: CalendarDate) throws(EditError) {
        if boardMeetings.contains(day) { throw .boardMeetingExists(day) }
        boardMeetings.append(day)
        boardMeetings.sort()
    }

    /// Removes a board meeting.
    public mutating func removeBoardMeeting(_ day: CalendarDate) throws(EditError) {
        guard let index = boardMeetings.firstIndex(of: day) else { throw .noBoardMeeting(day, meetings: boardMeetings) }
        boardMeetings.remove(at: index)
    }
}
