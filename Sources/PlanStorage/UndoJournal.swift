import PlanJSON
import PlanKit
import FoundationEssentials
import Glibc

/// The kinds of plan entry a change can touch.
enum JournalEntryKind: String, Sendable {
    case theme, recommendation, action
    /// The plan's board meeting dates, as one list (the id is the plan's).
    case boardMeetings
}

/// One recorded change to a plan, as the undo journal keeps it.
struct JournalRecord {
    /// One action, recommendation or theme the change touched.
    struct EntryChange {
        var kind: JournalEntryKind
        var id: String
        /// Where the entry stood before the change.
        var index: Int
        /// The entry before the change, or `nil` when the change added it.
        var before: JSONValue?
        /// The entry after the change, or `nil` when the change removed it.
        var after: JSONValue?
    }

    var recorded: String
    var description: String
    /// Who made the change, when the command knew (journals written before it was kept have none).
    var by: String?
    /// The same for every plan one command changed (a reassignment across
    /// plans), so that undo reverses them together; `nil` for a change of one plan.
    var group: String?
    var changes: [EntryChange]

    var jsonValue: JSONValue {
        .object([
            JSONMember("recorded", .string(recorded)),
            JSONMember("description", .string(description)),
        ] + (by.map { [JSONMember("by", .string($0))] } ?? []) + (group.map { [JSONMember("group", .string($0))] } ?? []) + [
            JSONMember("changes", .array(changes.map { change in
                .object([
                    JSONMember("kind", .string(change.kind.rawValue)),
                    JSONMember("id", .string(change.id)),
                    JSONMember("index", .number(String(change.index))),
                    JSONMember("before", change.before ?? .null),
                    JSONMember("after", change.after ?? .null),
                ])
            })),
        ])
    }

    init(recorded: String, description: String, by: String? = nil, group: String? = nil, changes: [EntryChange]) {
        self.recorded = recorded
        self.description = description
        self.by = by
        self.group = group
        self.changes = changes
    }

    init?(_ value: JSONValue) {
        guard case .string(let recorded) = value["recorded"], case .string(let description) = value["description"],
              case .array(let items) = value["changes"] else { return nil }
        var changes: [EntryChange] = []
        for item in items {
            guard case .string(let name) = item["kind"], let kind = JournalEntryKind(rawValue: name), case .string(let id) = item["id"],
                  case .number(let index) = item["index"], let position = Int(index) else { return nil }
            let before = item["before"].flatMap { $0 == .null ? nil : $0 }
            let after = item["after"].flatMap { $0 == .null ? nil : $0 }
            changes.append(EntryChange(kind: kind, id: id, index: position, before: before, after: after))
        }
        var by: String?, group: String?
        if case .string(let name) = value["by"] { by = name }
        if case .string(let name) = value["group"] { group = name }
        self.init(recorded: recorded, description: description, by: by, group: group, changes: changes)
    }
}

/// The undo journal beside a plan (`.NAME.json.undo`): one JSON line per change
/// `improve` recorded, holding the touched entries before and after.
///
/// A change's record is written and synced before the plan is replaced, so a
/// crash leaves both or only the record; a record whose change is not in the
/// plan is dropped as never landed (``dropUnlanded(_:current:)``). The
/// journal takes the plan's permissions and group before a record is written
/// to it, so that whoever may read and write the plan may use it, and nobody
/// else may read it; a journal that is a link, or belongs to an account that
/// may not change the plan, is refused (``Sidecar``).
enum UndoJournal {
    /// Records beyond this many are dropped, oldest first.
    static let limit = 50

    static func path(for planPath: String) -> String { Sidecar.path(.undoJournal, of: planPath) }

