/// One worksheet part (`xl/worksheets/sheetN.xml`), its elements in the
/// schema's order: sheetPr, dimension, sheetViews, sheetFormatPr, cols,
/// sheetData, sheetProtection, autoFilter, dataValidations, pageMargins.
extension SpreadsheetDraft {
    /// Checks the sheet against Excel's limits before any of it is written.
    static func checkSize(_ sheet: Sheet) throws(OfficeWriteError) {
        guard sheet.rows.count <= rowLimit else { throw .tooManyRows(sheet: sheet.name, rows: sheet.rows.count, limit: rowLimit) }
        let width = sheet.rows.map(\.count).max() ?? 0
        guard width <= columnLimit else { throw .tooManyColumns(sheet: sheet.name, columns: width, limit: columnLimit) }
    }

    /// Written a row at a time (a board pack's sheet can have 100,000 rows); `checkSize` first.
    static func writeWorksheet<Target: TextOutputStream>(_ sheet: Sheet, formulas: [String], selected: Bool,
                                                         strings: inout SharedStrings, styles: inout SpreadsheetStyles,
                                                         to output: inout Target) throws(OfficeWriteError) {
        let width = sheet.rows.map(\.count).max() ?? 0
        var xml = XMLText.declaration
        xml += "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"\(OfficePackageWriting.officeRelationship)\">"
        if sheet.hasAutoFilter { xml += "<sheetPr filterMode=\"0\"/>" }
        xml += "<dimension ref=\"\(width == 0 || sheet.rows.isEmpty ? "A1" : "A1:\(Workbook.columnName(width))\(sheet.rows.count)")\"/>"

        // The view: the frozen header rows as a pane, the first cell under them selected.
        xml += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        if sheet.frozenRows > 0, sheet.frozenRows < rowLimit {
            let top = "A\(sheet.frozenRows + 1)"
            xml += "<pane ySplit=\"\(sheet.frozenRows)\" topLeftCell=\"\(top)\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            xml += "<selection pane=\"bottomLeft\" activeCell=\"\(top)\" sqref=\"\(top)\"/>"
        }
        xml += "</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>"

        // Widths and hidden columns, one `col` per column that has either, in order.
        let columnCount = max(sheet.columnWidths.count, (sheet.hiddenColumns.max() ?? -1) + 1)
        var columns = ""
        for column in 0..<min(columnCount, columnLimit) {
            let width = column < sheet.columnWidths.count ? sheet.columnWidths[column] : nil
            let hidden = sheet.hiddenColumns.contains(column)
            guard width != nil || hidden else { continue }
            let position = column + 1
            columns += "<col min=\"\(position)\" max=\"\(position)\" width=\"\(Self.number(width ?? 8.43))\""
            if width != nil { columns += " customWidth=\"1\"" }
            if hidden { columns += " hidden=\"1\"" }
            columns += "/>"
        }
        if !columns.isEmpty { xml += "<cols>\(columns)</cols>" }

        xml += "<sheetData>"
        output.write(xml)
        for (rowIndex, row) in sheet.rows.enumerated() {
            var cells = ""
            for (columnIndex, cell) in row.enumerated() {
                let reference = Workbook.columnName(columnIndex + 1) + String(rowIndex + 1)
                cells += try Self.cellXML(cell, reference: reference, sheet: sheet.name, cutsLongText: sheet.cutsLongText,
                                          strings: &strings, styles: &styles)
            }
            guard !cells.isEmpty else { continue }
            let height = Self.rowHeight(row, widths: sheet.columnWidths)
            output.write(height > defaultRowHeight
                ? "<row r=\"\(rowIndex + 1)\" ht=\"\(Self.number(height))\" customHeight=\"1\">\(cells)</row>"
                : "<row r=\"\(rowIndex + 1)\">\(cells)</row>")
        }
        xml = "</sheetData>"

        // Protected with no password: locked cells cannot be changed, unlocked ones can;
        // columns may still be widened, and the autofilter used.
        if sheet.isProtected {
            xml += "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\""
            xml += sheet.hasAutoFilter ? " autoFilter=\"0\"/>" : "/>"
        }
        if let range = autoFilterRange(sheet) { xml += "<autoFilter ref=\"\(range)\"/>" }

        if !sheet.validations.isEmpty || !sheet.dateValidations.isEmpty {
            xml += "<dataValidations count=\"\(sheet.validations.count + sheet.dateValidations.count)\">"
            for (validation, formula) in zip(sheet.validations, formulas) {
                let letter = Workbook.columnName(validation.column + 1)
                xml += "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""
                let error = Self.cut(validation.errorMessage, to: 225)
                let prompt = Self.cut(validation.prompt, to: 255)
                if !error.isEmpty { xml += " errorTitle=\"Not in the list\" error=\"\(XMLText.attribute(error))\"" }
                if !prompt.isEmpty { xml += " prompt=\"\(XMLText.attribute(prompt))\"" }
                xml += " sqref=\"\(letter)\(validation.firstRow):\(letter)\(validation.lastRow)\">"
                xml += "<formula1>\(XMLText.escaped(formula))</formula1></dataValidation>"
            }
            // A day between two days, as serials (a day before March 1900 or past 9999 is left unchecked).
            for validation in sheet.dateValidations {
                let letter = Workbook.columnName(validation.column + 1)
                let low = Self.dateSerial(year: validation.earliest.year, month: validation.earliest.month, day: validation.earliest.day) ?? 61
                let high = Self.dateSerial(year: validation.latest.year, month: validation.latest.month, day: validation.latest.day) ?? 2_958_465
                xml += "<dataValidation type=\"date\" operator=\"between\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\""
                let error = Self.cut(validation.errorMessage, to: 225)
                let prompt = Self.cut(validation.prompt, to: 255)
                if !error.isEmpty { xml += " errorTitle=\"Not a day in range\" error=\"\(XMLText.escaped(error))\"" }
                if !prompt.isEmpty { xml += " prompt=\"\(XMLText.escaped(prompt))\"" }
                xml += " sqref=\"\(letter)\(validation.firstRow):\(letter)\(validation.lastRow)\">"
                xml += "<formula1>\(low)</formula1><formula2>\(high)</formula2></dataValidation>"
            }
            xml += "</dataValidations>"
        }
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        output.write(xml + "</worksheet>")
    }

