import Testing
import OfficeDocument
import PlanKit
import PlanInterchange

/// A lead's sheet as CSV, the way Excel's "Save As CSV" gives it (hidden columns
/// included), with some cells filled in: `fill[actionID][column] = text`.
func updateSheetCSV(_ sheet: SpreadsheetDraft.Sheet, fill: [String: [UpdateRequest.Column: String]] = [:]) -> String {
    func text(_ cell: SpreadsheetDraft.Cell) -> String {
        switch cell.value {
        case .empty: return ""
        case .text(let text): return text
        case .number(let number): return number == number.rounded() ? String(Int(number)) : String(number)
        case .date(let year, let month, let day): return CalendarDate(year: year, month: month, day: day)!.description
        }
    }
    func quoted(_ field: String) -> String {
        field.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
    return sheet.rows.map { row -> String in
        var fields = row.map(text)
        let id = fields.count > UpdateRequest.Column.action.rawValue ? fields[UpdateRequest.Column.action.rawValue] : ""
        for (column, value) in fill[id] ?? [:] where fields.count > column.rawValue && fields.first != "Lead" {
            fields[column.rawValue] = value
        }
        return fields.map(quoted).joined(separator: ",")
    }.joined(separator: "\r\n") + "\r\n"
}

@Suite("Updates from leads: the request sheet and reading it back")
struct UpdateRequestTests {
    let asOf = CalendarDate(year: 2019, month: 4, day: 10)!
    let today = CalendarDate(year: 2019, month: 4, day: 20)!

    func yotManager(_ plan: Plan) throws -> UpdateRequest {
        try #require(UpdateRequest.requests(plans: [plan], lead: "yot manager", asOf: asOf).first { $0.lead == "YOT Manager" })
    }

    @Test func eachLeadIsAskedAboutTheirOpenActionsOnly() throws {
        var plan = try loadExample("blackpool-2019.json")
        var complete = ActionUpdate(date: asOf, by: "Tester")
        (complete.status, complete.comment, complete.force) = ("GREEN", "Done", true)
        _ = try plan.apply(complete, toAction: "LM 7")
        let requests = UpdateRequest.requests(plans: [plan], lead: "yot manager", asOf: asOf)
        #expect(!requests.isEmpty)
        for request in requests {
            #expect(request.lead.lowercased().contains("yot manager"))
            for row in request.rows {
                let action = try #require(plan.action(id: row.actionID))
                #expect(action.leads.contains(request.lead))
            }
        }
        let mine = try yotManager(plan)
        #expect(!mine.rows.contains { $0.actionID == "LM 7" }, "a complete action is not asked about")
        #expect(mine.rows.contains { $0.actionID == "LM 8" })
        #expect(UpdateRequest.requests(plans: [plan], lead: nil, asOf: asOf).count > requests.count)
    }

    @Test func theSheetLocksThePlansColumnsAndOffersTheSchemesStatuses() throws {
        let plan = try loadExample("portsmouth-2014.json")
        let asOf = CalendarDate(year: 2015, month: 4, day: 23)!
        let request = try #require(UpdateRequest.requests(plans: [plan], lead: "YOT Manager", asOf: asOf).first)
        let sheet = request.sheet(named: "YOT Manager", asOf: asOf)
        let header = UpdateRequest.headerRow
        #expect(sheet.rows[header - 1].map { if case .text(let text) = $0.value { text } else { "" } } == UpdateRequest.Column.allCases.map(\.header))
        #expect(sheet.rows[0].map(\.value) == [.text("Lead"), .text("YOT Manager")])
        // The export's day sits in column B; Excel shows ### unless "23 Apr 2015" (11 characters) fits.
        #expect(sheet.rows[1][1].value == .date(year: 2015, month: 4, day: 23))
        #expect((sheet.columnWidths[1] ?? 0) >= 11)
        #expect(sheet.isProtected)
        #expect(sheet.frozenRows == header)
        #expect(sheet.hiddenColumns == [UpdateRequest.Column.stamp.rawValue])
        #expect(sheet.rows.count == header + request.rows.count)
        for row in sheet.rows.dropFirst(header) {
            for column in UpdateRequest.Column.allCases where column != .stamp {
                #expect(row[column.rawValue].style.isLocked == !column.isFilledByLead, "\(column)")
            }
            guard case .text(let stamp) = row[UpdateRequest.Column.stamp.rawValue].value, case .text(let id) = row[1].value else {
                Issue.record("no stamp or id")
                continue
            }
            #expect(stamp.hasPrefix("improve1:") && stamp.hasSuffix(":portsmouth-2014:\(id)"))
        }
        let statuses = sheet.validations.filter { $0.column == UpdateRequest.Column.newStatus.rawValue }
        #expect(statuses.count == 1)
        #expect(statuses.first?.choices == plan.ragScheme.levels.map(\.label))
        #expect(statuses.first?.firstRow == header + 1 && statuses.first?.lastRow == header + request.rows.count)
        // The current status is shown in its colour, with its word.
        let amber = try #require(request.rows.firstIndex { $0.status?.code == "AMBER" })
        let cell = sheet.rows[header + amber][UpdateRequest.Column.status.rawValue]
        #expect(cell.value == .text("Ongoing"))
        #expect(cell.style.fill == RGBColour(hex: "e69b00"))
    }

    @Test func aStampChangesWhenItsActionIsUpdatedAndOnlyThen() throws {
        var plan = try loadExample("blackpool-2019.json")
        let before = try #require(plan.action(id: "LM 7")), other = try #require(plan.action(id: "LM 8"))
        var update = ActionUpdate(date: asOf, by: "A Lead")
        update.comment = "Moving"
        _ = try plan.apply(update, toAction: "LM 7")
        #expect(UpdateRequest.stamp(of: before) != UpdateRequest.stamp(of: try #require(plan.action(id: "LM 7"))))
        #expect(UpdateRequest.stamp(of: other) == UpdateRequest.stamp(of: try #require(plan.action(id: "LM 8"))))
        #expect(UpdateRequest.stamp(of: before).count == 12)
    }

    @Test func sheetNamesAreOnesExcelTakes() {
        #expect(UpdateRequest.sheetName(for: "Head of Service: Children/Families [acting]", taken: []) == "Head of Service ChildrenFamilie")
        #expect(UpdateRequest.sheetName(for: "J Smith", taken: ["j smith"]) == "J Smith 2")
        #expect(UpdateRequest.sheetName(for: "History", taken: []) == "Lead History")
        #expect(UpdateRequest.sheetName(for: "'Quoted'", taken: []) == "Quoted")
        #expect(UpdateRequest.sheetName(for: String(repeating: "x", count: 40), taken: [String(repeating: "x", count: 31)]).count == 31)
    }

    @Test func filledRowsBecomeHistoryEntriesByTheLead() throws {
        var plan = try loadExample("blackpool-2019.json")
        let request = try yotManager(plan)
        let csv = updateSheetCSV(request.sheet(named: "YOT Manager", asOf: asOf), fill: [
            "LM 7": [.newStatus: "Ongoing", .comment: "New service manager in post", .date: "2019-04-08", .milestoneDone: "Yes"],
            "LM 8": [.comment: "Audit booked"],
        ])
        let returned = try UpdateReturn.read(Array(csv.utf8), file: "updates.csv")
        #expect(returned.rows.count == request.rows.count)
        #expect(returned.filledRows.map(\.actionID) == ["LM 7", "LM 8"])
        #expect(returned.problems(plans: [plan], today: today, by: nil, force: false).isEmpty)
        let recording = try plan.record(returned.rows, today: today, by: nil, force: false)
        #expect(recording.updated.count == 2 && recording.refused.isEmpty)
        let lm7 = try #require(plan.action(id: "LM 7")?.history.last)
        #expect(lm7.status == "AMBER" && lm7.by == "YOT Manager" && lm7.comment == "New service manager in post")
        #expect(lm7.date == CalendarDate(year: 2019, month: 4, day: 8))
        #expect(lm7.milestoneChange?.completed == CalendarDate(year: 2019, month: 4, day: 8))
        #expect(plan.action(id: "LM 7")?.milestones.first?.completed != nil)
        let lm8 = try #require(plan.action(id: "LM 8")?.history.last)
        #expect(lm8.date == today && lm8.status == nil && lm8.comment == "Audit booked")
        // Read back twice: the plan already holds those entries.
        let again = try plan.record(returned.rows, today: today, by: nil, force: false)
        #expect(again.updated.isEmpty && again.refused.isEmpty && again.alreadyRecorded.count == 2)
    }

    @Test func anActionUpdatedSinceTheExportIsRefusedUnlessForced() throws {
        var plan = try loadExample("blackpool-2019.json")
        let csv = updateSheetCSV(try yotManager(plan).sheet(named: "YOT Manager", asOf: asOf), fill: ["LM 8": [.newStatus: "Behind schedule", .comment: "Auditor ill"]])
        var meanwhile = ActionUpdate(date: asOf, by: "Someone else")
        meanwhile.comment = "Audit moved"
        _ = try plan.apply(meanwhile, toAction: "LM 8")
        let returned = try UpdateReturn.read(Array(csv.utf8), file: "updates.csv")
        var refusing = plan
        let refused = try refusing.record(returned.rows, today: today, by: nil, force: false)
        #expect(refused.updated.isEmpty)
        let conflict = try #require(refused.refused.first)
        #expect(conflict.row.seenPosition == "" && conflict.nowPosition == "2019-04-10: Audit moved")
        #expect(refusing == plan)
        let forced = try plan.record(returned.rows, today: today, by: "Secretary", force: true)
        #expect(forced.updated.count == 1 && plan.action(id: "LM 8")?.history.last?.by == "Secretary")
    }

    @Test func aCommentLongerThanAnExcelCellIsCutWithANoteNotRefused() throws {
        var plan = try loadExample("blackpool-2019.json")
        var long = ActionUpdate(date: asOf, by: "YOT Manager")
        long.comment = String(repeating: "Progress noted at length. ", count: 1_600)  // 41,600 characters
        _ = try plan.apply(long, toAction: "LM 7")
        let request = try yotManager(plan)
        let bytes = try request.workbook(asOf: asOf).xlsx()
        let returned = try UpdateReturn.read(bytes, file: "yot.xlsx")
        let seen = try #require(returned.rows.first { $0.actionID == "LM 7" }?.seenPosition)
        #expect(seen.count <= SpreadsheetDraft.cellTextLimit && seen.hasSuffix("the whole text is in the plan]"))
        #expect(seen.hasPrefix("2019-04-10: Progress noted at length."))
        // A file meant to be read back whole still refuses rather than cut.
        var whole = request.workbook(asOf: asOf)
        for index in whole.sheets.indices { whole.sheets[index].cutsLongText = false }
        #expect(throws: OfficeWriteError.self) { try whole.xlsx() }
    }

    @Test func forcingAFileReadBeforeRecordsNothingTwice() throws {
        var plan = try loadExample("blackpool-2019.json")
        let csv = updateSheetCSV(try yotManager(plan).sheet(named: "YOT Manager", asOf: asOf), fill: [
            "LM 7": [.newStatus: "Ongoing", .comment: "In post", .date: "2019-04-08", .milestoneDone: "Yes"]])
        let returned = try UpdateReturn.read(Array(csv.utf8), file: "updates.csv")
        #expect(try plan.record(returned.rows, today: today, by: nil, force: false).updated.count == 1)
        let once = plan
        for _ in 0..<2 {
            let again = try plan.record(returned.rows, today: today, by: nil, force: true)
            #expect(again.updated.isEmpty && again.alreadyRecorded.count == 1)
        }
        #expect(plan == once, "no second entry and no second milestone ticked")
    }

    @Test func aRowWhoseStampIsAnotherActionsOrAnActionFilledTwiceIsRefusedByItsCell() throws {
        let plan = try loadExample("blackpool-2019.json")
        let request = try yotManager(plan)
        let sheet = request.sheet(named: "YOT Manager", asOf: asOf)
        let first = UpdateRequest.headerRow + 1
        // The Action cell typed over: the row says LM 99, its stamp is the first action's.
        var typedOver = sheet
        typedOver.rows[first - 1][UpdateRequest.Column.action.rawValue].value = .text("LM 99")
        typedOver.rows[first - 1][UpdateRequest.Column.comment.rawValue].value = .text("Done")
        let error = #expect(throws: UpdateReturnError.self) { try UpdateReturn.read(Array(updateSheetCSV(typedOver).utf8), file: "u.csv") }
        guard case .rows(let stampProblems)? = error else {
            Issue.record("a row whose stamp is another action's: \(String(describing: error))")
            return
        }
        #expect(stampProblems.map(\.place.description) == ["u.csv, cell B\(first)"])
        #expect(stampProblems.first?.kind == .stampForAnother(shown: "blackpool-2019 LM 99") && stampProblems.first?.actionID == request.rows[0].actionID)
        // The same action filled on two rows (a row copied): neither is recorded.
        var twice = sheet
        twice.rows.append(sheet.rows[first - 1])
        let copied = twice.rows.count
        for row in [first - 1, copied - 1] { twice.rows[row][UpdateRequest.Column.comment.rawValue].value = .text("Row \(row)") }
        let returned = try UpdateReturn.read(Array(updateSheetCSV(twice).utf8), file: "u.csv")
        let problems = returned.problems(plans: [plan], today: today, by: nil, force: true)
        #expect(problems.map(\.place.description) == ["u.csv, cell B\(copied)"])
        #expect(problems.first?.kind == .filledTwice(firstRow: first))
        var copy = plan
        #expect(throws: UpdateReturnError.self) { try copy.record(returned.rows, today: today, by: nil, force: true) }
        #expect(copy == plan)
    }

    @Test func aBadCellIsNamedAndNothingIsRecorded() throws {
        let plan = try loadExample("blackpool-2019.json")
        let request = try yotManager(plan)
        let row = UpdateRequest.headerRow + 1 + (request.rows.firstIndex { $0.actionID == "LM 8" } ?? 0)
        let csv = updateSheetCSV(request.sheet(named: "YOT Manager", asOf: asOf), fill: [
            "LM 7": [.comment: "Fine"],
            "LM 8": [.newStatus: "Purple", .date: "31/02/2019"],
        ])
        let returned = try UpdateReturn.read(Array(csv.utf8), file: "updates.csv")
        let problems = returned.problems(plans: [plan], today: today, by: nil, force: false)
        #expect(problems.map(\.place.description) == ["updates.csv, cell I\(row)", "updates.csv, cell G\(row)"])
        #expect(problems.last?.kind == .unknownStatus("Purple", labels: ["Not due yet", "Behind schedule", "Ongoing", "Complete"]))
        var copy = plan
        #expect(throws: UpdateReturnError.self) { try copy.record(returned.rows, today: today, by: nil, force: false) }
        #expect(copy == plan)
        let late = try UpdateReturn.read(Array(updateSheetCSV(request.sheet(named: "YOT Manager", asOf: asOf), fill: ["LM 7": [.comment: "x", .date: "2019-05-01"]]).utf8), file: "u.csv")
        #expect(late.problems(plans: [plan], today: today, by: nil, force: false).first?.kind
                == .dateOutOfRange(CalendarDate(year: 2019, month: 5, day: 1)!, earliest: plan.inspection.firstDay, latest: today))
        #expect(late.problems(plans: [], today: today, by: nil, force: false).first?.kind == .unknownPlan("blackpool-2019", loaded: []))
    }

    @Test func aFileWithoutTheRequestsHeaderIsRefused() {
        #expect(throws: UpdateReturnError.noRequestSheet(file: "x.csv", sheets: [])) {
            try UpdateReturn.read(Array("ID,Action\n1,Do it\n".utf8), file: "x.csv")
        }
    }
}
