@testable import PlanJSON
import Testing
@testable import PlanKit
@testable import PlanReports

@Suite("Recording updates to actions")
struct UpdateTests {
    func blackpool() throws -> Plan { try loadExample("blackpool-2019.json") }

    func update(_ configure: (inout ActionUpdate) -> Void, on day: String = "2019-04-02") -> ActionUpdate {
        var update = ActionUpdate(date: date(day), by: "A Lead")
        configure(&update)
        return update
    }

    @Test(arguments: ["amber", "AMBER", "Ongoing"])
    func statusMatchesCodeOrLabel(typed: String) throws {
        var plan = try blackpool()
        let outcome = try plan.apply(update { $0.status = typed; $0.comment = "New service manager in post" }, toAction: "LM 7")
        #expect(outcome.summary == "blackpool-2019  LM 7  none → AMBER  recorded 2019-04-02 by A Lead")
        let action = try #require(plan.action(id: "LM 7"))
        #expect(action.history == [StatusChange(date: date("2019-04-02"), status: "AMBER", by: "A Lead", comment: "New service manager in post")])
        #expect(action.status(asOf: date("2019-04-02"), in: plan.ragScheme)?.code == "AMBER")
        #expect(action.status(asOf: date("2019-04-01"), in: plan.ragScheme) == nil, "not before it was recorded")
    }

    @Test func aCommentAloneIsANoteThatKeepsTheStatus() throws {
        var plan = try blackpool()
        _ = try plan.apply(update { $0.status = "red"; $0.comment = "Behind" }, toAction: "LM 7")
        let outcome = try plan.apply(update({ $0.comment = "Recruitment under way" }, on: "2019-04-10"), toAction: "LM 7")
        #expect(outcome.summary == "blackpool-2019  LM 7  note  recorded 2019-04-10 by A Lead")
        let action = try #require(plan.action(id: "LM 7"))
        #expect(action.status(asOf: date("2019-04-10"), in: plan.ragScheme)?.code == "RED")
        #expect(action.latestComment(asOf: date("2019-04-10"))?.comment == "Recruitment under way")
    }

