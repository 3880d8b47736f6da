/// Writing a workbook as an `.xlsx` file (SpreadsheetML, ECMA-376): shared
/// strings, a styles part, numbers as numbers and days as date serials,
/// column widths, frozen header rows, hidden columns and sheets, protection
/// that leaves unlocked cells editable, drop-down lists and an autofilter.
///
/// The parts are written in the order Excel writes them, and every element in
/// the order the schema requires (Excel refuses a file whose `sheetView`
/// follows its `cols`, say, where LibreOffice would not mind).
extension SpreadsheetDraft {
    /// Excel's limits on a sheet and a cell.
    public static let rowLimit = 1_048_576
    public static let columnLimit = 16_384
    public static let cellTextLimit = 32_767
    public static let sheetNameLimit = 31
    /// The longest list Excel takes written into a drop-down itself; a longer one is kept on a hidden sheet.
    public static let inlineListLimit = 255
    /// The name of the hidden sheet that holds drop-down lists too long to write inline (`Lists 2` if taken, and so on).
    public static let listSheetName = "Lists"

    /// The `.xlsx` file's bytes.
    ///
    /// - Throws: `OfficeWriteError` for what Excel would refuse and cannot be mended (see its cases).
    public consuming func xlsx() throws(OfficeWriteError) -> [UInt8] {
        try checkSheetNames()
        var sheets = self.sheets
        self.sheets = []
        var strings = SharedStrings()
        var styles = SpreadsheetStyles()

        // Drop-down lists too long (or with commas) to write inline go on one hidden sheet, a column each.
        var listColumns: [[String]] = []
        var formulas: [[String]] = []
        let listSheet = Self.freeName(Self.listSheetName, among: sheets.map(\.name))
        for sheet in sheets {
            var sheetFormulas: [String] = []
            for validation in sheet.validations {
                try Self.check(validation, in: sheet.name)
                let choices = validation.choices.map(XMLText.cleaned)
                let inline = choices.joined(separator: ",")
                if inline.count <= Self.inlineListLimit, !choices.contains(where: { $0.contains(",") || $0.contains("\"") }) {
                    sheetFormulas.append("\"\(inline)\"")
                } else {
                    let column = listColumns.firstIndex(of: choices) ?? { listColumns.append(choices); return listColumns.count - 1 }()
                    let letter = Workbook.columnName(column + 1)
                    sheetFormulas.append("\(Self.quotedSheetName(listSheet))!$\(letter)$1:$\(letter)$\(choices.count)")
                }
            }
            formulas.append(sheetFormulas)
        }
        if !listColumns.isEmpty {
            let height = listColumns.map(\.count).max() ?? 0
            let rows = (0..<height).map { row in listColumns.map { row < $0.count ? Cell(text: $0[row]) : Cell(.empty) } }
            sheets.append(Sheet(name: listSheet, rows: rows, isHidden: true))
            formulas.append([])
        }

        for sheet in sheets { try Self.checkSize(sheet) }

        var zip = ZipWriter()
        var overrides: [(part: String, type: String)] = [
            ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
        ]
        for index in sheets.indices {
            overrides.append(("/xl/worksheets/sheet\(index + 1).xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))
        }
        overrides.append(("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"))
        overrides.append(("/xl/sharedStrings.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"))
        zip.add("[Content_Types].xml", text: OfficePackageWriting.contentTypes(overrides: overrides))
        zip.add("_rels/.rels", text: OfficePackageWriting.packageRelationships(main: "xl/workbook.xml"))
        zip.add("docProps/app.xml", text: OfficePackageWriting.appProperties())
        zip.add("docProps/core.xml", text: OfficePackageWriting.coreProperties(title: title, creator: creator))
        zip.add("xl/workbook.xml", text: workbookXML(sheets))
        var relationships: [(id: String, type: String, target: String)] = sheets.indices.map {
            ("rId\($0 + 1)", "\(OfficePackageWriting.officeRelationship)/worksheet", "worksheets/sheet\($0 + 1).xml")
        }
        relationships.append(("rId\(sheets.count + 1)", "\(OfficePackageWriting.officeRelationship)/styles", "styles.xml"))
        relationships.append(("rId\(sheets.count + 2)", "\(OfficePackageWriting.officeRelationship)/sharedStrings", "sharedStrings.xml"))
        zip.add("xl/_rels/workbook.xml.rels", text: OfficePackageWriting.relationships(relationships))
        // Each sheet's XML straight into its compressed entry, a row at a time; the strings and styles its
        // cells use are gathered as it goes, and written after the sheets, as Excel orders the parts.
        // Each sheet's rows are let go once written (the draft is consumed: its caller keeps no copy to share them).
        let selected = firstVisible(sheets)
        for index in sheets.indices {
            let sheet = sheets[index]
            sheets[index].rows = []
            try zip.add("xl/worksheets/sheet\(index + 1).xml") { (part: inout ZipPart) throws(OfficeWriteError) in
                try Self.writeWorksheet(sheet, formulas: formulas[index], selected: index == selected, strings: &strings, styles: &styles, to: &part)
            }
        }
        zip.add("xl/styles.xml", text: styles.xml())
        zip.add("xl/sharedStrings.xml") { (part: inout ZipPart) in strings.write(to: &part) }
        return zip.finish()
    }

    /// The sheet Excel opens on: the first that is not hidden.
    func firstVisible(_ sheets: [Sheet]) -> Int { sheets.firstIndex { !$0.isHidden } ?? 0 }

    func checkSheetNames() throws(OfficeWriteError) {
        guard sheets.contains(where: { !$0.isHidden }) else { throw .noVisibleSheet }
        var seen: Set<String> = []
        for sheet in sheets {
            let name = sheet.name
            if name.isEmpty { throw .badSheetName(name, problem: .empty) }
            if name.count > Self.sheetNameLimit { throw .badSheetName(name, problem: .tooLong(length: name.count, limit: Self.sheetNameLimit)) }
            if let bad = name.first(where: { "\\/?*[]:".contains($0) }) { throw .badSheetName(name, problem: .forbiddenCharacter(bad)) }
            if name.hasPrefix("'") || name.hasSuffix("'") { throw .badSheetName(name, problem: .apostropheAtEnd) }
            if name.lowercased() == "history" { throw .badSheetName(name, problem: .reserved) }
            // Control characters, tabs and line breaks included: no sheet tab can show them.
            if let control = name.unicodeScalars.first(where: { $0.value < 0x20 || XMLText.isForbidden($0) }) {
                throw .badSheetName(name, problem: .forbiddenCharacter(Character(control)))
            }
            guard seen.insert(name.lowercased()).inserted else { throw .duplicateSheetName(name) }
        }
    }

    static func check(_ validation: ListValidation, in sheet: String) throws(OfficeWriteError) {
        func bad(_ problem: String) -> OfficeWriteError {
            .badValidation(sheet: sheet, column: validation.column, firstRow: validation.firstRow, lastRow: validation.lastRow, problem: problem)
        }
        guard (0..<columnLimit).contains(validation.column) else { throw bad("the column is outside the sheet") }
        guard validation.firstRow >= 1, validation.firstRow <= validation.lastRow, validation.lastRow <= rowLimit else {
            throw bad("the rows are outside the sheet or in the wrong order")
        }
        guard !validation.choices.isEmpty else { throw bad("it has no choices") }
    }

    /// `base`, or `base 2`, `base 3`… whichever no sheet has (ignoring case).
    static func freeName(_ base: String, among names: [String]) -> String {
        let taken = Set(names.map { $0.lowercased() })
        var candidate = base
        var number = 2
        while taken.contains(candidate.lowercased()) {
            candidate = "\(base) \(number)"
            number += 1
        }
        return candidate
    }

    /// A sheet name as a formula writes it: in apostrophes, an apostrophe inside doubled.
    static func quotedSheetName(_ name: String) -> String {
        "'" + name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }

    func workbookXML(_ sheets: [Sheet]) -> String {
        let active = firstVisible(sheets)
        var xml = XMLText.declaration
        xml += "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"\(OfficePackageWriting.officeRelationship)\">"
        xml += "<workbookPr/>"
        xml += "<bookViews><workbookView activeTab=\"\(active)\"\(active > 0 ? " firstSheet=\"\(active)\"" : "")/></bookViews><sheets>"
        for (index, sheet) in sheets.enumerated() {
            xml += "<sheet name=\"\(XMLText.escaped(sheet.name))\" sheetId=\"\(index + 1)\"\(sheet.isHidden ? " state=\"hidden\"" : "") r:id=\"rId\(index + 1)\"/>"
        }
        xml += "</sheets>"
        // Excel keeps an autofilter's range as a hidden defined name, and expects it.
        let filters = sheets.enumerated().compactMap { index, sheet -> String? in
            guard let range = Self.autoFilterRange(sheet) else { return nil }
            let absolute = range.split(separator: ":").map { Self.absolute(String($0)) }.joined(separator: ":")
            return "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"\(index)\" hidden=\"1\">"
                + XMLText.escaped("\(Self.quotedSheetName(sheet.name))!\(absolute)") + "</definedName>"
        }
        if !filters.isEmpty { xml += "<definedNames>\(filters.joined())</definedNames>" }
        xml += "<calcPr calcId=\"191029\"/></workbook>"
        return xml
    }

