import PlanJSON
import PlanKit

/// The list of actions `improve list` prints: an aligned table, or JSON.
public struct ActionListReport: Sendable {
    public var rows: [ActionRow]
    public var asOf: CalendarDate
    /// The lead the list was filtered by: shown first in each row's leads, so
    /// that shortening the column never hides it.
    public var lead: String?

    public init(rows: [ActionRow], asOf: CalendarDate, lead: String? = nil) {
        self.rows = rows
        self.asOf = asOf
        self.lead = lead
    }

    /// A row's leads as the table shows them: the matching lead first.
    func leadsCell(_ row: ActionRow) -> String {
        var leads = row.action.leads
        if let lead, let index = leads.firstIndex(where: { $0.containsFolded(lead) }), index > 0 {
            leads.insert(leads.remove(at: index), at: 0)
        }
        return leads.joined(separator: "; ")
    }

    /// Writes the table, with a plan column when the rows come from several
    /// plans, and a count line at the end.
    ///
    /// - Parameters:
    ///   - width: the terminal width to fit, or `nil` for no limit.
    ///   - style: colours for RAG statuses.
    ///   - layout: one line per action, or the wrapped table.
    ///   - output: the stream to write to.
    public func writeText<Target: TextOutputStream>(width: Int?, style: TextStyle, layout: TableLayout = .wrapped,
                                                    to output: inout Target) {
        guard let first = rows.first else {
            output.write("No actions match.\n")
            return
        }
        // Whether the rows come from several plans, without a set of 100,000 ids.
        let showPlan = rows.contains { $0.plan.id != first.plan.id }
        if layout == .oneLine {
            writeOneLine(width: width, showPlan: showPlan, style: style, to: &output)
            writeCount(width: width, to: &output)
            return
        }
        var headers = ["ID", "STATUS", "DEADLINE", "LEAD", "ACTION"]
        if showPlan { headers.insert("PLAN", at: 0) }
        // Fitted to a terminal, the deadline, the leads and the action's text share the room
        // left by the plan, id and status in proportion to their text, so the action gets the
        // most, and each wraps within its cell: nothing is cut, not even the lead a filter matched.
        let last = headers.count - 1
        func table() -> TextTable {
            var table = TextTable(headers: headers, flexibleColumns: [last - 2, last - 1, last])
            table.wrapsCells = true
            table.minimumWidths = [last - 2: 18, last - 1: 14, last: 24]
            return table
        }
        func cells(_ row: ActionRow) -> [TextTable.Cell] {
            // Made at their size: inserting the plan's cell after grew every row's array to twice it.
            var cells: [TextTable.Cell] = []
            cells.reserveCapacity(headers.count)
            if showPlan { cells.append(TextTable.Cell(row.plan.id)) }
            cells += [
                TextTable.Cell(row.action.id),
                row.withdrawal == nil ? TextTable.Cell(row.status?.code ?? "-", colour: row.status?.colour)
                    : TextTable.Cell(Self.withdrawnWord, colour: .grey),
                TextTable.Cell(ActionListReport.deadlineCell(row), colour: row.isOverdue || row.overdueMilestones > 0 ? .red : nil),
                TextTable.Cell(leadsCell(row)),
                TextTable.Cell(row.action.text),
            ]
            return cells
        }
        guard let width else {
            // No width to fit (a file, a pipe): each column is as wide as its widest cell, so the
            // table is written a part at a time at those widths, never holding every row's cells.
            var widths = headers.map(TextTable.characterCount)
            for row in rows {
                for (column, cell) in cells(row).enumerated() { widths[column] = max(widths[column], TextTable.characterCount(cell.text)) }
            }
            for start in stride(from: 0, to: rows.count, by: Self.tablePart) {
                var part = table()
                part.columnWidths = widths
                part.showsHeader = start == 0
                part.rows = rows[start..<min(start + Self.tablePart, rows.count)].map(cells)
                part.render(width: nil, style: style, to: &output)
            }
            writeCount(width: nil, to: &output)
            return
        }
        var table = table()
        table.rows = rows.map(cells)
        if table.narrowestWidth > width {
            writeCards(width: width, showPlan: showPlan, style: style, to: &output)
        } else {
            table.render(width: width, style: style, to: &output)
        }
        writeCount(width: width, to: &output)
    }