    @Test func completingNeedsACommentAndClosedMilestones() throws {
        var plan = try blackpool()
        #expect(throws: UpdateError.completeNeedsComment(level: "GREEN")) {
            try plan.apply(update { $0.status = "green" }, toAction: "LM 5")
        }
        #expect(throws: UpdateError.openMilestones(action: "LM 16", titles: ["Review completed", "Next steps identified and agreed"])) {
            try plan.apply(update { $0.status = "Complete"; $0.comment = "Reviewed" }, toAction: "LM 16")
        }
        let forced = try plan.apply(update { $0.status = "Complete"; $0.comment = "Reviewed"; $0.force = true }, toAction: "LM 16")
        #expect(forced.newStatus?.isComplete == true)
        _ = try plan.apply(update { $0.status = "green"; $0.comment = "Certificates awarded" }, toAction: "LM 5")
        #expect(plan.action(id: "LM 5")?.isComplete(asOf: date("2019-04-02"), in: plan.ragScheme) == true)
    }

    @Test func milestonesAreDoneAndReopenedByNumberOrTitle() throws {
        var plan = try blackpool()
        let done = try plan.apply(update { $0.milestone = "2"; $0.milestoneUpdate = .done(date("2019-03-28")) }, toAction: "LM 8")
        #expect(done.summary == "blackpool-2019  LM 8  milestone 2 done 2019-03-28  recorded 2019-04-02 by A Lead")
        #expect(plan.action(id: "LM 8")?.milestones[1].completed == date("2019-03-28"))
        #expect(throws: UpdateError.milestoneAlreadyDone(title: "New Workforce Development Strategy", on: date("2019-03-28"))) {
            try plan.apply(update { $0.milestone = "workforce"; $0.milestoneUpdate = .done(nil) }, toAction: "LM 8")
        }
        _ = try plan.apply(update { $0.milestone = "new workforce development strategy"; $0.milestoneUpdate = .reopen }, toAction: "LM 8")
        #expect(plan.action(id: "LM 8")?.milestones[1].completed == nil)
        #expect(plan.action(id: "LM 8")?.history.last?.milestoneChange == MilestoneChange(title: "New Workforce Development Strategy", completed: nil))
        #expect(throws: UpdateError.unknownMilestone("9", action: "LM 8", count: 3)) {
            try plan.apply(update { $0.milestone = "9"; $0.milestoneUpdate = .reopen }, toAction: "LM 8")
        }
        #expect(throws: UpdateError.milestoneNeedsDoneOrReopen) {
            try plan.apply(update { $0.milestone = "1" }, toAction: "LM 8")
        }
    }

    @Test func aNewDeadlineKeepsTheOriginalAndEverySlip() throws {
        var plan = try blackpool()
        #expect(throws: UpdateError.deadlineNeedsReason) {
            try plan.apply(update { $0.newDeadline = Deadline(planText: "2019-08") }, toAction: "LM 14")
        }
        _ = try plan.apply(update { $0.newDeadline = Deadline(planText: "2019-08"); $0.reason = "Consultation extended" }, toAction: "LM 14")
        let second = try plan.apply(update({ $0.newDeadline = Deadline(planText: "2019-10"); $0.reason = "Design delayed" }, on: "2019-07-01"),
                                    toAction: "LM 14")
        #expect(second.summary == "blackpool-2019  LM 14  deadline Aug 2019 → Oct 2019  recorded 2019-07-01 by A Lead")
        let action = try #require(plan.action(id: "LM 14"))
        #expect(action.deadline == Deadline(planText: "2019-10"))
        #expect(action.originalDeadline == Deadline(planText: "2019-06"))
        #expect(action.deadlineChanges(asOf: date("2019-12-31")).map { $0.deadlineChange!.reason } == ["Consultation extended", "Design delayed"])
        #expect(action.deadlineChanges(asOf: date("2019-04-01")).isEmpty)
        #expect(action.deadlineChanges(asOf: date("2019-05-01")).count == 1)
        #expect(!action.isOverdue(asOf: date("2019-09-01"), in: plan.ragScheme))
    }

    @Test func anEarlierDatedChangeGoesInDateOrder() throws {
        var plan = try blackpool()
        _ = try plan.apply(update({ $0.status = "amber"; $0.comment = "a" }, on: "2019-04-10"), toAction: "LM 7")
        _ = try plan.apply(update({ $0.status = "red"; $0.comment = "b" }, on: "2019-03-01"), toAction: "LM 7")
        let action = try #require(plan.action(id: "LM 7"))
        #expect(action.history.map(\.comment) == ["b", "a"])
        #expect(action.status(asOf: date("2019-05-01"), in: plan.ragScheme)?.code == "AMBER")
        // Written back, the file lists it newest first and still validates.
        #expect(PlanLoader.check(bytes: Array(JSONWriter.string(from: plan.jsonValue()).utf8), file: "x", today: testToday).problems.isEmpty)
    }

    @Test func nothingToRecordAndUnknownStatusAreRefused() throws {
        var plan = try blackpool()
        #expect(throws: UpdateError.nothingToRecord) { try plan.apply(update { _ in }, toAction: "LM 7") }
        #expect(throws: UpdateError.self) { try plan.apply(update { $0.status = "purple" }, toAction: "LM 7") }
    }

    @Test func reassignChangesEveryActionOfALeadAndRecordsIt() throws {
        var plan = try blackpool()
        let before = plan.actions.filter { $0.leads.contains("Board Chair") }.map(\.id)
        let changed = plan.reassign(from: "board chair", to: "New Chair", date: date("2019-05-01"), by: "Secretary")
        #expect(changed == before)
        #expect(changed == ["LM 1", "LM 2", "3.8"])
        let action = try #require(plan.action(id: "LM 2"))
        #expect(action.leads == ["New Chair", "Theme Leads"])
        #expect(action.history.last?.leadChange == LeadChange(from: ["Board Chair", "Theme Leads"], to: ["New Chair", "Theme Leads"]))
        #expect(action.history.last?.comment == nil, "the entry itself says the lead changed")
        #expect(plan.reassign(from: "Nobody", to: "X", date: date("2019-05-01"), by: nil).isEmpty)
    }
}

