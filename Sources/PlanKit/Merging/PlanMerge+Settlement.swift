import PlanJSON

extension PlanMerge {
    /// The plan, as JSON, with a conflict settled by `value` (theirs, or one
    /// given): a field set or removed, an entry put back or taken out, or,
    /// for an action withdrawn on one side, the withdrawal entry put in or
    /// taken out of its history. `nil` when the conflict's item is gone.
    public static func settling(_ conflict: MergeConflict, with value: JSONValue?, in plan: Plan) -> JSONValue? {
        let withdrawnKey = HistoryEntryField.withdrawn.key
        guard conflict.kind == .action, conflict.field == [withdrawnKey] || conflict.field == [ActionField.history.key] else {
            var value = value
            // An action moved to a theme both sides added in other spellings (`Z`, `z`), while that theme's own
            // clash is not yet settled: the action names the theme as the plan spells it now, and follows it
            // when the clash is settled (``renamingTheme(_:to:in:)``).
            if conflict.kind == .action, conflict.field == [ActionField.theme.key], let wanted = Merger.text(value),
               !plan.themes.contains(where: { $0.id == wanted }),
               let spelled = plan.themes.first(where: { IdentifierMatcher.matches(wanted, $0.id) }) {
                value = .string(spelled.id)
            }
            guard var json = setting(value, kind: conflict.kind, id: conflict.id, field: conflict.field, in: plan) else { return nil }
            // A theme swapped for theirs of another spelling (`Z` for `z`): the actions of ours' follow it.
            if conflict.kind == .theme, conflict.field.isEmpty, let old = Merger.text(conflict.ours?[ThemeField.id.key]),
               let new = Merger.text(value?[ThemeField.id.key]), old != new {
                json = renamingTheme(old, to: new, in: json)
            }
            return json
        }
        guard let action = plan.action(id: conflict.id), case .array(var history)? = action.jsonValue[ActionField.history.key]
        else { return nil }
        // Files list history newest first: ours' withdrawal out, the chosen one in at its day.
        if let ours = conflict.ours, let index = history.firstIndex(of: ours) { history.remove(at: index) }
        if case .object? = value, let chosen = value {
            let day = chosen[HistoryEntryField.date.key]
            func date(_ entry: JSONValue) -> String { if case .string(let text)? = entry[HistoryEntryField.date.key] { text } else { "" } }
            let newDay = day.flatMap { if case .string(let text) = $0 { text } else { nil } } ?? ""
            let at = history.firstIndex { date($0) <= newDay } ?? history.count
            history.insert(chosen, at: at)
        }
        return setting(.array(history), kind: .action, id: conflict.id, field: [ActionField.history.key], in: plan)
    }

    /// The plan with the actions of theme `old` moved to `new`.
    static func renamingTheme(_ old: String, to new: String, in root: JSONValue) -> JSONValue {
        let key = PlanField.actions.key, themeKey = ActionField.theme.key
        guard case .object(var members) = root, let position = members.firstIndex(where: { $0.key == key }),
              case .array(var actions) = members[position].value else { return root }
        for index in actions.indices where actions[index][themeKey] == .string(old) {
            if let changed = set(.string(new), at: [themeKey][...], in: actions[index]) { actions[index] = changed }
        }
        members[position].value = .array(actions)
        return .object(members)
    }

    /// The plan with the value at a conflict's path set (or removed, for `nil`):
    /// how a conflict is settled. `nil` when the path leads nowhere.
    public static func setting(_ value: JSONValue?, kind: MergeItemKind, id: String, field: [String], in plan: Plan) -> JSONValue? {
        let root = plan.jsonValue()
        let path: [String] = kind == .plan ? field : [kind.list.key, id] + field
        return set(value, at: path[...], in: root)
    }

    static func set(_ value: JSONValue?, at path: ArraySlice<String>, in root: JSONValue) -> JSONValue? {
        guard let key = path.first else { return value }
        switch root {
        case .object(var members):
            let rest = path.dropFirst()
            if let index = members.firstIndex(where: { $0.key == key }) {
                if rest.isEmpty, value == nil {
                    members.remove(at: index)
                } else {
                    guard let changed = set(value, at: rest, in: members[index].value) else { return nil }
                    members[index].value = changed
                }
            } else if rest.isEmpty, let value {
                members.append(JSONMember(key, value))
            } else {
                return nil
            }
            return .object(members)
        case .array(var items):
            // An element of a keyed list, by its id (or title).
            let idKey = items.first.flatMap { item -> String? in
                item[MilestoneField.title.key] != nil && item[ActionField.id.key] == nil ? MilestoneField.title.key : ActionField.id.key
            } ?? ActionField.id.key
            let rest = path.dropFirst()
            guard let index = items.firstIndex(where: { $0[idKey] == .string(key) }) else {
                // An entry one side no longer has, put back whole.
                guard rest.isEmpty, let value else { return value == nil ? .array(items) : nil }
                items.append(value)
                return .array(items)
            }
            if rest.isEmpty {
                if let value { items[index] = value } else { items.remove(at: index) }
            } else {
                guard let changed = set(value, at: rest, in: items[index]) else { return nil }
                items[index] = changed
            }
            return .array(items)
        default:
            return nil
        }
    }

