import PlanJSON

/// What a merge conflict is in: the plan itself, or one of its entries.
public enum MergeItemKind: String, Sendable {
    case plan, part, theme, recommendation, action

    /// The plan's list that holds entries of the kind (`actions` for an action).
    var list: PlanField {
        switch self {
        case .part: return .parts
        case .theme: return .themes
        case .recommendation: return .recommendations
        case .plan, .action: return .actions
        }
    }
}

/// One field both sides of a merge changed to different values: the merged
/// plan holds ours, and the conflict says what the others were.
public struct MergeConflict: Equatable, Sendable {
    /// What the field belongs to.
    public var kind: MergeItemKind
    /// Its id (the plan's own for the plan).
    public var id: String
    /// The field within it, as a path of keys (an action's deadline; a
    /// milestone's, by the milestones key, the milestone's title, then the
    /// deadline key), or empty for the whole entry (added on both sides, or
    /// removed on one and changed on the other).
    public var field: [String]
    /// The values in the common version, ours and theirs; `nil` where there was none.
    public var base: JSONValue?
    public var ours: JSONValue?
    public var theirs: JSONValue?

    public init(kind: MergeItemKind, id: String, field: [String], base: JSONValue?, ours: JSONValue?, theirs: JSONValue?) {
        self.kind = kind
        self.id = id
        self.field = field
        self.base = base
        self.ours = ours
        self.theirs = theirs
    }

    /// `action LM 7`.
    public var item: String { "\(kind.rawValue) \(id)" }
}

/// What a merge gives: the merged plan and the conflicts in it.
public struct PlanMergeResult: Sendable {
    public var plan: Plan
    public var conflicts: [MergeConflict]
}

/// A three-way merge of two versions of a plan against their common one, by
/// meaning rather than by lines.
///
/// - History entries either side added are all kept, oldest first; entries
///   of the same day keep the common version's first, then each side's new
///   ones in the order that side recorded them, the side whose first new
///   entry sorts first (by who recorded it, then its text) going first; an
///   entry both sides added is kept once. An entry one side removed (an undo)
///   is removed.
/// - Parts, themes, recommendations, actions (by id) and milestones (by
///   title) added on either side are kept; one removed on one side and left
///   alone on the other is removed. New entries go after the entry they
///   follow on their side; both sides' new entries after the same one are
///   ordered by their first id.
/// - Board meetings are merged as a set.
/// - Any other field changed on one side only takes that side's value; changed
///   on both to different values, it keeps ours and is a ``MergeConflict``,
///   as is an action withdrawn on one side and changed on the other (the
///   merged action is then as ours: withdrawn or not).
///
/// The result does not depend on which side is "ours" except where there is
/// a conflict, so that two people merging the same pair get the same plan.
public enum PlanMerge {
    public static func merge(base: Plan?, ours: Plan, theirs: Plan) -> PlanMergeResult {
        var merger = Merger(planID: ours.id)
        let (baseJSON, oursJSON, theirsJSON) = (base?.jsonValue(), ours.jsonValue(), theirs.jsonValue())
        var merged = merger.plan(baseJSON, oursJSON, theirsJSON)
        // Each side valid, together not (a milestone after the other side's new deadline, two
        // withdrawals): the entries the rules name are taken as ours, each a conflict, and the
        // rest of the merge stands.
        for _ in 0..<4 {
            let check = PlanLoader.check(bytes: JSONWriter.bytes(from: merged), file: "merged")
            if let plan = check.plan, !check.hasErrors { return PlanMergeResult(plan: plan, conflicts: merger.conflicts) }
            var reverted = false
            for problem in check.problems where problem.severity == .error {
                reverted = revert(problem.path, in: &merged, base: baseJSON, ours: oursJSON, theirs: theirsJSON,
                                  conflicts: &merger.conflicts) || reverted
            }
            if !reverted { break }
        }
        // Should that not do, ours stands, and says why.
        let check = PlanLoader.check(bytes: JSONWriter.bytes(from: merged), file: "merged")
        let problems = check.problems.filter { $0.severity == .error }.map { JSONValue.string("\($0.path): \($0.message)") }
        return PlanMergeResult(plan: ours, conflicts: merger.conflicts + [
            MergeConflict(kind: .plan, id: ours.id, field: [], base: nil, ours: nil, theirs: .array(problems)),
        ])
    }

