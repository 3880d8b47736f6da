import PlanJSON
import PlanKit

/// What was recorded across plans in a period, newest first: every status,
/// progress note, new deadline, milestone done or reopened and lead change,
/// with who recorded it – so that a manager sees what colleagues recorded
/// this week without opening each action (`improve log`).
public struct ActivityLog: Sendable {
    /// One history entry, with the action it belongs to and the status before it.
    public struct Item: Sendable {
        public var planID: String
        public var actionID: String
        public var actionText: String
        public var entry: StatusChange
        /// The status the action had before this entry, when the entry records one.
        public var previousStatus: String?
        /// The entry's colour, from the plan's scheme.
        public var colour: RAGColour?
    }

    public var asOf: CalendarDate
    public var since: CalendarDate
    /// Newest first; entries of one day in plan order, then each action's latest first.
    public var items: [Item]
    /// Whether more than one plan was read, so that rows say which.
    public var showsPlan: Bool

    /// The entries dated after `since` and on or before `asOf`.
    ///
    /// - Parameters:
    ///   - lead: only actions with a lead containing this, ignoring case.
    ///   - by: only entries recorded by someone whose name contains this, ignoring case.
    public init(plans: [Plan], asOf: CalendarDate, since: CalendarDate, lead: String? = nil, by: String? = nil) {
        self.init(items: plans.flatMap { Self.items(of: $0, asOf: asOf, since: since, lead: lead, by: by) },
                  showsPlan: plans.count > 1, asOf: asOf, since: since)
    }

    /// The log of entries gathered plan by plan (each plan's ``items(of:asOf:since:lead:by:)``,
    /// in plan order), so that a reader of 1,500 plans keeps only their entries, never the plans.
    public init(items: [Item], showsPlan: Bool, asOf: CalendarDate, since: CalendarDate) {
        self.asOf = asOf
        self.since = since
        self.showsPlan = showsPlan
        // Newest day first; within a day, the order they were read in, latest entry of an action first.
        self.items = items.enumerated()
            .sorted { $0.element.entry.date != $1.element.entry.date ? $0.element.entry.date > $1.element.entry.date : $0.offset > $1.offset }
            .map(\.element)
    }

    /// One plan's entries dated after `since` and on or before `asOf`, in the order they are read.
    public static func items(of plan: Plan, asOf: CalendarDate, since: CalendarDate, lead: String? = nil, by: String? = nil) -> [Item] {
        var items: [Item] = []
        for action in plan.actions where lead.map({ Plan.action(action, isLedBy: $0) }) ?? true {
            var previous: String?
            for entry in action.history where entry.date <= asOf {
                defer { if let status = entry.status { previous = status } }
                guard entry.date > since else { continue }
                if let by, !(entry.by?.containsFolded(by) ?? false) { continue }
                items.append(Item(planID: plan.id, actionID: action.id, actionText: action.text, entry: entry,
                                  previousStatus: entry.status == nil ? nil : previous,
                                  colour: entry.status.flatMap { plan.ragScheme.level(code: $0)?.colour }))
            }
        }
        return items
    }

    /// What an entry did, in words: `AMBER → RED`, `deadline Sep 2019 → Dec 2019 (…)`, `note`.
    public static func whatChanged(_ item: Item) -> String {
        var parts: [String] = []
        if let status = item.entry.status {
            parts.append(StatusChange.statusMove(from: item.previousStatus, to: status))
        }
        parts += item.entry.changesInWords
        if parts.isEmpty { parts.append("note") }
        return parts.joined(separator: "; ")
    }

    /// The log as a table for people: date, (plan,) id, who, what changed, and the comment.
    ///
    /// One line per entry (`layout` `.oneLine`): what changed and the comment
    /// are cut to the width, and several plans are named by short tags.
    public func writeText<Target: TextOutputStream>(width: Int?, style: TextStyle, layout: TableLayout = .wrapped,
                                                    to output: inout Target) {
        guard !items.isEmpty else {
            output.write("Nothing recorded from \(since.adding(days: 1)) to \(asOf).\n")
            return
        }
        if layout == .oneLine {
            // A plan column only when the entries come from more than one plan.
            let showsPlan = showsPlan && Set(items.map(\.planID)).count > 1
            let tags = PlanTags(planIDs: items.map(\.planID), width: width)
            // What changed and the comment share one column: a change without a
            // comment (a deadline moved, a milestone done) then has the whole room.
            var table = TextTable(headers: (showsPlan ? ["PLAN"] : []) + ["DATE", "ID", "BY", "WHAT"],
                                  flexibleColumns: showsPlan ? [3, 4] : [2, 3])
            table.minimumWidths = showsPlan ? [3: 6, 4: 24] : [2: 6, 3: 24]
            table.keyColumn = showsPlan ? 2 : 1
            for item in items {
                let what = Self.whatChanged(item)
                let comment = item.entry.comment ?? ""
                table.rows.append((showsPlan ? [TextTable.Cell(tags.tag(item.planID))] : []) + [
                    TextTable.Cell(item.entry.date.description), TextTable.Cell(item.actionID), TextTable.Cell(item.entry.by ?? "-"),
                    TextTable.Cell(comment.isEmpty ? what : "\(what): \(comment)", colour: comment.isEmpty ? item.colour : nil),
                ])
            }
            table.renderOneLine(width: width, style: style, to: &output)
            if showsPlan { for line in tags.key(width: width) { output.write(line + "\n") } }
            output.write("\n\(items.count) \(items.count == 1 ? "entry" : "entries") from \(since.adding(days: 1)) to \(asOf)\n")
            return
        }
        var table = TextTable(headers: (showsPlan ? ["PLAN"] : []) + ["DATE", "ID", "BY", "WHAT", "COMMENT"],
                              flexibleColumns: showsPlan ? [4, 5] : [3, 4])
        // What changed and the comment are read whole: they wrap in their cells on a narrow terminal.
        table.wrapsCells = true
        for item in items {
            table.rows.append((showsPlan ? [TextTable.Cell(item.planID)] : []) + [
                TextTable.Cell(item.entry.date.description), TextTable.Cell(item.actionID), TextTable.Cell(item.entry.by ?? "-"),
                TextTable.Cell(TextTable.plain(Self.whatChanged(item)), colour: item.colour),
                TextTable.Cell(TextTable.plain(item.entry.comment ?? "")),
            ])
        }
        table.render(width: width, style: style, to: &output)
        output.write("\n\(items.count) \(items.count == 1 ? "entry" : "entries") from \(since.adding(days: 1)) to \(asOf)\n")
    }

    /// The log for scripts: `{"asOf", "since", "count", "entries": [{plan, id, date, by, status, previousStatus, changes, comment}]}`.
    public var jsonValue: JSONValue {
        .object([
            JSONMember("asOf", .string(asOf.description)),
            JSONMember("since", .string(since.description)),
            JSONMember("count", .number(String(items.count))),
            JSONMember("entries", .array(items.map { item in
                .object([
                    JSONMember("plan", .string(item.planID)),
                    JSONMember("id", .string(item.actionID)),
                    JSONMember("date", .string(item.entry.date.description)),
                    JSONMember("by", item.entry.by.map { .string($0) } ?? .null),
                    JSONMember("status", item.entry.status.map { .string($0) } ?? .null),
                    JSONMember("previousStatus", item.previousStatus.map { .string($0) } ?? .null),
                    JSONMember("changes", .array(item.entry.changesInWords.map { .string($0) })),
                    JSONMember("comment", item.entry.comment.map { .string($0) } ?? .null),
                ])
            })),
        ])
    }
}
