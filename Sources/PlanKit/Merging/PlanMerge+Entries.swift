import PlanJSON

/// One entry of a merged list: merged field by field (JSON already built),
/// or one side's entry as it is, its JSON built only when it is written.
enum MergedEntry {
    case merged(JSONValue)
    case taken(() -> JSONValue)

    var json: JSONValue {
        switch self {
        case .merged(let value): return value
        case .taken(let make): return make()
        }
    }
}

/// A merged plan before it is written: the fields outside the lists, and the
/// lists entry by entry, so that writing it never holds the whole plan's JSON.
struct MergedPlan {
    var fields: [JSONMember]
    var lists: [(key: String, entries: [MergedEntry])]

    /// The plan as ``JSONWriter`` writes it, one entry at a time.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        let members = fields.map { (key: $0.key, value: Optional($0.value), entries: [MergedEntry]()) }
            + lists.map { (key: $0.key, value: JSONValue?.none, entries: $0.entries) }
        out += Array("{\n".utf8)
        for (position, member) in members.enumerated() {
            out += Array("  ".utf8) + Array(JSONWriter.compactString(from: .string(member.key)).utf8) + Array(": ".utf8)
            if let value = member.value {
                out += JSONWriter.bytes(from: value, indent: 1)
            } else {
                out += Array("[\n".utf8)
                for (index, entry) in member.entries.enumerated() {
                    out += Array("    ".utf8)
                    out += JSONWriter.bytes(from: entry.json, indent: 2)
                    if index != member.entries.count - 1 { out.append(UInt8(ascii: ",")) }
                    out.append(UInt8(ascii: "\n"))
                }
                out += Array("  ]".utf8)
            }
            if position != members.count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
        }
        out += Array("}\n".utf8)
        return out
    }
}

extension Merger {
    /// A list of the plan's entries (parts, themes, recommendations, actions) merged by id, as
    /// ``keyed(_:_:_:kind:key:owner:prefix:aliases:entry:)`` does, comparing the entries themselves
    /// first: one unchanged on a side is the other side's as it is, its JSON built only as it is
    /// written, so that a big plan's merge costs about what its changed entries do.
    mutating func entries<Entry: Equatable>(_ base: [Entry], _ ours: [Entry], _ theirs: [Entry], kind: MergeItemKind,
                                            id: (Entry) -> String, json: @escaping (Entry) -> JSONValue,
                                            entry: (inout Merger, JSONValue?, JSONValue?, JSONValue?, String) -> JSONValue?) -> [MergedEntry] {
        func lookup(_ list: [Entry]) -> [String: Entry] { Dictionary(list.map { (id($0), $0) }, uniquingKeysWith: { first, _ in first }) }
        let (byBase, byOurs, byTheirs) = (lookup(base), lookup(ours), lookup(theirs))
        var merged: [MergedEntry] = []
        merged.reserveCapacity(max(ours.count, theirs.count))
        for key in Self.orderedIDs(base.map(id), ours.map(id), theirs.map(id)) {
            let (bv, ov, tv) = (byBase[key], byOurs[key], byTheirs[key])
            switch (bv, ov, tv) {
            case (_, let o?, let t?) where o == t: merged.append(.taken { json(o) })
            case (let b?, let o?, let t) where o == b: if let t { merged.append(.taken { json(t) }) }
            case (let b?, let o, let t?) where t == b: if let o { merged.append(.taken { json(o) }) }
            case (_?, nil, nil): break
            default:
                if let result = one(bv.map(json), ov.map(json), tv.map(json), kind: kind, id: key, conflictID: key, field: [], entry: entry) {
                    merged.append(.merged(result))
                }
            }
        }
        return merged
    }

    /// The plan merged from its versions: the fields outside the lists as JSON (small), the
    /// lists entry by entry.
    mutating func plan(_ base: Plan?, _ ours: Plan, _ theirs: Plan) -> MergedPlan {
        let lists: Set<String> = [PlanField.parts.key, PlanField.themes.key, PlanField.recommendations.key, PlanField.actions.key]
        func shell(_ plan: Plan?) -> JSONValue? {
            guard var plan else { return nil }
            (plan.parts, plan.themes, plan.recommendations, plan.actions) = ([], [], [], [])
            guard case .object(let members) = plan.jsonValue() else { return nil }
            return .object(members.filter { !lists.contains($0.key) })
        }
        let fields = Self.members(object(shell(base), shell(ours), shell(theirs), kind: .plan, id: planID) { _, key, b, o, t in
            PlanField(rawValue: key) == .boardMeetings ? .some(Self.set(b, o, t)) : nil
        })
        let parts = entries(base?.parts ?? [], ours.parts, theirs.parts, kind: .part, id: \.id, json: \.jsonValue) { m, b, o, t, id in
            m.object(b, o, t, kind: .part, id: id) }
        let themes = entries(base?.themes ?? [], ours.themes, theirs.themes, kind: .theme, id: \.id, json: \.jsonValue) { m, b, o, t, id in
            m.object(b, o, t, kind: .theme, id: id) }
        let recommendations = entries(base?.recommendations ?? [], ours.recommendations, theirs.recommendations, kind: .recommendation,
                                      id: \.id, json: \.jsonValue) { m, b, o, t, id in m.object(b, o, t, kind: .recommendation, id: id) }
        let actions = entries(base?.actions ?? [], ours.actions, theirs.actions, kind: .action, id: \.id, json: \.jsonValue) { m, b, o, t, id in
            m.action(b, o, t, id: id) }
        return MergedPlan(fields: fields, lists: (parts.isEmpty ? [] : [(PlanField.parts.key, parts)]) + [
            (PlanField.themes.key, themes), (PlanField.recommendations.key, recommendations), (PlanField.actions.key, actions),
        ])
    }
}
