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
///   is removed, one it corrected is the correction (see ``History``); removed
///   or corrected on one side and corrected on the other, it is a conflict.
/// - Parts, themes, recommendations, actions (by id) and milestones (by the
///   title they had in the common version, so a rename is followed) added on
///   either side are kept; one removed on one side and left alone on the
///   other is removed, and changed on the other is a conflict. New entries go
///   after the entry they follow on their side; both sides' new entries after
///   the same one are ordered by their first id.
/// - Board meetings are merged as a set.
/// - Any other field changed on one side only takes that side's value; changed
///   on both to different values, it keeps ours and is a ``MergeConflict``,
///   as is an action withdrawn on one side and changed on the other (the
///   merged action is then as ours: withdrawn or not).
/// - Sides valid alone but not together (ids the rules take for one, a
///   milestone after the other side's deadline): the entries the rules name
///   are ours, each a conflict whose theirs is their entry.
///
/// An entry unchanged on one side is the other side's as it is, compared as
/// the model, so a big plan costs about what its changed entries do.
///
/// The result does not depend on which side is "ours" except where there is
/// a conflict, so that two people merging the same pair get the same plan.
public enum PlanMerge {
    /// - Parameter today: what the merged plan's history is checked against, as every plan read is.
    public static func merge(base: Plan?, ours: Plan, theirs: Plan, today: Today) -> PlanMergeResult {
        var merger = Merger(planID: ours.id)
        let bytes = merger.plan(base, ours, theirs).bytes()
        return settled(bytes, merger: &merger, base: base, ours: ours, theirs: theirs, today: today)
    }

    /// The merge as it was first written, of the plans' whole JSON trees: what ``merge(base:ours:theirs:today:)``
    /// must match (kept for the tests that hold it to that).
    static func mergeWholeTrees(base: Plan?, ours: Plan, theirs: Plan, today: Today) -> PlanMergeResult {
        var merger = Merger(planID: ours.id)
        let merged = merger.plan(base?.jsonValue(), ours.jsonValue(), theirs.jsonValue())
        return settled(JSONWriter.bytes(from: merged), merger: &merger, base: base, ours: ours, theirs: theirs, today: today)
    }

