import Foundation
import Testing
@testable import OfficeDocument
import TestSupport

/// A workbook like the update form a lead gets: a protected sheet with a
/// frozen header, an unlocked status column with a drop-down, a date, a
/// hidden stamp column, and a second drop-down too long to write inline.
func sampleWorkbook() -> SpreadsheetDraft {
    let header = SpreadsheetDraft.CellStyle(isBold: true, wraps: true, fill: RGBColour(hex: "1F4E79"), fontColour: RGBColour(hex: "FFFFFF"), hasBorder: true)
    let editable = SpreadsheetDraft.CellStyle(fill: RGBColour(hex: "FFF2CC"), isLocked: false, hasBorder: true)
    let longChoices = (1...40).map { "Lead number \($0)" }
    let rows: [[SpreadsheetDraft.Cell]] = [
        ["ID", "Action", "Status", "Due", "Score", "Lead", "Stamp"].map { SpreadsheetDraft.Cell(text: $0, style: header) },
        [SpreadsheetDraft.Cell(text: "1.1"), SpreadsheetDraft.Cell(text: "Train staff & <managers>\non \"risk\""),
         SpreadsheetDraft.Cell(text: "Amber", style: editable), SpreadsheetDraft.Cell(.date(year: 2026, month: 3, day: 5)),
         SpreadsheetDraft.Cell(.number(2.5)), SpreadsheetDraft.Cell(.empty, style: editable), SpreadsheetDraft.Cell(text: "abc\u{1}123")],
        [SpreadsheetDraft.Cell(text: "1.2"), SpreadsheetDraft.Cell(text: "  padded  "), SpreadsheetDraft.Cell(.empty, style: editable),
         SpreadsheetDraft.Cell(.date(year: 2024, month: 2, day: 29)), SpreadsheetDraft.Cell(.number(42)),
         SpreadsheetDraft.Cell(text: "Lead number 3", style: editable)],
    ]
    let actions = SpreadsheetDraft.Sheet(
        name: "Actions", rows: rows, columnWidths: [8, 50, 12, nil, 8, 20], frozenRows: 1, hiddenColumns: [6], isProtected: true,
        validations: [SpreadsheetDraft.ListValidation(column: 2, firstRow: 2, lastRow: 3, choices: ["Red", "Amber", "Green", "Blue"],
                                                      prompt: "Pick a status", errorMessage: "Choose from the list"),
                      SpreadsheetDraft.ListValidation(column: 5, firstRow: 2, lastRow: 3, choices: longChoices)],
        hasAutoFilter: true)
    let about = SpreadsheetDraft.Sheet(name: "About", rows: [[SpreadsheetDraft.Cell(text: "How to fill this in")]])
    let secret = SpreadsheetDraft.Sheet(name: "State", rows: [[SpreadsheetDraft.Cell(text: "hidden")]], isHidden: true)
    return SpreadsheetDraft(sheets: [actions, about, secret], title: "Update form", creator: "improve test")
}

