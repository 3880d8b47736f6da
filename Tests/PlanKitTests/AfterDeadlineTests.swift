import PlanJSON
import Testing
@testable import PlanKit
@testable import PlanReports
@testable import PlanInterchange

@Suite("Deadlines followed by ongoing work or recurring reviews")
struct AfterDeadlineTests {
    func action(_ deadline: String, then after: String?, history: [StatusChange] = []) -> Action {
        var action = Action(id: "3.8", theme: "3", text: "Board hears young people", deadline: Deadline(planText: deadline))
        action.afterDeadline = after.flatMap { AfterDeadline($0) }
        action.history = history
        return action
    }

    let scheme = RAGScheme.default

    @Test(arguments: [("ongoing", AfterDeadline.ongoing), ("every month", .every(months: 1)),
                      ("every 6 months", .every(months: 6)), ("every 99 months", .every(months: 99))])
    func planFileWordsReadAndWriteTheSame(text: String, expected: AfterDeadline) {
        #expect(AfterDeadline(text) == expected)
        #expect(expected.description == text)
    }

    @Test(arguments: ["", "Ongoing", "every 1 months", "every 0 months", "every 06 months", "every 100 months",
                      "every six months", "biannually", " ongoing", "every -3 months", "every ６ months"])
    func planFileWordsAreExact(text: String) {
        #expect(AfterDeadline(text) == nil)
    }

    @Test(arguments: [("Jun 2019 and then biannually", AfterDeadline.every(months: 6)), ("then bi-annually", .every(months: 6)),
                      ("then quarterly", .every(months: 3)), ("reviewed monthly", .every(months: 1)),
                      ("then annually", .every(months: 12)), ("then ongoing", .ongoing),
                      ("Report any issues by exception to the Board – ongoing", .ongoing),
                      ("then six monthly", .every(months: 6)), ("then semi-annually", .every(months: 6)),
                      ("reviewed twice a year", .every(months: 6)), ("then 3-monthly", .every(months: 3))])
    func importWordingIsUnderstood(wording: String, expected: AfterDeadline) {
        #expect(AfterDeadline(wording: wording) == expected)
    }

    @Test func importWordingWithoutEitherIsNothing() {
        #expect(AfterDeadline(wording: "links with 3.1") == nil)
        #expect(AfterDeadline(wording: "") == nil)
        #expect(AfterDeadline(wording: "- no longer ongoing") == nil)
        #expect(AfterDeadline(wording: ", not ongoing") == nil)
    }

    @Test func ongoingWorkIsDueAtItsDeadlineThenMonitored() {
        let ongoing = action("2019-03-31", then: "ongoing", history: [
            StatusChange(date: date("2019-02-01"), status: "AMBER", comment: "Started"),
            StatusChange(date: date("2019-05-01"), by: "A", leadChange: LeadChange(from: ["X"], to: ["Y"])),
            StatusChange(date: date("2019-06-01"), status: "AMBER", comment: "In place; monitored monthly"),
        ])
        #expect(!ongoing.isOverdue(asOf: date("2019-03-31"), in: scheme))
        // Nothing recorded on or after the deadline (a lead change is not a position): overdue.
        #expect(ongoing.isOverdue(asOf: date("2019-04-01"), in: scheme))
        #expect(ongoing.isOverdue(asOf: date("2019-05-31"), in: scheme))
        #expect(ongoing.dueDate(asOf: date("2019-05-31")) == date("2019-03-31"))
        // A position recorded after it: monitored, never overdue again.
        #expect(ongoing.dueDate(asOf: date("2019-06-01")) == nil)
        #expect(!ongoing.isOverdue(asOf: date("2025-01-01"), in: scheme))
        #expect(ongoing.reviewDue(asOf: date("2025-01-01")) == nil)
        #expect(OverdueReport(plans: [plan(with: ongoing)], asOf: date("2025-01-01")).overdue.isEmpty)
        #expect(OverdueReport(plans: [plan(with: ongoing)], asOf: date("2019-05-01")).overdue.count == 1)
    }