    /// The merged plan checked by the rules it will be read with, entries the rules name taken back to ours.
    private static func settled(_ written: [UInt8], merger: inout Merger, base: Plan?, ours: Plan, theirs: Plan,
                                today: Today) -> PlanMergeResult {
        // The sides' whole JSON, only when the rules name something.
        var sides: (base: JSONValue?, ours: JSONValue, theirs: JSONValue)?
        func json() -> (base: JSONValue?, ours: JSONValue, theirs: JSONValue) {
            if let sides { return sides }
            sides = (base?.jsonValue(), ours.jsonValue(), theirs.jsonValue())
            return sides!
        }
        var bytes = written
        for _ in 0..<4 {
            let check = PlanLoader.check(bytes: bytes, file: "merged", today: today)
            if let plan = check.plan, !check.hasErrors { return PlanMergeResult(plan: plan, conflicts: merger.conflicts) }
            // The merged plan's tree is built only when the rules name something in it.
            var merged = (try? JSONParser.parse(bytes)) ?? .null
            var reverted = false
            let (baseJSON, oursJSON, theirsJSON) = json()
            for problem in check.problems where problem.severity == .error {
                reverted = revert(problem.path, in: &merged, base: baseJSON, ours: oursJSON, theirs: theirsJSON,
                                  conflicts: &merger.conflicts) || reverted
            }
            if !reverted { break }
            bytes = JSONWriter.bytes(from: merged)
        }
        // Should that not do, ours stands whole, and the conflict is the whole plan: taking
        // theirs then gives their plan, which is valid.
        let (baseJSON, oursJSON, theirsJSON) = json()
        return PlanMergeResult(plan: ours, conflicts: [
            MergeConflict(kind: .plan, id: ours.id, field: [], base: baseJSON, ours: oursJSON, theirs: theirsJSON),
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
        // Ids the rules take for one (`LM 18`, `lm18`; parts only the same): the one the problem
        // names and those it clashes with, as the problem may be reported at either.
        func same(_ other: String) -> Bool { kind == .part ? other == id : IdentifierMatcher.matches(other, id) }
        func entry(_ plan: JSONValue?, _ wanted: String) -> JSONValue? {
            guard case .array(let list)? = plan?[key] else { return nil }
            return list.first { $0[ActionField.id.key] == .string(wanted) }
        }
        func idOf(_ item: JSONValue) -> String? { if case .string(let id)? = item[ActionField.id.key] { id } else { nil } }
        let ourList: [JSONValue] = { if case .array(let list)? = ours[key] { list } else { [] } }()
        var reverted = false
        for candidate in items.indices.reversed() {
            guard let candidateID = idOf(items[candidate]), candidate == index || same(candidateID) else { continue }
            let ourEntry = entry(ours, candidateID)
            guard items[candidate] != ourEntry else { continue }
            // Theirs' entry against ours' of an id the rules take for the same: ours stays, theirs
            // is the other side, so that taking theirs swaps it in.
            let partner = ourEntry ?? ourList.first { idOf($0).map { $0 != candidateID && same($0) } ?? false }
            let conflictID = partner.flatMap(idOf) ?? candidateID
            conflicts.removeAll { $0.kind == kind && ($0.id == candidateID || $0.id == conflictID) }
            conflicts.append(MergeConflict(kind: kind, id: conflictID, field: [], base: entry(base, candidateID),
                                           ours: partner, theirs: entry(theirs, candidateID)))
            if let ourEntry { items[candidate] = ourEntry } else { items.remove(at: candidate) }
            reverted = true
        }
        guard reverted else { return false }
        members[position].value = .array(items)
        merged = .object(members)
        return true
    }
}

/// The merge's working state: the conflicts found so far.
struct Merger {
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
                        aliases: (ours: [String: String], theirs: [String: String]) = ([:], [:]),
                        entry: (inout Merger, JSONValue?, JSONValue?, JSONValue?, String) -> JSONValue?) -> JSONValue? {
        // An entry a side renamed goes by its common key (unless the side has one of that key too).
        func index(_ list: [JSONValue], aliases: [String: String] = [:]) -> [(id: String, value: JSONValue)] {
            let own = aliases.isEmpty ? [] : Set(list.compactMap { Self.text($0[key]) })
            return list.compactMap { item in
                guard case .string(let id)? = item[key] else { return nil }
                if let first = aliases[id], !own.contains(first) { return (first, item) }
                return (id, item)
            }
        }
        let (b, o, t) = (index(Self.items(base)), index(Self.items(ours), aliases: aliases.ours),
                         index(Self.items(theirs), aliases: aliases.theirs))
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
            let field = owner == nil ? [] : prefix + [[ov, tv, bv].lazy.compactMap { Self.text($0?[key]) }.first ?? id]
            let result = one(bv, ov, tv, kind: kind, id: id, conflictID: conflictID, field: field, entry: entry)
            if let result { merged[id] = result }
        }
        let order = Self.orderedIDs(baseIDs, o.map(\.id), t.map(\.id)).filter { merged[$0] != nil }
        return order.isEmpty && base == nil && ours == nil && theirs == nil ? nil : .array(order.map { merged[$0]! })
    }

