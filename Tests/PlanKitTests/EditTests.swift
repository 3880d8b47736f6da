@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
@testable import PlanReports

@Suite("Editing an action, withdrawing it, and reading the edits back")
struct EditTests {
    /// Reads a plan file's bytes as `improve` does, or throws what it says.
    func decode(_ bytes: [UInt8]) throws -> Plan {
        let check = PlanLoader.check(bytes: bytes, file: "edited.json", reading: .complete, today: testToday)
        guard let plan = check.plan, !check.hasErrors else { throw PlanError.invalidPlan(path: "edited.json", problems: check.problems) }
        return plan
    }

    /// The plan written and read back, with no errors.
    func roundTrip(_ plan: Plan) throws -> Plan {
        let bytes = JSONWriter.bytes(from: plan.jsonValue())
        let read = try decode(bytes)
        #expect(read == plan)
        #expect(PlanValidator.problems(in: read, file: "edited.json", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }.isEmpty)
        return read
    }

    @Test func eachKindOfEditIsOneEntryThatReadsBackAndSaysWhatChanged() throws {
        var plan = try loadExample("blackpool-2019.json")
        let original = plan.action(id: "LM 7")!
        var edit = ActionEdit(date: date("2019-05-01"), by: "Jo")
        edit.text = "Police to identify a named officer for every case"
        edit.addSubPoints = ["Monthly check by the YOT manager"]
        edit.successMeasure = "Every case has a named officer"
        edit.addLeads = ["Sam Smith"]
        edit.removeLeads = [original.leads[0].uppercased()]
        edit.link = ["hmip 2"]
        let outcome = try plan.apply(edit, toAction: "LM 7")
        #expect(outcome.entries.count == 5)
        let action = plan.action(id: "LM 7")!
        #expect(action.text == "Police to identify a named officer for every case")
        #expect(action.subPoints == original.subPoints + ["Monthly check by the YOT manager"])
        #expect(action.leads == Array(original.leads.dropFirst()) + ["Sam Smith"])
        #expect(action.recommendations == original.recommendations + ["HMIP 2"])
        #expect(action.history.suffix(5).allSatisfy { $0.date == date("2019-05-01") && $0.by == "Jo" && $0.isEdit })
        let words = outcome.entries.flatMap(\.changesInWords)
        #expect(words.contains("text \"Implement tighter management grip and…\" → \"Police to identify a named officer for…\""))
        #expect(words.contains("sub-point added: \"Monthly check by the YOT manager\""))
        #expect(words.contains("success measure set: \"Every case has a named officer\""))
        #expect(words.contains("recommendation linked: HMIP 2"))
        #expect(words.contains("lead \(original.leads[0]) → Sam Smith"))
        // An edit is not a position: the latest comment is unchanged.
        #expect(action.latestComment(asOf: date("2019-06-01")) == original.latestComment(asOf: date("2019-06-01")))
        _ = try roundTrip(plan)
        // As it stood the day before, the action is as it was.
        #expect(action.asItStood(on: date("2019-04-30"), includingHistory: false).text == original.text)
        #expect(action.asItStood(on: date("2019-04-30")).recommendations == original.recommendations)
        #expect(action.asItStood(on: date("2019-04-30")).subPoints == original.subPoints)
    }

