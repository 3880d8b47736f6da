import FoundationEssentials
import PlanKit

/// A report laid out for people: headings, paragraphs and tables, rendered
/// as terminal text, Markdown, printable HTML or CSV by the same code.
public struct ReportDocument: Sendable {
    /// One cell of a report table.
    public struct Cell: Sendable, ExpressibleByStringLiteral {
        public var text: String
        public var colour: RAGColour?

        public init(_ text: String, colour: RAGColour? = nil) {
            self.text = text
            self.colour = colour
        }

        public init(stringLiteral value: String) { self.init(value) }
    }

    /// A stacked RAG bar: how many actions are at each level, in order.
    public struct Bar: Sendable {
        public var segments: [(label: String, count: Int, colour: RAGColour?)]
    }

    public struct Table: Sendable {
        public var headers: [String]
        public var rows: [[Cell]]
        /// One bar per row, drawn in HTML, when the table is a RAG table.
        public var bars: [Bar]?
        /// The columns the terminal shortens to fit its width.
        public var flexibleColumns: [Int]
        /// For a table of actions, the table as a terminal shows it one line
        /// per action (fewer columns, leads as `YOT Manager +2`; see ``TableLayout``).
        public var oneLine: TextTable?

        public init(headers: [String], rows: [[Cell]] = [], bars: [Bar]? = nil, flexibleColumn: Int? = nil) {
            self.init(headers: headers, rows: rows, bars: bars, flexibleColumns: flexibleColumn.map { [$0] } ?? [])
        }

        public init(headers: [String], rows: [[Cell]] = [], bars: [Bar]? = nil, flexibleColumns: [Int]) {
            self.headers = headers
            self.rows = rows
            self.bars = bars
            self.flexibleColumns = flexibleColumns
        }
    }

    public struct Section: Sendable {
        /// 1 for a plan, 2 for a section within it.
        public var level: Int
        public var title: String
        public var paragraphs: [String]
        public var table: Table?
        /// The section's name for `--section` (`exceptions`), when it has a table.
        public var key: String?
        /// The table's numbers drawn (HTML: SVG; Word: a native chart), when they are counts.
        public var chart: Chart?
        /// Whether the table is there only as the chart's text alternative: HTML folds it into a
        /// `<details>` under the chart (the brief, which must print short); text and Markdown show it.
        public var foldsTable = false
        /// For a plan's heading (level 1): the plan's id, which every CSV row carries.
        public var planID: String?

        public init(level: Int = 2, title: String, paragraphs: [String] = [], table: Table? = nil, key: String? = nil,
                    chart: Chart? = nil) {
            self.level = level
            self.title = title
            self.paragraphs = paragraphs
            self.table = table
            self.key = key
            self.chart = chart
        }
    }

    public var title: String
    public var subtitle: String
    public var sections: [Section]

    public init(title: String, subtitle: String, sections: [Section]) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
    }
}

// MARK: - Text

extension ReportDocument {
    /// Writes the document for a terminal: bold headings, wrapped paragraphs,
    /// aligned tables fitted to `width`, colour when `style` allows.
    /// With `layout` `.oneLine`, a table of actions is one line per action.
    public func writeText<Target: TextOutputStream>(width: Int?, style: TextStyle, layout: TableLayout = .wrapped,
                                                    to output: inout Target) {
        writeTextHeading(style: style, to: &output)
        Self.writeText(sections, width: width, style: style, layout: layout, to: &output)
    }

    /// The document's title and subtitle as ``writeText(width:style:layout:to:)`` begins with them.
    public func writeTextHeading<Target: TextOutputStream>(style: TextStyle, to output: inout Target) {
        output.write(style.bold(Self.plain(title)) + "\n" + Self.plain(subtitle) + "\n")
    }

