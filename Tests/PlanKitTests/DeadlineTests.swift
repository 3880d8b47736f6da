import Testing
@testable import PlanKit

@Suite("Calendar dates and deadlines")
struct DeadlineTests {
    @Test func parsesDaysAndRejectsImpossibleOnes() {
        #expect(CalendarDate(iso: "2019-02-28")?.description == "2019-02-28")
        #expect(CalendarDate(iso: "2019-02-29") == nil)
        #expect(CalendarDate(iso: "2020-02-29") != nil)
        #expect(CalendarDate(iso: "1900-02-29") == nil)
        #expect(CalendarDate(iso: "2000-02-29") != nil)
        #expect(CalendarDate(iso: "2019-04-31") == nil)
        #expect(CalendarDate(iso: "2019-13-01") == nil)
        #expect(CalendarDate(iso: "2019-1-01") == nil)
        #expect(CalendarDate(iso: "19-01-01") == nil)
        #expect(CalendarDate(iso: "2019-01-01T00:00") == nil)
    }

    @Test func monthDeadlinesFallDueOnTheLastDay() {
        #expect(Deadline(planText: "2019-02")?.lastDay == date("2019-02-28"))
        #expect(Deadline(planText: "2020-02")?.lastDay == date("2020-02-29"))
        #expect(Deadline(planText: "2019-12")?.lastDay == date("2019-12-31"))
        #expect(Deadline(planText: "2019-04")?.lastDay == date("2019-04-30"))
        #expect(Deadline(planText: "2019-03-31")?.lastDay == date("2019-03-31"))
        #expect(Deadline(planText: "ongoing")?.lastDay == nil)
        #expect(Deadline(planText: "tbc") == .toBeConfirmed)
        #expect(Deadline(planText: "2019-02-30") == nil)
        #expect(Deadline(planText: "Feb 2019") == nil)
    }

    @Test func aDeadlinePassesOnlyAfterItsLastDay() {
        let february = Deadline(planText: "2019-02")!
        #expect(!february.hasPassed(asOf: date("2019-02-28")))
        #expect(february.hasPassed(asOf: date("2019-03-01")))
        let leapFebruary = Deadline(planText: "2020-02")!
        #expect(!leapFebruary.hasPassed(asOf: date("2020-02-29")))
        #expect(leapFebruary.hasPassed(asOf: date("2020-03-01")))
        #expect(!Deadline.ongoing.hasPassed(asOf: date("2099-01-01")))
        #expect(!Deadline.toBeConfirmed.hasPassed(asOf: date("2099-01-01")))
    }

    @Test func overdueNeedsAPassedDeadlineAndNoCompleteStatus() {
        let scheme = RAGScheme.default
        var action = Action(id: "LM 1", theme: "LM", text: "Do it", deadline: .month(CalendarMonth(year: 2019, month: 2)!))
        #expect(!action.isOverdue(asOf: date("2019-02-28"), in: scheme))
        #expect(action.isOverdue(asOf: date("2019-03-01"), in: scheme))
        action.history = [StatusChange(date: date("2019-03-05"), status: "GREEN", comment: "Done")]
        #expect(action.isOverdue(asOf: date("2019-03-04"), in: scheme), "complete only from the day it was recorded")
        #expect(!action.isOverdue(asOf: date("2019-03-05"), in: scheme))
        action.history.append(StatusChange(date: date("2019-04-01"), status: "AMBER", comment: "Reopened"))
        #expect(action.isOverdue(asOf: date("2019-04-01"), in: scheme))
    }

    @Test func theFinalDeadlineIsTheLatestMilestoneWhenTheActionHasNone() {
        let action = Action(id: "LM 7", theme: "LM", text: "x", milestones: [
            Milestone(title: "a", deadline: .month(CalendarMonth(year: 2019, month: 9)!)),
            Milestone(title: "b", deadline: .ongoing),
            Milestone(title: "c", deadline: .month(CalendarMonth(year: 2019, month: 4)!)),
        ])
        #expect(action.finalDeadline == .month(CalendarMonth(year: 2019, month: 9)!))
        let overdue = action.overdueMilestones(asOf: date("2019-05-01"), in: .default)
        #expect(overdue.map(\.title) == ["c"])
        var done = action
        done.milestones[2].completed = date("2019-04-20")
        #expect(done.overdueMilestones(asOf: date("2019-05-01"), in: .default).isEmpty)
    }

    @Test func dayArithmeticCrossesMonthsAndLeapDays() {
        #expect(date("2020-02-28").adding(days: 1) == date("2020-02-29"))
        #expect(date("2019-02-28").adding(days: 1) == date("2019-03-01"))
        #expect(date("2019-12-31").adding(days: 1) == date("2020-01-01"))
        #expect(date("2019-03-01").days(until: date("2019-03-31")) == 30)
        #expect(date("2020-01-01").days(until: date("2021-01-01")) == 366)
        for text in ["0001-01-01", "1999-12-31", "2000-02-29", "2400-12-31"] {
            #expect(CalendarDate(dayNumber: date(text).dayNumber) == date(text))
        }
    }
}
