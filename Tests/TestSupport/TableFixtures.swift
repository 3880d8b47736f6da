import Foundation

/// One cell of a table written by ``WordFixture/table(grid:)`` or ``SheetFixture/sheet(grid:sharedStrings:)``:
/// its text, and optionally a fill, a merge over the cells below or to the right, or a date serial.
public struct FixtureCell: Sendable, Equatable {
    /// How a cell takes part in a merge down its column (Word's `vMerge`, Excel's `mergeCells`).
    public enum MergeDown: Sendable, Equatable {
        case none
        /// The top cell of a merge, holding its text.
        case start
        /// A cell covered by the merge above it (its text is not written).
        case covered
    }

    public var text: String
    /// The cell's shading, `RRGGBB`.
    public var fill: String?
    public var mergeDown = MergeDown.none
    /// The grid columns the cell spans (Word's `gridSpan`, Excel's merge across).
    public var span = 1
    /// A spreadsheet's day number (days since 30 December 1899) shown as a date; `text` is then ignored by Excel
    /// and written only in Word and CSV.
    public var serial: Int?
    /// Whether a serial is shown as a month (`mmm-yy`) rather than a day (`dd/mm/yyyy`).
    public var monthFormat = false

    public init(_ text: String, fill: String? = nil, mergeDown: MergeDown = .none, span: Int = 1, serial: Int? = nil,
                monthFormat: Bool = false) {
        self.text = text
        self.fill = fill
        self.mergeDown = mergeDown
        self.span = span
        self.serial = serial
        self.monthFormat = monthFormat
    }
}

extension WordFixture {
    /// A table of cells that may be shaded, merged down (`vMerge`) or across (`gridSpan`); `columns` is the grid's width.
    public static func table(grid: [[FixtureCell]], columns: Int) -> String {
        "<w:tbl><w:tblGrid>" + String(repeating: "<w:gridCol/>", count: columns) + "</w:tblGrid>"
            + grid.map { row in
                "<w:tr>" + row.map { cell in
                    var properties = ""
                    if cell.span > 1 { properties += "<w:gridSpan w:val=\"\(cell.span)\"/>" }
                    switch cell.mergeDown {
                    case .none: break
                    case .start: properties += "<w:vMerge w:val=\"restart\"/>"
                    case .covered: properties += "<w:vMerge/>"
                    }
                    if let fill = cell.fill { properties += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/>" }
                    let text = cell.mergeDown == .covered ? "" : cell.text
                    return "<w:tc>" + (properties.isEmpty ? "" : "<w:tcPr>\(properties)</w:tcPr>")
                        + text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph(String($0)) }.joined() + "</w:tc>"
                }.joined() + "</w:tr>"
            }.joined() + "</w:tbl>"
    }
}

extension SheetFixture {
    /// The column letters of a zero-based column (`A`, `Z`, `AA`).
    public static func columnName(_ index: Int) -> String {
        var name = ""
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// A worksheet of `grid` (row 1 first), with its styles (fills, date formats) and shared strings:
    /// text as shared strings or inline strings, merges down and across as `mergeCells`, serials as dates.
    public static func sheet(grid: [[FixtureCell]], sharedStrings useShared: Bool) -> (xml: String, styles: String, strings: [String]) {
        var fills: [String] = []
        var strings: [String] = []
        var styleKeys: [String] = ["0|0"]  // numFmtId|fillId
        func style(format: Int, fill: String?) -> Int {
            var fillID = 0
            if let fill {
                if let index = fills.firstIndex(of: fill) { fillID = index + 2 } else { fills.append(fill); fillID = fills.count + 1 }
            }
            let key = "\(format)|\(fillID)"
            if let index = styleKeys.firstIndex(of: key) { return index }
            styleKeys.append(key)
            return styleKeys.count - 1
        }
        var merges: [String] = []
        var openDown: [Int: (top: Int, span: Int)] = [:]  // column → the merge down it that is open
        var rowsXML = ""
        func closeDown(_ column: Int, before row: Int) {
            guard let open = openDown.removeValue(forKey: column) else { return }
            if row - 1 > open.top || open.span > 1 {
                merges.append("\(columnName(column))\(open.top):\(columnName(column + open.span - 1))\(row - 1)")
            }
        }
        for (rowIndex, row) in grid.enumerated() {
            let number = rowIndex + 1
            var coveredColumns: Set<Int> = []
            var start = 0
            for cell in row {
                if cell.mergeDown == .covered { coveredColumns.insert(start) }
                start += cell.span
            }
            for open in openDown.keys.sorted() where !coveredColumns.contains(open) { closeDown(open, before: number) }
            var column = 0
            var cellsXML = ""
            for cell in row {
                if cell.mergeDown == .start { openDown[column] = (number, cell.span) }
                if cell.span > 1, cell.mergeDown == .none {
                    merges.append("\(columnName(column))\(number):\(columnName(column + cell.span - 1))\(number)")
                }
                let reference = "\(columnName(column))\(number)"
                if cell.mergeDown != .covered {
                    if let serial = cell.serial {
                        let s = style(format: cell.monthFormat ? 164 : 165, fill: cell.fill)
                        cellsXML += "<c r=\"\(reference)\" s=\"\(s)\"><v>\(serial)</v></c>"
                    } else if !cell.text.isEmpty || cell.fill != nil {
                        let s = style(format: 0, fill: cell.fill)
                        let styleAttribute = s == 0 ? "" : " s=\"\(s)\""
                        if cell.text.isEmpty {
                            cellsXML += "<c r=\"\(reference)\"\(styleAttribute)/>"
                        } else if useShared {
                            let item = "<si><t xml:space=\"preserve\">\(WordFixture.escape(cell.text))</t></si>"
                            let index = strings.firstIndex(of: item) ?? { strings.append(item); return strings.count - 1 }()
                            cellsXML += "<c r=\"\(reference)\" t=\"s\"\(styleAttribute)><v>\(index)</v></c>"
                        } else {
                            cellsXML += "<c r=\"\(reference)\" t=\"inlineStr\"\(styleAttribute)><is><t xml:space=\"preserve\">\(WordFixture.escape(cell.text))</t></is></c>"
                        }
                    }
                }
                column += cell.span
            }
            rowsXML += "<row r=\"\(number)\">\(cellsXML)</row>"
        }
        for column in openDown.keys.sorted() { closeDown(column, before: grid.count + 1) }
        let styles = "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"mmm\\-yy\"/><numFmt numFmtId=\"165\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
            + "<fills><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + fills.map { "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF\($0)\"/></patternFill></fill>" }.joined() + "</fills>"
            + "<cellXfs>" + styleKeys.map { key in
                let parts = key.split(separator: "|")
                return "<xf numFmtId=\"\(parts[0])\" fillId=\"\(parts[1])\"" + (parts[0] == "0" ? "" : " applyNumberFormat=\"1\"") + "/>"
            }.joined() + "</cellXfs>"
        let mergeXML = merges.isEmpty ? "" : "<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        return ("<sheetData>\(rowsXML)</sheetData>\(mergeXML)", styles, strings)
    }
}