    /// Sections as ``writeText(width:style:layout:to:)`` writes them after the heading: each section is
    /// written on its own, so a pack's sections can be written plan by plan (see `improve report`).
    public static func writeText<Target: TextOutputStream>(_ sections: [Section], width: Int?, style: TextStyle,
                                                           layout: TableLayout = .wrapped, to output: inout Target) {
        for section in sections {
            output.write("\n")
            let heading = Self.plain(section.title)
            let lines = TextTable.wrap(section.level == 1 ? heading.uppercased() : heading, width: width ?? 100)
            for line in lines { output.write(style.bold(line) + "\n") }
            if section.level == 1 { output.write(String(repeating: "=", count: lines.map(\.count).max() ?? 0) + "\n") }
            for paragraph in section.paragraphs {
                for line in TextTable.wrap(Self.plain(paragraph), width: width ?? 100) { output.write(line + "\n") }
            }
            if layout == .oneLine, let table = section.table?.oneLine, !table.rows.isEmpty {
                table.renderOneLine(width: width, style: style, to: &output)
            } else if let table = section.table, !table.rows.isEmpty {
                var text = TextTable(headers: table.headers.map(Self.plain), flexibleColumns: table.flexibleColumns)
                text.rows = table.rows.map { $0.map { TextTable.Cell(Self.plain($0.text), colour: $0.colour) } }
                // On a terminal, long texts wrap in their cells rather than being cut.
                text.wrapsCells = width != nil
                // When the texts would have less than 24 characters, a count keeps its
                // number and drops its share ("10 (10%)" → "10") to leave them more room.
                for column in table.flexibleColumns { text.minimumWidths[column] = 24 }
                if let width, text.narrowestWidth > width {
                    text.rows = text.rows.map { $0.map { TextTable.Cell(Self.countOnly($0.text), colour: $0.colour) } }
                }
                for column in table.flexibleColumns { text.minimumWidths[column] = 10 }
                text.render(width: width, style: style, to: &output)
            }
        }
    }

    static func plain(_ text: String) -> String { TextTable.plain(text) }

    /// `12 (30%)` as `12`; any other text as it is.
    static func countOnly(_ text: String) -> String {
        countAndShare(text).map { String($0.count) } ?? text
    }

    /// A cell written `12 (30%)`: its count and its percentage.
    static func countAndShare(_ text: String) -> (count: Int, percent: Int)? {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let count = Int(parts[0]), parts[1].hasPrefix("("), parts[1].hasSuffix("%)"),
              let percent = Int(parts[1].dropFirst().dropLast(2)) else { return nil }
        return (count, percent)
    }
}

// MARK: - Markdown

extension ReportDocument {
    /// The document as Markdown, to paste into committee papers.
    public var markdown: String {
        var out = markdownHeading
        for section in sections { out += Self.markdown(section) }
        return out
    }

    /// The title and subtitle the Markdown begins with.
    public var markdownHeading: String { "# \(Self.markdownEscape(title))\n\n\(Self.markdownEscape(subtitle))\n" }

