import PlanKit
/// How a table of actions is laid out for people.
///
/// A terminal shows one line per action, as `task next` or a spreadsheet
/// grid does, so that a long list can be scanned; its texts are cut with `…`
/// and `show` gives them whole. Output that is not to a terminal keeps the
/// wrapped table, where nothing is cut, unless one line is asked for.
public enum TableLayout: Sendable {
    /// Each cell wraps within its column: nothing is cut (`--wrap`; what a pipe gets).
    case wrapped
    /// One line per row, texts cut with `…` to fit the width (what a terminal gets; `--oneline`).
    case oneLine
}

extension TextTable {
    /// Writes the table one line per row, each line at most `width` columns.
    ///
    /// The fixed columns (ids, statuses) keep their width; the flexible ones
    /// share what is left, in proportion to their text, and are cut with `…`
    /// (a cell's ``Cell/keptEnd`` survives the cut). Where even that does not
    /// fit, columns give way in the order ``oneLineWidths(natural:flexible:minimums:key:available:)``
    /// gives, so that no line is ever longer than the width. The cut cells are
    /// then laid out as any table is (``render(width:style:indent:to:)``), colour
    /// added after the cut: escape codes take no width. Without a width nothing is cut.
    public func renderOneLine<Target: TextOutputStream>(width: Int?, style: TextStyle, indent: String = "",
                                                        to output: inout Target) {
        let count = headers.count
        var natural = headers.map(TextTable.characterCount)
        for row in rows {
            for (column, cell) in row.prefix(count).enumerated() {
                natural[column] = max(natural[column], TextTable.characterCount(cell.text))
            }
        }
        let widths = width.map {
            TextTable.oneLineWidths(natural: natural, flexible: flexibleColumns, minimums: minimumWidths, key: keyColumn,
                                    available: $0 - TextTable.characterCount(indent))
        } ?? natural
        let shown = widths.indices.filter { widths[$0] > 0 }
        func cut(_ cells: [Cell]) -> [Cell] {
            shown.map { column in
                let cell = column < cells.count ? cells[column] : Cell("")
                return Cell(TextTable.fitted(cell, to: widths[column]), colour: cell.colour)
            }
        }
        var laidOut = TextTable(headers: cut(headers.map { Cell($0) }).map(\.text), flexibleColumns: [])
        laidOut.rows = rows.map(cut)
        laidOut.columnWidths = shown.map { widths[$0] }
        laidOut.showsHeader = showsHeader
        laidOut.render(width: nil, style: style, indent: indent, to: &output)
    }

    /// The width of each column of a one-line table in `available` columns
    /// (two between columns): the natural widths when they fit; else the
    /// flexible columns share what the others leave, each at least its
    /// minimum (see ``TextTable/minimumWidths``); else they give way in turn
    /// (see the comment in the body), then whole columns, until the line fits.
    /// A column given no width is left out.
    static func oneLineWidths(natural: [Int], flexible: [Int], minimums: [Int: Int], key: Int = 0, available: Int) -> [Int] {
        func total(_ widths: [Int]) -> Int {
            let shown = widths.filter { $0 > 0 }
            return shown.reduce(0, +) + 2 * max(shown.count - 1, 0)
        }
        var widths = natural
        guard total(widths) > available else { return widths }
        // One overlong id is cut rather than take every row's room.
        if key < widths.count { widths[key] = min(widths[key], max(8, available / 4)) }
        let flexible = flexible.filter { $0 < widths.count && natural[$0] > 0 }
        let floors = flexible.map { min(natural[$0], minimums[$0] ?? 12) }
        for (column, floor) in zip(flexible, floors) { widths[column] = floor }
        let extra = available - total(widths)
        if extra >= 0 {
            TextTable.share(extra, among: flexible, floors: floors, natural: natural, into: &widths)
            return widths
        }
        // Too narrow even so, the flexible columns give way in turn: the middle ones (a lead)
        // down to 6 characters, then the last (an action's text) down to 8; then the middle ones
        // go, rather than cut to nothing; then the first (a deadline, a position: what the line
        // is read for) down to a day's 11 columns; then the text goes, down to 4 and then
        // whole, before the first does. Last, the other columns go from the right and the id
        // is cut: a row showing its id can be looked up with `show`.
        let text = flexible.last, first = flexible.count > 1 ? flexible.first : nil
        let middle = Array(flexible.dropFirst().dropLast().reversed())
        var steps: [(column: Int, floor: Int)] = middle.map { ($0, 6) }
        if let text { steps.append((text, 8)) }
        steps += middle.map { ($0, 0) }
        // A day (31 Mar 2019) is 11 columns: longer forms (Dec 2018 then ongoing) are cut to it first.
        if let first { steps.append((first, 11)) }
        if let text { steps += [(text, 4), (text, 0)] }
        if let first { steps += [(first, 4), (first, 0)] }
        for step in steps where total(widths) > available {
            let fitting = widths[step.column] - (total(widths) - available)
            widths[step.column] = step.floor == 0 ? (fitting >= 6 ? fitting : 0) : max(step.floor, min(widths[step.column], fitting))
        }
        // Room a column that went has left is the text's.
        if let text, widths[text] > 0, total(widths) < available {
            widths[text] = min(natural[text], widths[text] + available - total(widths))
        }
        // Then the other columns go, from the right (a status, a plan's tag), and last the id is cut.
        for column in widths.indices.reversed() where column != key && total(widths) > available { widths[column] = 0 }
        if key < widths.count, total(widths) > available { widths[key] = max(available, 0) }
        return widths
    }