    func plan(with action: Action) -> Plan {
        Plan(id: "p", title: "P", organisation: "O", inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2018-10")!),
             themes: [Theme(id: "3", title: "T")], actions: [action])
    }

    @Test func aRecurringActionIsDueAtItsDeadlineThenEachPeriodAfterTheLatestEntry() {
        let nothing = action("2019-06", then: "every 6 months")
        #expect(nothing.reviewDue(asOf: date("2019-01-01")) == date("2019-06-30"))
        #expect(!nothing.isOverdue(asOf: date("2019-06-30"), in: scheme))
        #expect(nothing.isOverdue(asOf: date("2019-07-01"), in: scheme))

        let noted = action("2019-06", then: "every 6 months", history: [
            StatusChange(date: date("2019-05-01"), status: "AMBER", comment: "First session planned"),
            StatusChange(date: date("2019-08-20"), comment: "Board met young people"),
        ])
        // The May entry came before the first review, so it does not answer it.
        #expect(noted.reviewDue(asOf: date("2019-07-01")) == date("2019-06-30"))
        #expect(noted.isOverdue(asOf: date("2019-07-01"), in: scheme))
        // The August entry answers June's review; December's is next (a month's last day, not the 30th).
        #expect(noted.reviewDue(asOf: date("2019-09-01")) == date("2019-12-31"))
        #expect(!noted.isOverdue(asOf: date("2019-12-31"), in: scheme))
        #expect(noted.isOverdue(asOf: date("2020-01-01"), in: scheme))
        #expect(noted.dueDate(asOf: date("2020-01-01")) == date("2019-12-31"))
    }

    @Test func anEntryOnAReviewDayAnswersIt() {
        let recurring = action("2019-03-31", then: "every 3 months", history: [StatusChange(date: date("2019-06-30"), status: "AMBER")])
        #expect(recurring.reviewDue(asOf: date("2019-07-01")) == date("2019-09-30"))
    }

    @Test func aCompleteRecurringActionIsNotOverdue() {
        let done = action("2019-06", then: "every month", history: [StatusChange(date: date("2019-06-01"), status: "GREEN", comment: "Embedded")])
        #expect(!done.isOverdue(asOf: date("2021-01-01"), in: scheme))
    }

    @Test func onlyADatedDeadlineRecurs() {
        #expect(action("ongoing", then: "every 6 months").reviewDue(asOf: date("2020-01-01")) == nil)
        #expect(action("tbc", then: "every 6 months").dueDate(asOf: date("2020-01-01")) == nil)
    }

    @Test func aPlanFileKeepsWhatFollowsTheDeadline() throws {
        let plan = try loadExample("blackpool-2019.json")
        #expect(plan.action(id: "3.8")?.afterDeadline == .every(months: 6))
        #expect(plan.action(id: "2.4")?.afterDeadline == .ongoing)
        let reread = try #require(PlanLoader.check(bytes: JSONWriter.bytes(from: plan.jsonValue()), file: "p.json", today: testToday).plan)
        #expect(reread.action(id: "3.8")?.afterDeadline == .every(months: 6))
        #expect(reread.action(id: "2.4")?.afterDeadline == .ongoing)
    }

    @Test func aPlanFileWithOtherWordsNamesThePlaceAndTheFix() throws {
        let text = try String(contentsOfFile: examplePlanPath("blackpool-2019.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"afterDeadline\": \"every 6 months\"", with: "\"afterDeadline\": \"biannually\"")
        let check = PlanLoader.check(bytes: Array(text.utf8), file: "p.json", today: testToday)
        let errors = check.problems.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.path.hasSuffix(".afterDeadline") == true)
        #expect(errors.first?.message.contains("write \"ongoing\", \"every month\" or \"every N months\" with N from 2 to 99") == true)
    }