    /// How many rows of a table with no width to fit are written at a time.
    static let tablePart = 2048

    /// `35 actions, 12 overdue as of 2019-04-10`, after a blank line (wrapped to the width, if any).
    func writeCount<Target: TextOutputStream>(width: Int? = nil, to output: inout Target) {
        let overdue = rows.reduce(0) { $0 + ($1.isOverdue ? 1 : 0) }
        var line = "\(rows.count) \(rows.count == 1 ? "action" : "actions")"
        if overdue > 0 { line += ", \(overdue) overdue" }
        line += " as of \(asOf)"
        let lines = width.map { TextTable.wrap(line, width: $0) } ?? [line]
        output.write("\n" + lines.joined(separator: "\n") + "\n")
    }

    /// The list for a terminal too narrow for its table: a block per action,
    /// its id, status, deadline (and plan) on the first line, then its leads
    /// and its text wrapped to the width, indented.
    func writeCards<Target: TextOutputStream>(width: Int, showPlan: Bool, style: TextStyle, to output: inout Target) {
        for row in rows {
            let status = row.withdrawal == nil ? style.coloured(row.status?.code ?? "-", row.status?.colour)
                : style.coloured(Self.withdrawnWord, .grey)
            let deadline = Self.deadlineCell(row)
            var head = style.bold(TextTable.plain(row.action.id)) + "  " + status + "  "
                + style.coloured(deadline, row.isOverdue || row.overdueMilestones > 0 ? .red : nil)
            if showPlan { head += "  " + row.plan.id }
            output.write(head + "\n")
            let leads = leadsCell(row)
            for line in TextTable.wrapped(TextTable.plain(leads.isEmpty ? "no lead" : leads), width: width - 4) {
                output.write("    " + line + "\n")
            }
            for line in TextTable.wrapped(TextTable.plain(row.action.text), width: width - 2) { output.write("  " + line + "\n") }
        }
    }

    /// The list one line per action: (plan,) id, status, deadline, the first
    /// lead and how many others, and the action's text, cut to the width.
    func writeOneLine<Target: TextOutputStream>(width: Int?, showPlan: Bool, style: TextStyle, to output: inout Target) {
        let tags = PlanTags(planIDs: rows.map(\.plan.id), width: width)
        var headers = ["ID", "STATUS", "DUE", "LEAD", "ACTION"]
        if showPlan { headers.insert("PLAN", at: 0) }
        let last = headers.count - 1
        var table = TextTable(headers: headers, flexibleColumns: [last - 2, last - 1, last])
        table.keyColumn = showPlan ? 1 : 0
        // A day's deadline (31 Mar 2019) whole with its late milestones' mark (Dec 2019 (12 late)):
        // longer forms (Dec 2018 then ongoing) may be cut, and the lead keeps room to be read.
        var dueFloor = 8
        for row in rows {
            // Overdue is shown in red; an action listed for its late milestones says so, as the
            // date alone (in the future) would not explain why it is in an overdue list.
            let late = !row.isOverdue && row.overdueMilestones > 0 ? " (\(row.overdueMilestones) late)" : ""
            var cells = [
                TextTable.Cell(row.action.id),
                row.withdrawal == nil ? TextTable.Cell(row.status?.code ?? "-", colour: row.status?.colour)
                    : TextTable.Cell(Self.withdrawnWord, colour: .grey),
                TextTable.Cell(ActionListReport.deadlineCell(row, saysLate: false) + late,
                               colour: row.isOverdue || row.overdueMilestones > 0 ? .red : nil, keptEnd: late),
                TextTable.leadsCell(row.action.leads, matching: lead),
                TextTable.Cell(row.action.text),
            ]
            if showPlan { cells.insert(TextTable.Cell(tags.tag(row.plan.id)), at: 0) }
            table.rows.append(cells)
            dueFloor = max(dueFloor, min(TextTable.displayWidth(ActionListReport.deadlineCell(row, saysLate: false)), 11) + late.count)
        }
        table.minimumWidths = [last - 2: dueFloor, last - 1: 12, last: 16]
        table.renderOneLine(width: width, style: style, to: &output)
        if showPlan { for line in tags.key(width: width) { output.write(line + "\n") } }
    }