    /// The history entry that records a conflict on an action settled with
    /// `value`, made on `date` by `by`: a deadline change, a milestone change
    /// (re-dated, renamed, done or reopened), a lead change or a text edit,
    /// from the common version's value to the one chosen – so that the newest
    /// entry says what the plan holds, and the board pack counts the settlement
    /// as the one move (see ``Action/supersededDeadlineMoves(asOf:)``). `nil`
    /// when the settlement is itself history (a withdrawal, an entry put back),
    /// is a whole entry, or changes nothing the history records.
    public static func settlementEntry(for conflict: MergeConflict, with value: JSONValue?, on date: CalendarDate,
                                       by: String?, how: String) -> JSONValue? {
        guard conflict.kind == .action, let first = conflict.field.first else { return nil }
        let reason = "merge conflict settled: \(how)"
        func texts(_ value: JSONValue?) -> JSONValue {
            switch value {
            case .string?: return .array([value!])
            case .array?: return value!
            default: return .array([])
            }
        }
        func deadlineChange(from: JSONValue?, to: JSONValue?) -> JSONValue? {
            guard case .string? = to, let to else { return nil }
            var members: [JSONMember] = []
            if case .string? = from, let from { members.append(JSONMember(DeadlineChangeField.from.key, from)) }
            members += [JSONMember(DeadlineChangeField.to.key, to), JSONMember(DeadlineChangeField.reason.key, .string(reason))]
            return .object(members)
        }
        var change: JSONMember?
        switch (ActionField(rawValue: first), conflict.field.count) {
        case (.deadline?, 1):
            change = deadlineChange(from: conflict.base, to: value).map { JSONMember(HistoryEntryField.deadline.key, $0) }
        case (.leads?, 1):
            change = JSONMember(HistoryEntryField.leads.key, .object([JSONMember(LeadChangeField.from.key, texts(conflict.base)),
                                                                     JSONMember(LeadChangeField.to.key, texts(value))]))
        case (let field?, 1) where TextEdit.editable[field] != nil:
            change = JSONMember(HistoryEntryField.edit.key, .object([JSONMember(TextEditField.field.key, .string(field.key)),
                                                                    JSONMember(TextEditField.from.key, texts(conflict.base)),
                                                                    JSONMember(TextEditField.to.key, texts(value))]))
        case (.milestones?, 3):
            let title = conflict.field[1]
            var members = [JSONMember(MilestoneChangeField.title.key, .string(title))]
            switch MilestoneField(rawValue: conflict.field[2]) {
            case .deadline?:
                guard let moved = deadlineChange(from: conflict.base, to: value) else { return nil }
                members.append(JSONMember(MilestoneChangeField.deadline.key, moved))
            case .title?:
                guard case .string(let new)? = value, new != title else { return nil }
                members = [JSONMember(MilestoneChangeField.title.key, .string(new)), JSONMember(MilestoneChangeField.renamedFrom.key, .string(title))]
            case .completed?:
                if case .string? = value, let value {
                    guard value != conflict.ours else { return nil }
                    members.append(JSONMember(MilestoneChangeField.completed.key, value))
                    if let before = conflict.ours { members.append(JSONMember(MilestoneChangeField.completedBefore.key, before)) }
                } else {
                    guard conflict.ours != nil else { return nil }
                    members.append(JSONMember(MilestoneChangeField.reopened.key, .bool(true)))
                }
            default: return nil
            }
            change = JSONMember(HistoryEntryField.milestone.key, .object(members))
        default: return nil
        }
        guard let change else { return nil }
        var entry = [JSONMember(HistoryEntryField.date.key, .string(date.description))]
        if let by { entry.append(JSONMember(HistoryEntryField.by.key, .string(by))) }
        entry.append(change)
        return .object(entry)
    }

    /// The plan, as JSON, with `entry` in action `id`'s history at its day
    /// (files list history newest first). `nil` when there is no such action.
    public static func recording(_ entry: JSONValue, onAction id: String, in root: JSONValue) -> JSONValue? {
        let actionsKey = PlanField.actions.key, historyKey = ActionField.history.key, dateKey = HistoryEntryField.date.key
        guard case .object(var members) = root, let position = members.firstIndex(where: { $0.key == actionsKey }),
              case .array(var actions) = members[position].value,
              let index = actions.firstIndex(where: { $0[ActionField.id.key] == .string(id) }),
              case .object(var fields) = actions[index] else { return nil }
        let day = Merger.text(entry[dateKey]) ?? ""
        if let at = fields.firstIndex(where: { $0.key == historyKey }) {
            guard case .array(var history) = fields[at].value else { return nil }
            history.insert(entry, at: history.firstIndex { (Merger.text($0[dateKey]) ?? "") <= day } ?? history.count)
            fields[at].value = .array(history)
        } else {
            fields.append(JSONMember(historyKey, .array([entry])))
        }
        actions[index] = .object(fields)
        members[position].value = .array(actions)
        return .object(members)
    }
}

extension MergeConflict {
    /// The conflict after `settled` was settled with `value`: a path through a
    /// milestone whose title that settled follows the new title, so that the
    /// milestone's other conflicts (its deadline, say) still find it.
    public func following(_ settled: MergeConflict, with value: JSONValue?) -> MergeConflict {
        let milestones = ActionField.milestones.key
        guard settled.kind == .action, kind == .action, settled.id == id, settled.field.count == 3, settled.field[0] == milestones,
              settled.field[2] == MilestoneField.title.key, case .string(let new)? = value,
              field.count >= 2, field[0] == milestones, field[1] == settled.field[1], self != settled else { return self }
        var moved = self
        moved.field[1] = new
        return moved
    }
}