    /// Points a line of 11-point Calibri takes, and Excel's tallest row.
    static let defaultRowHeight = 15.0
    static let maximumRowHeight = 409.0

    /// The height of a row whose wrapping cells need more than one line: the most lines any of them needs (each
    /// line of its text over the column's width in characters) times a line's height. Written as the row's
    /// height because LibreOffice keeps a row without one at one line, hiding the rest; Excel would fit it.
    static func rowHeight(_ row: [Cell], widths: [Double?]) -> Double {
        var lines = 1
        for (column, cell) in row.enumerated() {
            guard case .text(let text) = cell.value else { continue }
            let cleaned = XMLText.cleaned(text)
            guard cell.style.wraps || cleaned.contains("\n") else { continue }
            let width = max((column < widths.count ? widths[column] : nil) ?? 8.43, 2)
            // Bold letters are wider; a column's width leaves a little room at the edges.
            let perLine = max((width - 1) * (cell.style.isBold ? 0.9 : 1), 1)
            let needed = cleaned.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
                total + max(1, Int((Double(line.count) / perLine).rounded(.up)))
            }
            lines = max(lines, needed)
        }
        return min(Double(lines) * defaultRowHeight, maximumRowHeight)
    }

    /// A text cut to Excel's limit on prompts and messages (it refuses a file with a longer one).
    static func cut(_ text: String, to limit: Int) -> String {
        let cleaned = XMLText.cleaned(text)
        return cleaned.count <= limit ? cleaned : String(cleaned.prefix(limit - 1)) + "…"
    }

    /// What ends a text cut to fit a cell (``Sheet/cutsLongText``).
    public static let cutNote = " … [cut: an Excel cell holds 32,767 characters; the whole text is in the plan]"

    static func cellXML(_ cell: Cell, reference: String, sheet: String, cutsLongText: Bool = false,
                        strings: inout SharedStrings, styles: inout SpreadsheetStyles) throws(OfficeWriteError) -> String {
        switch cell.value {
        case .empty:
            // A blank cell is written only when its style matters (an unlocked cell to fill in, a fill, a border).
            let style = styles.index(of: cell.style, isDate: false)
            return style == 0 ? "" : "<c r=\"\(reference)\" s=\"\(style)\"/>"
        case .text(let text):
            var cleaned = XMLText.cleaned(text)
            if cutsLongText, cleaned.count > cellTextLimit {
                cleaned = String(cleaned.prefix(cellTextLimit - cutNote.count)) + cutNote
            }
            guard cleaned.count <= cellTextLimit else {
                throw .textTooLong(sheet: sheet, cell: reference, length: cleaned.count, limit: cellTextLimit)
            }
            // Text of several lines wraps, as Excel makes a cell when Alt+Enter is typed in it (else the lines overlap).
            var look = cell.style
            if cleaned.contains("\n") { look.wraps = true }
            let style = styles.index(of: look, isDate: false)
            return "<c r=\"\(reference)\"\(style == 0 ? "" : " s=\"\(style)\"") t=\"s\"><v>\(strings.index(of: cleaned))</v></c>"
        case .number(let value):
            guard value.isFinite else { throw .notANumber(sheet: sheet, cell: reference) }
            let style = styles.index(of: cell.style, isDate: false)
            return "<c r=\"\(reference)\"\(style == 0 ? "" : " s=\"\(style)\"")><v>\(number(value))</v></c>"
        case .date(let year, let month, let day):
            guard let serial = dateSerial(year: year, month: month, day: day) else {
                throw .dateOutOfRange(sheet: sheet, cell: reference, year: year, month: month, day: day)
            }
            let style = styles.index(of: cell.style, isDate: true)
            return "<c r=\"\(reference)\" s=\"\(style)\"><v>\(serial)</v></c>"
        }
    }

    /// A number as SpreadsheetML writes it: whole numbers without ".0", others in the shortest form that reads back the same.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    /// Excel's serial for a day (1900 date system): days since 30 December 1899, for days from 1 March 1900
    /// (before it, Excel counts a 29 February 1900 that never was) to 31 December 9999; nil for other days or impossible ones.
    public static func dateSerial(year: Int, month: Int, day: Int) -> Int? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let serial = daysFromCivil(year: year, month: month, day: day) - daysFromCivil(year: 1899, month: 12, day: 30)
        guard serial >= 61, year <= 9999 else { return nil }
        return serial
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
