@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
@testable import PlanReports

/// Removals against changes, renames, ids the rules take for one, and what a
/// settlement records: each a conflict that `--take theirs` settles validly.
@Suite("Merge conflicts that need a person, and settling them")
struct MergeConflictTests {
    func note(_ plan: inout Plan, _ id: String, _ comment: String, on day: String, by: String) throws {
        var update = ActionUpdate(date: date(day), by: by)
        update.comment = comment
        _ = try plan.apply(update, toAction: id)
    }

    func index(_ plan: Plan, _ id: String) -> Int { plan.actions.firstIndex { $0.id == id }! }

    /// The plan with a conflict settled by `value`, and its settlement recorded, as resolve does; `nil` when it does not validate.
    func settled(_ conflict: MergeConflict, with value: JSONValue?, in plan: Plan, how: String = "theirs") -> Plan? {
        guard var json = PlanMerge.settling(conflict, with: value, in: plan) else { return nil }
        if let entry = PlanMerge.settlementEntry(for: conflict, with: value, on: date("2019-05-01"), by: "R", how: how) {
            json = PlanMerge.recording(entry, onAction: conflict.id, in: json) ?? json
        }
        let check = PlanLoader.check(bytes: JSONWriter.bytes(from: json), file: "settled", today: testToday)
        return check.hasErrors ? nil : check.plan
    }

    @Test func theMergedPlanWrittenEntryByEntryIsTheWritersBytes() throws {
        var plan = try loadExample("blackpool-2019.json")
        try note(&plan, "LM 9", "A note", on: "2019-03-01", by: "C")
        var merger = Merger(planID: plan.id)
        #expect(merger.plan(plan, plan, plan).bytes() == JSONWriter.bytes(from: plan.jsonValue()))
        plan.parts = [Part(id: "A", title: "Part A")]
        #expect(merger.plan(nil, plan, plan).bytes() == JSONWriter.bytes(from: plan.jsonValue()))
    }

    @Test func aNoteRemovedOnOneSideAndCorrectedOnTheOtherIsAConflictEitherWayRound() throws {
        var base = try loadExample("blackpool-2019.json")
        try note(&base, "LM 9", "Typo'd note", on: "2019-03-01", by: "C")
        var ours = base, theirs = base
        ours.actions[index(ours, "LM 9")].history.removeAll()  // undone
        theirs.actions[index(theirs, "LM 9")].history[0].comment = "Corrected note"
        for (o, t) in [(ours, theirs), (theirs, ours)] {
            let result = PlanMerge.merge(base: base, ours: o, theirs: t, today: testToday)
            let conflict = try #require(result.conflicts.first)
            #expect(result.conflicts.count == 1)
            #expect(conflict.item == "action LM 9" && conflict.field == [ActionField.history.key])
            #expect(result.plan.action(id: "LM 9")!.history.map(\.comment) == o.action(id: "LM 9")!.history.map(\.comment), "ours stands")
            let plan = try #require(settled(conflict, with: conflict.theirs, in: result.plan))
            #expect(plan.action(id: "LM 9")!.history.map(\.comment) == t.action(id: "LM 9")!.history.map(\.comment))
        }
        // Removed on one side and left alone on the other: removed, as before.
        let undo = PlanMerge.merge(base: base, ours: ours, theirs: base, today: testToday)
        #expect(undo.conflicts.isEmpty && undo.plan.action(id: "LM 9")!.history.isEmpty)
        // Corrected on one side only: the correction.
        let corrected = PlanMerge.merge(base: base, ours: base, theirs: theirs, today: testToday)
        #expect(corrected.conflicts.isEmpty && corrected.plan.action(id: "LM 9")!.history.map(\.comment) == ["Corrected note"])
    }