    /// The cell's text cut to `width` columns, ending in `…` when cut; its
    /// ``Cell/keptEnd`` kept when there is room for it and a character before it.
    static func fitted(_ cell: Cell, to width: Int) -> String {
        guard characterCount(cell.text) > width else { return cell.text }
        let end = characterCount(cell.keptEnd)
        if !cell.keptEnd.isEmpty, width >= end + 2 {
            let head = String(cell.text.dropLast(cell.keptEnd.count))
            return shorten(head, to: width - end) + cell.keptEnd
        }
        return shorten(cell.text, to: width)
    }

    /// An action's leads as a one-line row shows them: the first (the one a
    /// filter matched, when there is one) and how many others (`YOT Manager +2`);
    /// `-` for none.
    public static func leadsCell(_ leads: [String], matching lead: String? = nil) -> Cell {
        var leads = leads
        if let lead, let index = leads.firstIndex(where: { $0.containsFolded(lead) }), index > 0 {
            leads.insert(leads.remove(at: index), at: 0)
        }
        guard let first = leads.first else { return Cell("-") }
        let others = leads.count > 1 ? " +\(leads.count - 1)" : ""
        return Cell(first + others, keptEnd: others)
    }
}

/// Short names for plans in one-line rows, where a plan's whole id would
/// take the room its actions' texts need: the shortest start of each id, of
/// at least two characters, that starts no other id (`bl`, `po`), explained
/// under the table by ``key``.
public struct PlanTags: Sendable {
    /// Each plan id's tag.
    public private(set) var tags: [String: String] = [:]

    /// Tags for these plans; whole ids where `width` leaves room for them
    /// (the longest takes at most an eighth of the line) or there is no width.
    public init(planIDs: [String], width: Int?) {
        let ids = Array(Set(planIDs)).sorted()
        let longest = ids.map(TextTable.characterCount).max() ?? 0
        let abbreviates = width.map { longest * 8 > $0 } ?? false
        for id in ids {
            guard abbreviates else {
                tags[id] = id
                continue
            }
            let others = ids.filter { $0 != id }
            var length = min(2, id.count)
            while length < id.count, others.contains(where: { $0.hasPrefix(id.prefix(length)) }) { length += 1 }
            tags[id] = String(id.prefix(length))
        }
    }

    /// The tag of a plan (its id when it has none).
    public func tag(_ planID: String) -> String { tags[planID] ?? planID }

    /// Whether any tag is shorter than its plan's id, so that a key is needed.
    public var abbreviates: Bool { tags.contains { $0.key != $0.value } }

    /// `Plans: bl blackpool-2019, po portsmouth-2014`, wrapped to the width; nothing when no tag is short.
    public func key(width: Int?) -> [String] {
        guard abbreviates else { return [] }
        // A tag and its plan are never parted by the wrapping (a no-break space).
        let pairs = tags.sorted { $0.key < $1.key }.map { "\($0.value)\u{00A0}\($0.key)" }
        return TextTable.wrap("Plans: " + pairs.joined(separator: ", "), width: width ?? 100)
    }
}
