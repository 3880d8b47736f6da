import Foundation
import Testing
@testable import OfficeDocument
@testable import PlanKit
@testable import PlanInterchange
import TestSupport

/// The Word and Excel readers on hand-written parts: each test holds exactly the structure it is about.
@Suite struct WordDocumentTests {
    @Test func mergedCellsAreSpreadOverTheRowsAndColumnsTheyCover() throws {
        let body = """
        <w:p><w:r><w:t>Theme 1: Governance</w:t></w:r></w:p>
        <w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>
        <w:tr><w:tc><w:p><w:r><w:t>ID</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Action</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Lead</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>Section</w:t></w:r></w:p></w:tc></w:tr>
        <w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>First</w:t></w:r></w:p></w:tc>
          <w:tc><w:tcPr><w:vMerge w:val="restart"/><w:shd w:val="clear" w:fill="FF0000"/></w:tcPr><w:p><w:r><w:t>Head of Service</w:t></w:r></w:p></w:tc></w:tr>
        <w:sdt><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc><w:tc><w:p><w:hyperlink><w:r><w:t xml:space="preserve">Second </w:t></w:r></w:hyperlink><w:r><w:delText>gone</w:delText></w:r><w:r><w:tab/><w:t>part</w:t><w:br/><w:t>line</w:t></w:r></w:p></w:tc>
          <w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:sdtContent></w:sdt>
        <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:shd w:val="clear" w:fill="auto"/></w:tcPr><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>a bullet</w:t></w:r></w:p><w:p><w:r><w:t>• typed bullet</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
        </w:tbl><w:p><w:r><w:t>After</w:t></w:r></w:p>
        """
        let document = try WordDocument(bytes: WordFixture.document(body: body))
        #expect(document.trailingParagraphs == ["After"])
        let table = try #require(document.tables.first)
        #expect(table.name == "table 1" && table.headings == ["Theme 1: Governance"])
        #expect(table.rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(table.rows[1].spansAllColumns && table.rows[1].cells.count == 3 && table.rows[1].cells[1].continuesLeft)
        #expect(!table.rows[2].spansAllColumns)
        // The merged lead is in both rows, the second marked as continuing, its colour with it.
        #expect(table.rows[3].cells[2].text == "Head of Service" && table.rows[3].cells[2].continuesAbove)
        #expect(table.rows[3].cells[2].fill == RGBColour(hex: "FF0000"))
        #expect(table.rows[3].cells[1].text == "Second \tpart\nline")
        // gridBefore shifts the row's cells; numbered and typed bullets are list items; "auto" is no fill.
        #expect(table.rows[4].cells[0].paragraphs.isEmpty)
        #expect(table.rows[4].cells[1].paragraphs == [DocumentParagraph(text: "a bullet", listLevel: 1), DocumentParagraph(text: "typed bullet", listLevel: 0)])
        #expect(table.rows[4].cells[1].fill == nil)
    }

    @Test func aDocumentWithoutAWordPartIsNamedForWhatItIs() throws {
        let workbook = try SheetFixture.workbook(sheets: [("Plan", "<sheetData/>")])
        #expect(throws: OfficeFailure.wrongKind(expected: "a Word document", found: "an Excel workbook")) { try WordDocument(bytes: workbook) }
        #expect(throws: OfficeFailure.notOffice) { try WordDocument(bytes: Array("ID,Action".utf8)) }
        let broken = try WordFixture.document(body: "<w:p><w:r><w:t>unclosed</w:r></w:p>")
        #expect(throws: OfficeFailure.xml(part: "word/document.xml", line: 1, message: "</w:r> closes <w:t>")) { try WordDocument(bytes: broken) }
    }
}

@Suite struct WorkbookTests {
    static let styles = """
    <numFmts><numFmt numFmtId="164" formatCode="mmm\\-yy"/><numFmt numFmtId="165" formatCode="[Red]&quot;day &quot;0.00"/></numFmts>
    <fills><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
    <fill><patternFill patternType="solid"><fgColor rgb="FF00B050"/></patternFill></fill>
    <fill><patternFill patternType="solid"><fgColor indexed="10"/></patternFill></fill></fills>
    <cellXfs><xf numFmtId="0" fillId="0"/><xf numFmtId="14" fillId="0"/><xf numFmtId="164" fillId="0"/><xf numFmtId="165" fillId="0"/>
    <xf numFmtId="0" fillId="2"/><xf numFmtId="0" fillId="3"/></cellXfs>
    """

