/// One worksheet of an Excel workbook (`.xlsx`, SpreadsheetML) as a table:
/// strings, numbers, booleans and dates as the sheet shows them, merged
/// ranges spread over the cells they cover, hidden rows and columns left out
/// (and named, so that the import can say so).
public struct Workbook: Sendable {
    /// Every worksheet's name, in the workbook's order.
    public var sheetNames: [String]
    /// The sheet that was read.
    public var sheetName: String
    public var table: DocumentTable
    /// Hidden rows (the sheet's numbers) and columns (letters) that were left out.
    public var hiddenRows: [Int] = []
    public var hiddenColumns: [String] = []
    /// Cells holding a formula whose result was never saved (a file written by a program, not Excel), read as empty.
    public var formulasWithoutValues: [String] = []
    /// The sheet's column letter of each of the table's columns (`A`, `C`, …), for naming a cell.
    public var columnLetters: [String] = []

    /// Reads a `.xlsx` file's bytes: the first worksheet, or the one named `sheet` (any case).
    ///
    /// - Parameter keepingHidden: keep hidden rows and columns in the table (a form's hidden
    ///   stamp column is read back this way); by default they are left out, as an import wants.
    public init(bytes: [UInt8], sheet wanted: String? = nil, keepingHidden: Bool = false) throws(OfficeFailure) {
        let (archive, mainPart) = try OfficePackage.open(bytes, expected: .excel)
        let main = mainPart ?? "xl/workbook.xml"
        guard let workbook = try OfficePackage.xml(archive, main) else { throw .damaged("the package has no \(main)") }
        let relationships = try OfficePackage.relationships(archive, of: main)
        let date1904 = ["1", "true"].contains(workbook.first("workbookPr")?.attribute("date1904") ?? "")
        // Worksheets only: a chart sheet (or a dialog or macro sheet) holds no cells.
        let sheets = (workbook.first("sheets")?.elements("sheet") ?? []).compactMap { sheet -> (name: String, part: String, hidden: Bool)? in
            guard let name = sheet.attribute("name"), let id = sheet.attribute("id"), let part = relationships[id],
                  !part.contains("chartsheets/"), !part.contains("dialogsheets/"), !part.contains("macrosheets/") else { return nil }
            return (name, part, sheet.attribute("state").map { $0 != "visible" } ?? false)
        }
        sheetNames = sheets.map(\.name)
        let chosen: (name: String, part: String, hidden: Bool)?
        if let wanted {
            chosen = sheets.first { $0.name == wanted } ?? sheets.first { $0.name.lowercased() == wanted.lowercased() }
            guard chosen != nil else { throw .noSuchSheet(wanted, available: sheetNames) }
        } else {
            chosen = sheets.first { !$0.hidden } ?? sheets.first
        }
        guard let chosen else { throw .damaged("the workbook has no worksheets") }
        sheetName = chosen.name
        guard let sheet = try OfficePackage.xml(archive, chosen.part) else { throw .damaged("the package has no \(chosen.part)") }
        let strings = try Self.sharedStrings(archive)
        let styles = try Self.Styles(OfficePackage.xml(archive, "xl/styles.xml"))

        // The cells by (row, column), from 1.
        var values: [Int: [Int: DocumentCell]] = [:]
        var hiddenRowSet: Set<Int> = []
        var lastColumn = 0
        var nextRow = 1
        for row in sheet.first("sheetData")?.elements("row") ?? [] {
            // Excel's sheets end at row 1,048,576 and column XFD (16,384); anything past them is damage.
            let number = Int(row.attribute("r") ?? "") ?? nextRow
            guard (1...Self.maxRow).contains(number) else { throw .damaged("\(chosen.part) has a row numbered \(number)") }
            nextRow = number + 1
            if ["1", "true"].contains(row.attribute("hidden") ?? "") { hiddenRowSet.insert(number) }
            var nextColumn = 1
            for cell in row.elements("c") {
                let column = cell.attribute("r").flatMap { Self.columnNumber(of: $0) } ?? nextColumn
                guard (1...Self.maxColumn).contains(column) else { throw .damaged("\(chosen.part) has a cell past column XFD") }
                nextColumn = column + 1
                let style = Int(cell.attribute("s") ?? "") ?? 0
                if cell.first("f") != nil, cell.first("v") == nil, cell.first("is") == nil {
                    formulasWithoutValues.append(Self.columnName(column) + String(number))
                }
                let text = try Self.text(of: cell, strings: strings, styles: styles, style: style, date1904: date1904)
                let fill = styles.fill(forStyle: style)
                guard !text.isEmpty || fill != nil else { continue }
                let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { DocumentParagraph(line: String($0)) }
                    .filter { !$0.text.isEmpty }
                values[number, default: [:]][column] = DocumentCell(paragraphs: lines, fill: fill)
                lastColumn = max(lastColumn, column)
            }
        }
        // Merged ranges: the top-left cell's content, in every cell the range covers, within the
        // rows and columns that hold something (a merge cannot widen the sheet).
        let lastRow = values.keys.max() ?? 0
        var merges: [(top: Int, left: Int, bottom: Int, right: Int)] = []
        for merge in sheet.first("mergeCells")?.elements("mergeCell") ?? [] {
            guard let ref = merge.attribute("ref"), var range = Self.range(ref), range.top <= lastRow, range.left <= lastColumn else { continue }
            range.bottom = min(range.bottom, lastRow)
            range.right = min(range.right, lastColumn)
            merges.append(range)
        }
        // Columns that hold no words anywhere (a fill far to the right, an empty formatted column) are left out.
        var worded: Set<Int> = []
        for row in values.values { for (column, cell) in row where !cell.paragraphs.isEmpty { worded.insert(column) } }
        guard values.count * worded.count <= Self.cellLimit else {
            throw .tooManyCells(part: chosen.part, rows: values.count, columns: worded.count)
        }
        var covered = 0
        for range in merges { covered += (range.bottom - range.top + 1) * (range.right - range.left + 1) }
        guard covered <= Self.cellLimit else { throw .tooManyCells(part: chosen.part, rows: lastRow, columns: lastColumn) }
        for range in merges {
            let origin = values[range.top]?[range.left] ?? DocumentCell()
            for row in range.top...range.bottom {
                for column in range.left...range.right where row != range.top || column != range.left {
                    var covered = origin
                    covered.continuesAbove = row > range.top
                    covered.continuesLeft = column > range.left
                    if covered.continuesLeft { covered.paragraphs = [] }
                    values[row, default: [:]][column] = covered
                }
            }
        }
        var hiddenColumnSet: Set<Int> = []
        for column in sheet.first("cols")?.elements("col") ?? [] where ["1", "true"].contains(column.attribute("hidden") ?? "") {
            guard let low = Int(column.attribute("min") ?? ""), let high = Int(column.attribute("max") ?? "") else { continue }
            let from = max(low, 1), to = min(high, lastColumn)
            guard from <= to else { continue }
            for index in from...to { hiddenColumnSet.insert(index) }
        }
        for range in merges where range.left != range.right || range.top != range.bottom { worded.insert(range.left) }
        let visibleColumns = (1...max(lastColumn, 1)).filter { (keepingHidden || !hiddenColumnSet.contains($0)) && worded.contains($0) }
        columnLetters = visibleColumns.map(Self.columnName)
        var rows: [DocumentRow] = []
        for number in values.keys.sorted() where keepingHidden || !hiddenRowSet.contains(number) {
            let cells = visibleColumns.map { values[number]?[$0] ?? DocumentCell() }
            guard cells.contains(where: { !$0.paragraphs.isEmpty || $0.continuesAbove || $0.continuesLeft }) else { continue }
            let spansAll = visibleColumns.count > 1 && merges.contains { $0.top <= number && number <= $0.bottom && $0.left <= visibleColumns.first!
                && $0.right >= visibleColumns.last! }
            rows.append(DocumentRow(number: number, cells: cells, spansAllColumns: spansAll))
        }
        hiddenRows = hiddenRowSet.filter { values[$0] != nil }.sorted()
        hiddenColumns = hiddenColumnSet.sorted().filter { column in values.values.contains { $0[column] != nil } }.map(Self.columnName)
        table = DocumentTable(name: "sheet \"\(chosen.name)\"", rows: rows)
    }

