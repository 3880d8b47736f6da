import PlanJSON

/// An action's history, three ways: what each side added, removed and changed.
///
/// Entries have no ids, so an entry a side no longer has is either removed
/// (an undo) or changed (its comment corrected by hand): it counts as changed
/// when that side has a new entry of the same day, by the same person, of
/// the same kind (``identity(_:)``). Everything here is linear in the length
/// of the history: entries are found by day, never by scanning the whole list.
struct History {
    /// The common version's entries both sides still have (changed, where one side changed one), oldest first.
    var kept: [JSONValue] = []
    /// Entries added (or changed) on each side only, and on both, oldest first.
    var addedOurs: [JSONValue] = []
    var addedTheirs: [JSONValue] = []
    var addedBoth: [JSONValue] = []
    /// Common entries removed on one side and changed on the other, or changed
    /// differently on both: the merged history holds ours (`nil`: none).
    var clashes: [(base: JSONValue, ours: JSONValue?, theirs: JSONValue?)] = []

    /// The entries as plan files list them, newest first.
    init(base: [JSONValue], ours: [JSONValue], theirs: [JSONValue]) {
        let base = Array(base.reversed())
        var ourPool = EntryPool(ours.reversed()), theirPool = EntryPool(theirs.reversed())
        var goneOurs: [Int] = [], goneTheirs: [Int] = []
        var inOurs = [Bool](repeating: false, count: base.count), inTheirs = inOurs
        for (index, entry) in base.enumerated() {
            inOurs[index] = ourPool.take(entry)
            inTheirs[index] = theirPool.take(entry)
            if !inOurs[index] { goneOurs.append(index) }
            if !inTheirs[index] { goneTheirs.append(index) }
        }
        var ourRest = ourPool.rest, theirRest = theirPool.rest
        let ourChanges = Self.pair(goneOurs, of: base, with: ourRest)
        let theirChanges = Self.pair(goneTheirs, of: base, with: theirRest)
        // A common entry changed on one side (or alike on both) keeps its place, changed; theirs'
        // side of a clash is kept in the clash, not in the merged history.
        var dropOurs = Set<Int>(), dropTheirs = Set<Int>()
        var inPlace: [Int: JSONValue] = [:]
        for index in Set(goneOurs).union(goneTheirs).sorted() {
            let ours = ourChanges[index].map { ourRest[$0] }, theirs = theirChanges[index].map { theirRest[$0] }
            let oursRemoved = !inOurs[index] && ours == nil, theirsRemoved = !inTheirs[index] && theirs == nil
            switch (ours, theirs) {
            case (let o?, nil) where inTheirs[index]:
                inPlace[index] = o
                dropOurs.insert(ourChanges[index]!)
            case (nil, let t?) where inOurs[index]:
                inPlace[index] = t
                dropTheirs.insert(theirChanges[index]!)
            case (let o?, let t?) where o == t:
                inPlace[index] = o
                dropOurs.insert(ourChanges[index]!)
                dropTheirs.insert(theirChanges[index]!)
            case (let o?, let t?) where o != t:
                clashes.append((base[index], o, t))
                dropTheirs.insert(theirChanges[index]!)
            case (nil, let t?) where oursRemoved:
                clashes.append((base[index], nil, t))
                dropTheirs.insert(theirChanges[index]!)
            case (let o?, nil) where theirsRemoved:
                clashes.append((base[index], o, nil))
            default:
                // Removed on one side and left alone on the other, changed on one
                // side only, or changed alike: the side's entries say it.
                break
            }
        }
        kept = base.indices.compactMap { inOurs[$0] && inTheirs[$0] ? base[$0] : inPlace[$0] }
        ourRest = ourRest.enumerated().filter { !dropOurs.contains($0.offset) }.map(\.element)
        theirRest = theirRest.enumerated().filter { !dropTheirs.contains($0.offset) }.map(\.element)
        // Both sides added the same entry: once, apart from each side's own.
        var ourAdded = EntryPool(ourRest)
        for entry in theirRest {
            if ourAdded.take(entry) { addedBoth.append(entry) } else { addedTheirs.append(entry) }
        }
        addedOurs = ourAdded.rest
        ourRest = []
    }

