@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
import TestSupport

@Suite("Merging two versions of a plan by meaning")
struct MergeTests {
    func note(_ plan: inout Plan, _ id: String, _ comment: String, on day: String, by: String, status: String? = nil) throws {
        var update = ActionUpdate(date: date(day), by: by)
        update.comment = comment
        update.status = status
        _ = try plan.apply(update, toAction: id)
    }

    /// Merged both ways round; where there is no conflict the bytes are the same.
    func merged(_ base: Plan, _ ours: Plan, _ theirs: Plan) -> PlanMergeResult {
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        let other = PlanMerge.merge(base: base, ours: theirs, theirs: ours, today: testToday)
        if result.conflicts.isEmpty {
            #expect(JSONWriter.bytes(from: result.plan.jsonValue()) == JSONWriter.bytes(from: other.plan.jsonValue()),
                    "the merge depends on which side is ours")
        }
        #expect(PlanValidator.problems(in: result.plan, file: "m", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }.isEmpty)
        return result
    }

    @Test func commentsOnTheSameActionFromBothSidesAreAllKeptInDateOrder() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        try note(&ours, "LM 9", "A's note", on: "2019-04-03", by: "A")
        try note(&theirs, "LM 9", "B's note", on: "2019-04-02", by: "B")
        try note(&theirs, "LM 9", "B's second", on: "2019-04-05", by: "B")
        let result = merged(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.plan.action(id: "LM 9")!.history.map(\.comment) == ["B's note", "A's note", "B's second"])
    }

    @Test func statusesOnTheSameDayAreOrderedTheSameWhicheverSideIsOurs() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        try note(&ours, "LM 9", "Amber from A", on: "2019-04-02", by: "A", status: "AMBER")
        try note(&ours, "LM 9", "Blue from A", on: "2019-04-02", by: "A", status: "BLUE")
        try note(&theirs, "LM 9", "Red from B", on: "2019-04-02", by: "B", status: "RED")
        try note(&theirs, "LM 9", "Red from B", on: "2019-04-01", by: "B", status: "RED")
        let result = merged(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        // A's entries of the day (in A's order) before B's: A sorts first.
        #expect(result.plan.action(id: "LM 9")!.history.map(\.status) == ["RED", "AMBER", "BLUE", "RED"])
    }

    @Test func anEntryBothSidesAddedIsKeptOnceAndAnUndoneOneStaysUndone() throws {
        var base = try loadExample("blackpool-2019.json")
        try note(&base, "LM 9", "In the common version", on: "2019-03-01", by: "C")
        var ours = base, theirs = base
        try note(&ours, "LM 9", "Same", on: "2019-04-02", by: "A")
        try note(&theirs, "LM 9", "Same", on: "2019-04-02", by: "A")
        // Theirs undid the common entry.
        theirs.actions[theirs.actions.firstIndex { $0.id == "LM 9" }!].history.removeAll { $0.comment == "In the common version" }
        let result = merged(base, ours, theirs)
        #expect(result.plan.action(id: "LM 9")!.history.map(\.comment) == ["Same"])
    }

    @Test func aMilestoneDoneOnOneSideAndRedatedOnTheOtherHasBoth() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        var done = ActionUpdate(date: date("2019-04-02"), by: "A")
        done.milestone = "1"
        done.milestoneUpdate = .done(nil)
        _ = try ours.apply(done, toAction: "LM 8")
        var redate = ActionEdit(date: date("2019-04-03"), by: "B")
        redate.milestone = .change("2", rename: nil, deadline: Deadline(planText: "2019-08"), reason: "Later")
        _ = try theirs.apply(redate, toAction: "LM 8")
        let result = merged(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        let action = result.plan.action(id: "LM 8")!
        #expect(action.milestones[0].completed == date("2019-04-02"))
        #expect(action.milestones[1].deadline == Deadline(planText: "2019-08"))
        #expect(action.history.count == 2)
    }

    @Test func actionsAddedOnBothSidesAreKeptAndTheSameIdAddedDifferentlyConflicts() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        ours.actions.append(Action(id: "LM 18", theme: "LM", text: "From A", leads: ["A"]))
        theirs.actions.append(Action(id: "LM 19", theme: "LM", text: "From B", leads: ["B"]))
        let both = merged(base, ours, theirs)
        #expect(both.conflicts.isEmpty)
        #expect(both.plan.actions.suffix(2).map(\.id) == ["LM 18", "LM 19"])
        theirs.actions.append(Action(id: "LM 18", theme: "LM", text: "Also LM 18, from B", leads: ["A"]))
        let same = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        #expect(same.conflicts == [MergeConflict(kind: .action, id: "LM 18", field: [ActionField.text.key], base: nil,
                                                 ours: .string("From A"), theirs: .string("Also LM 18, from B"))])
        #expect(same.plan.action(id: "LM 18")?.text == "From A")
    }

    @Test func planFieldsChangedOnEitherSideAreTaken() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        ours.title = "Renamed by A"
        try theirs.addBoardMeeting(date("2019-07-18"))
        try ours.addBoardMeeting(date("2019-09-19"))
        let result = merged(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        #expect(result.plan.title == "Renamed by A")
        #expect(result.plan.boardMeetings == (base.boardMeetings + [date("2019-07-18"), date("2019-09-19")]).sorted())
    }

    @Test func trueConflictsKeepOursAndSayWhatEachSideHad() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        var slip = ActionUpdate(date: date("2019-04-01"), by: "A")
        slip.newDeadline = Deadline(planText: "2019-09")
        slip.reason = "A"
        _ = try ours.apply(slip, toAction: "LM 14")
        slip.newDeadline = Deadline(planText: "2019-10")
        slip.reason = "B"
        _ = try theirs.apply(slip, toAction: "LM 14")
        var text = ActionEdit(date: date("2019-04-01"), by: "A")
        text.text = "A's text"
        _ = try ours.apply(text, toAction: "LM 7")
        text.text = "B's text"
        _ = try theirs.apply(text, toAction: "LM 7")
        _ = try theirs.withdraw(actionID: "LM 12", reason: "Not needed", date: date("2019-04-01"), by: "B")
        var lead = ActionEdit(date: date("2019-04-01"), by: "A")
        lead.addLeads = ["Sam"]
        _ = try ours.apply(lead, toAction: "LM 12")
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        let fields = result.conflicts.map { "\($0.item) \($0.field.joined(separator: "."))" }
        #expect(fields.sorted() == ["action LM 12 withdrawn", "action LM 14 deadline", "action LM 7 text"])
        #expect(result.plan.action(id: "LM 14")?.deadline == Deadline(planText: "2019-09"))
        #expect(result.plan.action(id: "LM 7")?.text == "A's text")
        #expect(result.plan.action(id: "LM 12")?.isWithdrawn(asOf: date("2019-05-01")) == false, "ours did not withdraw it")
        #expect(result.plan.action(id: "LM 12")?.leads.contains("Sam") == true)
        #expect(PlanValidator.problems(in: result.plan, file: "m", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }.isEmpty)
        // Settling a conflict with theirs writes their value.
        let deadline = try #require(result.conflicts.first { $0.field == [ActionField.deadline.key] })
        let settled = try #require(PlanMerge.setting(deadline.theirs, kind: deadline.kind, id: deadline.id, field: deadline.field, in: result.plan))
        #expect(settled[PlanField.actions.key].map { JSONWriter.compactString(from: $0) }?.contains("\"deadline\":\"2019-10\"") == true)
    }

    @Test func anEntryBothAddedBesideEachSidesOwnGivesOneOrderEitherWayRound() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        try note(&ours, "LM 7", "Board agreed", on: "2019-04-02", by: "Sam", status: "AMBER")
        try note(&ours, "LM 7", "A x", on: "2019-04-02", by: "Sam", status: "BLUE")
        try note(&theirs, "LM 7", "Board agreed", on: "2019-04-02", by: "Sam", status: "AMBER")
        try note(&theirs, "LM 7", "B y", on: "2019-04-02", by: "Sam", status: "RED")
        ours.actions.append(Action(id: "LM 18", theme: "LM", text: "Same", leads: ["A"]))
        ours.actions.append(Action(id: "LM 19", theme: "LM", text: "Ours", leads: ["A"]))
        theirs.actions.append(Action(id: "LM 18", theme: "LM", text: "Same", leads: ["A"]))
        theirs.actions.append(Action(id: "LM 20", theme: "LM", text: "Theirs", leads: ["A"]))
        let result = merged(base, ours, theirs)  // checks the bytes are the same both ways
        #expect(result.conflicts.isEmpty)
        #expect(result.plan.action(id: "LM 7")!.history.map(\.comment) == ["Board agreed", "A x", "B y"])
    }

    @Test func sidesValidAloneButNotTogetherKeepOursForTheClashOnlyAndTheRestOfTheMerge() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        var slip = ActionUpdate(date: date("2019-04-01"), by: "A")
        slip.newDeadline = Deadline(planText: "2019-05")
        slip.reason = "Sooner"
        _ = try ours.apply(slip, toAction: "LM 14")
        try note(&ours, "LM 8", "A8", on: "2019-04-01", by: "A")
        var add = ActionEdit(date: date("2019-04-01"), by: "B")
        add.milestone = .add(title: "Late step", deadline: Deadline(planText: "2019-06"))
        _ = try theirs.apply(add, toAction: "LM 14")
        try note(&theirs, "LM 9", "B9", on: "2019-04-01", by: "B")
        _ = try ours.withdraw(actionID: "LM 12", reason: "Ours", date: date("2019-04-01"), by: "A")
        _ = try theirs.withdraw(actionID: "LM 12", reason: "Theirs", date: date("2019-04-01"), by: "B")
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        #expect(Set(result.conflicts.map(\.item)) == ["action LM 14", "action LM 12"], "\(result.conflicts.map(\.item))")
        #expect(result.plan.action(id: "LM 8")?.history.last?.comment == "A8")
        #expect(result.plan.action(id: "LM 9")?.history.last?.comment == "B9", "their unrelated change is kept")
        #expect(result.plan.action(id: "LM 14") == ours.action(id: "LM 14"))
        #expect(PlanValidator.problems(in: result.plan, file: "m", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }.isEmpty)
        // Settled with theirs, the whole entry is theirs (which then must validate with the rest).
        let withdrawal = PlanMerge.merge(base: base, ours: theirs, theirs: ours, today: testToday)
        #expect(withdrawal.plan.action(id: "LM 9")?.history.last?.comment == "B9")
    }

    @Test func aWithdrawalConflictIsSettledWithTheirs() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        try note(&ours, "LM 12", "Still needed", on: "2019-04-01", by: "A")
        _ = try theirs.withdraw(actionID: "LM 12", reason: "Superseded", date: date("2019-04-02"), by: "B")
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        let conflict = try #require(result.conflicts.first)
        #expect(conflict.field == [HistoryEntryField.withdrawn.key])
        #expect(result.plan.action(id: "LM 12")?.isWithdrawn(asOf: date("2019-05-01")) == false)
        let settled = try #require(PlanMerge.settling(conflict, with: conflict.theirs, in: result.plan))
        let plan = try #require(PlanLoader.check(bytes: JSONWriter.bytes(from: settled), file: "s", today: testToday).plan)
        #expect(plan.action(id: "LM 12")?.isWithdrawn(asOf: date("2019-05-01")) == true)
        #expect(plan.action(id: "LM 12")?.history.map(\.comment) == ["Still needed", "Superseded"])
    }

    /// Two partners each record 50 random valid changes; the merge holds every entry either recorded.
    @Test func randomUpdatesOnBothSidesAllSurviveTheMerge() throws {
        var random = SeededGenerator(test: "randomUpdatesOnBothSidesAllSurviveTheMerge")
        let base = try loadExample("blackpool-2019.json")
        let ids = base.actions.map(\.id)
        func randomChanges(_ plan: inout Plan, by: String) throws {
            for _ in 0..<50 {
                let id = ids[Int(random.next() % UInt64(ids.count))]
                let day = CalendarDate(year: 2019, month: Int(random.next() % 6) + 2, day: Int(random.next() % 28) + 1)!
                var update = ActionUpdate(date: day, by: by)
                update.comment = "\(by) on \(id), \(random.next() % 1000)"
                if random.next() % 3 == 0 { update.status = ["RED", "AMBER", "BLUE"][Int(random.next() % 3)] }
                _ = try plan.apply(update, toAction: id)
            }
        }
        var ours = base, theirs = base
        try randomChanges(&ours, by: "A")
        try randomChanges(&theirs, by: "B")
        let result = merged(base, ours, theirs)
        #expect(result.conflicts.isEmpty)
        for id in ids {
            let merged = result.plan.action(id: id)!.history
            let expected = ours.action(id: id)!.history + theirs.action(id: id)!.history
            #expect(merged.count == expected.count, "\(id)")
            #expect(Set(merged) == Set(expected), "\(id)")
            #expect(merged.map(\.date) == merged.map(\.date).sorted(), "\(id) in date order")
        }
    }
}
