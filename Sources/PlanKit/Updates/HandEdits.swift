/// What changed in a plan, since a baseline (the plan as `improve` last wrote
/// or recorded it), that no history entry explains: edits made by hand.
///
/// A field of an action that differs from the baseline counts as recorded
/// when an entry of the kind that changes it was added since (a partner's
/// `improve edit` arriving by `git pull` carries its own entries); one that no
/// such entry explains is a hand edit. Actions added or removed, and the
/// plan's own fields, have no history to explain them: they are named, so
/// that a partner's `improve add` arriving by git is named too.
public struct HandEdits: Hashable, Sendable {
    /// The actions (by id, in plan order) whose fields changed without an entry.
    public var fields: [(action: String, fields: [ActionField])]
    public var actionsAdded: [String]
    public var actionsRemoved: [String]
    /// The plan's own fields and lists that changed (`themes`, `title`, …).
    public var planFields: [PlanField]

    public var isEmpty: Bool { fields.isEmpty && actionsAdded.isEmpty && actionsRemoved.isEmpty && planFields.isEmpty }

    /// The fields of one action changed without an entry.
    public func fields(of action: String) -> [ActionField] { fields.first { $0.action == action }?.fields ?? [] }

    public static func == (a: HandEdits, b: HandEdits) -> Bool {
        a.fields.map(\.action) == b.fields.map(\.action) && a.fields.map(\.fields) == b.fields.map(\.fields)
            && a.actionsAdded == b.actionsAdded && a.actionsRemoved == b.actionsRemoved && a.planFields == b.planFields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.map(\.action))
        hasher.combine(actionsAdded)
        hasher.combine(planFields)
    }

    /// Nothing changed.
    public init() {
        fields = []
        actionsAdded = []
        actionsRemoved = []
        planFields = []
    }

    /// These edits less what `improve` itself changed from `before` to `after`: the plan's own fields
    /// and the actions added or removed by that change, which have no history entry to explain them
    /// (an undone `board add` or `add action`, whose reversal is improve's, not a hand edit).
    public func leaving(changesFrom before: Plan, to after: Plan) -> HandEdits {
        var edits = self
        let changed = Self.planFieldsChanged(from: before, to: after)
        edits.planFields.removeAll { changed.contains($0) }
        let beforeIDs = Set(before.actions.map(\.id)), afterIDs = Set(after.actions.map(\.id))
        edits.actionsAdded.removeAll { afterIDs.contains($0) && !beforeIDs.contains($0) }
        edits.actionsRemoved.removeAll { beforeIDs.contains($0) && !afterIDs.contains($0) }
        return edits
    }

    /// The fields compared, in the order the format lists them (the id is what actions are matched by).
    static let compared: [ActionField] = ActionField.allCases.filter { $0 != .id }

    /// Compares a plan with its baseline.
    ///
    /// - Parameter undoing: the plan is the result of `improve undo`: entries
    ///   of the baseline that are gone were taken back, and explain the fields
    ///   they had changed going back (an undone `record` leaves the baseline
    ///   without its entries, so the hand edits it recorded are named again).
    public init(since baseline: Plan, in current: Plan, undoing: Bool = false) {
        fields = []
        actionsAdded = []
        actionsRemoved = []
        var before: [String: Action] = [:]
        for action in baseline.actions { before[action.id] = action }
        let currentIDs = Set(current.actions.map(\.id))
        for action in current.actions {
            guard let old = before[action.id] else {
                actionsAdded.append(action.id)
                continue
            }
            if old == action { continue }
            let changed = Self.unexplained(from: old, to: action, undoing: undoing)
            if !changed.isEmpty { fields.append((action.id, changed)) }
        }
        actionsRemoved = baseline.actions.map(\.id).filter { !currentIDs.contains($0) }
        planFields = Self.planFieldsChanged(from: baseline, to: current)
    }

    /// The fields of an action that changed and that no entry added (or, undoing, taken back) explains.
    static func unexplained(from old: Action, to new: Action, undoing: Bool) -> [ActionField] {
        var kept = old.history
        var added: [StatusChange] = []
        for entry in new.history {
            if let position = kept.firstIndex(of: entry) { kept.remove(at: position) } else { added.append(entry) }
        }
        // An entry added explains a field it leaves as it is now (a later edit by hand
        // is not hidden by it); one taken back by undo, a field it had found as it is now.
        func explained(_ field: ActionField) -> Bool {
            added.contains { explains($0, field, now: new, taken: false) }
                || (undoing && kept.contains { explains($0, field, now: new, taken: true) })
        }
        var changed: [ActionField] = []
        for field in compared where field != .history && !same(old, new, field) && !explained(field) {
            changed.append(field)
        }
        // Entries of the baseline that are gone or altered (a status changed in place):
        // added entries are history themselves.
        if !kept.isEmpty, !undoing { changed.append(.history) }
        return changed
    }

    /// Whether an entry changed `field` to what `action` has now (`taken`: changed it from that).
    static func explains(_ entry: StatusChange, _ field: ActionField, now action: Action, taken: Bool) -> Bool {
        switch field {
        case .leads: return entry.leadChange.map { (taken ? $0.from : $0.to) == action.leads } ?? false
        case .deadline: return entry.deadlineChange.map { taken || $0.to == action.deadline } ?? false
        case .milestones: return entry.milestoneChange != nil
        default:
            // A new deadline leaves the source's wording of the old one behind.
            if field == .deadlineText, entry.deadlineChange != nil { return true }
            guard let edit = entry.textEdit, edit.field == field else { return false }
            return (taken ? edit.from : edit.to) == action.texts(of: field)
        }
    }

    static func same(_ a: Action, _ b: Action, _ field: ActionField) -> Bool {
        switch field {
        case .id: return a.id == b.id
        case .leads: return a.leads == b.leads
        case .deadline: return a.deadline == b.deadline
        case .afterDeadline: return a.afterDeadline == b.afterDeadline
        case .milestones: return a.milestones == b.milestones
        case .history: return a.history == b.history
        default: return a.texts(of: field) == b.texts(of: field)
        }
    }

    static func planFieldsChanged(from a: Plan, to b: Plan) -> [PlanField] {
        var changed: [PlanField] = []
        if a.title != b.title { changed.append(.title) }
        if a.organisation != b.organisation { changed.append(.organisation) }
        if a.inspection != b.inspection { changed.append(.inspection) }
        if a.source != b.source { changed.append(.source) }
        if a.declaredScheme != b.declaredScheme { changed.append(.ragScheme) }
        if a.boardMeetings != b.boardMeetings { changed.append(.boardMeetings) }
        if a.parts != b.parts { changed.append(.parts) }
        if a.themes != b.themes { changed.append(.themes) }
        if a.recommendations != b.recommendations { changed.append(.recommendations) }
        return changed
    }

    /// One line naming everything: `LM 7 (text, leads); actions added: LM 19; plan: themes`.
    public var summary: String {
        var parts = fields.map { "\($0.action) (\($0.fields.map(\.key).joined(separator: ", ")))" }
        if !actionsAdded.isEmpty { parts.append("actions added: " + actionsAdded.joined(separator: ", ")) }
        if !actionsRemoved.isEmpty { parts.append("actions removed: " + actionsRemoved.joined(separator: ", ")) }
        if !planFields.isEmpty { parts.append("plan: " + planFields.map(\.key).joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