    @Test func milestonesAreAddedRenamedRedatedAndRemovedWithTheirPastKept() throws {
        var plan = try loadExample("blackpool-2019.json")
        let original = plan.action(id: "LM 8")!
        func edit(_ change: MilestoneEdit, on day: String) throws {
            var edit = ActionEdit(date: date(day), by: "Jo")
            edit.milestone = change
            _ = try plan.apply(edit, toAction: "LM 8")
        }
        try edit(.add(title: "Review with the board", deadline: Deadline(planText: "2019-08")), on: "2019-05-01")
        try edit(.change("1", rename: "Skills audit signed off", deadline: nil, reason: nil), on: "2019-05-02")
        try edit(.change("skills audit signed", rename: nil, deadline: Deadline(planText: "2019-06"), reason: "Auditor ill"), on: "2019-05-03")
        try edit(.remove("2", reason: "Merged into the audit"), on: "2019-05-04")
        let action = plan.action(id: "LM 8")!
        #expect(action.milestones.map(\.title) == ["Skills audit signed off"] + original.milestones.dropFirst(2).map(\.title) + ["Review with the board"])
        #expect(action.milestones[0].deadline == Deadline(planText: "2019-06"))
        let words = action.history.suffix(4).flatMap(\.changesInWords)
        #expect(words == [
            "milestone \"Review with the board\" added",
            "milestone \"\(original.milestones[0].title)\" renamed \"Skills audit signed off\"",
            "milestone \"Skills audit signed off\" due \(original.milestones[0].deadline!.displayText) → Jun 2019 (Auditor ill)",
            "milestone \"\(original.milestones[1].title)\" removed (was due \(original.milestones[1].deadline!.displayText))",
        ])
        #expect(action.history.last?.comment == "Merged into the audit")
        let read = try roundTrip(plan)
        // Before the edits, the milestones were as the plan gave them (a removed one comes back at the end).
        let past = read.action(id: "LM 8")!.asItStood(on: date("2019-04-30"))
        #expect(Set(past.milestones) == Set(original.milestones))
        #expect(past.milestones.count == original.milestones.count)
    }

    @Test func aMilestoneRedatedInThePeriodIsInThePacksDeadlinesChanged() throws {
        var plan = try loadExample("blackpool-2019.json")
        var edit = ActionEdit(date: date("2019-03-03"), by: "Jo")
        edit.milestone = .change("1", rename: nil, deadline: Deadline(planText: "2019-05"), reason: "Auditor ill")
        _ = try plan.apply(edit, toAction: "LM 8")
        let report = BoardReport(plan: plan, asOf: date("2019-03-10"), since: date("2019-02-28"))
        let slip = try #require(report.slips.first { $0.action.id == "LM 8" })
        #expect(slip.milestone == "Skills audit complete")
        #expect(slip.change.reason == "Auditor ill")
    }

    @Test func refusedEditsChangeNothing() throws {
        let plan = try loadExample("blackpool-2019.json")
        func refused(_ change: (inout ActionEdit) -> Void) -> EditError? {
            var copy = plan
            var edit = ActionEdit(date: date("2019-05-01"), by: "Jo")
            change(&edit)
            do {
                _ = try copy.apply(edit, toAction: "LM 8")
                return nil
            } catch {
                #expect(copy == plan)
                return error
            }
        }
        let leads = plan.action(id: "LM 8")!.leads
        #expect(refused { _ in } == .nothingToEdit)
        #expect(refused { $0.text = plan.action(id: "LM 8")!.text } == .unchanged(field: .text))
        #expect(refused { $0.removeLeads = ["Nobody"] } == .leadNotThere("Nobody", action: "LM 8", leads: leads))
        #expect(refused { $0.addLeads = [leads[0].lowercased()] } == .leadAlreadyThere(leads[0].lowercased(), action: "LM 8"))
        #expect(refused { $0.link = ["HMIP 99"] } == .noSuchRecommendation("HMIP 99", known: plan.recommendations.map(\.id)))
        #expect(refused { $0.removeSubPoints = ["9"] } == .noSuchSubPoint("9", action: "LM 8", count: plan.action(id: "LM 8")!.subPoints.count))
        #expect(refused { $0.milestone = .change("1", rename: nil, deadline: Deadline(planText: "2019-09"), reason: nil) } == .milestoneDateNeedsReason)
        #expect(refused { $0.milestone = .change("1", rename: nil, deadline: nil, reason: nil) } == .milestoneChangeNeedsRenameOrDate)
        #expect(refused { $0.milestone = .remove("7", reason: nil) } == .milestone(.unknownMilestone("7", action: "LM 8", count: plan.action(id: "LM 8")!.milestones.count)))
        let first = plan.action(id: "LM 8")!.milestones[0].title
        #expect(refused { $0.milestone = .add(title: first.uppercased(), deadline: nil) } == .milestoneExists(title: first.uppercased(), action: "LM 8"))
        // One part refused refuses the whole edit.
        #expect(refused { $0.text = "New text"; $0.removeLeads = ["Nobody"] } == .leadNotThere("Nobody", action: "LM 8", leads: leads))
    }

    @Test func aWithdrawnActionLeavesTheCountsAndOverdueListsUntilReinstated() throws {
        var plan = try loadExample("blackpool-2019.json")
        let asOf = date("2019-12-31")
        #expect(plan.action(id: "LM 12")!.isOverdue(asOf: asOf, in: plan.ragScheme))
        _ = try plan.withdraw(actionID: "LM 12", reason: "Superseded by LM 14", date: date("2019-05-04"), by: "Jo")
        #expect(throws: EditError.alreadyWithdrawn(action: "LM 12", on: date("2019-05-04"))) {
            _ = try plan.withdraw(actionID: "LM 12", reason: "Again", date: date("2019-05-05"), by: "Jo")
        }
        var update = ActionUpdate(date: date("2019-05-06"), by: "Jo")
        update.comment = "Progress"
        #expect(throws: UpdateError.withdrawn(action: "LM 12", on: date("2019-05-04"))) { _ = try plan.apply(update, toAction: "LM 12") }
        let action = plan.action(id: "LM 12")!
        #expect(!action.isOverdue(asOf: asOf, in: plan.ragScheme))
        #expect(action.overdueMilestones(asOf: asOf, in: plan.ragScheme).isEmpty)
        // Before the withdrawal it counted as it did.
        #expect(action.isOverdue(asOf: date("2019-05-03"), in: plan.ragScheme))
        let overdue = OverdueReport(plan: plan, asOf: asOf)
        #expect(!overdue.overdue.contains { $0.action.id == "LM 12" })
        let summary = PlanSummary(plan: plan, asOf: asOf)
        #expect(summary.overall.total == plan.actions.count - 1)
        #expect(summary.withdrawn.map(\.action.id) == ["LM 12"])
        #expect(summary.withdrawn[0].note == "withdrawn 2019-05-04 by Jo: Superseded by LM 14")
        #expect(PlanSummary(plan: plan, asOf: date("2019-05-03")).overall.total == plan.actions.count)
        let read = try roundTrip(plan)
        #expect(read.action(id: "LM 12")!.isWithdrawn(asOf: asOf))

        _ = try plan.reinstate(actionID: "LM 12", comment: "Needed after all", date: date("2019-06-01"), by: "Jo")
        #expect(throws: EditError.notWithdrawn(action: "LM 12")) {
            _ = try plan.reinstate(actionID: "LM 12", comment: nil, date: date("2019-06-02"), by: "Jo")
        }
        #expect(plan.action(id: "LM 12")!.isOverdue(asOf: asOf, in: plan.ragScheme))
        #expect(PlanSummary(plan: plan, asOf: asOf).withdrawn.isEmpty)
        _ = try roundTrip(plan)
    }

    @Test func boardMeetingsStayInOrderAndUnique() throws {
        var plan = try loadExample("blackpool-2019.json")
        let before = plan.boardMeetings
        try plan.addBoardMeeting(date("2019-07-18"))
        #expect(plan.boardMeetings == (before + [date("2019-07-18")]).sorted())
        #expect(throws: EditError.boardMeetingExists(date("2019-07-18"))) { try plan.addBoardMeeting(date("2019-07-18")) }
        try plan.removeBoardMeeting(date("2019-07-18"))
        #expect(plan.boardMeetings == before)
        #expect(throws: EditError.noBoardMeeting(date("2019-07-19"), meetings: before)) { try plan.removeBoardMeeting(date("2019-07-19")) }
    }

    /// Entries the reader refuses, with what it says.
    static let badEntries: [(entry: String, message: String)] = [
        (#"{"date": "2019-05-01", "milestone": {"title": "Skills audit complete", "completed": "2019-05-01", "added": true}}"#,
         "a milestone change says one thing that happened"),
        (#"{"date": "2019-05-01", "milestone": {"title": "Skills audit complete"}}"#, "a milestone change says one thing that happened"),
        (#"{"date": "2019-05-01", "withdrawn": false, "comment": "x"}"#, "never false"),
        (#"{"date": "2019-05-01", "withdrawn": true, "reinstated": true, "comment": "x"}"#, "not both"),
        (#"{"date": "2019-05-01", "withdrawn": true}"#, "a withdrawn entry needs a \"comment\""),
        (#"{"date": "2019-05-01", "edit": {"field": "id", "to": ["LM 99"]}}"#, "\"id\" is not a field a text edit may change"),
        (#"{"date": "2019-05-01", "edit": {"field": "text", "from": ["a"], "to": ["b", "c"]}}"#, "\"text\" holds one text"),
        (#"{"date": "2019-05-01", "edit": {"field": "text", "from": ["a"], "to": []}}"#, "\"text\" holds one text"),
    ]

    @Test(arguments: badEntries.indices)
    func theReaderRefusesEntriesThatSayNothingClearly(index: Int) throws {
        let (entry, message) = Self.badEntries[index]
        var text = try String(contentsOfFile: examplePlanPath("blackpool-2019.json"), encoding: .utf8)
        // The first action's history, whatever it holds, starts with this entry.
        let marker = "\"history\": ["
        let range = try #require(text.range(of: marker))
        text.replaceSubrange(range, with: marker + entry + (text[range.upperBound...].hasPrefix("\n      ]") || text[range.upperBound...].hasPrefix("]") ? "" : ","))
        do {
            _ = try decode(Array(text.utf8))
            Issue.record("read \(entry)")
        } catch let error as PlanError {
            guard case .invalidPlan(_, let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.contains { $0.message.contains(message) }, "\(problems.map(\.message))")
        }
    }

    @Test func theValidatorFollowsMilestoneTitlesThroughRenamesAndWithdrawalsInOrder() throws {
        var plan = try loadExample("blackpool-2019.json")
        var edit = ActionEdit(date: date("2019-05-01"), by: "Jo")
        edit.milestone = .change("1", rename: "New title", deadline: nil, reason: nil)
        var done = ActionUpdate(date: date("2019-04-01"), by: "Jo")
        done.milestone = "1"
        done.milestoneUpdate = .done(nil)
        _ = try plan.apply(done, toAction: "LM 8")  // under the old title
        _ = try plan.apply(edit, toAction: "LM 8")
        #expect(PlanValidator.problems(in: plan, file: "p.json", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }.isEmpty)
        // A hand-made second withdrawal without a reinstatement is an error.
        var action = plan.action(id: "LM 9")!
        action.record(StatusChange(date: date("2019-05-01"), comment: "a", withdrawal: .withdrawn))
        action.record(StatusChange(date: date("2019-05-02"), comment: "b", withdrawal: .withdrawn))
        plan.actions[plan.actions.firstIndex { $0.id == "LM 9" }!] = action
        let problems = PlanValidator.problems(in: plan, file: "p.json", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }
        #expect(problems.map(\.message) == ["action LM 9 is withdrawn again on 2019-05-02 without being reinstated"])
    }
}