    /// What the status column says of a withdrawn action.
    static let withdrawnWord = "withdrawn"

    /// The deadline as the table shows it, marked when overdue (`saysLate`;
    /// a one-line row has no room for the words and shows it in red instead).
    static func deadlineCell(_ row: ActionRow, saysLate: Bool = true) -> String {
        guard let deadline = row.deadline else { return row.action.deadlineText ?? "-" }
        var text = deadline.displayText
        if !saysLate, row.reviewDue == nil { return text }
        if let review = row.reviewDue {
            // A recurring action is due by its review; `show` gives the period.
            text = "review \(Deadline.day(review).displayText)"
        } else if let after = row.action.afterDeadline {
            text += " \(after.displayText)"
        }
        if !saysLate {
            return text
        } else if row.isOverdue {
            text += " (overdue)"
        } else if row.overdueMilestones > 0 {
            text += " (\(row.overdueMilestones) \(row.overdueMilestones == 1 ? "milestone" : "milestones") late)"
        }
        return text
    }

    /// The list as one CSV table a spreadsheet can use: a row per action,
    /// texts whole, numbers as numbers (RFC 4180, formula-injection safe).
    public var csv: String {
        var text = ""
        writeCSV(to: &text)
        return text
    }

    /// Writes ``csv`` a row at a time, without making the whole text first.
    public func writeCSV<Target: TextOutputStream>(to output: inout Target) {
        Self.writeCSV(lines: rows.lazy.map(Self.csvLine(of:)), to: &output)
    }

    /// Writes the CSV list from its rows already written (``csvLine(of:)``), in the list's order.
    public static func writeCSV<Target: TextOutputStream>(lines: some Sequence<String>, to output: inout Target) {
        output.write(CSVText.rows([["plan", "id", "theme", "status", "statusDate", "deadline", "dueDate", "overdue", "daysOverdue",
                                    "overdueMilestones", "leads", "text", "latestComment"]]))
        for line in lines { output.write(line) }
    }

    /// One row of the CSV list, with its line end: what a list that writes its rows as it reads its
    /// plans keeps of each row.
    public static func csvLine(of row: ActionRow) -> String {
        let status = row.withdrawal == nil ? row.status?.code ?? "" : withdrawnWord
        return CSVText.rows([[row.plan.id, row.action.id, row.action.theme, status, row.statusDate?.description ?? "",
                              row.deadline?.description ?? row.action.deadlineText ?? "", (row.reviewDue ?? row.deadline?.lastDay)?.description ?? "",
                              row.isOverdue ? "yes" : "no", row.daysOverdue.map(String.init) ?? "", String(row.overdueMilestones),
                              row.action.leads.joined(separator: "; "), row.action.text, row.latestComment?.comment ?? ""]])
    }

    /// The list as JSON: `{"asOf", "count", "actions": [...]}` (see docs/commands.md, "JSON output for scripts").
    public var jsonValue: JSONValue { jsonValue(fields: nil) }

    /// The names a row of the JSON list can have, in its order: what `--fields` chooses from.
    public static let jsonFields = ["plan", "id", "theme", "recommendations", "text", "leads", "deadline", "dueDate",
                                    ActionField.deadlineText.key, ActionField.afterDeadline.key, "status", "statusDate",
                                    "withdrawn", "latestComment", "overdue", "overdueMilestones", "daysOverdue"]

    /// The list as JSON with only `fields` in each row, in the order given (as `gh --json`);
    /// a field a row lacks is `null`. `nil` gives every field.
    public func jsonValue(fields: [String]?) -> JSONValue {
        .object([
            JSONMember("asOf", .string(asOf.description)),
            JSONMember("count", .number(String(rows.count))),
            JSONMember("actions", .array(rows.map { ActionListReport.jsonValue(of: $0, fields: fields) })),
        ])
    }

