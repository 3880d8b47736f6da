import Testing
@testable import improve
import OfficeDocument

/// A workbook or Word document that cannot be written: the library says which sheet, cell and limit; the command line words it (exit 65).
@Suite("Office writing errors as the command line words them")
struct OfficeWriteWordingTests {
    @Test(arguments: [
        (OfficeWriteError.noVisibleSheet, "improve: a workbook needs at least one sheet that is not hidden; nothing was written"),
        (OfficeWriteError.badSheetName("Q1/Q2", problem: .forbiddenCharacter("/")),
         "improve: the sheet name \"Q1/Q2\" holds \"/\", which Excel does not allow in a sheet name (nor any of \\ / ? * [ ] :); nothing was written"),
        (OfficeWriteError.badSheetName(String(repeating: "x", count: 40), problem: .tooLong(length: 40, limit: 31)),
         "improve: the sheet name \"\(String(repeating: "x", count: 40))\" is 40 characters long; Excel takes at most 31; nothing was written"),
        (OfficeWriteError.duplicateSheetName("actions"),
         "improve: two sheets are named \"actions\" (Excel compares sheet names ignoring case); nothing was written"),
        (OfficeWriteError.textTooLong(sheet: "Actions", cell: "B7", length: 40_000, limit: 32_767),
         "improve: cell B7 of the sheet \"Actions\" would hold 40000 characters; an Excel cell holds at most 32767; nothing was written"),
        (OfficeWriteError.chartShape(chart: "RAG by theme", series: "Red", values: 3, categories: 4),
         "improve: the chart \"RAG by theme\" has 3 values for \"Red\" but 4 categories; nothing was written"),
    ])
    func officeWriteErrors(error: OfficeWriteError, message: String) {
        let (text, code) = ErrorReporter.report(error, in: testFolder)
        #expect(text == message)
        #expect(code == .dataError)
    }
}