    /// Takes the entry (or plan field) a problem's path names back to ours, noting the conflict.
    /// `false` when it already is ours.
    private static func revert(_ path: String, in merged: inout JSONValue, base: JSONValue?, ours: JSONValue, theirs: JSONValue,
                               conflicts: inout [MergeConflict]) -> Bool {
        let key = String(path.prefix { $0 != "[" && $0 != "." })
        guard case .object(var members) = merged, let position = members.firstIndex(where: { $0.key == key }) else { return false }
        let kinds: [String: MergeItemKind] = [PlanField.parts.key: .part, PlanField.themes.key: .theme,
                                              PlanField.recommendations.key: .recommendation, PlanField.actions.key: .action]
        guard let kind = kinds[key] else {
            // A field of the plan itself.
            guard members[position].value != ours[key] else { return false }
            conflicts.append(MergeConflict(kind: .plan, id: ours[PlanField.id.key].flatMap { if case .string(let id) = $0 { return id } else { return nil } } ?? "",
                                           field: [key], base: base?[key], ours: ours[key], theirs: theirs[key]))
            if let value = ours[key] { members[position].value = value } else { members.remove(at: position) }
            merged = .object(members)
            return true
        }
        let digits = path.dropFirst(key.count + 1).prefix { $0.isNumber }
        guard case .array(var items) = members[position].value, let index = Int(digits), index < items.count,
              case .string(let id)? = items[index][ActionField.id.key] else { return false }
        func entry(_ plan: JSONValue?) -> JSONValue? {
            guard case .array(let list)? = plan?[key] else { return nil }
            return list.first { $0[ActionField.id.key] == .string(id) }
        }
        let ourEntry = entry(ours)
        guard items[index] != ourEntry else { return false }
        conflicts.removeAll { $0.kind == kind && $0.id == id }
        conflicts.append(MergeConflict(kind: kind, id: id, field: [], base: entry(base), ours: ourEntry, theirs: entry(theirs)))
        if let ourEntry { items[index] = ourEntry } else { items.remove(at: index) }
        members[position].value = .array(items)
        merged = .object(members)
        return true
    }

