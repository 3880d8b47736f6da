import Foundation
import PlanJSON
import PlanKit
import Testing

/// Conflicts two partners' real git clones make, settled with `improve resolve`.
@Suite("Merge conflicts settled with resolve, in real clones", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
struct ResolveEndToEndTests {
    typealias Partners = GitMergeEndToEndTests.Partners

    @Test func aSettledDeadlineIsRecordedInHistoryAndTheBoardPackListsOneMove() throws {
        let partners = try Partners()
        let pull = try partners.bothRecord(
            a: [["update", "LM 14", "--due", "2019-09", "--reason", "A's reason", "--date", "2019-04-01", "--by", "alice"]],
            b: [["update", "LM 14", "--due", "2019-10", "--reason", "B's reason", "--date", "2019-04-02", "--by", "bob"]])
        #expect(pull.status != 0)
        let resolve = try partners.improve(["resolve", "lm14", "--take", "theirs", "--by", "Carol", "--date", "2019-04-05"], in: "b")
        #expect(resolve.status == 0, "\(resolve.stderr)")
        let show = try partners.improve(["show", "lm14", "--as-of", "2019-04-30"], in: "b").stdout
        #expect(show.contains("Deadline:         Sep 2019"), "\(show)")
        let plan = try PlanLoader.load(file: partners.sandbox.folder.appendingPathComponent("b/\(partners.plan)").path, relativeTo: testFolder, today: testToday).plan
        let newest = try #require(plan.action(id: "LM 14")?.history.last)
        #expect(newest.by == "Carol" && newest.date == CalendarDate(iso: "2019-04-05"))
        #expect(newest.deadlineChange?.from == Deadline(planText: "2019-06") && newest.deadlineChange?.to == Deadline(planText: "2019-09"))
        let report = try partners.improve(["report", "--as-of", "2019-04-30", "--since", "2019-03-31", "--format", "json"], in: "b")
        #expect(report.status == 0, "\(report.stderr)")
        let json = try JSONParser.parse(Array(report.stdout.utf8))
        var moves: [String] = []
        if case .array(let plans)? = json["plans"], case .array(let changes)? = plans.first?["deadlineChanges"] {
            for change in changes where change["id"] == .string("LM 14") {
                moves.append(JSONWriter.compactString(from: change["from"] ?? .null) + "→" + JSONWriter.compactString(from: change["to"] ?? .null))
            }
        }
        #expect(moves == ["\"2019-06\"→\"2019-09\""], "the settlement is the one move: \(moves)")
    }

    @Test func aMilestoneRenamedDifferentlyByTwoPartnersIsOneMilestoneToSettle() throws {
        let partners = try Partners()
        let pull = try partners.bothRecord(
            a: [["edit", "lm8", "--milestone", "1", "--rename", "Skills audit signed off", "--date", "2019-04-01", "--by", "A"]],
            b: [["edit", "lm8", "--milestone", "1", "--rename", "Skills audit done", "--date", "2019-04-02", "--by", "B"]])
        #expect(pull.status != 0, "a conflict, not two milestones")
        #expect(pull.stderr.contains("action LM 8  milestones.Skills audit done.title"), "\(pull.stderr)")
        let resolve = try partners.improve(["resolve", "lm8", "--take", "theirs", "--date", "2019-04-05"], in: "b")
        #expect(resolve.status == 0, "\(resolve.stderr)")
        let plan = try PlanLoader.load(file: partners.sandbox.folder.appendingPathComponent("b/\(partners.plan)").path, relativeTo: testFolder, today: testToday).plan
        let action = try #require(plan.action(id: "LM 8"))
        #expect(action.milestones.map(\.title) == ["Skills audit signed off", "New Workforce Development Strategy", "Training plan delivered and monitored"])
        #expect(action.history.last?.milestoneChange?.renamedFrom == "Skills audit done")
        #expect(try partners.improve(["validate"], in: "b").status == 0)
    }

    @Test func aNoteUndoneByOnePartnerAndCorrectedByTheOtherIsAConflictNotALoss() throws {
        let partners = try Partners()
        #expect(try partners.improve(["update", "lm9", "--comment", "Teh note", "--date", "2019-04-01", "--by", "A"], in: "a").status == 0)
        try partners.git(["commit", "-qam", "A's note"], in: "a")
        try partners.git(["push", "-q", "origin", "HEAD:main"], in: "a")
        try partners.git(["pull", "-q", "origin", "main"], in: "b")
        // A undoes the note and pushes; B, not having pulled that, corrects it by hand, commits, and pulls.
        #expect(try partners.improve(["undo"], in: "a").status == 0)
        try partners.git(["commit", "-qam", "A's undo"], in: "a")
        try partners.git(["push", "-q", "origin", "HEAD:main"], in: "a")
        let file = partners.sandbox.folder.appendingPathComponent("b/\(partners.plan)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("Teh note"))
        try text.replacingOccurrences(of: "Teh note", with: "The note").write(to: file, atomically: true, encoding: .utf8)
        try partners.git(["commit", "-qam", "Typo"], in: "b")
        let merge = try partners.git(["pull", "--no-rebase", "-q", "origin", "main"], in: "b")
        #expect(merge.status != 0, "the correction is not lost silently")
        #expect(merge.stderr.contains("action LM 9  history"), "\(merge.stderr)")
        let resolve = try partners.improve(["resolve", "lm9", "--take", "ours"], in: "b")
        #expect(resolve.status == 0, "\(resolve.stderr)")
        let show = try partners.improve(["show", "lm9", "--as-of", "2019-04-30"], in: "b").stdout
        #expect(show.contains("The note"), "ours (B's correction) stays")
    }

    @Test func actionIdsTypedTheSameAreAConflictTheirsSwapsIn() throws {
        let partners = try Partners()
        let add = ["add", "action", "--theme", "LM", "--lead", "YOT Manager", "--plan", partners.plan]
        let pull = try partners.bothRecord(a: [add + ["--id", "LM 18", "--text", "From A"]],
                                           b: [add + ["--id", "lm18", "--text", "From B"]])
        #expect(pull.status != 0)
        #expect(pull.stderr.contains("action lm18  (added or removed)"), "\(pull.stderr)")
        let resolve = try partners.improve(["resolve", "lm18", "--take", "theirs"], in: "b")
        #expect(resolve.status == 0, "\(resolve.stderr)")
        let plan = try PlanLoader.load(file: partners.sandbox.folder.appendingPathComponent("b/\(partners.plan)").path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.actions.filter { IdentifierMatcher.matches($0.id, "lm18") }.map(\.text) == ["From A"])
        #expect(try partners.improve(["validate"], in: "b").status == 0)
    }
}