    @Test func cellsReadAsTheSheetShowsThem() throws {
        let sheet = """
        <cols><col min="3" max="3" hidden="1"/></cols>
        <sheetData>
        <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Action</t></is></c><c r="C1" t="str"><v>Hidden</v></c><c r="D1" t="s"><v>1</v></c></row>
        <row r="2"><c r="A2"><v>1.5</v></c><c r="B2" t="s"><v>2</v></c><c r="C2"><v>7</v></c><c r="D2" s="1"><v>43921</v></c><c r="E2" t="b"><v>1</v></c></row>
        <row r="3"><c r="A3"><v>2</v></c><c r="B3" t="e"><v>#N/A</v></c><c r="D3" s="2"><v>43983</v></c><c r="E3" s="3"><v>43983</v></c><c r="F3" s="4"/></row>
        <row r="4" hidden="1"><c r="A4"><v>3</v></c></row>
        <row r="6"><c r="A6" s="5"><v>4</v></c></row>
        </sheetData><mergeCells><mergeCell ref="F3:F6"/></mergeCells>
        """
        let bytes = try SheetFixture.workbook(sheets: [("Plan", sheet), ("Other", "<sheetData/>")], styles: Self.styles,
                                              sharedStrings: ["<si><t>ID</t></si>", "<si><r><t>Dead</t></r><r><t>line</t></r></si>",
                                                              "<si><t xml:space=\"preserve\">Line one\n• bullet</t><rPh><t>phonetic</t></rPh></si>"])
        let workbook = try Workbook(bytes: bytes)
        #expect(workbook.sheetNames == ["Plan", "Other"] && workbook.sheetName == "Plan")
        #expect(workbook.hiddenRows == [4] && workbook.hiddenColumns == ["C"])
        let rows = workbook.table.rows
        #expect(rows.map(\.number) == [1, 2, 3, 5, 6])
        #expect(rows[0].cells.map(\.text) == ["ID", "Action", "Deadline", "", ""])
        // Numbers as written, day formats as days, month formats as months, a colour format as a number.
        #expect(rows[1].cells.map(\.text) == ["1.5", "Line one\nbullet", "2020-03-31", "TRUE", ""])
        #expect(rows[1].cells[1].paragraphs[1].listLevel == 0)
        #expect(rows[2].cells.map(\.text) == ["2", "#N/A", "Jun 2020", "43983", ""])
        // A merged range carries its top cell's fill down; an indexed colour is the palette's.
        // (Column C is hidden, so F is the fifth column read.)
        #expect(rows[2].cells[4].fill == RGBColour(hex: "00B050") && rows[3].cells[4].continuesAbove && rows[3].cells[4].fill == RGBColour(hex: "00B050"))
        #expect(rows[4].cells[0].fill == RGBColour(hex: "FF0000"))
        let other = try Workbook(bytes: bytes, sheet: "OTHER")
        #expect(other.sheetName == "Other" && other.table.rows.isEmpty)
        #expect(throws: OfficeFailure.noSuchSheet("Missing", available: ["Plan", "Other"])) { try Workbook(bytes: bytes, sheet: "Missing") }
    }

    @Test func serialDaysFollowExcelsTwoCalendars() {
        func day(_ serial: Double, _ date1904: Bool = false) -> String? { SerialDate(serial: serial, date1904: date1904)?.isoText }
        #expect(day(1) == "1900-01-01")
        #expect(day(59) == "1900-02-28")
        #expect(day(60) == nil)  // Lotus's 29 February 1900, which never was
        #expect(day(61) == "1900-03-01")
        #expect(day(43890) == "2020-02-29")
        #expect(day(43921.75) == "2020-03-31")
        #expect(day(0, true) == "1904-01-01")
        #expect(day(42459, true) == "2020-03-31")
        #expect(day(-1) == nil && day(3e6) == nil)
    }
}

@Suite struct StatusWordsTests {
    @Test func ratingsAreCodesNotTheFirstWordOfASentence() {
        #expect(PlanImporter.status("GREEN Long-term chair agreed", scheme: .default) == ("GREEN", "Long-term chair agreed"))
        #expect(PlanImporter.status("Green light given by Cabinet", scheme: .default) == (nil, "Green light given by Cabinet"))
        #expect(PlanImporter.status("Red tape removed", scheme: .default) == (nil, "Red tape removed"))
        #expect(PlanImporter.status("R - not started", scheme: .default) == ("RED", "not started"))
        // A scale of words is not written by initials.
        #expect(PlanImporter.status("N/A", scheme: .progress).0 == nil)
        #expect(PlanImporter.status("D - delayed by funding", scheme: .progress).0 == nil)
    }