    /// The shared strings, rich text runs joined (phonetic guides left out).
    static func sharedStrings(_ archive: ZipArchive) throws(OfficeFailure) -> [String] {
        guard let root = try OfficePackage.xml(archive, "xl/sharedStrings.xml") else { return [] }
        return root.elements("si").map(richText)
    }

    static func richText(_ element: XMLElement) -> String {
        if let plain = element.first("t") { return plain.text }
        return element.elements("r").compactMap { $0.first("t")?.text }.joined()
    }

    /// A cell's value as the sheet shows it (dates as dates, whole numbers without ".0").
    static func text(of cell: XMLElement, strings: [String], styles: Styles, style: Int, date1904: Bool) throws(OfficeFailure) -> String {
        let raw = cell.first("v")?.text ?? ""
        switch cell.attribute("t") ?? "n" {
        case "s":
            guard let index = Int(raw), index >= 0, index < strings.count else { throw .damaged("a cell refers to shared string \(raw), which the workbook does not have") }
            return strings[index]
        case "inlineStr": return cell.first("is").map(richText) ?? ""
        case "b": return raw == "1" ? "TRUE" : raw == "0" ? "FALSE" : raw
        case "d": return String(raw.prefix(10))
        case "str", "e": return raw
        default:
            guard let number = Double(raw) else { return raw }
            if let kind = styles.dateKind(forStyle: style), let day = SerialDate(serial: number, date1904: date1904) {
                return kind == .month ? day.monthText : day.isoText
            }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
            return String(number)
        }
    }