    /// Writes ``jsonValue(fields:)`` a row at a time, the same bytes `JSONWriter` writes of the whole
    /// value, without making the value of every row first (which took more memory than the rows).
    public func writeJSON<Target: TextOutputStream>(fields: [String]?, to output: inout Target) {
        Self.writeJSON(lines: rows.lazy.map { Self.jsonLine(of: $0, fields: fields) }, count: rows.count, asOf: asOf, to: &output)
    }

    /// Writes the JSON list from its `count` rows as ``jsonLine(of:fields:)`` keeps them (compact), in the list's
    /// order, indenting each as it is written: the same bytes as ``writeJSON(fields:to:)``.
    public static func writeJSON<Target: TextOutputStream>(lines: some Sequence<String>, count: Int, asOf: CalendarDate,
                                                           to output: inout Target) {
        let date = String(decoding: JSONWriter.bytes(from: .string(asOf.description), indent: 1), as: UTF8.self)
        output.write("{\n  \"asOf\": \(date),\n  \"count\": \(count),\n  \"actions\": [\n")
        for (position, line) in lines.enumerated() {
            output.write("    " + JSONWriter.indenting(compact: line, indent: 2) + (position == count - 1 ? "\n" : ",\n"))
        }
        output.write("  ]\n}\n")
    }

    /// One row of the JSON list with only `fields` (`nil`: every field), compact: what a list that writes
    /// its rows as it reads keeps of each; ``writeJSON(lines:count:asOf:to:)`` indents it as it writes it.
    public static func jsonLine(of row: ActionRow, fields: [String]?) -> String {
        JSONWriter.compactString(from: jsonValue(of: row, fields: fields))
    }

    /// One action's row as JSON with only `fields`, in their order (`nil`: every field).
    static func jsonValue(of row: ActionRow, fields: [String]?) -> JSONValue {
        let value = jsonValue(of: row)
        guard let fields, case .object(let members) = value else { return value }
        return .object(fields.map { name in JSONMember(name, members.first { $0.key == name }?.value ?? .null) })
    }

    /// One action's row as JSON.
    public static func jsonValue(of row: ActionRow) -> JSONValue {
        var members = [
            JSONMember("plan", .string(row.plan.id)),
            JSONMember("id", .string(row.action.id)),
            JSONMember("theme", .string(row.action.theme)),
            JSONMember("recommendations", .array(row.plan.recommendationIDs(for: row.action).map { .string($0) })),
            JSONMember("text", .string(row.action.text)),
            JSONMember("leads", .array(row.action.leads.map { .string($0) })),
            JSONMember("deadline", row.deadline.map { .string($0.description) } ?? .null),
            JSONMember("dueDate", (row.reviewDue ?? row.deadline?.lastDay).map { .string($0.description) } ?? .null),
            JSONMember("status", row.status.map { .string($0.code) } ?? .null),
            JSONMember("statusDate", row.statusDate.map { .string($0.description) } ?? .null),
            JSONMember("latestComment", row.latestComment.map { entry in
                .object([JSONMember("date", .string(entry.date.description)), JSONMember("by", entry.by.map { .string($0) } ?? .null),
                         JSONMember("comment", .string(entry.comment ?? ""))])
            } ?? .null),
            JSONMember("overdue", .bool(row.isOverdue)),
            JSONMember("overdueMilestones", .number(String(row.overdueMilestones))),
            JSONMember("daysOverdue", row.daysOverdue.map { .number(String($0)) } ?? .null),
        ]
        if let withdrawal = row.withdrawal {
            // Only withdrawn actions have it: {"date", "by", "reason"}.
            members.insert(JSONMember("withdrawn", .object([
                JSONMember("date", .string(withdrawal.date.description)), JSONMember("by", withdrawal.by.map { .string($0) } ?? .null),
                JSONMember("reason", .string(withdrawal.comment ?? "")),
            ])), at: 10)
        }
        var place = 8
        if let text = row.action.deadlineText {
            members.insert(JSONMember(ActionField.deadlineText.key, .string(text)), at: place)
            place += 1
        }
        if let after = row.action.afterDeadline {
            members.insert(JSONMember(ActionField.afterDeadline.key, .string(after.description)), at: place)
        }
        return .object(members)
    }
}