    /// One section as ``markdown`` writes it: each on its own, so that a pack can be written plan by plan.
    public static func markdown(_ section: Section) -> String {
        var out = "\n" + String(repeating: "#", count: section.level + 1) + " " + Self.markdownEscape(section.title) + "\n\n"
        for paragraph in section.paragraphs { out += Self.markdownEscape(paragraph) + "\n\n" }
        if let table = section.table, !table.rows.isEmpty {
            out += "| " + table.headers.map(Self.markdownEscape).joined(separator: " | ") + " |\n"
            out += "|" + table.headers.map { _ in " --- |" }.joined() + "\n"
            for row in table.rows {
                out += "| " + row.map { Self.markdownEscape($0.text) }.joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    /// The bytes ``markdownEscape(_:)`` escapes: `& < > |` and the markup characters.
    static let markdownSpecial = Set("&<>|\\`*_[]#~!".utf8)

    /// Plan text made inert in Markdown: a newline or `|` cannot break a
    /// table, and markup characters and HTML cannot take effect.
    static func markdownEscape(_ text: String) -> String {
        let text = plain(text)
        // Most text has nothing to escape: one pass over its bytes says so.
        guard text.utf8.contains(where: { Self.markdownSpecial.contains($0) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "~", "!": out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

// MARK: - HTML

extension ReportDocument {
    /// The document as one self-contained, printable HTML page: inline CSS
    /// with print styles, RAG bars as inline SVG, no scripts, no external
    /// resources; every piece of plan text is escaped.
    public var html: String {
        var out = htmlHead
        for (number, section) in sections.enumerated() { out += Self.html(section, number: number) }
        out += Self.htmlEnd
        return out
    }

    /// The page up to its first section: head, styles, title and subtitle.
    public var htmlHead: String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.htmlEscape(title))</title>
        <style>
        body { font-family: "Segoe UI", Arial, sans-serif; color: #222; margin: 2em auto; max-width: 64em; padding: 0 1em; line-height: 1.4; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        h2 { font-size: 1.35em; border-bottom: 2px solid #444; padding-bottom: 0.2em; margin-top: 2em; }
        h3 { font-size: 1.1em; margin-top: 1.6em; }
        p.subtitle { color: #555; margin-top: 0; }
        table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 0.9em; }
        thead { display: table-header-group; }
        th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        th { background: #eee; overflow-wrap: normal; white-space: nowrap; }
        td.rag, td.num, td.id { white-space: nowrap; overflow-wrap: normal; }
        td.rag { font-weight: bold; }
        td.bar { width: 5em; }
        table.rag-table td:nth-child(2) { min-width: 10em; }
        svg { display: block; max-width: 100%; height: auto; }
        svg.chart { margin: 0.6em 0; max-width: 44em; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        details.data summary { cursor: pointer; color: #245a94; }
        @page {
          size: A4;
          margin: 16mm 14mm 18mm;
          @bottom-left { content: "\(Self.cssString(title)) · \(Self.cssString(subtitle))"; font: 8pt Arial, sans-serif; color: #555; }
          @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, sans-serif; color: #555; }
        }
        @media print {
          body { margin: 0; max-width: none; font-size: 9.5pt; }
          h2 { break-before: page; break-after: avoid; }
          h2:first-of-type { break-before: auto; }
          h3 { break-after: avoid; }
          tr, svg { break-inside: avoid; }
          th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          td.rag, svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          svg.chart { max-width: 11.5cm; }
        }
        </style>
        </head>
        <body>
        <main>
        <h1>\(Self.htmlEscape(title))</h1>
        <p class="subtitle">\(Self.htmlEscape(subtitle))</p>

        """
    }

    /// The page's end, after its last section.
    public static let htmlEnd = "</main>\n</body>\n</html>\n"

    /// One section as ``html`` writes it, `number` its place among the page's sections (from 0), which
    /// names its chart: each is written on its own, so that a pack can be written plan by plan.
    public static func html(_ section: Section, number: Int) -> String {
        var out = ""
        let tag = "h\(section.level + 1)"
        out += "<\(tag)>\(Self.htmlEscape(section.title))</\(tag)>\n"
        for paragraph in section.paragraphs { out += "<p>\(Self.htmlEscape(paragraph))</p>\n" }
        if let chart = section.chart { out += Self.svg(chart, id: "chart\(number + 1)") + "\n" }
        guard let table = section.table, !table.rows.isEmpty else { return out }
        // A chart draws the table's numbers: no bar per row beside it.
        let bars = section.chart == nil ? table.bars : nil
        if section.foldsTable {
            out += "<details class=\"data\"><summary>\(Self.htmlEscape(section.chart?.title ?? section.title)): the numbers</summary>\n"
        }
        out += bars != nil ? "<table class=\"rag-table\">\n" : "<table>\n"
        out += "<caption class=\"visually-hidden\">\(Self.htmlEscape(section.title))</caption>\n<thead><tr>"
        for header in table.headers { out += "<th scope=\"col\">\(Self.htmlEscape(header))</th>" }
        if bars != nil { out += "<th scope=\"col\">Chart</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for (index, row) in table.rows.enumerated() {
            out += "<tr>"
            for cell in row {
                if let colour = cell.colour {
                    out += "<td class=\"rag\" style=\"color: \(Self.textColour(colour))\">\(Self.htmlEscape(cell.text))</td>"
                } else if Self.isNumber(cell.text) {
                    out += "<td class=\"num\">\(Self.htmlEscape(cell.text))</td>"
                } else if cell.text.count <= 16 {
                    // Ids, dates and other short cells are never broken across lines.
                    out += "<td class=\"id\">\(Self.htmlEscape(cell.text))</td>"
                } else {
                    out += "<td>\(Self.htmlEscape(cell.text))</td>"
                }
            }
            if let bars, index < bars.count { out += "<td class=\"bar\">\(Self.svg(bars[index]))</td>" }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        if section.foldsTable { out += "</details>\n" }
        return out
    }

    /// Whether a cell holds a short number, a date or a count (`12 (30%)`, `+3`, `2015-04-23`), kept on one line.
    static func isNumber(_ text: String) -> Bool {
        text.count <= 12 && text.first.map { $0.isNumber || $0 == "+" || $0 == "−" } == true
            && text.allSatisfy { $0.isNumber || " ()%+−-.:".contains($0) }
    }

    /// Text as a CSS string's content (for the printed footer).
    static func cssString(_ text: String) -> String {
        plain(text).replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"")
            .replacingEvery("<", with: "\\3C ")
    }

    /// A stacked horizontal bar, 200 × 14, one rectangle per level with a count.
    static func svg(_ bar: Bar) -> String {
        let total = bar.segments.reduce(0) { $0 + $1.count }
        let description = bar.segments.filter { $0.count > 0 }.map { "\($0.label): \($0.count)" }.joined(separator: ", ")
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"14\" viewBox=\"0 0 200 14\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"\(htmlEscape(description))\">"
        out += "<title>\(htmlEscape(description.isEmpty ? "no actions" : description))</title>"
        guard total > 0 else { return out + "<rect x=\"0\" y=\"0\" width=\"200\" height=\"14\" fill=\"#eeeeee\"/></svg>" }
        var x = 0.0
        for segment in bar.segments where segment.count > 0 {
            let width = 200.0 * Double(segment.count) / Double(total)
            let fill = segment.colour?.hex ?? "#cccccc"
            out += "<rect x=\"\(format(x))\" y=\"0\" width=\"\(format(width))\" height=\"14\" fill=\"\(fill)\"/>"
            x += width
        }
        return out + "</svg>"
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// Text escaped for HTML element content and attribute values.
    public static func htmlEscape(_ text: String) -> String {
        let text = plain(text)
        // Most text has nothing to escape: one pass over its bytes says so (a board pack's HTML escapes
        // every cell, and appending scalar by scalar was most of its writing).
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

// MARK: - CSV

extension ReportDocument {
    /// The names of the sections, for `--section`, in order.
    public var sectionKeys: [String] {
        var keys: [String] = []
        for section in sections {
            if let key = section.key, !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// The document as one long CSV table a spreadsheet can pivot: a row per
    /// cell of every table, `plan,section,row,column,value`, with counts and
    /// percentages as numbers (`12 (30%)` gives a count and a `%` column).
    /// RFC 4180: CRLF line ends, every cell neutralised against formula injection.
    public var csv: String {
        Self.csvHeader + Self.csvRows(sections)
    }

    /// The first line of ``csv``.
    public static let csvHeader = CSVText.rows([["plan", "section", "row", "column", "value"]])

    /// The rows of ``csv`` that these sections give, without its header: the rows of a run of sections
    /// that begins with its plan's heading are the same wherever the run stands in the document, so
    /// that a document of many plans can be written a plan at a time.
    public static func csvRows(_ sections: [Section]) -> String {
        var rows: [[String]] = []
        var plan = ""
        for section in sections {
            if section.level == 1 { plan = section.planID ?? section.title }
            guard let table = section.table else { continue }
            for (index, row) in table.rows.enumerated() {
                for (header, cell) in zip(table.headers, row) {
                    for (column, value) in values(header, cell.text) {
                        rows.append([plan, section.key ?? section.title, String(index + 1), column, value])
                    }
                }
            }
        }
        return CSVText.rows(rows)
    }

    /// One section's table for each plan, as one tidy CSV table (`plan` first),
    /// counts and percentages as numbers; `nil` when no section has the key.
    public func csv(section key: String) -> String? {
        Self.csv(section: key, parts: [Self.csvParts(sections)])
    }

    /// A cell as CSV values: `12 (30%)` is a count and a percentage, `27%`
    /// and `−3` are numbers, `-` (nothing) is empty, anything else is text.
    static func values(_ column: String, _ text: String) -> [(column: String, value: String)] {
        if let (count, percent) = countAndShare(text) {
            return [(column, String(count)), ("\(column) %", String(percent))]
        }
        if text.hasSuffix("%"), let percent = Int(text.dropLast()) { return [(column, String(percent))] }
        // A cell with no minus sign (most) is not searched for one: replacing was a fifth of the CSV's time.
        let signed = text.unicodeScalars.contains("−") ? text.replacingEvery("−", with: "-") : text
        if let number = Int(signed.hasPrefix("+") ? String(signed.dropFirst()) : signed) { return [(column, String(number))] }
        if text == "-" { return [(column, "")] }
        return [(column, text)]
    }
}
