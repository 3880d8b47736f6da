import Foundation
import PlanJSON
import PlanKit
import Testing
import TestSupport

/// Hand edits – a plan changed outside improve – are named by validate, show
/// and log, and `improve record` gives them their history entries.
@Suite("Hand edits")
struct HandEditTests {
    static let plan = "plans/blackpool-2019.json"
    static let user = ["IMPROVE_USER": "tester"]

    func load(_ sandbox: Sandbox, _ file: String = plan) throws -> Plan {
        try PlanLoader.load(file: sandbox.folder.appendingPathComponent(file).path, relativeTo: testFolder, today: testToday).plan
    }

    /// Changes the plan file as an editor would: its bytes rewritten in place, outside improve.
    func editByHand(_ sandbox: Sandbox, _ file: String = plan, _ change: (inout Plan) -> Void) throws {
        var plan = try load(sandbox, file)
        change(&plan)
        try sandbox.write(file, String(decoding: JSONWriter.bytes(from: plan.jsonValue()), as: UTF8.self))
    }

    func action(_ plan: Plan, _ id: String) -> Action { plan.actions.first { $0.id == id }! }

    /// The hand-edit warnings validate gives, one line each.
    func handEditWarnings(_ sandbox: Sandbox) throws -> [String] {
        let result = try sandbox.run(["validate", "--plan", Self.plan])
        #expect(result.status == 0, "hand edits are warnings, not errors: \(result.stdout)")
        return result.stdout.split(separator: "\n").map(String.init).filter { $0.contains("outside improve") || $0.contains("since improve last wrote") }
    }

