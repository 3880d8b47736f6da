import Foundation
import Testing
@testable import PlanKit
import PlanReports

/// `overdue --new-since`: what became overdue after a day, from the plans alone (issue 26), checked against a
/// truth computed another way, on every day of the example plans' lives.
@Suite struct NewlyOverdueTests {
    /// What is overdue of an action on a day, computed from the action's own rules rather than the report's
    /// walk: the action itself when it is overdue, and each overdue milestone by its title.
    static func overdueParts(_ action: Action, on day: CalendarDate, scheme: RAGScheme) -> Set<String> {
        var parts = Set(action.overdueMilestones(asOf: day, in: scheme).map { "milestone " + $0.title })
        if action.isOverdue(asOf: day, in: scheme) { parts.insert("action") }
        return parts
    }

    /// The actions with something overdue on `day` that was not on the day before: the truth.
    static func newActions(_ plan: Plan, on day: CalendarDate) -> Set<String> {
        let before = day.adding(days: -1)
        var new = Set<String>()
        for action in plan.actions {
            let now = overdueParts(action, on: day, scheme: plan.ragScheme)
            let then = overdueParts(action, on: before, scheme: plan.ragScheme)
            if !now.subtracting(then).isEmpty { new.insert(action.id) }
        }
        return new
    }

    @Test(arguments: ["blackpool-2019.json", "portsmouth-2014.json"])
    func newSinceYesterdayIsWhatBecameOverdueThatDayOnEveryDayOfThePlan(file: String) throws {
        let plan = try PlanLoader.read(files: [examplePlanPath(file)], relativeTo: testFolder, today: testToday) { $0.plan }.values[0]
        // From the inspection to a year after the last deadline or entry: every day a cron job could run.
        let dates = plan.actions.flatMap { action in
            [action.finalDeadline?.lastDay].compactMap { $0 } + action.milestones.compactMap { $0.deadline?.lastDay } + action.history.map(\.date)
        }
        let first = plan.inspection.firstDay
        let last = (dates.max() ?? first).adding(days: 365)
        var day = first.adding(days: 1)
        var daysWithNews = 0
        var mismatches: [String] = []
        while day <= last {
            let report = OverdueReport(position: PlanPosition(of: plan, on: day),
                                       earlier: PlanPosition(of: plan, on: day.adding(days: -1)))
            let listed = Set(report.overdue.map(\.action.id))
            let truth = Self.newActions(plan, on: day)
            if listed != truth, mismatches.count < 5 {
                mismatches.append("\(day): listed \(listed.subtracting(truth).sorted()) not new; new \(truth.subtracting(listed).sorted()) not listed")
            }
            // Everything listed is overdue on the day, and nothing listed was listed the day before.
            let whole = OverdueReport(position: PlanPosition(of: plan, on: day))
            let overdueKeys = Set(whole.overdue.map { "\($0.action.id)|\($0.milestone?.title ?? "")" })
            #expect(report.overdue.allSatisfy { overdueKeys.contains("\($0.action.id)|\($0.milestone?.title ?? "")") })
            #expect(report.newSince == day.adding(days: -1))
            if !truth.isEmpty { daysWithNews += 1 }
            day = day.adding(days: 1)
        }
        #expect(mismatches.isEmpty, "\(file): \(mismatches.joined(separator: "\n"))")
        // The plans have deadlines to fall due: a check that never found news would prove nothing.
        #expect(daysWithNews >= 5, "\(file): \(daysWithNews) days with something newly overdue")
    }

    @Test func aDeadlineMovedIntoThePastIsNewlyOverdue() throws {
        let plan = try PlanLoader.read(files: [examplePlanPath("blackpool-2019.json")], relativeTo: testFolder, today: testToday) { $0.plan }.values[0]
        var moved = plan
        let index = try #require(moved.actions.firstIndex { $0.finalDeadline?.lastDay.map { $0 > date("2019-06-30") } == true && $0.milestones.isEmpty })
        // Recorded on 2019-05-10: due by 2019-05-01, already past, so new on that day and not before.
        moved.actions[index].history.append(StatusChange(date: date("2019-05-10"), status: nil, by: "test",
                                                          comment: "brought forward", deadlineChange: DeadlineChange(from: moved.actions[index].deadline, to: .day(date("2019-05-01")), reason: "brought forward")))
        moved.actions[index].deadline = .day(date("2019-05-01"))
        let id = moved.actions[index].id
        let onTheDay = OverdueReport(position: PlanPosition(of: moved, on: date("2019-05-10")), earlier: PlanPosition(of: moved, on: date("2019-05-09")))
        #expect(onTheDay.overdue.contains { $0.action.id == id })
        let dayAfter = OverdueReport(position: PlanPosition(of: moved, on: date("2019-05-11")), earlier: PlanPosition(of: moved, on: date("2019-05-10")))
        #expect(!dayAfter.overdue.contains { $0.action.id == id })
    }
}