@Suite("Reading a plan as it stood on a past day")
struct TimeTravelTests {
    @Test func laterChangesAreUndoneInTheView() throws {
        var plan = try loadExample("blackpool-2019.json")
        var update = ActionUpdate(date: date("2019-05-01"), by: "A")
        update.newDeadline = Deadline(planText: "2019-09")
        update.reason = "Delayed"
        _ = try plan.apply(update, toAction: "LM 14")
        var done = ActionUpdate(date: date("2019-05-02"), by: "A")
        done.milestone = "1"
        done.milestoneUpdate = .done(nil)
        _ = try plan.apply(done, toAction: "LM 8")
        _ = plan.reassign(from: "Board Chair", to: "New Chair", date: date("2019-05-03"), by: nil)

        let before = plan.asItStood(on: date("2019-04-30"))
        #expect(before.action(id: "LM 14")?.deadline == Deadline(planText: "2019-06"))
        #expect(before.action(id: "LM 14")?.history.isEmpty == true)
        #expect(before.action(id: "LM 8")?.milestones[0].completed == nil)
        #expect(before.action(id: "LM 1")?.leads == ["Board Chair"])
        let after = plan.asItStood(on: date("2019-05-03"))
        #expect(after.action(id: "LM 14")?.deadline == Deadline(planText: "2019-09"))
        #expect(after.action(id: "LM 8")?.milestones[0].completed == date("2019-05-02"))
        #expect(after.action(id: "LM 1")?.leads == ["New Chair"])
        #expect(after == plan)

        // Without history: the same deadlines, leads and milestones, and nothing copied from the history.
        for day in ["2019-04-30", "2019-05-03"].map(date) {
            for action in plan.actions {
                var expected = action.asItStood(on: day)
                expected.history = []
                #expect(action.asItStood(on: day, includingHistory: false) == expected)
            }
        }
    }
}

@Suite("Overdue reports made plan by plan")
struct OverdueMergingTests {
    @Test func mergingSinglePlanReportsGivesThePortfolioReport() throws {
        let plans = [try loadExample("portsmouth-2014.json"), try loadExample("blackpool-2019.json")]
        let asOf = date("2019-07-01")
        let whole = OverdueReport(plans: plans, asOf: asOf, withinDays: 60)
        let merged = OverdueReport(merging: plans.map { OverdueReport(plan: $0, asOf: asOf, withinDays: 60) },
                                   asOf: asOf, withinDays: 60)
        #expect(!whole.overdue.isEmpty && !whole.dueSoon.isEmpty)
        #expect(merged.overdue.map { "\($0.planID) \($0.action.id) \($0.milestone?.title ?? "")" }
            == whole.overdue.map { "\($0.planID) \($0.action.id) \($0.milestone?.title ?? "")" })
        // The actions listed are exactly those the model calls overdue.
        let expected = Set(plans.flatMap { plan in
            plan.actions.filter { $0.isOverdue(asOf: asOf, in: plan.ragScheme) }.map { "\(plan.id) \($0.id)" }
        })
        #expect(Set(merged.overdue.filter { $0.milestone == nil }.map { "\($0.planID) \($0.action.id)" }) == expected)
        #expect(merged.dueSoonUntil == date("2019-08-30"))
        // Most overdue first; among equals, plan order (Portsmouth's items before Blackpool's).
        for (earlier, later) in zip(merged.overdue, merged.overdue.dropFirst()) {
            #expect(earlier.daysOverdue >= later.daysOverdue)
            if earlier.daysOverdue == later.daysOverdue, earlier.planID != later.planID {
                #expect(earlier.planID == "portsmouth-2014")
            }
        }
        // The items carry their actions without history.
        #expect(merged.overdue.allSatisfy { $0.action.history.isEmpty })
    }

    @Test func aLevelIsFoundByItsExactCode() {
        let scheme = RAGScheme(levels: [
            RAGLevel(code: "RED", label: "Red", meaning: "Red", colour: .red, isComplete: false, isNotYetDue: false),
            RAGLevel(code: "REX", label: "Rex", meaning: "Rex", colour: .amber, isComplete: false, isNotYetDue: false),
            RAGLevel(code: "REDS", label: "Reds", meaning: "Reds", colour: .green, isComplete: true, isNotYetDue: false),
        ])
        #expect(scheme.level(code: "REX")?.label == "Rex")
        #expect(scheme.level(code: "REDS")?.label == "Reds")
        #expect(scheme.level(code: "RE") == nil)
        #expect(scheme.level(code: "red") == nil)
    }
}