    @Test func anUndoneDeadlineMoveAgainstAChangedOneMakesTheWholeActionTheConflict() throws {
        var base = try loadExample("blackpool-2019.json")
        var slip = ActionUpdate(date: date("2019-03-01"), by: "C")
        slip.newDeadline = Deadline(planText: "2019-09")
        slip.reason = "Staffing"
        _ = try base.apply(slip, toAction: "LM 14")
        var ours = base, theirs = base
        ours.actions[index(ours, "LM 14")] = try loadExample("blackpool-2019.json").action(id: "LM 14")!  // undone
        theirs.actions[index(theirs, "LM 14")].history[0].deadlineChange!.reason = "Staffing shortfall"
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        #expect(result.conflicts.map(\.item) == ["action LM 14"] && result.conflicts[0].field.isEmpty)
        #expect(result.plan.action(id: "LM 14") == ours.action(id: "LM 14"))
        let plan = try #require(settled(result.conflicts[0], with: result.conflicts[0].theirs, in: result.plan))
        #expect(plan.action(id: "LM 14") == theirs.action(id: "LM 14"))
    }

    @Test func aRemovedEntryAgainstAChangedOneIsAConflictForEveryKindOfEntry() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        ours.actions.removeAll { $0.id == "LM 4" }
        theirs.actions[index(theirs, "LM 4")].text = "Changed"
        ours.themes[ours.themes.firstIndex { $0.id == "5" }!].title = "Changed"
        theirs.themes.removeAll { $0.id == "5" }
        theirs.actions.removeAll { $0.theme == "5" }
        ours.actions[index(ours, "LM 8")].milestones.removeFirst()
        theirs.actions[index(theirs, "LM 8")].milestones[0].deadline = Deadline(planText: "2019-08")
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        let items = Set(result.conflicts.map { "\($0.item) \($0.field.first ?? "")" })
        #expect(items.isSuperset(of: ["action LM 4 ", "theme 5 ", "action LM 8 milestones"]), "\(items)")
        #expect(PlanValidator.problems(in: result.plan, file: "m", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }.isEmpty)
    }

    @Test func aMilestoneRenamedDifferentlyOnBothSidesIsATitleConflictAndStaysOneMilestone() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        func rename(_ plan: inout Plan, to title: String, by: String) throws {
            var edit = ActionEdit(date: date("2019-04-01"), by: by)
            edit.milestone = .change("Skills audit complete", rename: title, deadline: nil, reason: nil)
            _ = try plan.apply(edit, toAction: "LM 8")
        }
        try rename(&ours, to: "Skills audit signed off", by: "A")
        try rename(&theirs, to: "Skills audit done", by: "B")
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        let conflict = try #require(result.conflicts.first)
        #expect(result.conflicts.count == 1)
        #expect(conflict.field == [ActionField.milestones.key, "Skills audit signed off", MilestoneField.title.key])
        #expect(result.plan.action(id: "LM 8")!.milestones.map(\.title)
                == ["Skills audit signed off", "New Workforce Development Strategy", "Training plan delivered and monitored"])
        let plan = try #require(settled(conflict, with: conflict.theirs, in: result.plan))
        #expect(plan.action(id: "LM 8")!.milestones.first?.title == "Skills audit done")
        #expect(plan.action(id: "LM 8")!.history.last?.milestoneChange?.renamedFrom == "Skills audit signed off", "the settlement is recorded")
    }

    @Test func aMilestoneRenamedAndRedatedDifferentlyOnBothSidesSettlesWithTheirsInOrder() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        for (plan, title, due, by) in [(\Plan.self, "Signed off", "2019-05", "A"), (\Plan.self, "Done", "2019-07", "B")] {
            _ = plan
            var edit = ActionEdit(date: date("2019-04-01"), by: by)
            edit.milestone = .change("Skills audit complete", rename: title, deadline: nil, reason: nil)
            var redate = ActionEdit(date: date("2019-04-02"), by: by)
            redate.milestone = .change(title, rename: nil, deadline: Deadline(planText: due), reason: by)
            if by == "A" { _ = try ours.apply(edit, toAction: "LM 8"); _ = try ours.apply(redate, toAction: "LM 8") }
            else { _ = try theirs.apply(edit, toAction: "LM 8"); _ = try theirs.apply(redate, toAction: "LM 8") }
        }
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        #expect(result.conflicts.map { $0.field.joined(separator: ".") } == ["milestones.Signed off.title", "milestones.Signed off.deadline"])
        var plan = result.plan
        for (position, recorded) in result.conflicts.enumerated() {
            let conflict = result.conflicts[..<position].reduce(recorded) { $0.following($1, with: $1.theirs) }
            plan = try #require(settled(conflict, with: conflict.theirs, in: plan), "\(conflict.field)")
        }
        let milestone = try #require(plan.action(id: "LM 8")?.milestones.first)
        #expect(milestone.title == "Done" && milestone.deadline == Deadline(planText: "2019-07"))
    }

    @Test func aMilestoneRenamedOnOneSideAndRedatedOrDoneOnTheOtherIsTheRenamedOneChanged() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        var edit = ActionEdit(date: date("2019-04-01"), by: "A")
        edit.milestone = .change("Skills audit complete", rename: "Skills audit signed off", deadline: nil, reason: nil)
        _ = try ours.apply(edit, toAction: "LM 8")
        var redate = ActionEdit(date: date("2019-04-02"), by: "B")
        redate.milestone = .change("Skills audit complete", rename: nil, deadline: Deadline(planText: "2019-08"), reason: "Later")
        _ = try theirs.apply(redate, toAction: "LM 8")
        var done = ActionUpdate(date: date("2019-04-03"), by: "B")
        done.milestone = "Skills audit complete"
        done.milestoneUpdate = .done(nil)
        _ = try theirs.apply(done, toAction: "LM 8")
        for (o, t) in [(ours, theirs), (theirs, ours)] {
            let result = PlanMerge.merge(base: base, ours: o, theirs: t, today: testToday)
            #expect(result.conflicts.isEmpty, "\(result.conflicts)")
            let milestones = result.plan.action(id: "LM 8")!.milestones
            #expect(milestones.count == 3)
            #expect(milestones[0].title == "Skills audit signed off")
            #expect(milestones[0].deadline == Deadline(planText: "2019-08") && milestones[0].completed == date("2019-04-03"))
        }
    }

    @Test func idsTheRulesTakeForOneAreAConflictTheirsSwapsIn() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        ours.actions.append(Action(id: "LM 18", theme: "LM", text: "From A", leads: ["A"]))
        theirs.actions.append(Action(id: "lm18", theme: "LM", text: "From B", leads: ["B"]))
        ours.themes.append(Theme(id: "Z", title: "Ours' Z"))
        ours.actions.append(Action(id: "Z 1", theme: "Z", text: "In Z", leads: ["A"]))
        theirs.themes.append(Theme(id: "z", title: "Theirs' z"))
        theirs.actions.append(Action(id: "z 2", theme: "z", text: "In z", leads: ["B"]))
        for (o, t) in [(ours, theirs), (theirs, ours)] {
            let result = PlanMerge.merge(base: base, ours: o, theirs: t, today: testToday)
            #expect(!result.conflicts.contains { $0.kind == .plan }, "no whole-plan fallback")
            let action = try #require(result.conflicts.first { $0.kind == .action && $0.field.isEmpty && IdentifierMatcher.matches($0.id, "lm18") })
            #expect(action.ours != nil && action.theirs != nil && action.ours != action.theirs)
            // Every conflict, in the order recorded, settles with theirs into a valid plan.
            var plan = result.plan
            for conflict in result.conflicts {
                plan = try #require(settled(conflict, with: conflict.theirs, in: plan), "\(conflict.item) \(conflict.field)")
            }
            #expect(plan.actions.filter { IdentifierMatcher.matches($0.id, "lm18") }.map(\.id) == [t.actions.last { IdentifierMatcher.matches($0.id, "lm18") }!.id])
            #expect(plan.themes.filter { IdentifierMatcher.matches($0.id, "z") }.map(\.id) == [t.themes.last!.id])
        }
    }

    /// Both sides add theme `z`/`Z` and the same action in it: the action's theme is settled before
    /// the theme's own clash (the order the merge records them in), and the action follows the theme
    /// whichever spelling the theme ends with. (Found by the random merges, seed 11164556688692.)
    @Test func anActionSettledIntoAThemeOfAnotherSpellingFollowsTheTheme() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        ours.themes.append(Theme(id: "z", title: "Ours' z"))
        ours.actions.append(Action(id: "lm 31", theme: "LM", text: "From A", leads: ["A"]))
        theirs.themes.append(Theme(id: "Z", title: "Theirs' Z"))
        theirs.actions.append(Action(id: "lm 31", theme: "Z", text: "From B", leads: ["B"]))
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        let themeOfAction = try #require(result.conflicts.firstIndex { $0.kind == .action && $0.field == ["theme"] })
        let theme = try #require(result.conflicts.firstIndex { $0.kind == .theme })
        #expect(themeOfAction < theme)
        var plan = result.plan
        for conflict in result.conflicts {
            plan = try #require(settled(conflict, with: conflict.theirs, in: plan), "\(conflict.item) \(conflict.field)")
        }
        #expect(plan.themes.filter { IdentifierMatcher.matches($0.id, "z") }.map(\.id) == ["Z"])
        #expect(plan.actions.first { IdentifierMatcher.matches($0.id, "lm 31") }?.theme == "Z")
    }

    @Test func aSettledDeadlineIsRecordedAndTheBoardPackCountsOneMove() throws {
        let base = try loadExample("blackpool-2019.json")
        var ours = base, theirs = base
        var slip = ActionUpdate(date: date("2019-04-01"), by: "alice")
        slip.newDeadline = Deadline(planText: "2019-09")
        slip.reason = "A"
        _ = try ours.apply(slip, toAction: "LM 14")
        slip.newDeadline = Deadline(planText: "2019-10")
        slip.reason = "B"
        slip.by = "bob"
        _ = try theirs.apply(slip, toAction: "LM 14")
        let result = PlanMerge.merge(base: base, ours: ours, theirs: theirs, today: testToday)
        let conflict = try #require(result.conflicts.first { $0.field == [ActionField.deadline.key] })
        for (value, expected) in [(conflict.theirs, "2019-10"), (conflict.ours, "2019-09")] {
            let plan = try #require(settled(conflict, with: value, in: result.plan))
            let action = plan.action(id: "LM 14")!
            #expect(action.deadline == Deadline(planText: expected))
            let newest = try #require(action.history.last?.deadlineChange)
            #expect(newest.from == Deadline(planText: "2019-06") && newest.to == Deadline(planText: expected))
            #expect(action.history.last?.by == "R")
            let board = BoardReport(plan: plan, asOf: date("2019-05-01"), since: date("2019-03-01"))
            let slips = board.slips.filter { $0.action.id == "LM 14" }
            #expect(slips.map { $0.change.to } == [Deadline(planText: expected)], "one move, to the settled value")
            #expect(board.exceptions.first { $0.action.id == "LM 14" }?.note.contains("slipped 1×") ?? true)
        }
        // Moved out, back, and out again is three moves.
        var moves = base
        for (day, to) in [("2019-03-01", "2019-09"), ("2019-03-02", "2019-06"), ("2019-03-03", "2019-12")] {
            var move = ActionUpdate(date: date(day), by: "C")
            move.newDeadline = Deadline(planText: to)
            move.reason = "R"
            _ = try moves.apply(move, toAction: "LM 14")
        }
        #expect(moves.action(id: "LM 14")!.supersededDeadlineMoves(asOf: date("2019-05-01")).isEmpty)
    }
}
