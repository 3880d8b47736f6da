/// What `improve record` did to one plan: the entries added, and the changes
/// the format has no history entry for, which are taken as they are.
public struct HandEditRecording: Sendable {
    /// Each entry added, with the action it went to.
    public var entries: [(action: String, entry: StatusChange)] = []
    /// Changes taken without an entry: `LM 7 afterDeadline`, `actions added: LM 19`, `plan: themes`.
    public var accepted: [String] = []
    /// The baseline to keep after recording: the plan as it was before, with
    /// the recorded fields as they were in the old baseline. The recorded plan
    /// has nothing unrecorded against it (the new entries explain it), and
    /// should `undo` take the entries back, the hand edits are named again.
    public var baseline: Plan
}

extension Plan {
    /// Adds a history entry for each hand edit ``HandEdits`` finds since
    /// `baseline`, with what the field was and is where the format has a
    /// place for it: a text edit, a change of leads, a new deadline, a
    /// milestone added, removed, renamed, re-dated, done or reopened.
    ///
    /// - Parameters:
    ///   - comment: the comment of every entry (a new deadline's reason; without one, "recorded after an edit by hand").
    /// - Throws: ``EditError/changedLater(action:on:)`` when a changed action
    ///   has a change recorded after `date`: the entries would come before it.
    public mutating func recordHandEdits(since baseline: Plan, date: CalendarDate, by: String?,
                                         comment: String?) throws(EditError) -> HandEditRecording {
        let edits = HandEdits(since: baseline, in: self)
        var recording = HandEditRecording(baseline: self)
        var before: [String: Action] = [:]
        for action in baseline.actions { before[action.id] = action }
        let reason = comment ?? "recorded after an edit by hand"
        for (id, fields) in edits.fields {
            guard let index = actions.firstIndex(where: { $0.id == id }), let old = before[id] else { continue }
            var action = actions[index]
            if let later = action.changeRecorded(after: date) { throw .changedLater(action: id, on: later.date) }
            var entries: [StatusChange] = []
            func entry() -> StatusChange { StatusChange(date: date, by: by, comment: comment) }
            for field in fields {
                switch field {
                case .leads:
                    var added = entry()
                    added.leadChange = LeadChange(from: old.leads, to: action.leads)
                    entries.append(added)
                case .deadline:
                    guard let deadline = action.deadline else {
                        recording.accepted.append("\(id) deadline removed")
                        continue
                    }
                    var added = entry()
                    added.comment = nil
                    added.deadlineChange = DeadlineChange(from: old.finalDeadline, to: deadline, reason: reason)
                    entries.append(added)
                case .milestones:
                    let (changes, accepted) = Self.milestoneChanges(from: old.milestones, to: action.milestones, reason: reason)
                    recording.accepted += accepted.map { "\(id) \($0)" }
                    for change in changes {
                        var added = entry()
                        added.milestoneChange = change
                        entries.append(added)
                    }
                case .afterDeadline, .history, .id:
                    recording.accepted.append("\(id) \(field.key)")
                default:
                    var added = entry()
                    added.textEdit = TextEdit(field: field, from: old.texts(of: field), to: action.texts(of: field))
                    entries.append(added)
                }
            }
            var kept = action
            for field in fields {
                switch field {
                case .leads: kept.leads = old.leads
                case .deadline where action.deadline != nil: kept.deadline = old.deadline
                case .milestones where entries.contains(where: { $0.milestoneChange != nil }): kept.milestones = old.milestones
                case .afterDeadline, .history, .id, .deadline, .milestones: break
                default: kept.setTexts(old.texts(of: field), of: field)
                }
            }
            recording.baseline.actions[index] = kept
            for added in entries {
                action.record(added)
                recording.entries.append((id, added))
            }
            actions[index] = action
        }
        recording.accepted += edits.actionsAdded.map { "action \($0) added" } + edits.actionsRemoved.map { "action \($0) removed" }
            + edits.planFields.map { "plan \($0.key)" }
        return recording
    }

    /// The milestone changes that take `old` to `new`: milestones matched by
    /// title, then by date (a rename); what has no entry (a
    /// milestone's date removed, its wording changed) is named instead.
    static func milestoneChanges(from old: [Milestone], to new: [Milestone], reason: String)
        -> (changes: [MilestoneChange], accepted: [String])
    {
        var pairs: [(Milestone, Milestone)] = []
        var oldLeft = old, newLeft: [Milestone] = []
        for milestone in new {
            if let position = oldLeft.firstIndex(where: { $0.title == milestone.title }) {
                pairs.append((oldLeft.remove(at: position), milestone))
            } else {
                newLeft.append(milestone)
            }
        }
        // A rename keeps the milestone's date: the rest are removed and added.
        var added: [Milestone] = []
        for milestone in newLeft {
            if let position = oldLeft.firstIndex(where: { $0.deadline == milestone.deadline }) {
                pairs.append((oldLeft.remove(at: position), milestone))
            } else {
                added.append(milestone)
            }
        }
        var changes: [MilestoneChange] = oldLeft.map { MilestoneChange(title: $0.title, removed: $0) }
        changes += added.map { MilestoneChange(title: $0.title, added: true) }
        var accepted: [String] = []
        for (was, now) in pairs where was != now {
            var edit = MilestoneChange(title: now.title)
            if was.title != now.title { edit.renamedFrom = was.title }
            if was.deadline != now.deadline {
                if let deadline = now.deadline {
                    edit.deadlineChange = DeadlineChange(from: was.deadline, to: deadline, reason: reason)
                } else {
                    accepted.append("milestone \"\(now.title)\" date removed")
                }
            }
            if was.deadlineText != now.deadlineText, was.deadline == now.deadline {
                accepted.append("milestone \"\(now.title)\" deadlineText")
            }
            if edit.renamedFrom != nil || edit.deadlineChange != nil { changes.append(edit) }
            if was.completed != now.completed {
                if let done = now.completed {
                    changes.append(MilestoneChange(title: now.title, completed: done, completedBefore: was.completed))
                } else {
                    changes.append(MilestoneChange(title: now.title, completed: nil))
                }
            }
        }
        return (changes, accepted)
    }
}
