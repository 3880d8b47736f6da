import Foundation
import Testing
import OfficeDocument
import TestSupport
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
        let format = try box.run(["export", "--format", "xlsx"])
        #expect(format.status == 64 && format.stderr.contains("export names its form without --format: improve export xlsx"))
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

    @Test func theZippedCSVHoldsEachSectionAsItsSectionCSV() throws {
        let box = try sandboxWithExamples()
        let arguments = ["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "csv"]
        let result = InProcess.run(arguments, in: box.folder, environment: box.environment([:]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty, "nothing but the file on stdout")
        let archive = try ZipArchive(bytes: result.stdoutBytes)
        let names = archive.entries.map(\.name)
        #expect(names.first == "headline.csv" && names.contains("exceptions.csv") && names.contains("rag.csv"))
        for name in names {
            let key = String(name.dropLast(4))
            let one = try box.run(arguments + ["--section", key])
            #expect(try archive.contents(of: name).map { String(decoding: $0, as: UTF8.self) } == one.stdout, "\(name)")
        }
    }

    @Test func theExcelPackHasASheetPerSectionAndSaysTheFileWritten() throws {
        let box = try sandboxWithExamples()
        let result = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "xlsx",
                                  "--out", "pack.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Wrote pack.xlsx (the board pack as an Excel workbook, "), "\(result.stdout)")
        let file = box.folder.appendingPathComponent("pack.xlsx")
        let bytes = Array(try Data(contentsOf: file))
        let workbook = try Workbook(bytes: bytes)
        #expect(workbook.sheetNames.first == "headline")
        #expect(workbook.sheetNames.contains("exceptions") && workbook.sheetNames.contains("rag"))
        let rag = try Workbook(bytes: bytes, sheet: "rag").table
        #expect(rag.rows.first?.cells.first?.text == "plan")
        #expect(rag.rows.first?.cells.map(\.text).contains("RED %") == true)
        // Replaced whole on a second run, and no temporary file is left beside it.
        let again = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "xlsx",
                                 "--out", "pack.xlsx"])
        #expect(again.status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: box.folder.path).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty)

        guard ExternalTool.isAvailable(module: "openpyxl") else {
            ExternalTool.skip("theExcelPackHasASheetPerSectionAndSaysTheFileWritten", "openpyxl is not installed")
            return
        }
        let script = """
        import sys, openpyxl, datetime
        book = openpyxl.load_workbook(sys.argv[1])
        rag = book["rag"]
        header = [c.value for c in rag[1]]
        print("bold", all(c.font.b for c in rag[1]))
        print("freeze", rag.freeze_panes)
        red = header.index("RED")
        print("numbers", all(isinstance(row[red].value, (int, float)) for row in rag.iter_rows(min_row=2)))
        fills = [c.fill.fgColor.rgb for row in rag.iter_rows(min_row=2) for c in row if c.fill.fill_type == "solid"]
        print("filled", len(fills) > 0)
        dates = [c.value for ws in book.worksheets for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, datetime.datetime)]
        print("dates", len(dates) > 0)
        """
        let outcome = try #require(ExternalTool.python(script, files: [file.path]))
        #expect(outcome.succeeded, "\(outcome.errors)")
        let lines = Set(outcome.output.split(separator: "\n").map(String.init))
        #expect(lines == ["bold True", "freeze A2", "numbers True", "filled True", "dates True"], "\(outcome.output)")
    }

    @Test func anExcelExportImportsBackThroughTheCommandLine() throws {
        let box = try sandboxWithExamples()
        let export = try box.run(["export", "xlsx", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-03-01", "--out", "blackpool.xlsx"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("Wrote blackpool.xlsx (the plan as an Excel workbook, "))
        let back = try box.run(["import", "blackpool.xlsx", "--recommendations", "blackpool.xlsx", "--out", "plans/again.json",
                                "--id", "again", "--organisation", "Blackpool Youth Offending Partnership",
                                "--inspection-date", "2018-10", "--status-date", "2019-03-01"])
        #expect(back.status == 0, "\(back.stderr)")
        let first = try box.run(["list", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-03-01", "--format", "csv"])
        let second = try box.run(["list", "--plan", "plans/again.json", "--as-of", "2019-03-01", "--format", "csv"])
        func body(_ csv: String) -> [String] { csv.components(separatedBy: "\r\n").dropFirst().map { $0.split(separator: ",").dropFirst().joined(separator: ",") } }
        #expect(body(first.stdout) == body(second.stdout), "the same list of actions, plan id aside")

        // LibreOffice opens it, and its first sheet is the actions under the plan's title.
        guard ExternalTool.office != nil else {
            ExternalTool.skip("anExcelExportImportsBackThroughTheCommandLine", "LibreOffice (soffice) is not installed")
            return
        }
        let converted = try #require(ExternalTool.convert(box.folder.appendingPathComponent("blackpool.xlsx"), to: "csv:Text - txt - csv (StarCalc):44,34,76", in: box.folder))
        let text = try String(contentsOf: converted, encoding: .utf8)
        #expect(text.hasPrefix("Blackpool"), "\(text.prefix(80))")
        #expect(text.contains("Plan,Theme,Theme title,ID,"))
    }

    @Test func theWordPackHasHeadingsRepeatedHeadersShadingAndA4() throws {
        let box = try sandboxWithExamples()
        let result = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "docx",
                                  "--out", "pack.docx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Wrote pack.docx (the board pack as a Word document, "), "\(result.stdout)")
        let file = box.folder.appendingPathComponent("pack.docx")
        let document = try WordDocument(bytes: Array(try Data(contentsOf: file)))
        #expect(document.tables.count >= 5)
        #expect(document.tables.contains { $0.rows.first?.cells.first?.text == "Theme" }, "the RAG table")

        guard ExternalTool.isAvailable(module: "docx") else {
            ExternalTool.skip("theWordPackHasHeadingsRepeatedHeadersShadingAndA4", "python-docx is not installed")
            return
        }
        let script = """
        import sys, docx
        from docx.oxml.ns import qn
        d = docx.Document(sys.argv[1])
        styles = [p.style.name for p in d.paragraphs if p.style.name.startswith("Heading")]
        print("headings", "Heading 1" in styles, "Heading 2" in styles, "Heading 3" in styles)
        print("repeat", all(t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None for t in d.tables))
        shaded = [c for t in d.tables for r in t.rows[1:] for c in r.cells if c._tc.tcPr is not None and c._tc.tcPr.find(qn("w:shd")) is not None and c._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) not in (None, "auto", "FFFFFF")]
        print("shaded", len(shaded) > 0, all(c.text.strip() for c in shaded))
        s = d.sections[0]
        print("a4", round(s.page_width.mm), round(s.page_height.mm))
        print("landscape", any(x.page_width > x.page_height for x in d.sections))
        """
        let outcome = try #require(ExternalTool.python(script, files: [file.path]))
        #expect(outcome.succeeded, "\(outcome.errors)")
        let lines = Set(outcome.output.split(separator: "\n").map(String.init))
        #expect(lines == ["headings True True True", "repeat True", "shaded True True", "a4 210 297", "landscape True"], "\(outcome.output)")
        // LibreOffice lays it out: a PDF comes of it.
        guard ExternalTool.office != nil else {
            ExternalTool.skip("theWordPackHasHeadingsRepeatedHeadersShadingAndA4", "LibreOffice (soffice) is not installed")
            return
        }
        let pdf = try #require(ExternalTool.convert(file, to: "pdf", in: box.folder))
        #expect(try Data(contentsOf: pdf).prefix(5) == Data("%PDF-".utf8))
    }
}