    @Test func importReadsWhatFollowsTheDate() throws {
        let csv = """
        ID,Theme,Action,Lead,By When
        1,T,Recurs,L,Jun 2019 and then biannually
        2,T,Goes on,L,31st Mar 2019 then ongoing
        3,T,Ends,L,Mar 2019
        4,T,Undated,L,Ongoing - review Jun 2019
        """
        let plan = try PlanImporter(planID: "i", title: "I", organisation: "O",
                                    inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2018-10")!),
                                    statusDate: date("2020-01-01")).importPlan(csv, file: "a.csv").plan
        #expect(plan.actions.map(\.afterDeadline) == [.every(months: 6), .ongoing, nil, .ongoing])
        #expect(plan.action(id: "4")?.deadline == Deadline(planText: "2019-06"), "ongoing work is due by its review")
        #expect(try DeadlineCell("Jun 2019 and then biannually").afterDeadline == .every(months: 6))
    }

    @Test func aCalendarRepeatsTheReviews() throws {
        let plan = try loadExample("blackpool-2019.json")
        let calendar = PlanExporter.calendar([plan], asOf: date("2019-01-01"))
        let events = calendar.components(separatedBy: "BEGIN:VEVENT")
        let review = try #require(events.first { $0.contains("SUMMARY:3.8 review:") })
        #expect(review.contains("DTSTART;VALUE=DATE:20190630\r\nDTEND;VALUE=DATE:20190701\r\nRRULE:FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1\r\n"))
        #expect(events.filter { $0.contains("RRULE:") }.count == 1, "only the recurring action repeats")
    }

    @Test func ongoingWithAReviewDateIsDueByTheReview() throws {
        let cell = try DeadlineCell("Ongoing – review Jun 2019")
        #expect(cell.deadline == Deadline(planText: "2019-06"))
        #expect(cell.afterDeadline == .ongoing)
        #expect(cell.deadlineText == "Ongoing – review Jun 2019")
    }

    @Test(arguments: ["\"ongoing\"", "\"tbc\"", nil as String?])
    func whatFollowsADeadlineNeedsADatedOne(deadline: String?) throws {
        var text = try String(contentsOfFile: examplePlanPath("blackpool-2019.json"), encoding: .utf8)
        let dated = "\"deadline\": \"2019-06\",\n      \"deadlineText\": \"Jun 2019 and then biannually\","
        #expect(text.contains(dated))
        text = text.replacingOccurrences(of: dated, with: deadline.map { "\"deadline\": \($0)," } ?? "")
        let errors = PlanLoader.check(bytes: Array(text.utf8), file: "p.json", today: testToday).problems.filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("action 3.8: \"every 6 months\" follows a dated deadline") == true, "\(errors)")
        #expect(errors.first?.line != nil, "the problem is placed")
    }

    @Test func aCalendarRepeatsOnTheDaysImproveCounts() throws {
        var plan = try loadExample("blackpool-2019.json")
        let index = try #require(plan.actions.firstIndex { $0.id == "3.8" })
        for (day, rule) in [("2019-01-30", "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=28,29,30;BYSETPOS=-1"),
                            ("2019-01-31", "RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
                            ("2019-01-15", "RRULE:FREQ=MONTHLY;INTERVAL=1\r\n")] {
            plan.actions[index].deadline = Deadline(planText: day)
            plan.actions[index].afterDeadline = .every(months: 1)
            let calendar = PlanExporter.calendar([plan], asOf: date("2019-01-01"))
            #expect(calendar.contains(rule), "\(day)")
            // improve's own review after a note in February falls on the same day the rule gives.
            plan.actions[index].history = [StatusChange(date: date("2019-02-10"), comment: "x")]
            let expected = day == "2019-01-15" ? "2019-02-15" : "2019-02-28"
            #expect(plan.actions[index].reviewDue(asOf: date("2019-03-01"))?.description == expected)
            plan.actions[index].history = []
        }
    }
}
