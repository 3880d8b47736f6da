import FoundationEssentials
import OfficeDocument
import PlanKit

/// The board pack as an Excel workbook: a sheet per section, each the same
/// tidy table as the section's CSV (`plan` first, a row per row of every plan).
extension ReportDocument {
    /// The document as a ``SpreadsheetDraft``: one sheet per section that has
    /// a table, named by its key (`exceptions`, as `--section` names it), in
    /// the order the pack shows them. A count with its share (`12 (30%)`) is
    /// two number cells, a percentage a number, a day (`2015-04-23`) a date;
    /// the header row is bold and frozen with an autofilter; a status cell is
    /// filled with a light tint of its colour and keeps its words.
    public var spreadsheetDraft: SpreadsheetDraft {
        var book = SheetBook()
        for section in sections { book.add(section) }
        return book.draft(title: Self.plain(title))
    }

    /// The workbook of the document (its title) with the sections of `plans`, as an `.xlsx`: the bytes of
    /// ``spreadsheetDraft``'s, each plan's sections let go once their rows are cells, so that the
    /// sections and the cells made of them are never held together (`report --format xlsx`).
    ///
    /// - Throws: `OfficeWriteError` for what Excel would refuse.
    public func xlsx(plans: inout [[Section]]) throws(OfficeWriteError) -> [UInt8] {
        var book = SheetBook()
        for index in plans.indices {
            let sections = plans[index]
            plans[index] = []
            for section in sections { book.add(section) }
        }
        return try book.draft(title: Self.plain(title)).xlsx()
    }

    /// The sheets of a pack made in one pass over its sections: one per key (or, without one, title)
    /// of a section with a table, in the order they first come, each with the rows of every plan's
    /// section of that key, under the plan's title (the heading before it).
    struct SheetBook {
        struct Rows {
            var header: [String] = []
            var rows: [[SpreadsheetDraft.Cell]] = []
        }
        var keys: [String] = []
        var sheets: [String: Rows] = [:]
        var plan = ""

        mutating func add(_ section: Section) {
            if section.level == 1 { plan = ReportDocument.plain(section.title) }
            guard let table = section.table else { return }
            let key = section.key ?? section.title
            if sheets[key] == nil { keys.append(key) }
            var sheet = sheets.removeValue(forKey: key) ?? Rows()
            ReportDocument.addRows(table, plan: plan, to: &sheet)
            sheets[key] = sheet
        }

        func draft(title: String) -> SpreadsheetDraft {
            var names = SheetNames()
            var result = keys.map { key in ReportDocument.sheet(sheets[key] ?? Rows(), name: names.unique(key)) }
            if result.isEmpty { result.append(SpreadsheetDraft.Sheet(name: names.unique(title))) }
            return SpreadsheetDraft(sheets: result, title: title)
        }
    }

    /// A section's table as rows of its sheet, the plan's title first.
    static func addRows(_ table: Table, plan: String, to sheet: inout SheetBook.Rows) {
        if sheet.header.isEmpty { sheet.header = ["plan"] + table.headers.map(Self.plain) }
        for row in table.rows {
            var cells = [SpreadsheetDraft.Cell(text: plan)]
            var columns = ["plan"]
            for (column, cell) in zip(table.headers, row) {
                for (name, value) in Self.sheetValues(Self.plain(column), Self.plain(cell.text)) {
                    columns.append(name)
                    var style = SpreadsheetDraft.CellStyle(wraps: Self.isLong(value))
                    if let colour = cell.colour { style.fill = Self.shading(colour); style.isBold = true }
                    cells.append(SpreadsheetDraft.Cell(value, style: style))
                }
            }
            // The first row with its counts split names the columns (`RED`, `RED %`).
            if sheet.rows.isEmpty { sheet.header = columns }
            sheet.rows.append(cells)
        }
    }

    /// The sheet of these rows: a bold, frozen header row with an autofilter, columns as wide as their text.
    static func sheet(_ sheet: SheetBook.Rows, name: String) -> SpreadsheetDraft.Sheet {
        let bold = SpreadsheetDraft.CellStyle(isBold: true)
        let header = sheet.header, rows = sheet.rows
        let widths = header.indices.map { column -> Double? in
            let longest = ([header[column].count] + rows.map { Self.width(column < $0.count ? $0[column].value : .empty) }).max() ?? 8
            return Double(min(max(longest + 2, 8), 60))
        }
        var result = SpreadsheetDraft.Sheet(name: name, rows: [header.map { SpreadsheetDraft.Cell(text: $0, style: bold) }] + rows,
                                            columnWidths: widths, frozenRows: 1, hasAutoFilter: true)
        result.cutsLongText = true  // one long comment must not stop the pack
        return result
    }

    /// A cell as the values of its columns (``values(_:_:)``, as the CSV
    /// splits them), each typed: numbers as numbers, a day as a date, `-` empty.
    static func sheetValues(_ column: String, _ text: String) -> [(column: String, value: SpreadsheetDraft.Cell.Value)] {
        values(column, text).map { pair in
            if pair.value.isEmpty { return (pair.column, .empty) }
            if let number = Int(pair.value) { return (pair.column, .number(Double(number))) }
            if let day = CalendarDate(iso: pair.value) { return (pair.column, .date(year: day.year, month: day.month, day: day.day)) }
            return (pair.column, .text(pair.value))
        }
    }

    static func isLong(_ value: SpreadsheetDraft.Cell.Value) -> Bool { width(value) > 40 }

    /// The characters a value takes (a date as `2015-04-23`, a number as written).
    static func width(_ value: SpreadsheetDraft.Cell.Value) -> Int {
        switch value {
        case .empty: return 0
        case .text(let text): return text.split(separator: "\n").map(\.count).max() ?? 0
        case .number(let number): return String(Int(number)).count
        case .date: return 10
        }
    }

    /// Sheet names Excel accepts, each once: at most 31 characters, none of
    /// `[ ] : * ? / \`, not blank, not starting or ending with `'`, and no two
    /// the same in any case (Excel refuses a workbook that breaks any of these).
    struct SheetNames {
        private var used: Set<String> = []

        mutating func unique(_ wanted: String) -> String {
            var base = String(wanted.map { "[]:*?/\\".contains($0) || $0.isNewline ? " " : $0 })
            while base.hasPrefix("'") { base.removeFirst() }
            while base.hasSuffix("'") { base.removeLast() }
            base = base.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            // Excel keeps "History" for itself.
            if base.isEmpty || base.lowercased() == "history" { base = "Sheet" }
            var name = String(base.prefix(31)).trimming(.whitespaces)
            var number = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(number))"
                name = String(base.prefix(31 - suffix.count)).trimming(.whitespaces) + suffix
                number += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }
}

// MARK: - A CSV file per section

extension ReportDocument {
    /// Every section's table as its own tidy CSV (``csv(section:)``), named
    /// `KEY.csv`, in the order the pack shows them: what the zipped CSV holds.
    public var sectionCSVFiles: [(name: String, text: String)] {
        let parts = [Self.csvParts(sections)]
        return sectionKeys.compactMap { key in Self.csv(section: key, parts: parts).map { ("\(key).csv", $0) } }
    }
}

extension ReportDocument {
    /// The ZIP of ``sectionCSVFiles``: what `report`'s CSV is without a section.
    /// The same document gives the same bytes (the writer's timestamps are fixed).
    /// `byteOrderMark` starts every file with one (`--bom`), so Excel reads each as UTF-8.
    public func csvArchive(byteOrderMark: Bool = false) -> [UInt8] {
        Self.csvArchive(parts: [Self.csvParts(sections)], byteOrderMark: byteOrderMark)
    }
}
