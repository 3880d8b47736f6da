@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
@testable import PlanReports

@Suite("Reading only the history a command needs")
struct HistoryReadingTests {
    /// The Blackpool plan with a year of history of every kind on a few actions.
    func planWithHistory() throws -> Plan {
        var plan = try loadExample("blackpool-2019.json")
        let levels = ["BLUE", "RED", "AMBER", "AMBER", "RED", "AMBER"]
        for (month, level) in levels.enumerated() {
            for id in ["LM 7", "LM 8", "1.1", "2.3"] {
                var update = ActionUpdate(date: CalendarDate(year: 2019, month: month + 2, day: 10)!, by: "Lead \(month)")
                update.status = level
                update.comment = "Position in month \(month + 2) for \(id)"
                _ = try plan.apply(update, toAction: id)
            }
            // Comment-only notes between the monthly statuses.
            var note = ActionUpdate(date: CalendarDate(year: 2019, month: month + 2, day: 20)!, by: nil)
            note.comment = "Note \(month)"
            _ = try plan.apply(note, toAction: "LM 7")
        }
        var slip = ActionUpdate(date: date("2019-03-15"), by: "A")
        slip.newDeadline = Deadline(planText: "2019-09")
        slip.reason = "Recruitment delayed"
        _ = try plan.apply(slip, toAction: "2.3")
        var done = ActionUpdate(date: date("2019-04-05"), by: "A")
        done.milestone = "1"
        done.milestoneUpdate = .done(nil)
        _ = try plan.apply(done, toAction: "LM 8")
        _ = plan.reassign(from: "Board Chair", to: "New Chair", date: date("2019-05-02"), by: nil)
        // Edits of every kind, and a withdrawal and reinstatement.
        var edit = ActionEdit(date: date("2019-04-12"), by: "B")
        edit.text = "Corrected text"
        edit.addLeads = ["Sam Smith"]
        edit.addSubPoints = ["A new sub-point"]
        edit.milestone = .change("1", rename: "Renamed milestone", deadline: Deadline(planText: "2019-10"), reason: "Delayed")
        _ = try plan.apply(edit, toAction: "LM 7")
        var added = ActionEdit(date: date("2019-05-12"), by: "B")
        added.milestone = .add(title: "Review", deadline: Deadline(planText: "2019-08"))
        _ = try plan.apply(added, toAction: "LM 8")
        _ = try plan.withdraw(actionID: "1.1", reason: "Superseded", date: date("2019-07-15"), by: "C")
        _ = try plan.reinstate(actionID: "1.1", comment: "Needed after all", date: date("2019-07-25"), by: "C")
        return plan
    }

    static let days = ["2018-12-31", "2019-02-10", "2019-03-15", "2019-04-30", "2019-06-01", "2019-07-20", "2020-01-01"]

    @Test(arguments: days)
    func theStrictScannerKeepsWhatTheRuleKeeps(day: String) throws {
        let plan = try planWithHistory()
        let bytes = JSONWriter.bytes(from: plan.jsonValue())
        let reading = HistoryReading.positionOn(date(day))
        let fast = try StrictScanner.read(bytes, positionOn: reading.day, latestRecordable: testToday.latestRecordable).plan
        let thorough = try #require(PlanLoader.checkThoroughly(bytes: bytes, file: "p.json", latestRecordable: testToday.latestRecordable).plan).keepingHistory(for: reading)
        #expect(fast == plan.keepingHistory(for: reading))
        #expect(fast == thorough)
        let loaded = try #require(PlanLoader.check(bytes: bytes, file: "p.json", reading: reading, today: testToday).plan)
        #expect(loaded == fast)
        // Something was left out on every day: older entries, later ones, or both.
        let kept = fast.actions.reduce(0) { $0 + $1.history.count }
        let all = plan.actions.reduce(0) { $0 + $1.history.count }
        #expect(kept < all)
        // What is kept: changes of deadline, milestone or leads, and entries on or before the day.
        #expect(fast.actions.allSatisfy { $0.history.allSatisfy { $0.changesMoreThanStatus || $0.date <= date(day) } })
    }