    /// B7 → $B$7.
    static func absolute(_ reference: String) -> String {
        let letters = reference.prefix { $0.isLetter }
        return "$\(letters)$\(reference.dropFirst(letters.count))"
    }

    /// The autofilter's range: the header row (the last frozen row, or row 1) to the last row, over every column used.
    static func autoFilterRange(_ sheet: Sheet) -> String? {
        guard sheet.hasAutoFilter else { return nil }
        let header = max(sheet.frozenRows, 1)
        let width = max(sheet.rows.map(\.count).max() ?? 1, 1)
        let last = max(sheet.rows.count, header)
        return "A\(header):\(Workbook.columnName(width))\(last)"
    }
}

/// The shared strings part: each distinct text once, cells pointing at it by index.
struct SharedStrings {
    private(set) var texts: [String] = []
    private var indexes: [String: Int] = [:]
    private(set) var references = 0

    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indexes[text] { return index }
        texts.append(text)
        indexes[text] = texts.count - 1
        return texts.count - 1
    }

    /// `xl/sharedStrings.xml`, a string at a time.
    func write<Target: TextOutputStream>(to output: inout Target) {
        output.write(XMLText.declaration)
        output.write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(references)\" uniqueCount=\"\(texts.count)\">")
        for text in texts {
            output.write((XMLText.needsPreserve(text) ? "<si><t xml:space=\"preserve\">" : "<si><t>") + XMLText.escaped(text) + "</t></si>")
        }
        output.write("</sst>")
    }
}