    /// The plan, as JSON, with a conflict settled by `value` (theirs, or one
    /// given): a field set or removed, an entry put back or taken out, or,
    /// for an action withdrawn on one side, the withdrawal entry put in or
    /// taken out of its history. `nil` when the conflict's item is gone.
    public static func settling(_ conflict: MergeConflict, with value: JSONValue?, in plan: Plan) -> JSONValue? {
        let withdrawnKey = HistoryEntryField.withdrawn.key
        guard conflict.kind == .action, conflict.field == [withdrawnKey] else {
            return setting(value, kind: conflict.kind, id: conflict.id, field: conflict.field, in: plan)
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

    /// The plan with the value at a conflict's path set (or removed, for `nil`):
    /// how a conflict is settled. `nil` when the path leads nowhere.
    public static func setting(_ value: JSONValue?, kind: MergeItemKind, id: String, field: [String], in plan: Plan) -> JSONValue? {
        let root = plan.jsonValue()
        let path: [String] = kind == .plan ? field : [kind.list.key, id] + field
        return set(value, at: path[...], in: root)
    }

    private static func set(_ value: JSONValue?, at path: ArraySlice<String>, in root: JSONValue) -> JSONValue? {
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
}

/// The merge's working state: the conflicts found so far.
private struct Merger {
    let planID: String
    var conflicts: [MergeConflict] = []

    init(planID: String) { self.planID = planID }

    // MARK: Values

    /// A field's merged value: one side's change, or ours and a conflict.
    mutating func value(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?,
                        kind: MergeItemKind, id: String, field: [String]) -> JSONValue? {
        if ours == theirs { return ours }
        if ours == base { return theirs }
        if theirs == base { return ours }
        conflicts.append(MergeConflict(kind: kind, id: id, field: field, base: base, ours: ours, theirs: theirs))
        return ours
    }

    static func members(_ value: JSONValue?) -> [JSONMember] {
        if case .object(let members)? = value { return members }
        return []
    }

    static func items(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items)? = value { return items }
        return []
    }

    /// The keys of three versions of an object, in the order they first appear.
    static func keys(_ versions: [JSONMember]...) -> [String] {
        var keys: [String] = []
        for members in versions { for member in members where !keys.contains(member.key) { keys.append(member.key) } }
        return keys
    }

    /// An object merged field by field; `special` merges the fields it answers for.
    mutating func object(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?, kind: MergeItemKind, id: String,
                         prefix: [String] = [],
                         special: (inout Merger, String, JSONValue?, JSONValue?, JSONValue?) -> JSONValue?? = { _, _, _, _, _ in nil })
        -> JSONValue
    {
        let (b, o, t) = (Self.members(base), Self.members(ours), Self.members(theirs))
        var merged: [JSONMember] = []
        for key in Self.keys(o, t, b) {
            let (bv, ov, tv) = (b.first { $0.key == key }?.value, o.first { $0.key == key }?.value, t.first { $0.key == key }?.value)
            let result: JSONValue?
            if let handled = special(&self, key, bv, ov, tv) {
                result = handled
            } else {
                result = value(bv, ov, tv, kind: kind, id: id, field: prefix + [key])
            }
            if let result { merged.append(JSONMember(key, result)) }
        }
        return .object(merged)
    }

    // MARK: The plan

    mutating func plan(_ base: JSONValue?, _ ours: JSONValue, _ theirs: JSONValue) -> JSONValue {
        object(base, ours, theirs, kind: .plan, id: planID) { merger, key, b, o, t in
            switch PlanField(rawValue: key) {
            case .parts?: return .some(merger.keyed(b, o, t, kind: .part, key: PartField.id.key) { m, b, o, t, id in
                m.object(b, o, t, kind: .part, id: id) })
            case .themes?: return .some(merger.keyed(b, o, t, kind: .theme, key: ThemeField.id.key) { m, b, o, t, id in
                m.object(b, o, t, kind: .theme, id: id) })
            case .recommendations?: return .some(merger.keyed(b, o, t, kind: .recommendation, key: RecommendationField.id.key) { m, b, o, t, id in
                m.object(b, o, t, kind: .recommendation, id: id) })
            case .actions?: return .some(merger.keyed(b, o, t, kind: .action, key: ActionField.id.key) { m, b, o, t, id in
                m.action(b, o, t, id: id) })
            case .boardMeetings?: return .some(Self.set(b, o, t))
            default: return nil
            }
        }
    }

    /// A list of strings merged as a set (board meetings): what either side
    /// added, less what either removed, in order.
    static func set(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?) -> JSONValue? {
        let (b, o, t) = (items(base), items(ours), items(theirs))
        let removed = b.filter { !o.contains($0) || !t.contains($0) }
        var result: [String] = []
        for case .string(let text) in o + t where !removed.contains(.string(text)) && !result.contains(text) { result.append(text) }
        result.sort()
        return result.isEmpty ? nil : .array(result.map { .string($0) })
    }

    // MARK: Keyed lists

    /// A list of objects identified by `key` (ids, milestone titles), merged entry by entry.
    mutating func keyed(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?, kind: MergeItemKind, key: String,
                        owner: String? = nil, prefix: [String] = [],
                        entry: (inout Merger, JSONValue?, JSONValue?, JSONValue?, String) -> JSONValue?) -> JSONValue? {
        func index(_ list: [JSONValue]) -> [(id: String, value: JSONValue)] {
            list.compactMap { item in
                guard case .string(let id)? = item[key] else { return nil }
                return (id, item)
            }
        }
        let (b, o, t) = (index(Self.items(base)), index(Self.items(ours)), index(Self.items(theirs)))
        let baseIDs = b.map(\.id)
        // Looked up by id (the first of an id, as a plan has each once).
        func lookup(_ list: [(id: String, value: JSONValue)]) -> [String: JSONValue] {
            Dictionary(list.map { ($0.id, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        let (byBase, byOurs, byTheirs) = (lookup(b), lookup(o), lookup(t))
        // Merged entries by id.
        var merged: [String: JSONValue] = [:]
        for id in Self.orderedIDs(baseIDs, o.map(\.id), t.map(\.id)) {
            let (bv, ov, tv) = (byBase[id], byOurs[id], byTheirs[id])
            // A milestone's conflict is its action's, on the path to the milestone.
            let conflictID = owner ?? id
            let field = owner == nil ? [] : prefix + [id]
            let result: JSONValue?
            switch (bv, ov, tv) {
            case (_, let o?, let t?) where o == t: result = o
            case (nil, let o?, let t?):
                // Added on both sides, differently: field by field against nothing.
                result = entry(&self, nil, o, t, id)
            case (_?, nil, nil): result = nil
            case (let b?, let o, let t) where o == nil || t == nil:
                // Removed on one side: removed, unless the other changed it.
                let kept = o ?? t!
                if kept == b {
                    result = nil
                } else {
                    conflicts.append(MergeConflict(kind: kind, id: conflictID, field: field, base: b, ours: ov, theirs: tv))
                    result = ov
                }
            case (let b?, let o?, let t?): result = entry(&self, b, o, t, id)
            case (nil, let only, nil): result = only
            case (nil, nil, let only): result = only
            default: result = nil
            }
            if let result { merged[id] = result }
        }
        let order = Self.orderedIDs(baseIDs, o.map(\.id), t.map(\.id)).filter { merged[$0] != nil }
        return order.isEmpty && base == nil && ours == nil && theirs == nil ? nil : .array(order.map { merged[$0]! })
    }

    /// The ids in merged order: the common version's, then each side's new ones
    /// after the one they follow on that side; both sides' new ones after the
    /// same entry ordered by their first id (so the order is the same either way round).
    static func orderedIDs(_ base: [String], _ ours: [String], _ theirs: [String]) -> [String] {
        let known = Set(base)
        func groups(_ side: [String]) -> [String: [String]] {
            var anchor = "", result: [String: [String]] = [:]
            for id in side {
                if known.contains(id) { anchor = id } else { result[anchor, default: []].append(id) }
            }
            return result
        }
        let (o, t) = (groups(ours), groups(theirs))
        var result: [String] = []
        var seen = Set<String>()
        func add(_ ids: [String]) { for id in ids where seen.insert(id).inserted { result.append(id) } }
        func addAfter(_ anchor: String) {
            // Ordered by their ids, all of them when the first are the same, so either way round gives one order.
            let sides = [o[anchor] ?? [], t[anchor] ?? []].filter { !$0.isEmpty }
                .sorted { $0.lexicographicallyPrecedes($1) }
            for side in sides { add(side) }
        }
        addAfter("")
        for id in base {
            add([id])
            addAfter(id)
        }
        return result
    }

    // MARK: Actions

    mutating func action(_ base: JSONValue?, _ ours: JSONValue?, _ theirs: JSONValue?, id: String) -> JSONValue? {
        let historyKey = ActionField.history.key
        let (bh, oh, th) = (Self.items(base?[historyKey]), Self.items(ours?[historyKey]), Self.items(theirs?[historyKey]))
        var history = History(base: bh, ours: oh, theirs: th)
        // Withdrawn on one side and changed on the other: a conflict; the action stays as ours.
        let withdrawnKey = HistoryEntryField.withdrawn.key
        let oursWithdrew = history.addedOurs.contains { $0[withdrawnKey] != nil }
        let theirsWithdrew = history.addedTheirs.contains { $0[withdrawnKey] != nil }
        let oursWithdrawal = history.addedOurs.first { $0[withdrawnKey] != nil }
        let theirsWithdrawal = history.addedTheirs.first { $0[withdrawnKey] != nil }
        func changedBesidesHistory(_ side: JSONValue?) -> Bool {
            Self.members(side).filter { $0.key != historyKey } != Self.members(base).filter { $0.key != historyKey }
        }
        let oursChanged = !history.addedOurs.isEmpty || !history.addedBoth.isEmpty || changedBesidesHistory(ours)
        let theirsChanged = !history.addedTheirs.isEmpty || !history.addedBoth.isEmpty || changedBesidesHistory(theirs)
        if oursWithdrew != theirsWithdrew, oursWithdrew ? theirsChanged && !theirsWithdrew : oursChanged {
            // Each side's value is its withdrawal entry, or none: what resolve puts in or takes out.
            conflicts.append(MergeConflict(kind: .action, id: id, field: [withdrawnKey], base: nil,
                                           ours: oursWithdrawal, theirs: theirsWithdrawal))
            if theirsWithdrew { history.addedTheirs.removeAll { $0[withdrawnKey] != nil } }
        }
        let mergedHistory = history.merged()
        return object(base, ours, theirs, kind: .action, id: id) { merger, key, b, o, t in
            switch ActionField(rawValue: key) {
            case .history?: return .some(.array(mergedHistory))
            case .milestones?:
                return .some(merger.keyed(b, o, t, kind: .action, key: MilestoneField.title.key, owner: id,
                                          prefix: [key]) { m, b, o, t, title in
                    m.object(b, o, t, kind: .action, id: id, prefix: [key, title])
                })
            default: return nil
            }
        }
    }
}

/// An action's history, three ways: what each side added and removed.
private struct History {
    /// The common version's entries, oldest first.
    let base: [JSONValue]
    var kept: [JSONValue]
    /// Entries added on each side only, and on both.
    var addedOurs: [JSONValue]
    var addedTheirs: [JSONValue]
    var addedBoth: [JSONValue]

    /// The entries as plan files list them, newest first.
    init(base: [JSONValue], ours: [JSONValue], theirs: [JSONValue]) {
        self.base = base.reversed()
        let (o, t) = (Array(ours.reversed()), Array(theirs.reversed()))
        var ourRest = o, theirRest = t
        var kept: [JSONValue] = []
        for entry in self.base {
            let inOurs = ourRest.firstIndex(of: entry), inTheirs = theirRest.firstIndex(of: entry)
            if let inOurs { ourRest.remove(at: inOurs) }
            if let inTheirs { theirRest.remove(at: inTheirs) }
            // Removed on either side (an undo): removed.
            if inOurs != nil, inTheirs != nil { kept.append(entry) }
        }
        self.kept = kept
        // Both sides added the same entry: once, apart from each side's own.
        var theirsOnly: [JSONValue] = [], both: [JSONValue] = []
        var oursOnly = ourRest
        for entry in theirRest {
            if let index = oursOnly.firstIndex(of: entry) {
                oursOnly.remove(at: index)
                both.append(entry)
            } else {
                theirsOnly.append(entry)
            }
        }
        addedOurs = oursOnly
        addedTheirs = theirsOnly
        addedBoth = both
    }

    static func date(_ entry: JSONValue) -> String {
        if case .string(let day)? = entry[HistoryEntryField.date.key] { return day }
        return ""
    }

    /// What orders two sides' entries of one day: who recorded the first, then its text.
    static func sortKey(_ entries: [JSONValue]) -> (String, String) {
        guard let first = entries.first else { return ("", "") }
        var by = ""
        if case .string(let name)? = first[HistoryEntryField.by.key] { by = name }
        return (by, JSONWriter.compactString(from: first))
    }

    /// The merged history, newest first.
    func merged() -> [JSONValue] {
        let days = Set((kept + addedBoth + addedOurs + addedTheirs).map(Self.date)).sorted()
        var result: [JSONValue] = []
        for day in days {
            result += kept.filter { Self.date($0) == day }
            // What both added, in a fixed order; then each side's own, the side whose first sorts first.
            result += addedBoth.filter { Self.date($0) == day }.sorted { Self.sortKey([$0]) < Self.sortKey([$1]) }
            let sides = [addedOurs.filter { Self.date($0) == day }, addedTheirs.filter { Self.date($0) == day }]
                .filter { !$0.isEmpty }
                .sorted { Self.sortKey($0) < Self.sortKey($1) }
            for side in sides { result += side }
        }
        return result.reversed()
    }
}