    @Test(arguments: ["compact", "reordered", "escaped"])
    func entriesInOtherLayoutsAreReadAlike(layout: String) throws {
        let plan = try planWithHistory()
        var text = String(decoding: JSONWriter.bytes(from: plan.jsonValue()), as: UTF8.self)
        switch layout {
        case "compact": text = JSONWriter.compactString(from: plan.jsonValue())
        case "reordered":
            // Every "by" after its comment: valid JSON, but not the writer's order.
            let pattern = try NSRegularExpression(pattern: #"("by": "[^"]*"),(\s*)("comment": "[^"]*")"#)
            text = pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$3,$2$1")
        default: text = text.replacingOccurrences(of: "Position in month", with: "Position \\u0069n month")
        }
        #expect(text != String(decoding: JSONWriter.bytes(from: plan.jsonValue()), as: UTF8.self))
        let bytes = Array(text.utf8)
        for day in Self.days.map(date) {
            let reading = HistoryReading.positionOn(day)
            let fast = try StrictScanner.read(bytes, positionOn: reading.day, latestRecordable: testToday.latestRecordable).plan
            #expect(fast == plan.keepingHistory(for: reading))
        }
    }

    @Test(arguments: days)
    func thePositionOnTheDayIsTheSame(day: String) throws {
        let plan = try planWithHistory()
        let reduced = plan.keepingHistory(for: .positionOn(date(day)))
        for (full, kept) in zip(plan.actions, reduced.actions) {
            #expect(full.status(asOf: date(day), in: plan.ragScheme) == kept.status(asOf: date(day), in: plan.ragScheme))
            #expect(full.asItStood(on: date(day), includingHistory: false) == kept.asItStood(on: date(day), includingHistory: false))
            #expect(full.isOverdue(asOf: date(day), in: plan.ragScheme) == kept.isOverdue(asOf: date(day), in: plan.ragScheme))
        }
        let fullReport = OverdueReport(plans: [plan], asOf: date(day), withinDays: 30)
        let reducedReport = OverdueReport(plans: [reduced], asOf: date(day), withinDays: 30)
        #expect(fullReport.countLine == reducedReport.countLine)
        #expect(fullReport.dueSoon.map(\.action.id) == reducedReport.dueSoon.map(\.action.id))
    }

    @Test(arguments: days)
    func theSummaryIsTheSame(day: String) throws {
        let plan = try planWithHistory()
        let reduced = plan.keepingHistory(for: .positionOn(date(day)))
        for grouping in [SummaryGrouping.theme, .rec] {
            let full = PlanSummary(plan: plan, asOf: date(day), staleDays: 30, grouping: grouping)
            let kept = PlanSummary(plan: reduced, asOf: date(day), staleDays: 30, grouping: grouping)
            #expect(JSONWriter.string(from: full.jsonValue) == JSONWriter.string(from: kept.jsonValue))
            var fullText = "", keptText = ""
            PlanSummary.document([full], asOf: date(day)).writeText(width: 100, style: TextStyle(usesColour: false), to: &fullText)
            PlanSummary.document([kept], asOf: date(day)).writeText(width: 100, style: TextStyle(usesColour: false), to: &keptText)
            #expect(fullText == keptText)
        }
    }

    @Test(arguments: days)
    func positionsReadFromFilesGiveTheReportsOfTheWholePlan(day: String) throws {
        let plan = try planWithHistory()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("positions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("p.json").path
        try Data(JSONWriter.bytes(from: plan.jsonValue())).write(to: URL(fileURLWithPath: file))
        let positions = try PlanLoader.read(files: [file], relativeTo: testFolder, today: testToday, .positionOn(date(day))) { PlanPosition($0, on: date(day)) }.values
        let position = try #require(positions.first)
        #expect(position.asOf == date(day))
        #expect(position.file == file)
        #expect(position.plan == plan.keepingHistory(for: .positionOn(date(day))))
        let whole = OverdueReport(plan: plan, asOf: date(day), withinDays: 30)
        let read = OverdueReport(position: position, withinDays: 30)
        #expect(JSONWriter.string(from: whole.jsonValue) == JSONWriter.string(from: read.jsonValue))
        #expect(read.asOf == date(day))
        let summary = PlanSummary(position: position, staleDays: 30)
        #expect(summary.asOf == date(day))
        #expect(JSONWriter.string(from: summary.jsonValue) == JSONWriter.string(from: PlanSummary(plan: plan, asOf: date(day), staleDays: 30).jsonValue))
    }

    /// The plan's file text with one old, plain history entry of LM 7 rewritten.
    func planText(replacing old: String, with new: String) throws -> [UInt8] {
        let text = String(decoding: JSONWriter.bytes(from: try planWithHistory().jsonValue()), as: UTF8.self)
        #expect(text.contains(old))
        return Array(text.replacingOccurrences(of: old, with: new).utf8)
    }

    @Test(arguments: [
        ("\"status\": \"BLUE\",\n          \"by\": \"Lead 0\",\n          \"comment\": \"Position in month 2 for LM 7\"",
         "\"status\": \"PURPLE\",\n          \"by\": \"Lead 0\",\n          \"comment\": \"Position in month 2 for LM 7\"", "not a status"),
        ("\"comment\": \"Position in month 2 for LM 7\"", "\"comment\": \"  \"", "must not be empty"),
        ("\"comment\": \"Position in month 2 for LM 7\"", "\"comment\": \"Position\", \"mood\": \"fine\"", "mood"),
        ("\"date\": \"2019-02-10\",\n          \"status\": \"BLUE\",\n          \"by\": \"Lead 0\",\n          \"comment\": \"Position in month 2 for LM 7\"",
         "\"date\": \"2019-06-30\",\n          \"status\": \"BLUE\",\n          \"by\": \"Lead 0\",\n          \"comment\": \"Position in month 2 for LM 7\"", "newest first"),
    ])
    func aBadEntryLeftOutIsStillReported(old: String, new: String, message: String) throws {
        let bytes = try planText(replacing: old, with: new)
        for reading in [HistoryReading.complete, .positionOn(date("2019-07-20"))] {
            let check = PlanLoader.check(bytes: bytes, file: "p.json", reading: reading, today: testToday)
            #expect(check.plan == nil)
            #expect(check.problems.contains { $0.severity == .error && $0.message.contains(message) })
        }
    }
}