    @Test func themeHeadingsNeedANumberLetterOrNumeral() {
        #expect(TableReader.namesTheme("Part One: Change led by the Board") && TableReader.namesTheme("Priority 2 – Practice")
            && TableReader.namesTheme("Part B. YOT Team Improvement Plan") && TableReader.namesTheme("Section IV"))
        #expect(!TableReader.namesTheme("Priority actions agreed by the board") && !TableReader.namesTheme("Part of this work is funded"))
    }

    @Test func labelsAreNotNames() {
        #expect(TableReader.letterLabel("A: J. Smith")?.letters == ["A"])
        #expect(TableReader.letterLabel("A. Patel") == nil && TableReader.letterLabel("C. Brown – Head of Service") == nil)
        #expect(TableReader.letterLabel("A. N. Other") == nil)
        #expect(TableReader.letterLabel("A. Review the terms of reference")?.strong == false)
    }
}

@Suite struct ColourStatusTests {
    @Test func fillsAreReadAsTheNearestRAGColour() {
        let cases: [(String, RAGColour?)] = [
            ("FF0000", .red), ("C00000", .red), ("FFC000", .amber), ("FFFF00", .amber), ("F79646", .amber), ("00B050", .green),
            ("92D050", .green), ("0070C0", .blue), ("00B0F0", .blue), ("7030A0", .purple),
            ("FFFFFF", nil), ("D9D9D9", nil), ("000000", nil), ("F2F2F2", nil), ("DEEAF6", nil),
        ]
        for (hex, colour) in cases {
            #expect(TableReader.ragColour(of: RGBColour(hex: hex)!) == colour, "\(hex)")
        }
    }
}

/// Damaged Word and Excel files, at random: every one ends in a plan or a typed error, never a crash or a hang.
@Suite struct OfficeMutationTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: repositoryRoot.appendingPathComponent("Tests/improveTests/Fixtures/office/\(name)")))
    }

    /// Cuts, repeats and overwrites a few stretches of the bytes.
    static func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...3, using: &random) where out.count > 8 {
            let at = Int.random(in: 0..<out.count, using: &random)
            let length = min(Int.random(in: 1...40, using: &random), out.count - at)
            switch Int.random(in: 0..<3, using: &random) {
            case 0: out.removeSubrange(at..<(at + length))
            case 1: out.insert(contentsOf: out[at..<(at + length)], at: at)
            default: for index in at..<(at + length) { out[index] = UInt8.random(in: 0...255, using: &random) }
            }
        }
        return out
    }

    @Test func damagedPartsAndPackagesEndInAPlanOrAnError() throws {
        var random = SeededGenerator(test: "damagedPartsAndPackagesEndInAPlanOrAnError")
        let importer = PlanImporter(planID: "m", title: "M", organisation: "O", inspection: Inspection(inspectorate: "HMIP", date: .month(CalendarMonth(year: 2019, month: 1)!)),
                                    statusDate: CalendarDate(iso: "2020-01-31")!)
        var outcomes = (plans: 0, errors: 0)
        for (name, part, source) in [("lettered.docx", "word/document.xml", PlanImporter.Source.word), ("plan.xlsx", "xl/worksheets/sheet1.xml", .excel)] {
            let original = try Self.fixture(name)
            let archive = try ZipArchive(bytes: original)
            let parts = try archive.entries.map { ($0.name, try archive.contents(of: $0)) }
            for round in 0..<60 {
                // Half the time the package itself is damaged; half the time one part's XML, packed again properly.
                var bytes: [UInt8]
                if round % 2 == 0 {
                    bytes = Self.mutate(original, &random)
                } else {
                    let entries = parts.map { name, data in
                        ZipBuilder.Entry(name: name, data: name == part ? Self.mutate(data, &random) : data, deflate: false)
                    }
                    bytes = try ZipBuilder(entries: entries).bytes()
                }
                do {
                    let result = try importer.importDocument(bytes, file: name, source: source)
                    #expect(!result.plan.actions.isEmpty, "seed \(random.seed) \(name) round \(round)")
                    outcomes.plans += 1
                } catch {
                    outcomes.errors += 1
                }
            }
        }
        print("damaged Office files: \(outcomes.plans) read, \(outcomes.errors) refused")
        // Both ends are reached: damage the reader gets past, and damage it refuses.
        #expect(outcomes.plans > 0, "seed \(random.seed)")
        #expect(outcomes.errors > 0, "seed \(random.seed)")
    }
}

