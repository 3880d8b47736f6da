import Testing
import TestSupport
@testable import PlanKit
@testable import PlanReports

/// A recurring review is answered by a position recorded within its period:
/// the review's month for a month's deadline, its day for a day's. Cases are
/// generated (the seed is printed; repeat with IMPROVE_TEST_SEED) and every
/// report that says what is due or overdue is held to the one answer.
@Suite("Recurring reviews are answered within their period")
struct ReviewPeriodTests {
    let scheme = RAGScheme.default

    func action(_ deadline: Deadline, every months: Int, notes: [CalendarDate]) -> Action {
        var action = Action(id: "3.8", theme: "3", text: "Board hears young people", deadline: deadline)
        action.afterDeadline = .every(months: months)
        action.history = notes.sorted().map { StatusChange(date: $0, comment: "Board met young people") }
        return action
    }

    func plan(with action: Action) -> Plan {
        Plan(id: "p", title: "P", organisation: "O", inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2018-10")!),
             themes: [Theme(id: "3", title: "T")], actions: [action])
    }

    /// The review due, worked out independently: walk the reviews in order,
    /// each answered when the latest note falls on or after its period's first day.
    func expectedReview(_ deadline: Deadline, every months: Int, latest: CalendarDate?) -> CalendarDate {
        var count = 0
        while true {
            let first: CalendarDate, last: CalendarDate
            switch deadline {
            case .month(let month):
                var m = month.month - 1 + count * months
                let year = month.year + m / 12
                m = m % 12 + 1
                let moved = CalendarMonth(year: year, month: m)!
                (first, last) = (moved.firstDay, moved.lastDay)
            default:
                first = deadline.lastDay!.addingMonths(count * months)
                last = first
            }
            guard let latest, first <= latest else { return last }
            count += 1
        }
    }

    @Test func theExampleFromTheBoard() {
        // Jun 2019 and then biannually; the board met young people on 20 June.
        let noted = action(.month(CalendarMonth(year: 2019, month: 6)!), every: 6, notes: [date("2019-06-20")])
        #expect(noted.reviewDue(asOf: date("2019-07-15")) == date("2019-12-31"))
        #expect(!noted.isOverdue(asOf: date("2019-07-15"), in: scheme))
        // Before the note was recorded, June's review was still the one due.
        #expect(noted.reviewDue(asOf: date("2019-06-19")) == date("2019-06-30"))
        // A note the day before the month does not answer it.
        let early = action(.month(CalendarMonth(year: 2019, month: 6)!), every: 6, notes: [date("2019-05-31")])
        #expect(early.reviewDue(asOf: date("2019-07-15")) == date("2019-06-30"))
        // A day's deadline is answered on its day, not before.
        let day = action(.day(date("2019-06-15")), every: 3, notes: [date("2019-06-14")])
        #expect(day.reviewDue(asOf: date("2019-07-01")) == date("2019-06-15"))
        #expect(action(.day(date("2019-06-15")), every: 3, notes: [date("2019-06-15")]).reviewDue(asOf: date("2019-07-01")) == date("2019-09-15"))
    }

    @Test func generatedCasesAgreeEverywhere() {
        var random = SeededGenerator(test: "ReviewPeriodTests.generatedCasesAgreeEverywhere")
        for _ in 0..<400 {
            let months = [1, 2, 3, 6, 12, Int.random(in: 2...24, using: &random)].randomElement(using: &random)!
            let month = CalendarMonth(year: Int.random(in: 2015...2022, using: &random), month: Int.random(in: 1...12, using: &random))!
            let deadline: Deadline = Bool.random(using: &random)
                ? .month(month) : .day(CalendarDate(year: month.year, month: month.month, day: Int.random(in: 1...28, using: &random))!)
            // Notes near the boundaries of the first few periods: a day before, on, and after their first and last days.
            var notes: [CalendarDate] = []
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let period = Action.reviewPeriod(Int.random(in: 0...4, using: &random) * months, after: deadline)
                let edge = Bool.random(using: &random) ? period.lowerBound : period.upperBound
                notes.append(edge.adding(days: Int.random(in: -2...2, using: &random)))
            }
            let recurring = action(deadline, every: months, notes: notes)
            let asOf = (notes.max() ?? deadline.lastDay!).adding(days: Int.random(in: 0...60, using: &random))
            let latest = notes.filter { $0 <= asOf }.max()
            let expected = expectedReview(deadline, every: months, latest: latest)
            let context = "\(deadline) every \(months) months, notes \(notes), as of \(asOf)"
            #expect(recurring.reviewDue(asOf: asOf) == expected, "\(context)")
            let overdue = expected < asOf
            #expect(recurring.isOverdue(asOf: asOf, in: scheme) == overdue, "\(context)")
            // What list, overdue, summary and the board pack say.
            let plan = plan(with: recurring)
            let row = ActionRow(plan: plan, action: recurring, asOf: asOf)
            #expect(row.reviewDue == expected && row.isOverdue == overdue, "list: \(context)")
            let report = OverdueReport(plans: [plan], asOf: asOf)
            #expect(report.overdue.map(\.deadline.lastDay) == (overdue ? [expected] : []), "overdue: \(context)")
            let summary = PlanSummary(plan: plan, asOf: asOf, staleDays: 60, grouping: .theme)
            #expect(summary.noStatus.map(\.note) == [overdue ? "overdue, no status recorded" : "no status recorded"], "summary: \(context)")
            let board = BoardReport(plan: plan, asOf: asOf)
            #expect(board.headline.overdue == (overdue ? ["3.8"] : []), "board pack: \(context)")
        }
    }
}
