import Foundation
import Testing
@testable import improve
import OfficeDocument
import PlanKit
import PlanInterchange
import TestSupport

/// A lead's sheet as CSV, as Excel's "Save As CSV" gives it (hidden columns included),
/// with cells filled in: `fill[actionID][column] = text`.
func updateCSV(_ sheet: SpreadsheetDraft.Sheet, fill: [String: [UpdateRequest.Column: String]] = [:]) -> String {
    sheet.rows.map { row -> String in
        var fields = row.map { cell -> String in
            switch cell.value {
            case .empty: return ""
            case .text(let text): return text
            case .number(let number): return String(Int(number))
            case .date(let year, let month, let day): return CalendarDate(year: year, month: month, day: day)!.description
            }
        }
        if fields.first != UpdateRequest.leadLabel, fields.count > 1 {
            for (column, value) in fill[fields[UpdateRequest.Column.action.rawValue]] ?? [:] { fields[column.rawValue] = value }
        }
        return fields.map { $0.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
            .joined(separator: ",")
    }.joined(separator: "\r\n") + "\r\n"
}

@Suite("import-updates: leads' returned sheets recorded")
struct ImportUpdatesEndToEndTests {
    /// A sandbox with Blackpool's plan, and the YOT Manager's sheet as exported today.
    func prepared() throws -> (Sandbox, UpdateRequest, SpreadsheetDraft.Sheet) {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/blackpool-2019.json").path,
                                       relativeTo: testFolder, today: testToday).plan
        let request = try #require(UpdateRequest.requests(plans: [plan], lead: "YOT Manager", asOf: testToday.date).first { $0.lead == "YOT Manager" })
        return (sandbox, request, request.sheet(named: "YOT Manager", asOf: testToday.date))
    }

    func planText(_ sandbox: Sandbox) throws -> String {
        try String(contentsOf: sandbox.folder.appendingPathComponent("plans/blackpool-2019.json"), encoding: .utf8)
    }

    func history(_ sandbox: Sandbox, _ id: String) throws -> [StatusChange] {
        try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/blackpool-2019.json").path, relativeTo: testFolder,
                            today: testToday).plan.action(id: id)?.history ?? []
    }

    @Test func filledRowsAreRecordedByTheLeadOnceAndUndoneInOneStep() throws {
        let (sandbox, request, sheet) = try prepared()
        let original = try planText(sandbox)
        try sandbox.write("updates.csv", updateCSV(sheet, fill: [
            "LM 7": [.newStatus: "Ongoing", .comment: "New service manager in post", .date: "2019-04-08"],
            "LM 8": [.comment: "Audit booked", .date: "08/04/2019"],
        ]))
        let dry = try sandbox.run(["import-updates", "updates.csv", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would record: blackpool-2019  LM 7  none → AMBER  recorded 2019-04-08 by YOT Manager\n"))
        #expect(dry.stdout.hasSuffix("2 would be updated, \(request.rows.count - 2) unchanged, 0 refused; dry run: nothing was written\n"), "\(dry.stdout)")
        #expect(try planText(sandbox) == original)

        let result = try sandbox.run(["import-updates", "updates.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            blackpool-2019  LM 7  none → AMBER  recorded 2019-04-08 by YOT Manager
            blackpool-2019  LM 8  note  recorded 2019-04-08 by YOT Manager
            2 updated, \(request.rows.count - 2) unchanged, 0 refused

            """)
        let lm7 = try #require(try history(sandbox, "LM 7").last)
        #expect(lm7.status == "AMBER" && lm7.comment == "New service manager in post" && lm7.by == "YOT Manager")

        // The same file again records nothing more.
        let again = try sandbox.run(["import-updates", "updates.csv"])
        #expect(again.status == 0)
        #expect(again.stdout == "0 updated, \(request.rows.count) unchanged (2 already recorded), 0 refused\n")

        // One undo takes back both rows.
        let undo = try sandbox.run(["undo"])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("2 updates imported from updates.csv"))
        #expect(try history(sandbox, "LM 7").isEmpty && history(sandbox, "LM 8").isEmpty)
    }

    @Test func anActionUpdatedAfterTheExportIsRefusedThenTakenWithForce() throws {
        let (sandbox, _, sheet) = try prepared()
        try sandbox.write("updates.csv", updateCSV(sheet, fill: ["LM 8": [.newStatus: "Behind schedule", .comment: "Auditor ill"]]))
        #expect(try sandbox.run(["update", "lm8", "--comment", "Audit moved to May", "--by", "Jo"]).status == 0)
        let refused = try sandbox.run(["import-updates", "updates.csv"])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("refused: blackpool-2019  LM 8  (updates.csv, row "))
        #expect(refused.stdout.contains("the action was updated after the export\n  the lead saw:   none – no comment – due "))
        #expect(refused.stdout.contains("  the plan now:   none – \(testToday.date): Audit moved to May – due "))
        #expect(refused.stdout.contains("0 updated, ") && refused.stdout.contains(", 1 refused (changed since the export"))
        #expect(try history(sandbox, "LM 8").last?.comment == "Audit moved to May")

        let forced = try sandbox.run(["import-updates", "updates.csv", "--force", "--by", "Board secretary"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("blackpool-2019  LM 8  none → RED  recorded \(testToday.date) by Board secretary\n"))
        #expect(try history(sandbox, "LM 8").last?.status == "RED")
    }

    @Test func aStatusOutsideTheSchemeNamesTheCellAndWritesNothing() throws {
        let (sandbox, request, sheet) = try prepared()
        let original = try planText(sandbox)
        let row = UpdateRequest.headerRow + 1 + (request.rows.firstIndex { $0.actionID == "LM 8" } ?? 0)
        try sandbox.write("updates.csv", updateCSV(sheet, fill: ["LM 7": [.comment: "Fine"], "LM 8": [.newStatus: "Purple"]]))
        let result = try sandbox.run(["import-updates", "updates.csv"])
        #expect(result.status == 65)
        #expect(result.stderr == """
            improve: 1 row cannot be recorded, so nothing was written:
              updates.csv, cell G\(row): 'Purple' is not a status of this plan (Not due yet, Behind schedule, Ongoing, Complete)

            """)
        #expect(try planText(sandbox) == original)
        try sandbox.write("late.csv", updateCSV(sheet, fill: ["LM 7": [.comment: "Fine", .date: "next year"]]))
        let late = try sandbox.run(["import-updates", "late.csv"])
        #expect(late.status == 65)
        #expect(late.stderr.contains("late.csv, cell I\(UpdateRequest.headerRow + 1 + (request.rows.firstIndex { $0.actionID == "LM 7" } ?? 0)): 'next year' under Date: not a date"))
    }

    @Test func theWorkbookIsRefusedAtATerminalAndOutGoesWithForUpdate() throws {
        let (sandbox, _, _) = try prepared()
        let terminal = InProcess.run(["export", "--for-update"], in: sandbox.folder, environment: sandbox.environment([:]), terminal: true)
        #expect(terminal.status == 64)
        #expect(terminal.stderr.hasPrefix("improve: a workbook is a binary file; give --out DIR or --out FILE.xlsx, or redirect the output\n"))
        let stray = try sandbox.run(["export", "csv", "--out", "x.csv"])
        #expect(stray.status == 64 && stray.stderr.hasPrefix("improve: --out goes with export xlsx or docx"))
        for slip in ["updates.docx", "updates.xls"] {
            let wrong = try sandbox.run(["export", "--for-update", "--out", slip])
            #expect(wrong.status == 64 && wrong.stderr.hasPrefix("improve: --out \(slip): workbooks for leads go to a folder or to a FILE.xlsx"))
            #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent(slip).path), "no folder made")
        }
        let nobody = try sandbox.run(["export", "--for-update", "--lead", "Nobody At All", "--out", "updates"])
        #expect(nobody.status == 64)
        let notAWorkbook = try sandbox.run(["import-updates", "plans/blackpool-2019.json"])
        #expect(notAWorkbook.status == 65 && notAWorkbook.stderr.contains("has no sheet laid out as improve export --for-update writes it"))
    }
}

/// Python with openpyxl (Tests/TestSupport/ExternalTool.swift), for the tests that make or fill a workbook.
enum Openpyxl {
    /// Runs a Python script in `folder`; its exit status and output (with its errors).
    static func run(_ script: String, in folder: URL) throws -> (status: Int32, output: String) {
        let outcome = try #require(ExternalTool.run("python3", ["-c", script], in: folder))
        return (outcome.status, outcome.output + outcome.errors)
    }

    /// Says why a test is skipped, and returns whether it may go on.
    static func check(_ test: String) -> Bool {
        guard ExternalTool.isAvailable(module: "openpyxl") else {
            ExternalTool.skip(test, "python3 with openpyxl is not installed")
            return false
        }
        return true
    }
}

@Suite("import-updates: workbooks made and filled by Excel's kind of writer")
struct ImportUpdatesWorkbookTests {
    @Test func aWorkbookWithTheStampInAHiddenColumnIsRead() throws {
        guard Openpyxl.check("aWorkbookWithTheStampInAHiddenColumnIsRead") else { return }
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/blackpool-2019.json").path,
                                       relativeTo: testFolder, today: testToday).plan
        let request = try #require(UpdateRequest.requests(plans: [plan], lead: "YOT Manager", asOf: testToday.date).first { $0.lead == "YOT Manager" })
        try sandbox.write("sheet.csv", updateCSV(request.sheet(named: "YOT Manager", asOf: testToday.date), fill: [
            "LM 7": [.newStatus: "Behind schedule", .comment: "Recruitment paused", .date: "2019-04-09"],
        ]))
        // The sheet as a workbook: an instructions sheet first, the stamp column hidden.
        let made = try Openpyxl.run("""
            import csv, openpyxl
            book = openpyxl.Workbook()
            book.active.title = "Instructions"
            book.active["A1"] = "Fill in your sheet"
            sheet = book.create_sheet("YOT Manager")
            for row in csv.reader(open("sheet.csv", newline="", encoding="utf-8")):
                sheet.append(row)
            sheet.column_dimensions["K"].hidden = True
            sheet.protection.sheet = True
            book.save("updates.xlsx")
            """, in: sandbox.folder)
        #expect(made.status == 0, "\(made.output)")
        let result = try sandbox.run(["import-updates", "updates.xlsx"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("blackpool-2019  LM 7  none → RED  recorded 2019-04-09 by YOT Manager\n"))
        let lm7 = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/blackpool-2019.json").path,
                                      relativeTo: testFolder, today: testToday).plan.action(id: "LM 7")?.history.last
        #expect(lm7?.comment == "Recruitment paused")
        // A bad cell is named with its sheet.
        let bad = try Openpyxl.run("""
            import openpyxl
            book = openpyxl.load_workbook("updates.xlsx")
            book["YOT Manager"]["G5"] = "Purple"
            book.save("bad.xlsx")
            """, in: sandbox.folder)
        #expect(bad.status == 0, "\(bad.output)")
        let refused = try sandbox.run(["import-updates", "bad.xlsx"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("bad.xlsx, sheet 'YOT Manager', cell G5: 'Purple' is not a status of this plan (Not due yet, Behind schedule, Ongoing, Complete)"))
    }
}

@Suite("export --for-update and import-updates: the whole round trip through Excel's kind of reader")
struct UpdateRoundTripTests {
    func plan(_ sandbox: Sandbox) throws -> Plan {
        try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/blackpool-2019.json").path, relativeTo: testFolder, today: testToday).plan
    }

    @Test func exportFillWithOpenpyxlImportAndUndo() throws {
        guard Openpyxl.check("exportFillWithOpenpyxlImportAndUndo") else { return }
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let original = try plan(sandbox)
        let export = try sandbox.run(["export", "--for-update", "--out", "updates.xlsx"])
        #expect(export.status == 0, "\(export.stderr)")
        let leads = UpdateRequest.requests(plans: [original], lead: nil, asOf: testToday.date)
        #expect(export.stdout.hasPrefix("Wrote updates.xlsx: \(leads.count) leads as of \(testToday.date)\n"))
        // What Excel would show: the sheets, the drop-downs, the locked and open cells, the hidden stamps.
        let checked = try Openpyxl.run("""
            import openpyxl
            book = openpyxl.load_workbook("updates.xlsx")
            print(book.sheetnames[0])
            sheet = book["YOT Manager"]
            print(sheet["A1"].value, "|", sheet["B1"].value)
            print([cell.value for cell in sheet[4]][:10])
            print("protected", sheet.protection.sheet)
            print("frozen", sheet.freeze_panes)
            print("hidden K", sheet.column_dimensions["K"].hidden)
            print("locked A5", sheet["A5"].protection.locked, "open G5", sheet["G5"].protection.locked, "open H5", sheet["H5"].protection.locked)
            for validation in sheet.data_validations.dataValidation:
                print("validation", validation.type, validation.formula1, str(validation.sqref))
            print("stamp", sheet["K5"].value)
            """, in: sandbox.folder)
        #expect(checked.status == 0, "\(checked.output)")
        let lines = checked.output.split(separator: "\n").map(String.init)
        #expect(lines.first == UpdateRequest.instructionsSheetName)
        #expect(lines.contains("Lead | YOT Manager"))
        #expect(lines.contains("['Plan', 'Action', 'What the action is', 'Deadline (next milestone)', 'Current status', 'Current position', 'New status', 'Progress comment', 'Date', 'Milestone done']"))
        #expect(lines.contains("protected True"))
        #expect(lines.contains("frozen A5"))
        #expect(lines.contains("hidden K True"))
        #expect(lines.contains("locked A5 True open G5 False open H5 False"))
        #expect(lines.contains { $0.hasPrefix("validation list \"Not due yet,Behind schedule,Ongoing,Complete\" G5:G") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("validation date ") && $0.contains("I5:I") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("stamp improve1:") && $0.hasSuffix(":blackpool-2019:" + (leads.first { $0.lead == "YOT Manager" }?.rows.first?.actionID ?? "?")) })

        // The lead fills two rows and leaves the rest; the plan moves on meanwhile for a third.
        let request = try #require(leads.first { $0.lead == "YOT Manager" })
        func row(_ id: String) throws -> Int { UpdateRequest.headerRow + 1 + (try #require(request.rows.firstIndex { $0.actionID == id })) }
        let filled = try Openpyxl.run("""
            import openpyxl, datetime
            book = openpyxl.load_workbook("updates.xlsx")
            sheet = book["YOT Manager"]
            sheet["G\(try row("LM 7"))"] = "Ongoing"
            sheet["H\(try row("LM 7"))"] = "New service manager in post"
            sheet["I\(try row("LM 7"))"] = datetime.date(2019, 4, 8)
            sheet["J\(try row("LM 7"))"] = "Yes"
            sheet["H\(try row("LM 8"))"] = "Audit booked"
            sheet["H\(try row("LM 10"))"] = "Training planned"
            book.save("returned.xlsx")
            """, in: sandbox.folder)
        #expect(filled.status == 0, "\(filled.output)")
        #expect(try sandbox.run(["update", "lm10", "--comment", "Changed meanwhile", "--by", "Jo"]).status == 0)

        let refused = try sandbox.run(["import-updates", "returned.xlsx"])
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stdout.contains("blackpool-2019  LM 7  none → AMBER; milestone 1 done 2019-04-08  recorded 2019-04-08 by YOT Manager\n"), "\(refused.stdout)")
        #expect(refused.stdout.contains("refused: blackpool-2019  LM 10  (returned.xlsx, sheet 'YOT Manager', row \(try row("LM 10"))): the action was updated after the export\n"))
        #expect(refused.stdout.contains("2 updated, ") && refused.stdout.contains(", 1 refused"))
        let after = try plan(sandbox)
        #expect(after.action(id: "LM 7")?.history.last?.by == "YOT Manager")
        #expect(after.action(id: "LM 7")?.milestones.first?.completed == CalendarDate(year: 2019, month: 4, day: 8))
        #expect(after.action(id: "LM 8")?.history.last?.comment == "Audit booked")

        let forced = try sandbox.run(["import-updates", "returned.xlsx", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("blackpool-2019  LM 10  note  recorded \(testToday.date) by YOT Manager\n"))

        // Two undos take back the forced import and the first, each whole.
        #expect(try sandbox.run(["undo"]).status == 0)
        #expect(try sandbox.run(["undo"]).status == 0)
        let undone = try plan(sandbox)
        #expect(undone.action(id: "LM 7") == original.action(id: "LM 7") && undone.action(id: "LM 8") == original.action(id: "LM 8"))
        #expect(undone.action(id: "LM 10")?.history.last?.comment == "Changed meanwhile")
    }

    @Test func oneWorkbookALeadInAFolderNamedForTheLead() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(["export", "--for-update", "--lead", "board chair", "--out", "updates", "--as-of", "2019-04-10"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Wrote 1 workbook as of 2019-04-10 to updates:\n  updates/board-chair-2019-04-10.xlsx  Board Chair: 3 open actions\n")
        let bytes = try [UInt8](Data(contentsOf: sandbox.folder.appendingPathComponent("updates/board-chair-2019-04-10.xlsx")))
        let book = try Workbook(bytes: bytes)
        #expect(book.sheetNames == ["Board Chair", UpdateRequest.instructionsSheetName])
        let returned = try UpdateReturn.read(bytes, file: "board-chair.xlsx")
        #expect(returned.rows.map(\.actionID) == ["LM 1", "LM 2", "3.8"])
        #expect(returned.rows.allSatisfy { $0.isBlank && $0.lead == "Board Chair" && $0.stamp != nil })
        // Never over a file already there.
        let again = try sandbox.run(["export", "--for-update", "--lead", "board chair", "--out", "updates", "--as-of", "2019-04-10"])
        #expect(again.status == 73)
        #expect(again.stderr.hasPrefix("improve: updates/board-chair-2019-04-10.xlsx (the workbook for Board Chair) already exists"))
        #expect(try [UInt8](Data(contentsOf: sandbox.folder.appendingPathComponent("updates/board-chair-2019-04-10.xlsx"))) == bytes,
                "the file there is left as it was")
        // Written through a hidden file beside it, which never stays behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.appendingPathComponent("updates").path)
        #expect(left == ["board-chair-2019-04-10.xlsx"])
    }
}