    @Test func aHandEditedTextIsNamedRecordedWithItsEntryAndUndone() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        // improve writes the plan once: from then on it has a baseline.
        #expect(try sandbox.run(["update", "LM 8", "--comment", "Audit started", "--plan", Self.plan], environment: Self.user).status == 0)
        let before = action(try load(sandbox), "LM 7")
        try editByHand(sandbox) { plan in
            let index = plan.actions.firstIndex { $0.id == "LM 7" }!
            plan.actions[index].text = "Daily reports by hand"
            plan.actions[index].leads = ["Head of Service"]
        }
        #expect(try handEditWarnings(sandbox) == [
            "\(Self.plan): warning: action LM 7: text, leads changed outside improve without a history entry; improve record \(Self.plan) adds the history entries",
        ])
        let show = try sandbox.run(["show", "LM 7", "--plan", Self.plan])
        #expect(show.stdout.contains("note: LM 7's text, leads changed outside improve without a history entry"))
        // The note is wrapped at the report's width (80 when not at a terminal), not cut mid-word by the terminal.
        #expect(show.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(show.stdout)")
        #expect(show.stdout.contains("improve record"), "the way out is still named")
        #expect(!(try sandbox.run(["show", "LM 8", "--plan", Self.plan])).stdout.contains("note:"), "only the action changed is noted")
        let log = try sandbox.run(["log", "--plan", Self.plan])
        #expect(log.stdout.hasPrefix("note: \(Self.plan) changed outside improve without history entries: LM 7 (text, leads)"))

        let dry = try sandbox.run(["record", Self.plan, "--dry-run"], environment: Self.user)
        #expect(dry.status == 0 && dry.stdout.contains("would record 2 history entries"))
        #expect(try handEditWarnings(sandbox).count == 1, "a dry run writes nothing")

        let record = try sandbox.run(["record", Self.plan, "--by", "alice"], environment: Self.user)
        #expect(record.status == 0, "\(record.stderr)")
        #expect(record.stdout.contains("recorded 2 history entries"))
        let recorded = action(try load(sandbox), "LM 7")
        let added = Array(recorded.history.suffix(2))
        #expect(added.map(\.by) == ["alice", "alice"])
        #expect(added.allSatisfy { $0.date == Today.reading().date })
        #expect(added.compactMap(\.textEdit) == [TextEdit(field: .text, from: [before.text], to: ["Daily reports by hand"])])
        #expect(added.compactMap(\.leadChange) == [LeadChange(from: before.leads, to: ["Head of Service"])])
        #expect(try handEditWarnings(sandbox).isEmpty)
        #expect(!(try sandbox.run(["show", "LM 7", "--plan", Self.plan])).stdout.contains("note:"))
        #expect(try sandbox.run(["record", Self.plan], environment: Self.user).stdout.contains("nothing changed without a history entry"))

        // One undo step takes the entries back, and the hand edits are named again.
        let undo = try sandbox.run(["undo", "--plan", Self.plan], environment: Self.user)
        #expect(undo.stdout.hasPrefix("undid: record hand edits: LM 7 (text, leads)"))
        #expect(action(try load(sandbox), "LM 7").history == before.history)
        #expect(try handEditWarnings(sandbox).count == 1)
    }

    /// Undoing improve's own change to what has no history (a board meeting, a whole action) is improve's
    /// change too: the baseline follows it, and nothing is named a hand edit.
    @Test(arguments: [["board", "add", "2019-07-18"],
                      ["add", "action", "--id", "LM 40", "--theme", "LM", "--text", "Publish the plan"]])
    func undoingAChangeWithoutHistoryIsNoHandEdit(change: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        #expect(try sandbox.run(change + ["--plan", Self.plan]).status == 0)
        #expect(try handEditWarnings(sandbox).isEmpty)
        let undone = try sandbox.run(["undo", "--plan", Self.plan])
        #expect(undone.status == 0, "\(undone.stderr)")
        #expect(try handEditWarnings(sandbox).isEmpty, "after undoing \(change)")
        // A hand edit made afterwards is still named.
        try editByHand(sandbox) { $0.boardMeetings.append(CalendarDate(iso: "2019-09-19")!) }
        #expect(try !handEditWarnings(sandbox).isEmpty)
    }

    @Test func aChangeImproveMadeInAnotherCopyIsNotAHandEdit() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        #expect(try sandbox.run(["update", "LM 8", "--comment", "Audit started", "--plan", Self.plan], environment: Self.user).status == 0)
        // A partner's copy of the same plan, changed by improve there.
        let other = "partner/blackpool-2019.json"
        try sandbox.write(other, String(decoding: try Data(contentsOf: sandbox.folder.appendingPathComponent(Self.plan)), as: UTF8.self))
        for command in [
            ["edit", "LM 7", "--text", "Daily reports, edited by the partner", "--add-lead", "Team Leader"],
            ["update", "LM 7", "--status", "amber", "--comment", "Slipping"],
            ["update", "LM 9", "--due", "2030-06", "--reason", "Consultation extended"],
            ["edit", "LM 8", "--add-milestone", "Review", "--milestone-due", "2019-05"],
        ] {
            let result = try sandbox.run(command + ["--plan", other], environment: ["IMPROVE_USER": "partner"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        // It arrives as a new file (as git pull writes it).
        let arrived = try Data(contentsOf: sandbox.folder.appendingPathComponent(other))
        try FileManager.default.removeItem(at: sandbox.folder.appendingPathComponent(Self.plan))
        try arrived.write(to: sandbox.folder.appendingPathComponent(Self.plan))
        #expect(try handEditWarnings(sandbox).isEmpty)
        #expect(!(try sandbox.run(["log", "--plan", Self.plan])).stdout.contains("note:"))
        #expect(try sandbox.run(["record", Self.plan], environment: Self.user).stdout.contains("nothing changed without a history entry"))
        // A hand edit on top of it is still seen.
        try editByHand(sandbox) { plan in
            let index = plan.actions.firstIndex { $0.id == "LM 9" }!
            plan.actions[index].successMeasure = "Measured by hand"
        }
        #expect(try handEditWarnings(sandbox).map { $0.contains("action LM 9: successMeasure changed") } == [true])
    }

    @Test func aChangeByImproveToAHandEditedPlanKeepsTheHandEditNamed() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        #expect(try sandbox.run(["update", "LM 8", "--comment", "Audit started", "--plan", Self.plan], environment: Self.user).status == 0)
        try editByHand(sandbox) { plan in
            let index = plan.actions.firstIndex { $0.id == "LM 7" }!
            plan.actions[index].text = "Daily reports by hand"
        }
        #expect(try sandbox.run(["update", "LM 9", "--comment", "On track", "--plan", Self.plan], environment: Self.user).status == 0)
        #expect(try sandbox.run(["update", "LM 7", "--comment", "On track", "--plan", Self.plan], environment: Self.user).status == 0)
        #expect(try handEditWarnings(sandbox).map { $0.contains("action LM 7: text changed") } == [true])
    }

    @Test func withoutABaselineNothingIsSaidAndRecordTakesOne() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try editByHand(sandbox) { plan in plan.actions[0].text = "Changed before improve ever wrote it" }
        #expect(try handEditWarnings(sandbox).isEmpty)
        #expect(!(try sandbox.run(["show", plan0(sandbox), "--plan", Self.plan])).stdout.contains("note:"))
        let bytes = try Data(contentsOf: sandbox.folder.appendingPathComponent(Self.plan))
        let record = try sandbox.run(["record", Self.plan], environment: Self.user)
        #expect(record.status == 0)
        #expect(record.stdout.contains("nothing to compare with"))
        #expect(try Data(contentsOf: sandbox.folder.appendingPathComponent(Self.plan)) == bytes, "the plan is left as it was")
        #expect(try sandbox.run(["undo", "--plan", Self.plan], environment: Self.user).status == 1, "nothing to undo")
        try editByHand(sandbox) { plan in plan.actions[0].subPoints.append("A sub-point by hand") }
        #expect(try handEditWarnings(sandbox).map { $0.contains("subPoints changed") } == [true])
    }

    func plan0(_ sandbox: Sandbox) throws -> String { try load(sandbox).actions[0].id }

    @Test func actionsAddedRemovedAndThePlansOwnFieldsAreNamedAndTakenAsTheyAre() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        #expect(try sandbox.run(["update", "LM 8", "--comment", "Audit started", "--plan", Self.plan], environment: Self.user).status == 0)
        try editByHand(sandbox) { plan in
            plan.title += " (by hand)"
            let removed = plan.actions.remove(at: plan.actions.firstIndex { $0.id == "LM 9" }!)
            var added = removed
            added.id = "LM 99"
            plan.actions.append(added)
        }
        let warnings = try handEditWarnings(sandbox)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("actions added: LM 99; actions removed: LM 9; the plan's title") == true)
        let record = try sandbox.run(["record", Self.plan], environment: Self.user)
        #expect(record.stdout.contains("recorded 0 history entries"))
        #expect(record.stdout.contains("taken as it is (no history entry has a place for it): action LM 99 added; action LM 9 removed; plan title"))
        #expect(try handEditWarnings(sandbox).isEmpty)
    }

    /// Random hand edits of random fields of random actions: each is named, and recorded.
    @Test func seededRandomHandEditsAreAllNamedAndRecorded() throws {
        var random = SeededGenerator(test: "seededRandomHandEditsAreAllNamedAndRecorded")
        for _ in 0..<3 {
            let sandbox = try Sandbox()
            try sandbox.copyExample("blackpool-2019.json")
            #expect(try sandbox.run(["record", Self.plan], environment: Self.user).stdout.contains("nothing to compare with"))
            var expected: [String: Set<ActionField>] = [:]
            try editByHand(sandbox) { plan in
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    let index = Int.random(in: plan.actions.indices, using: &random)
                    var action = plan.actions[index]
                    var fields: [ActionField] = [.text, .successMeasure, .subPoints, .impact, .outcomes, .leads, .deadline,
                                                 .dashboardReference, .otherLinks]
                    if !action.milestones.isEmpty { fields.append(.milestones) }
                    let field = fields.randomElement(using: &random)!
                    switch field {
                    case .text: action.text += " (by hand)"
                    case .successMeasure: action.successMeasure = "Success, by hand \(index)"
                    case .subPoints: action.subPoints.append("A sub-point by hand")
                    case .impact: action.impact.append("An impact by hand")
                    case .outcomes: action.outcomes.append("An outcome by hand")
                    case .leads: action.leads.append("Lead by hand")
                    case .deadline: action.deadline = .month(CalendarMonth(year: 2031, month: Int.random(in: 1...12, using: &random))!)
                    case .dashboardReference: action.dashboardReference = "HAND-\(index)"
                    case .otherLinks: action.otherLinks.append("Linked by hand")
                    default: action.milestones[0].title += " (by hand)"
                    }
                    plan.actions[index] = action
                    expected[action.id, default: []].insert(field)
                }
            }
            let warnings = try handEditWarnings(sandbox)
            #expect(warnings.count == expected.count, "\(warnings)")
            for (id, fields) in expected {
                let listed = ActionField.allCases.filter(fields.contains).map(\.key).joined(separator: ", ")
                #expect(warnings.contains { $0.contains("action \(id): \(listed) changed outside improve") }, "\(id) \(listed) in \(warnings)")
            }
            let record = try sandbox.run(["record", Self.plan, "--by", "alice"], environment: Self.user)
            #expect(record.status == 0, "\(record.stderr)")
            #expect(record.stdout.contains("recorded \(expected.values.map(\.count).reduce(0, +)) history"), "\(record.stdout)")
            #expect(try handEditWarnings(sandbox).isEmpty)
            let check = try sandbox.run(["validate", "--plan", Self.plan])
            #expect(check.status == 0 && check.stdout.contains("0 errors"))
            let recorded = try load(sandbox)
            for id in expected.keys {
                #expect(action(recorded, id).history.last?.by == "alice")
            }
        }
    }

    /// Through the built binary, with two real git clones: a partner's change
    /// arriving by git pull is not a hand edit; an edit by hand is, until recorded.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
    func throughTheBinaryWithTwoGitClones() throws {
        let partners = try GitMergeEndToEndTests.Partners()
        // B's improve writes the plan: B has a baseline.
        #expect(try partners.improve(["update", "LM 8", "--comment", "Audit started"], in: "b").status == 0)
        try partners.git(["commit", "-qam", "B's note"], in: "b")
        try partners.git(["push", "-q", "origin", "HEAD:main"], in: "b")
        try partners.git(["pull", "-q", "--no-rebase", "origin", "main"], in: "a")
        #expect(try partners.improve(["edit", "LM 7", "--text", "Edited by A"], in: "a").status == 0)
        #expect(try partners.improve(["update", "LM 9", "--status", "amber", "--comment", "Slipping"], in: "a").status == 0)
        try partners.git(["commit", "-qam", "A's changes"], in: "a")
        try partners.git(["push", "-q", "origin", "HEAD:main"], in: "a")
        let pull = try partners.git(["pull", "-q", "--no-rebase", "origin", "main"], in: "b")
        #expect(pull.status == 0, "\(pull.stderr)")
        #expect(try partners.planText(in: "b").contains("Edited by A"))
        let clean = try partners.improve(["validate"], in: "b")
        #expect(clean.status == 0 && !clean.stdout.contains("outside improve"), "\(clean.stdout)")

        var text = try partners.planText(in: "b")
        // The action's text only (it comes before the history, whose entry says what A wrote).
        let first = try #require(text.range(of: "Edited by A"))
        text.replaceSubrange(first, with: "Edited by A, then by hand in B")
        try text.write(to: partners.sandbox.folder.appendingPathComponent("b/\(partners.plan)"), atomically: false, encoding: .utf8)
        let warned = try partners.improve(["validate"], in: "b")
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("action LM 7: text changed outside improve without a history entry"))
        #expect(try partners.improve(["show", "LM 7"], in: "b").stdout.contains("note: LM 7's text changed outside improve"))
        let record = try partners.improve(["record", partners.plan, "--by", "alice"], in: "b")
        #expect(record.status == 0 && record.stdout.contains("recorded 1 history entry"))
        #expect(!(try partners.improve(["validate"], in: "b")).stdout.contains("outside improve"))
        #expect(try partners.improve(["undo"], in: "b").stdout.hasPrefix("undid: record hand edits"))
        #expect(try partners.improve(["validate"], in: "b").stdout.contains("action LM 7: text changed outside improve"))
    }
}