    /// One entry of a keyed list merged: taken from the side that changed it, removed, merged
    /// field by field (`entry`), or ours and a conflict (removed on one side, changed on the other).
    mutating func one(_ bv: JSONValue?, _ ov: JSONValue?, _ tv: JSONValue?, kind: MergeItemKind, id: String, conflictID: String,
                      field: [String], entry: (inout Merger, JSONValue?, JSONValue?, JSONValue?, String) -> JSONValue?) -> JSONValue? {
        switch (bv, ov, tv) {
        case (_, let o?, let t?) where o == t: return o
        case (nil, let o?, let t?):
            // Added on both sides, differently: field by field against nothing.
            return entry(&self, nil, o, t, id)
        case (_?, nil, nil): return nil
        case (let b?, let o, let t) where o == nil || t == nil:
            // Removed on one side: removed, unless the other changed it.
            if (o ?? t!) == b { return nil }
            conflicts.append(MergeConflict(kind: kind, id: conflictID, field: field, base: b, ours: ov, theirs: tv))
            return ov
        case (let b?, let o?, let t?): return entry(&self, b, o, t, id)
        case (nil, let only, nil): return only
        case (nil, nil, let only): return only
        default: return nil
        }
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
        // A common entry removed on one side and changed on the other (or changed differently on
        // both): a conflict. One that records a change of the action (a deadline, a milestone, leads,
        // a text) makes the whole action the conflict, as putting it back alone would leave the
        // history saying what the action does not; a note or status is settled on its own.
        if history.clashes.contains(where: { [$0.base, $0.ours, $0.theirs].contains { $0.map(History.recordsChange) ?? false } }) {
            conflicts.append(MergeConflict(kind: .action, id: id, field: [], base: base, ours: ours, theirs: theirs))
            return ours
        }
        for clash in history.clashes {
            conflicts.append(MergeConflict(kind: .action, id: id, field: [historyKey], base: clash.base, ours: clash.ours, theirs: clash.theirs))
        }
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
        // Milestones are matched by the title they had in the common version, so that one renamed
        // on a side is still the same milestone: renamed on both differently its title conflicts
        // (their rename entries then leave the history with it), and changed on the other side the
        // change goes to the renamed one.
        let baseTitles = Set(Self.items(base?[ActionField.milestones.key]).compactMap { Self.text($0[MilestoneField.title.key]) })
        let ourRenames = Renames(history.addedOurs + history.addedBoth, known: baseTitles)
        let theirRenames = Renames(history.addedTheirs + history.addedBoth, known: baseTitles)
        for (title, ourTitle) in ourRenames.current {
            if let theirTitle = theirRenames.current[title], theirTitle != ourTitle {
                history.addedTheirs.removeAll { theirRenames.origin(of: $0) == title }
                Self.retitle(&history.addedTheirs, from: [title, theirTitle], to: ourTitle, since: ourRenames.dates[title] ?? "")
            } else if theirRenames.current[title] == nil {
                Self.retitle(&history.addedTheirs, from: [title], to: ourTitle, since: ourRenames.dates[title] ?? "")
            }
        }
        for (title, theirTitle) in theirRenames.current where ourRenames.current[title] == nil {
            Self.retitle(&history.addedOurs, from: [title], to: theirTitle, since: theirRenames.dates[title] ?? "")
        }
        let mergedHistory = history.merged()
        return object(base, ours, theirs, kind: .action, id: id) { merger, key, b, o, t in
            switch ActionField(rawValue: key) {
            case .history?: return .some(.array(mergedHistory))
            case .milestones?:
                let titleKey = MilestoneField.title.key
                return .some(merger.keyed(b, o, t, kind: .action, key: titleKey, owner: id, prefix: [key],
                                          aliases: (ourRenames.aliases, theirRenames.aliases)) { m, b, o, t, _ in
                    // Its fields' conflicts name it by its title in the merged plan.
                    let (bt, ot, tt) = (b?[titleKey], o?[titleKey], t?[titleKey])
                    let title = Self.text(ot == tt || tt == bt ? ot : ot == bt ? tt : ot) ?? ""
                    return m.object(b, o, t, kind: .action, id: id, prefix: [key, title])
                })
            default: return nil
            }
        }
    }

    /// The other side's entries about a milestone one side renamed, from the day it was renamed,
    /// named by its new title: the merged history then names only milestones the action has.
    static func retitle(_ entries: inout [JSONValue], from old: Set<String>, to new: String, since day: String) {
        let key = HistoryEntryField.milestone.key, titleKey = MilestoneChangeField.title.key
        for index in entries.indices {
            guard History.date(entries[index]) >= day, let change = entries[index][key], let title = text(change[titleKey]),
                  old.contains(title), change[MilestoneChangeField.renamedFrom.key] == nil,
                  case .object(var members) = entries[index], let at = members.firstIndex(where: { $0.key == key }),
                  case .object(var fields) = change, let titleAt = fields.firstIndex(where: { $0.key == titleKey }) else { continue }
            fields[titleAt].value = .string(new)
            members[at].value = .object(fields)
            entries[index] = .object(members)
        }
    }

    static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }
}

/// The milestones a side renamed, by their title in the common version.
struct Renames {
    /// Each renamed common title's title now.
    var current: [String: String] = [:]
    /// The title now of each renamed milestone, to its common title.
    var aliases: [String: String] = [:]
    /// The day each common title was first renamed.
    var dates: [String: String] = [:]

    /// From the side's new history entries; `known` are the common version's titles.
    init(_ entries: [JSONValue], known: Set<String>) {
        let key = HistoryEntryField.milestone.key
        var origin: [String: String] = [:]
        for entry in entries.sorted(by: { History.date($0) < History.date($1) }) {
            guard let change = entry[key], let old = Merger.text(change[MilestoneChangeField.renamedFrom.key]),
                  let new = Merger.text(change[MilestoneChangeField.title.key]) else { continue }
            let first = origin.removeValue(forKey: old) ?? old
            if known.contains(first) {
                origin[new] = first
                if dates[first] == nil { dates[first] = History.date(entry) }
            }
        }
        for (new, first) in origin where new != first {
            current[first] = new
            aliases[new] = first
        }
    }

    /// The common title of the milestone a rename entry renamed, if it is one.
    func origin(of entry: JSONValue) -> String? {
        guard let change = entry[HistoryEntryField.milestone.key], change[MilestoneChangeField.renamedFrom.key] != nil,
              let new = Merger.text(change[MilestoneChangeField.title.key]) else { return nil }
        // The rename's new title, followed to the title the milestone has now.
        if let first = aliases[new] { return first }
        return current.first { $0.value == new }?.key ?? Merger.text(change[MilestoneChangeField.renamedFrom.key]).flatMap { current[$0] != nil ? $0 : nil }
    }
}
