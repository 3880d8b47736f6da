import Foundation
import Testing
@testable import improve

/// Word, Excel and zipped CSV output from `report` and `export` (issue 27, part 4): where the bytes may go.
@Suite("Binary files go to a file or a redirect, never a terminal")
struct OfficeOutputTests {
    static let binaryRuns: [[String]] = [
        ["report", "--format", "docx"], ["report", "--format", "xlsx"], ["report", "--format", "csv"],
        ["export", "xlsx"], ["export", "docx"],
    ]

    @Test(arguments: binaryRuns)
    func aTerminalIsRefusedWithWhatToDo(arguments: [String]) throws {
        let box = try sandboxWithExamples()
        let result = InProcess.run(arguments + ["--as-of", "2019-03-01"], in: box.folder, environment: box.environment([:]),
                                   terminal: true)
        #expect(result.status == 64, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("is a binary file; use --out FILE or redirect"), "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stdoutBytes.isEmpty)
    }

    @Test func outNamesAFileOfTheFormatsKind() throws {
        let box = try sandboxWithExamples()
        let wrong = try box.run(["report", "--as-of", "2019-03-01", "--format", "docx", "--out", "plans/portsmouth-2014.json"])
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--out plans/portsmouth-2014.json: the board pack as a Word document is written to a file ending .docx"))
        let original = try String(contentsOf: box.folder.appendingPathComponent("plans/portsmouth-2014.json"), encoding: .utf8)
        #expect(original.contains("\"formatVersion\""), "the plan is untouched")
        let zip = try box.run(["report", "--as-of", "2019-03-01", "--format", "csv", "--out", "pack.csv"])
        #expect(zip.status == 64 && zip.stderr.contains("written to a file ending .zip"))
        let export = try box.run(["export", "xlsx", "--out", "plan.docx"])
        #expect(export.status == 64 && export.stderr.contains("the plan as an Excel workbook is written to a file ending .xlsx"))
    }

    @Test func outGoesOnlyWithBinaryFormats() throws {
        let box = try sandboxWithExamples()
        let html = try box.run(["report", "--format", "html", "--out", "pack.html"])
        #expect(html.status == 64)
        #expect(html.stderr.contains("--out goes with --format docx, xlsx, or csv without --section"))
        let section = try box.run(["report", "--format", "csv", "--section", "rag", "--out", "rag.zip"])
        #expect(section.status == 64)
        let csv = try box.run(["export", "csv", "--out", "plan.xlsx"])
        #expect(csv.status == 64 && csv.stderr.contains("--out goes with export xlsx or docx"))
        #expect(!FileManager.default.fileExists(atPath: box.folder.appendingPathComponent("pack.html").path))
    }

    @Test func exportOptionsOfOtherKindsAreRefused() throws {
        let box = try sandboxWithExamples()
        let bom = try box.run(["export", "xlsx", "--bom", "--out", "plan.xlsx"])
        #expect(bom.status == 64 && bom.stderr.contains("--milestones and --bom go with export csv"))
        let open = try box.run(["export", "docx", "--open", "--out", "plan.docx"])
        #expect(open.status == 64 && open.stderr.contains("--lead and --open go with export ics"))
        let unknown = try box.run(["export", "pdf"])
        #expect(unknown.status == 64 && unknown.stderr.contains("export csv, ics, xlsx or docx"))
    }

    @Test func aFolderThatDoesNotExistIsSaidAndNothingIsWritten() throws {
        let box = try sandboxWithExamples()
        let result = try box.run(["report", "--as-of", "2019-03-01", "--format", "xlsx", "--out", "nowhere/pack.xlsx"])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write nowhere/pack.xlsx: its folder does not exist"))
    }

    @Test func sizesAreSaidAsPeopleSayThem() {
        #expect(BinaryOutput.size(812) == "812 bytes")
        #expect(BinaryOutput.size(14_400) == "14 KB")
        #expect(BinaryOutput.size(1_234_567) == "1.2 MB")
    }
}