    /// The common entries a side no longer has, paired with the side's new
    /// entries that are those entries changed: of the same identity, in order.
    static func pair(_ gone: [Int], of base: [JSONValue], with rest: [JSONValue]) -> [Int: Int] {
        guard !gone.isEmpty, !rest.isEmpty else { return [:] }
        var waiting: [String: [Int]] = [:]
        for (index, entry) in rest.enumerated() { waiting[identity(entry), default: []].append(index) }
        var pairs: [Int: Int] = [:]
        for index in gone {
            let key = identity(base[index])
            guard var queue = waiting[key], !queue.isEmpty else { continue }
            pairs[index] = queue.removeFirst()
            waiting[key] = queue
        }
        return pairs
    }

    /// What makes a changed entry the same entry: its day, who recorded it,
    /// which kind of change it records and, for a milestone's, which milestone.
    /// A corrected comment, status or reason leaves it the same.
    static func identity(_ entry: JSONValue) -> String {
        var by = ""
        if case .string(let name)? = entry[HistoryEntryField.by.key] { by = name }
        var kinds: [String] = []
        if case .object(let members) = entry {
            for member in members {
                switch HistoryEntryField(rawValue: member.key) {
                case .date?, .by?, .comment?, .status?: continue
                case .milestone?:
                    var title = ""
                    if case .string(let text)? = member.value[MilestoneChangeField.title.key] { title = text }
                    kinds.append("milestone:" + title)
                default: kinds.append(member.key)
                }
            }
        }
        return date(entry) + "\u{0}" + by + "\u{0}" + kinds.sorted().joined(separator: ",")
    }

    /// Whether an entry records a change of the action besides a note or a status.
    static func recordsChange(_ entry: JSONValue) -> Bool {
        guard case .object(let members) = entry else { return false }
        return members.contains { member in
            switch HistoryEntryField(rawValue: member.key) {
            case .date?, .by?, .comment?, .status?: return false
            default: return true
            }
        }
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

    /// The merged history, newest first: day by day, the common entries in
    /// their order, then what both added (in a fixed order), then each side's
    /// own, the side whose first sorts first going first.
    func merged() -> [JSONValue] {
        var days: [String: [[JSONValue]]] = [:]
        for (group, entries) in [kept, addedBoth, addedOurs, addedTheirs].enumerated() {
            for entry in entries {
                days[Self.date(entry), default: [[], [], [], []]][group].append(entry)
            }
        }
        var result: [JSONValue] = []
        result.reserveCapacity(kept.count + addedBoth.count + addedOurs.count + addedTheirs.count)
        for day in days.keys.sorted() {
            let groups = days[day]!
            result += groups[0]
            result += groups[1].count > 1 ? groups[1].sorted { Self.sortKey([$0]) < Self.sortKey([$1]) } : groups[1]
            let sides = [groups[2], groups[3]].filter { !$0.isEmpty }.sorted { Self.sortKey($0) < Self.sortKey($1) }
            for side in sides { result += side }
        }
        return result.reversed()
    }
}

/// A side's history entries, oldest first, taken one by one as they are
/// matched; found by day, so that matching a whole history is linear.
struct EntryPool {
    private let entries: [JSONValue]
    private var taken: [Bool]
    private var byDay: [String: [Int]] = [:]

    init<S: Sequence>(_ entries: S) where S.Element == JSONValue {
        self.entries = Array(entries)
        taken = [Bool](repeating: false, count: self.entries.count)
        for (index, entry) in self.entries.enumerated() { byDay[History.date(entry), default: []].append(index) }
    }

    /// Takes the first untaken entry equal to `entry`; `false` when there is none.
    mutating func take(_ entry: JSONValue) -> Bool {
        let day = History.date(entry)
        guard var indices = byDay[day], let position = indices.firstIndex(where: { entries[$0] == entry }) else { return false }
        taken[indices[position]] = true
        indices.remove(at: position)
        byDay[day] = indices
        return true
    }

    /// The entries not taken, in order.
    var rest: [JSONValue] { entries.indices.filter { !taken[$0] }.map { entries[$0] } }
}