    /// `BC12` → 55; nil when the reference has no letters.
    static func columnNumber(of reference: String) -> Int? {
        var number = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard let value = scalar.properties.isAlphabetic ? Int(scalar.value) : nil else { break }
            let upper = value >= 97 ? value - 32 : value
            guard upper >= 65, upper <= 90 else { return nil }
            number = number * 26 + (upper - 64)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : number
    }

    static let maxRow = 1_048_576
    static let maxColumn = 16_384

    static func rowNumber(of reference: String) -> Int? {
        Int(String(reference.drop { $0.isLetter })).flatMap { (1...maxRow).contains($0) ? $0 : nil }
    }

    static func range(_ ref: String) -> (top: Int, left: Int, bottom: Int, right: Int)? {
        let ends = ref.split(separator: ":").map(String.init)
        guard ends.count == 2, let left = columnNumber(of: ends[0]), let top = rowNumber(of: ends[0]),
              let right = columnNumber(of: ends[1]), let bottom = rowNumber(of: ends[1]),
              top <= bottom, left <= right, right <= maxColumn else { return nil }
        return (top, left, bottom, right)
    }

    /// The most cells a sheet's used range may hold (rows × columns): a plan is a few thousand cells.
    public static let cellLimit = 4_000_000

    static func columnName(_ number: Int) -> String {
        var number = number
        var name = ""
        while number > 0 {
            let digit = (number - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            number = (number - 1) / 26
        }
        return name
    }

    /// The parts of `xl/styles.xml` an import needs: each cell style's number format and fill.
    struct Styles {
        enum DateKind { case day, month }
        var formats: [Int] = []
        var fills: [Int] = []
        var customFormats: [Int: String] = [:]
        var fillColours: [RGBColour?] = []

        init(_ root: XMLElement?) {
            guard let root else { return }
            for format in root.first("numFmts")?.elements("numFmt") ?? [] {
                if let id = Int(format.attribute("numFmtId") ?? ""), let code = format.attribute("formatCode") { customFormats[id] = code }
            }
            for style in root.first("cellXfs")?.elements("xf") ?? [] {
                formats.append(Int(style.attribute("numFmtId") ?? "") ?? 0)
                fills.append(Int(style.attribute("fillId") ?? "") ?? 0)
            }
            for fill in root.first("fills")?.elements("fill") ?? [] {
                let pattern = fill.first("patternFill")
                guard pattern?.attribute("patternType") == "solid", let colour = pattern?.first("fgColor") else {
                    fillColours.append(nil)
                    continue
                }
                if let rgb = colour.attribute("rgb") {
                    fillColours.append(RGBColour(hex: rgb))
                } else if let indexed = Int(colour.attribute("indexed") ?? ""), indexed < Self.indexedColours.count {
                    fillColours.append(RGBColour(hex: Self.indexedColours[indexed]))
                } else {
                    fillColours.append(nil)
                }
            }
        }

        func fill(forStyle style: Int) -> RGBColour? {
            guard style >= 0, style < fills.count, fills[style] >= 0, fills[style] < fillColours.count else { return nil }
            return fillColours[fills[style]]
        }

        /// Whether a style shows numbers as dates, and with a day or only a month.
        func dateKind(forStyle style: Int) -> DateKind? {
            guard style >= 0, style < formats.count else { return nil }
            let id = formats[style]
            if let code = customFormats[id] { return Self.dateKind(ofCode: code) }
            switch id {
            case 14, 15, 16, 22, 27...36, 50...58: return .day
            case 17: return .month
            default: return nil
            }
        }

        /// A format code's date parts, ignoring quoted text, escapes and [colour]/[locale] brackets.
        static func dateKind(ofCode code: String) -> DateKind? {
            var plain = ""
            var quoted = false, bracket = false, escaped = false
            for character in code {
                if escaped { escaped = false; continue }
                if character == "\\" { escaped = true; continue }
                if character == "\"" { quoted.toggle(); continue }
                if quoted { continue }
                if character == "[" { bracket = true; continue }
                if character == "]" { bracket = false; continue }
                if bracket { continue }
                plain.append(Character(character.lowercased()))
            }
            let section = plain.split(separator: ";").first.map(String.init) ?? plain
            guard section.contains("y") || section.contains("d") else { return nil }
            return section.contains("d") ? .day : .month
        }

        /// The default palette that `indexed` colours name (the first 64 of Excel's).
        static let indexedColours = [
            "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
            "000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF", "00FFFF",
            "800000", "008000", "000080", "808000", "800080", "008080", "C0C0C0", "808080",
            "9999FF", "993366", "FFFFCC", "CCFFFF", "660066", "FF8080", "0066CC", "CCCCFF",
            "000080", "FF00FF", "FFFF00", "00FFFF", "800080", "800000", "008080", "0000FF",
            "00CCFF", "CCFFFF", "CCFFCC", "FFFF99", "99CCFF", "FF99CC", "CC99FF", "FFCC99",
            "3366FF", "33CCCC", "99CC00", "FFCC00", "FF9900", "FF6600", "666699", "969696",
            "003366", "339966", "003300", "333300", "993300", "993366", "333399", "333333",
        ]
    }
}

/// A spreadsheet's day number as a calendar date.
struct SerialDate {
    var year: Int, month: Int, day: Int

    /// Excel's 1900 system counts 1900 as a leap year (serial 60 is "29 February 1900"), as Lotus did.
    init?(serial: Double, date1904: Bool) {
        guard serial >= (date1904 ? 0 : 1), serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        // Days from 1970-01-01.
        let days: Int
        if date1904 {
            days = whole - 24_107
        } else {
            guard whole != 60 else { return nil }
            days = whole < 60 ? whole - 25_568 : whole - 25_569
        }
        // Howard Hinnant's civil-from-days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shifted + 2) / 5 + 1
        month = shifted < 10 ? shifted + 3 : shifted - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    var isoText: String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    var monthText: String { "\(Self.monthNames[month - 1]) \(year)" }
}