extension HandEditTests {
    @Test func theBaselineTakesThePlansPermissions() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let path = sandbox.folder.appendingPathComponent(plan).path
        #expect(chmod(path, 0o640) == 0)
        #expect(try sandbox.run(["update", "LM 8", "--comment", "Audit started", "--plan", plan], environment: Self.user).status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: sandbox.folder.appendingPathComponent("plans/.blackpool-2019.json.recorded").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
    }
}

extension HandEditTests {
    /// Milestones renamed, re-dated, done, added and removed by hand, and a deadline set:
    /// each gets the entry `improve edit` or `update` would have made, and the plan validates.
    @Test func milestoneAndDeadlineEditsByHandAreRecordedAsImproveWouldHave() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        #expect(try sandbox.run(["update", "LM 8", "--comment", "Audit started", "--plan", Self.plan], environment: Self.user).status == 0)
        let before = action(try load(sandbox), "LM 2")
        try editByHand(sandbox) { plan in
            let index = plan.actions.firstIndex { $0.id == "LM 2" }!
            var lm2 = plan.actions[index]
            lm2.milestones[0].title = "Sub groups created and chaired"
            lm2.milestones[1].deadline = .month(CalendarMonth(year: 2019, month: 3)!)
            lm2.milestones[1].completed = CalendarDate(year: 2019, month: 3, day: 4)
            let removed = lm2.milestones.remove(at: 2)
            _ = removed
            lm2.milestones.append(Milestone(title: "Review by the board", deadline: .month(CalendarMonth(year: 2019, month: 9)!)))
            lm2.deadline = .month(CalendarMonth(year: 2019, month: 12)!)
            plan.actions[index] = lm2
        }
        #expect(try handEditWarnings(sandbox).map { $0.contains("action LM 2: deadline, milestones changed") } == [true])
        let record = try sandbox.run(["record", Self.plan, "--comment", "Agreed at the board"], environment: Self.user)
        #expect(record.status == 0, "\(record.stderr)")
        let added = Array(action(try load(sandbox), "LM 2").history.dropFirst(before.history.count))
        #expect(added.compactMap(\.deadlineChange) == [DeadlineChange(from: before.finalDeadline, to: .month(CalendarMonth(year: 2019, month: 12)!), reason: "Agreed at the board")])
        let milestones = added.compactMap(\.milestoneChange)
        #expect(milestones.contains { $0.removed == before.milestones[2] })
        #expect(milestones.contains { $0.added && $0.title == "Review by the board" })
        #expect(milestones.contains { $0.renamedFrom == before.milestones[0].title && $0.title == "Sub groups created and chaired" })
        #expect(milestones.contains { $0.title == before.milestones[1].title && $0.deadlineChange?.to == .month(CalendarMonth(year: 2019, month: 3)!) })
        #expect(milestones.contains { $0.title == before.milestones[1].title && $0.completed == CalendarDate(year: 2019, month: 3, day: 4) })
        #expect(try handEditWarnings(sandbox).isEmpty)
        let check = try sandbox.run(["validate", "--plan", Self.plan])
        #expect(check.status == 0 && check.stdout.contains("0 errors"))
    }
}