    /// The records, oldest first; unreadable lines are skipped.
    ///
    /// - Throws: ``PlanWriteError/unsafeSidecar(path:problem:)`` for a journal
    ///   that is a link or someone else's (whose records could be forged).
    static func records(for planPath: String) throws(PlanWriteError) -> [JournalRecord] {
        guard let data = try Sidecar.bytes(path(for: planPath), of: planPath) else { return [] }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            (try? JSONParser.parse(Array(line))).flatMap(JournalRecord.init)
        }
    }

    /// How to take an appended record back: the journal as it was.
    enum Mark {
        /// The journal had this many bytes.
        case length(off_t)
        /// The journal was rewritten from these records.
        case records([JournalRecord])
    }

    /// Appends a record and syncs it, compacting the journal when it grows
    /// past twice the limit.
    ///
    /// - Returns: how to take the record back (``takeBack(to:for:)``).
    static func append(_ record: JournalRecord, for planPath: String) throws(PlanWriteError) -> Mark {
        let journal = path(for: planPath)
        // Opened first, so that a journal that may not be used is refused and one
        // made too open is made private before a record is read or written.
        let fd = try Sidecar.openSafely(journal, of: planPath, flags: O_RDWR | O_APPEND)
        defer { close(fd) }
        // Counted by its lines: the records are read only when it is compacted.
        var lines = 0, offset: off_t = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            lines += chunk[..<count].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
            offset += off_t(count)
        }
        if lines >= 2 * limit {
            let existing = try records(for: planPath)
            try rewrite(Array((existing + [record]).suffix(limit)), for: planPath)
            return .records(existing)
        }
        let line = JSONWriter.compactString(from: record.jsonValue) + "\n"
        let end = lseek(fd, 0, SEEK_END)
        // A journal whose last line was cut short (a crash, a full disk) gets a line break
        // first, so that this record is a line of its own and the fragment stays unreadable alone.
        var last: UInt8 = 0x0A
        if end > 0 { _ = pread(fd, &last, 1, end - 1) }
        let bytes = (last == 0x0A ? [] : [0x0A]) + Array(line.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                let reason = String(cString: strerror(errno))
                _ = ftruncate(fd, end)
                throw .writeFailed(path: journal, reason: reason)
            }
            written += result
        }
        guard fsync(fd) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = ftruncate(fd, end)
            throw .writeFailed(path: journal, reason: reason)
        }
        return .length(end)
    }

    /// Takes back a record just appended, when its change could not be
    /// written. Should this fail too, the record is dropped as never landed
    /// when the journal is next read.
    static func takeBack(to mark: Mark, for planPath: String) {
        switch mark {
        case .length(let length):
            // Never through a link put in its place meanwhile.
            let fd = open(path(for: planPath), O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { return }
            _ = ftruncate(fd, length)
            close(fd)
        case .records(let records): try? rewrite(records, for: planPath)
        }
    }

    /// Replaces the journal with these records.
    static func rewrite(_ records: [JournalRecord], for planPath: String) throws(PlanWriteError) {
        let text = records.map { JSONWriter.compactString(from: $0.jsonValue) + "\n" }.joined()
        try AtomicFile.replace(path(for: planPath), with: Array(text.utf8), like: planPath)
    }

    /// Drops the latest records whose changes never reached the plan: each of
    /// their entries is as it was before the change.
    ///
    /// - Returns: `nil` when the latest record left is in the plan (or there
    ///   is none); otherwise the entry (`action LM 7`) that matches neither
    ///   side of the latest record, edited since by hand.
    static func dropUnlanded(_ records: inout [JournalRecord], current plan: Plan) -> String? {
        while let last = records.last {
            let states = last.changes.map { change in (change: change, current: entry(change.kind, change.id, in: plan)) }
            if states.allSatisfy({ $0.current == $0.change.after }) { return nil }
            if states.allSatisfy({ $0.current == $0.change.before }) {
                records.removeLast()
                continue
            }
            let changed = states.first { $0.current != $0.change.after }!.change
            return "\(changed.kind.rawValue) \(changed.id)"
        }
        return nil
    }

    /// The records whose changes reached the plan, oldest first, wherever in
    /// the journal one that never did lies (a crash between the journal and
    /// the plan, followed by other changes).
    ///
    /// Walking back from the plan as it is: a record whose entries are all as
    /// it left them landed, and its entries are taken back to as it found
    /// them; one whose entries are all as it found them never landed and is
    /// left out. At an entry edited since by hand the walk stops, and the
    /// older records are kept as they are.
    static func landedRecords(_ records: [JournalRecord], current plan: Plan) -> [JournalRecord] {
        var walked: [String: JSONValue] = [:], absent: Set<String> = []
        func key(_ change: JournalRecord.EntryChange) -> String { "\(change.kind.rawValue) \(change.id)" }
        func state(_ change: JournalRecord.EntryChange) -> JSONValue? {
            let key = key(change)
            if absent.contains(key) { return nil }
            return walked[key] ?? entry(change.kind, change.id, in: plan)
        }
        var kept: [JournalRecord] = []
        for (offset, record) in records.enumerated().reversed() {
            if record.changes.allSatisfy({ state($0) == $0.after }) {
                kept.append(record)
                for change in record.changes {
                    if let before = change.before {
                        walked[key(change)] = before
                        absent.remove(key(change))
                    } else {
                        absent.insert(key(change))
                    }
                }
            } else if !record.changes.allSatisfy({ state($0) == $0.before }) {
                kept += records[...offset].reversed()
                break
            }
        }
        return kept.reversed()
    }

    /// An entry of the plan as JSON, or `nil` when the plan has none with that id.
    static func entry(_ kind: JournalEntryKind, _ id: String, in plan: Plan) -> JSONValue? {
        switch kind {
        case .action: return plan.actions.first { $0.id == id }?.jsonValue
        case .recommendation: return plan.recommendations.first { $0.id == id }?.jsonValue
        case .theme: return plan.themes.first { $0.id == id }?.jsonValue
        case .boardMeetings: return boardMeetings(plan.boardMeetings)
        }
    }

    /// Board meeting dates as the journal keeps them.
    static func boardMeetings(_ days: [CalendarDate]) -> JSONValue { .array(days.map { .string($0.description) }) }

    /// Board meeting dates read back from the journal, or `nil` when they cannot be.
    static func boardMeetings(_ value: JSONValue) -> [CalendarDate]? {
        guard case .array(let items) = value else { return nil }
        var days: [CalendarDate] = []
        for item in items {
            guard case .string(let text) = item, let day = CalendarDate(iso: text) else { return nil }
            days.append(day)
        }
        return days
    }

    /// The entries that differ between two versions of a plan.
    static func changes(from old: Plan, to new: Plan) -> [JournalRecord.EntryChange] {
        func diff<Entry: Equatable>(_ kind: JournalEntryKind, _ before: [Entry], _ after: [Entry], id: (Entry) -> String,
                                    json: (Entry) -> JSONValue) -> [JournalRecord.EntryChange] {
            var result: [JournalRecord.EntryChange] = []
            // Usually nothing was added, removed or moved: compare entries in place.
            if before.count == after.count, zip(before, after).allSatisfy({ id($0) == id($1) }) {
                for index in before.indices where before[index] != after[index] {
                    result.append(.init(kind: kind, id: id(before[index]), index: index, before: json(before[index]),
                                        after: json(after[index])))
                }
                return result
            }
            var afterIndex: [String: Int] = [:]
            afterIndex.reserveCapacity(after.count)
            for (index, entry) in after.enumerated() { afterIndex[id(entry)] = index }
            var beforeIDs = Set<String>()
            beforeIDs.reserveCapacity(before.count)
            for (index, entry) in before.enumerated() {
                let key = id(entry)
                beforeIDs.insert(key)
                // Unchanged entries are skipped without comparing whole values twice.
                if let position = afterIndex[key], position == index, after[position] == entry { continue }
                let counterpart = afterIndex[key].map { after[$0] }
                if counterpart != entry {
                    result.append(.init(kind: kind, id: key, index: index, before: json(entry), after: counterpart.map(json)))
                }
            }
            for (index, entry) in after.enumerated() where !beforeIDs.contains(id(entry)) {
                result.append(.init(kind: kind, id: id(entry), index: index, before: nil, after: json(entry)))
            }
            return result
        }
        let meetings: [JournalRecord.EntryChange] = old.boardMeetings == new.boardMeetings ? [] : [
            .init(kind: .boardMeetings, id: new.id, index: 0, before: boardMeetings(old.boardMeetings),
                  after: boardMeetings(new.boardMeetings)),
        ]
        return meetings + diff(.theme, old.themes, new.themes, id: \.id, json: \.jsonValue)
            + diff(.recommendation, old.recommendations, new.recommendations, id: \.id, json: \.jsonValue)
            + diff(.action, old.actions, new.actions, id: \.id, json: \.jsonValue)
    }
}
