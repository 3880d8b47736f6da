import Foundation
import Testing
@testable import PlanKit
@testable import PlanInterchange

@Suite("Spreadsheets and calendars")
struct InterchangeTests {
    func importer() -> PlanImporter {
        PlanImporter(planID: "rt", title: "Round trip", organisation: "O",
                     inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2018-10")!), statusDate: date("2020-01-01"))
    }

    @Test(arguments: ["blackpool-2019.json", "portsmouth-2014.json"])
    func exportingAndImportingGivesBackTheSameActions(name: String) throws {
        var original = try loadExample(name)
        // Give the plan some state worth keeping: a completed milestone and a formula-like text.
        original.actions[0].milestones.indices.first.map { original.actions[0].milestones[$0].completed = date("2019-01-20") }
        original.actions[1].text = "=SUM(A1) and \"quotes\", commas\nand a second line"
        let csv = PlanExporter.actionsCSV([original], asOf: date("2026-01-01"))
        let imported = try importer().importPlan(csv, file: "export.csv").plan
        #expect(imported.actions.count == original.actions.count)
        for (a, b) in zip(original.actions, imported.actions) {
            #expect(a.id == b.id)
            #expect(a.theme == b.theme)
            #expect(a.text == b.text)
            #expect(a.leads == b.leads)
            #expect(a.deadline == b.deadline, "\(a.id)")
            #expect(a.deadlineText == b.deadlineText, "\(a.id)")
            #expect(a.afterDeadline == b.afterDeadline, "\(a.id)")
            #expect(a.milestones.map(\.title) == b.milestones.map(\.title), "\(a.id)")
            #expect(a.milestones.map(\.deadline) == b.milestones.map(\.deadline), "\(a.id)")
            #expect(a.milestones.map(\.completed) == b.milestones.map(\.completed), "\(a.id)")
            #expect(a.status(asOf: date("2026-01-01"), in: original.ragScheme)?.code == b.status(asOf: date("2026-01-01"), in: imported.ragScheme)?.code)
            #expect(original.recommendationIDs(for: a) == imported.recommendationIDs(for: b))
            #expect(a.successMeasure == b.successMeasure)
        }
        #expect(imported.themes.map(\.id) == original.themes.map(\.id))
        #expect(imported.themes.map(\.title) == original.themes.map(\.title))
        #expect(PlanValidator.problems(in: imported, file: "x", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }.isEmpty)
    }

    @Test(arguments: ["Achieved", "complete", "Completed.", "Done", "Signed off", "signed-off"])
    func aCompletionWordRecordsTheCompleteLevel(words: String) throws {
        let csv = """
        ID,Theme,Action,Lead,By When,RAG
        1,T,In the deadline cell,L,\(words),
        2,T,In the status cell,L,2019-03,\(words)
        3,T,Only a comment,L,2019-03,Complete- delivered in March
        """
        let plan = try importer().importPlan(csv, file: "a.csv").plan
        for id in ["1", "2"] {
            let entry = try #require(plan.action(id: id)?.history.last, "\(id)")
            #expect(entry.status == "GREEN", "\(words) in \(id)")
            #expect(entry.comment == words, "the source's words are the comment")
            #expect(entry.date == date("2020-01-01"), "dated at the status date")
        }
        #expect(plan.action(id: "3")?.history.last?.status == nil, "a comment that starts with a word is not a rating")
    }

    @Test func readsCSVAsRFC4180() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\n1,,3\n"
        let records = try DelimitedText.records(text, separator: ",")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["1", "", "3"]])
        #expect(records.map(\.line) == [1, 2, 5])
        #expect(throws: DelimitedText.Failure.syntax(DelimitedText.SyntaxError(line: 2, message: "a quoted field is never closed"))) {
            try DelimitedText.records("a\n\"open", separator: ",")
        }
        #expect(DelimitedText.guessSeparator("ID\tAction\n1\tx") == "\t")
    }

    @Test func everyUnreadableRowIsReportedAndNothingImported() throws {
        let csv = """
        ID,Action,Lead,Deadline
        ,No id,YOT Manager,Mar 2019
        1,Good row,YOT Manager,Feb 2019
        2,Bad deadline,YOT Manager,sometime soon
        4,,YOT Manager,Mar 2019
        5,Too many,cells,Mar 2019,extra
        """
        #expect {
            try importer().importPlan(csv, file: "bad.csv")
        } throws: { error in
            guard case ImportError.badRows(_, let problems) = error else { return false }
            return problems.map(\.line) == [2, 4, 5, 6]
                && problems[1].message.contains("cannot read the deadline \"sometime soon\"")
                && problems[0].message == "no id" && problems[2].message == "no action text"
                && problems[3].message.contains("more cells (5) than the header has columns (4)")
        }
        var skipping = importer()
        skipping.skipBadRows = true
        let result = try skipping.importPlan(csv, file: "bad.csv")
        #expect(result.plan.actions.map(\.id) == ["1"])
        #expect(result.skipped.count == 4)
    }

    @Test func columnsCanBeMappedAndRAGCellsSplit() throws {
        let csv = "Ref,Thing,Person,Whenever,RAG\n1,Do it,A / B,31st Mar 2019,AMBER- evidence of improved performance\n2,Other,C,Ongoing,In place\n"
        var mapped = importer()
        #expect(throws: ImportError.missingColumns(file: "m.csv", missing: ["action"], found: ["Ref", "Thing", "Person", "Whenever", "RAG"])) {
            try mapped.importPlan(csv, file: "m.csv")
        }
        mapped.mapping[ImportField.normalise("Thing")] = .action
        mapped.mapping[ImportField.normalise("Person")] = .lead
        mapped.mapping[ImportField.normalise("Whenever")] = .deadline
        let plan = try mapped.importPlan(csv, file: "m.csv").plan
        // Headers plans commonly use need no mapping.
        let known = csv.replacingOccurrences(of: "Thing,Person,Whenever", with: "Task,Owner,Target date")
        #expect(try importer().importPlan(known, file: "k.csv").plan == plan)
        #expect(plan.actions[0].leads == ["A", "B"])
        #expect(plan.actions[0].deadline == Deadline(planText: "2019-03-31"))
        #expect(plan.actions[0].history == [StatusChange(date: date("2020-01-01"), status: "AMBER", comment: "evidence of improved performance")])
        #expect(plan.actions[1].history == [StatusChange(date: date("2020-01-01"), comment: "In place")])
        #expect(try PlanImporter.mapping("Owner=lead") == ("owner", .lead))
        #expect(throws: ImportError.unknownMapping("Owner")) { try PlanImporter.mapping("Owner") }
    }

    @Test func calendarLinesAreFoldedAt75OctetsWithoutSplittingCharacters() {
        let long = "DESCRIPTION:" + String(repeating: "Année scolaire – ünïcödé ✓ 😀 ", count: 8)
        let folded = PlanExporter.fold(long)
        #expect(folded.hasSuffix("\r\n"))
        let lines = folded.dropLast(1).components(separatedBy: "\r\n")  // "\r\n" is one Character
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        // Unfolding gives back the line exactly, so no character was split.
        #expect(lines.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == long)
        #expect(PlanExporter.escapeText("a,b;c\\d\ne\r") == "a\\,b\\;c\\\\d\\ne")
    }

    @Test func calendarEventsHaveStableUIDsAndFilters() throws {
        var plan = try loadExample("blackpool-2019.json")
        let all = PlanExporter.calendar([plan], asOf: date("2019-03-01"))
        let uids = all.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }
        let events = all.components(separatedBy: "BEGIN:VEVENT").count - 1
        #expect(events == uids.count)
        #expect(Set(uids).count == uids.count)
        // Milestones plus actions with their own deadline.
        let expected = plan.actions.reduce(0) { $0 + $1.milestones.filter { $0.deadline?.lastDay != nil }.count
            + (($1.deadline?.lastDay != nil || ($1.milestones.isEmpty && $1.finalDeadline?.lastDay != nil)) ? 1 : 0) }
        #expect(events == expected)
        var update = ActionUpdate(date: date("2019-03-01"), by: nil)
        update.status = "amber"
        _ = try plan.apply(update, toAction: "LM 7")
        let again = PlanExporter.calendar([plan], asOf: date("2019-03-01"))
        #expect(again.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } == uids, "UIDs stay the same across exports")
        let mine = PlanExporter.calendar([plan], asOf: date("2019-03-01"), lead: "bscb chair")
        #expect(mine.components(separatedBy: "BEGIN:VEVENT").count - 1 == 7, "the milestones of 5.1, 5.2 and 5.3")
        #expect(all.contains("DTSTART;VALUE=DATE:20190131\r\nDTEND;VALUE=DATE:20190201\r\n"))
        #expect(all.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(all.hasSuffix("END:VCALENDAR\r\n"))
    }
}