/// A fresh folder for one test's files.
func writingFolder(_ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

@Suite struct OfficeWritingSpreadsheetTests {
    @Test func theProjectsOwnReaderReadsTheWorkbookBack() throws {
        let bytes = try sampleWorkbook().xlsx()
        let workbook = try Workbook(bytes: bytes)
        #expect(workbook.sheetNames == ["Actions", "About", "State", "Lists"])
        #expect(workbook.sheetName == "Actions")
        let table = workbook.table
        #expect(table.rows.first?.cells.map(\.text) == ["ID", "Action", "Status", "Due", "Score", "Lead"])
        #expect(workbook.hiddenColumns == ["G"])
        let first = try #require(table.rows.dropFirst().first)
        #expect(first.cells[1].text == "Train staff & <managers>\non \"risk\"")
        #expect(first.cells[2].text == "Amber")
        #expect(first.cells[3].text == "2026-03-05")
        #expect(first.cells[4].text == "2.5")
        #expect(first.cells[2].fill == RGBColour(hex: "FFF2CC"))
        #expect(table.rows[2].cells[3].text == "2024-02-29")
        #expect(table.rows[2].cells[4].text == "42")
        let lists = try Workbook(bytes: bytes, sheet: "Lists")
        #expect(lists.table.rows.count == 40 && lists.table.rows.last?.cells.first?.text == "Lead number 40")
    }

    @Test func thePackageHasEveryPartWithItsContentType() throws {
        let archive = try ZipArchive(bytes: sampleWorkbook().xlsx())
        #expect(archive.entries.first?.name == "[Content_Types].xml")
        let names = archive.entries.map(\.name)
        for part in ["_rels/.rels", "docProps/core.xml", "docProps/app.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet4.xml"] {
            #expect(names.contains(part), "missing \(part)")
        }
        let types = String(decoding: try #require(try archive.contents(of: "[Content_Types].xml")), as: UTF8.self)
        #expect(types.contains("/xl/worksheets/sheet4.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))
        let core = String(decoding: try #require(try archive.contents(of: "docProps/core.xml")), as: UTF8.self)
        #expect(core.contains("<dc:title>Update form</dc:title>") && core.contains("<dc:creator>improve test</dc:creator>"))
        let sheet = String(decoding: try #require(try archive.contents(of: "xl/worksheets/sheet1.xml")), as: UTF8.self)
        // Schema order matters to Excel.
        let order = ["<sheetViews>", "<cols>", "<sheetData>", "<sheetProtection", "<autoFilter", "<dataValidations", "<pageMargins"]
        let positions = order.map { sheet.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(zip(positions, positions.dropFirst()).allSatisfy { $0! < $1! })
        #expect(sheet.contains("<formula1>&quot;Red,Amber,Green,Blue&quot;</formula1>"))
        #expect(sheet.contains("<formula1>'Lists'!$A$1:$A$40</formula1>"))
        #expect(!sheet.contains("\u{1}"))
    }

    @Test func writingTwiceGivesTheSameBytes() throws {
        #expect(try sampleWorkbook().xlsx() == sampleWorkbook().xlsx())
    }

    @Test func whatExcelWouldRefuseIsRefusedWithTheFacts() throws {
        func draft(_ names: [String]) -> SpreadsheetDraft { SpreadsheetDraft(sheets: names.map { SpreadsheetDraft.Sheet(name: $0) }) }
        #expect(throws: OfficeWriteError.badSheetName("a/b", problem: .forbiddenCharacter("/"))) { try draft(["a/b"]).xlsx() }
        let long = String(repeating: "x", count: 32)
        #expect(throws: OfficeWriteError.badSheetName(long, problem: .tooLong(length: 32, limit: 31))) { try draft([long]).xlsx() }
        #expect(throws: OfficeWriteError.duplicateSheetName("actions")) { try draft(["Actions", "actions"]).xlsx() }
        #expect(throws: OfficeWriteError.badSheetName("", problem: .empty)) { try draft([""]).xlsx() }
        #expect(throws: OfficeWriteError.badSheetName("History", problem: .reserved)) { try draft(["History"]).xlsx() }
        #expect(throws: OfficeWriteError.noVisibleSheet) { try SpreadsheetDraft(sheets: []).xlsx() }
        let tooLong = SpreadsheetDraft.Sheet(name: "S", rows: [[.init(.empty), .init(text: String(repeating: "y", count: 32_768))]])
        #expect(throws: OfficeWriteError.textTooLong(sheet: "S", cell: "B1", length: 32_768, limit: 32_767)) {
            try SpreadsheetDraft(sheets: [tooLong]).xlsx()
        }
        let notANumber = SpreadsheetDraft.Sheet(name: "S", rows: [[.init(.number(.nan))]])
        #expect(throws: OfficeWriteError.notANumber(sheet: "S", cell: "A1")) { try SpreadsheetDraft(sheets: [notANumber]).xlsx() }
        let badDay = SpreadsheetDraft.Sheet(name: "S", rows: [[.init(.date(year: 2025, month: 2, day: 29))]])
        #expect(throws: OfficeWriteError.dateOutOfRange(sheet: "S", cell: "A1", year: 2025, month: 2, day: 29)) {
            try SpreadsheetDraft(sheets: [badDay]).xlsx()
        }
    }

    @Test func dateSerialsAreExcels() {
        #expect(SpreadsheetDraft.dateSerial(year: 1900, month: 3, day: 1) == 61)
        #expect(SpreadsheetDraft.dateSerial(year: 2026, month: 3, day: 5) == 46086)
        #expect(SpreadsheetDraft.dateSerial(year: 1900, month: 2, day: 28) == nil)
    }

    @Test func openpyxlSeesValidationsLockingFillsAndTheRest() throws {
        guard ExternalTool.isAvailable(module: "openpyxl") else {
            return ExternalTool.skip("openpyxlSeesValidationsLockingFillsAndTheRest", "python3 with openpyxl is not installed")
        }
        let folder = try writingFolder("xlsx-openpyxl")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("form.xlsx")
        try Data(sampleWorkbook().xlsx()).write(to: file)
        let script = """
        import sys, openpyxl, datetime
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb['Actions']
        print('sheets', wb.sheetnames)
        print('states', [s.sheet_state for s in wb.worksheets])
        print('title', wb.properties.title, '|', wb.properties.creator)
        print('freeze', ws.freeze_panes)
        print('protected', ws.protection.sheet)
        print('locked', ws['A2'].protection.locked, ws['C2'].protection.locked, ws['F2'].protection.locked)
        print('fill', ws['C2'].fill.fgColor.rgb, ws['A1'].fill.fgColor.rgb)
        print('font', ws['A1'].font.b, ws['A1'].font.color.rgb)
        print('wrap', ws['A1'].alignment.wrap_text)
        print('border', ws['A1'].border.left.style)
        print('date', ws['D2'].value, ws['D2'].number_format)
        print('number', repr(ws['E2'].value), repr(ws['E3'].value))
        print('hidden', ws.column_dimensions['G'].hidden)
        print('width', ws.column_dimensions['B'].width)
        print('filter', ws.auto_filter.ref)
        for v in ws.data_validations.dataValidation:
            print('validation', v.type, str(v.sqref), v.formula1, v.prompt)
        """
        let outcome = try #require(ExternalTool.python(script, files: [file.path]))
        #expect(outcome.succeeded, "\(outcome.errors)")
        let lines = Set(outcome.output.split(separator: "\n").map(String.init))
        #expect(lines.contains("sheets ['Actions', 'About', 'State', 'Lists']"))
        #expect(lines.contains("states ['visible', 'visible', 'hidden', 'hidden']"))
        #expect(lines.contains("title Update form | improve test"))
        #expect(lines.contains("freeze A2"))
        #expect(lines.contains("protected True"))
        #expect(lines.contains("locked True False False"))
        #expect(lines.contains("fill FFFFF2CC FF1F4E79"))
        #expect(lines.contains("font True FFFFFFFF"))
        #expect(lines.contains("wrap True"))
        #expect(lines.contains("border thin"))
        #expect(lines.contains("date 2026-03-05 00:00:00 d mmm yyyy"))
        #expect(lines.contains("number 2.5 42"))
        #expect(lines.contains("hidden True"))
        #expect(lines.contains("width 50.0"))
        #expect(lines.contains("filter A1:G3"))
        #expect(lines.contains("validation list C2:C3 \"Red,Amber,Green,Blue\" Pick a status"))
        #expect(lines.contains("validation list F2:F3 'Lists'!$A$1:$A$40 None"))
    }

    @Test func libreOfficeReadsTheValues() throws {
        guard ExternalTool.office != nil else {
            return ExternalTool.skip("libreOfficeReadsTheValues", "LibreOffice (soffice) is not installed")
        }
        let folder = try writingFolder("xlsx-soffice")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("form.xlsx")
        try Data(sampleWorkbook().xlsx()).write(to: file)
        let csv = try #require(ExternalTool.convert(file, to: "csv", in: folder), "LibreOffice did not convert the workbook")
        let text = try String(contentsOf: csv, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "ID,Action,Status,Due,Score,Lead,Stamp")
        #expect(text.contains("1.1,\"Train staff & <managers>"))
        // LibreOffice's CSV shows a date in its own locale's form, but as a date, not a serial number.
        #expect(text.contains("Amber,03/05/2026,2.5,,abc123") || text.contains("Amber,5 Mar 2026,2.5,,abc123"))
        #expect(["1.2,  padded  ,,02/29/2024,42,Lead number 3,", "1.2,  padded  ,,29 Feb 2024,42,Lead number 3,"].contains(lines.last ?? ""))
    }
}