/// What a hostile pass found: each file is small, and each must end in a clear refusal or a bounded read.
@Suite struct OfficeDefenceTests {
    @Test func hostileZIP64NumbersAreRefusedNotTrapped() throws {
        var bytes = try ZipBuilder(entries: [.init(name: "word/document.xml", data: Array("<w:document xmlns:w='w'/>".utf8))], zip64: true).bytes()
        // The ZIP64 end record's entry count (record + 32) and directory offset (record + 48), set to 2⁶⁴ − 1.
        let record = bytes.count - 22 - 20 - 56
        for offset in [32, 48] {
            var hostile = bytes
            for index in 0..<8 { hostile[record + offset + index] = 0xFF }
            #expect(throws: ZipArchive.Failure.self) { _ = try ZipArchive(bytes: hostile).contents(of: "word/document.xml") }
        }
        // The entry's ZIP64 extra field: its local header offset set to 2⁶³ − 1.
        let extra = bytes.count - 22 - 20 - 56 - 8
        for index in 0..<8 { bytes[extra + index] = index == 7 ? 0x7F : 0xFF }
        #expect(throws: ZipArchive.Failure.self) { _ = try ZipArchive(bytes: bytes).contents(of: "word/document.xml") }
    }

    @Test func sheetNumbersPastExcelsEdgesAreDamageAndMergesAreBounded() throws {
        let row = try SheetFixture.workbook(sheets: [("S", "<sheetData><row r=\"9223372036854775807\"><c r=\"A1\"><v>1</v></c></row></sheetData>")])
        #expect(throws: OfficeFailure.damaged("xl/worksheets/sheet1.xml has a row numbered 9223372036854775807")) { try Workbook(bytes: row) }
        let strings = try SheetFixture.workbook(sheets: [("S", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData>")],
                                                sharedStrings: ["<si><t>only</t></si>"])
        #expect(throws: OfficeFailure.damaged("a cell refers to shared string 5, which the workbook does not have")) { try Workbook(bytes: strings) }
        // A merge over a million rows, hidden columns from -2⁶³, and a fill at column XFD: read within the cells that hold words.
        let sheet = """
        <cols><col min="-9223372036854775808" max="1" hidden="0"/><col min="-3000000000" max="2" hidden="1"/></cols>
        <sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c><c r="C1" t="inlineStr"><is><t>Action</t></is></c><c r="XFD1" s="1"/></row>
        <row r="2"><c r="A2"><v>1</v></c><c r="C2" t="inlineStr"><is><t>Do it</t></is></c></row></sheetData>
        <mergeCells><mergeCell ref="C2:ALL1000000"/><mergeCell ref="A-9223372036854775807:B9223372036854775807"/></mergeCells>
        """
        let styles = "<fills><fill/><fill/><fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFF0000\"/></patternFill></fill></fills><cellXfs><xf/><xf fillId=\"2\"/></cellXfs>"
        let workbook = try Workbook(bytes: SheetFixture.workbook(sheets: [("S", sheet)], styles: styles))
        // (Columns A and B are hidden from -3,000,000,000 on; only A holds anything, and C is the one read.)
        #expect(workbook.table.rows.map { $0.cells.map(\.text) } == [["Action"], ["Do it"]])
        #expect(workbook.hiddenColumns == ["A"])
    }

    @Test func xmlLimitsHoldWithoutQuadraticWork() throws {
        let attributes = (0..<50_000).map { "a\($0)=\"\"" }.joined(separator: " ")
        #expect(try XMLReader.parse(Array("<r \(attributes)/>".utf8)).attributes.count == 50_000)
        let many = Array(("<r>" + String(repeating: "<a/>", count: 1000) + "</r>").utf8)
        #expect(try XMLReader.parse(many, elementLimit: 1001).elements.count == 1000)
        #expect(throws: XMLReader.Failure(line: 1, message: "more than 1000 elements", isSizeLimit: true)) { try XMLReader.parse(many, elementLimit: 1000) }
        // UTF-16, which the package format allows.
        let utf16: [UInt8] = [0xFF, 0xFE] + "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>é</r>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try XMLReader.parse(utf16).text == "é")
    }
}
