import Foundation
import Testing
@testable import improve
import PlanKit
import PlanStorage
import TestSupport

/// A change by id in the default `plans` folder resolves the id over the
/// plans' ids (``PlanFolderIndex``): a plan `improve` last wrote after a
/// whole check is not read whole to find out that it does not hold the id.
@Suite("A change by id in the plans folder")
struct FolderFastPathTests {
    /// Runs a command in this process (where the task-local hook is seen), noting the plans read whole.
    func run(_ arguments: [String], in sandbox: Sandbox) -> (result: CommandResult, wholeReads: [String]) {
        let seen = WholeReads()
        let result = PlanFolderIndex.$wholeReads.withValue(seen.note) {
            InProcess.run(arguments, in: sandbox.folder, environment: sandbox.environment([:]))
        }
        return (result, seen.files)
    }

    @Test func anUpdateByIdReadsTheOtherPlansForTheirIdsOnceImproveHasCheckedThem() throws {
        let sandbox = try Sandbox()
        let blackpool = try sandbox.copyExample("blackpool-2019.json")
        let portsmouth = try sandbox.copyExample("portsmouth-2014.json")
        // Fresh from git: nothing says the plans are valid, so both are read whole.
        let first = run(["update", "lm7", "--comment", "First", "--date", "2019-04-01"], in: sandbox)
        #expect(first.result.status == 0, "\(first.result.stderr)")
        #expect(first.wholeReads == [blackpool, portsmouth])
        // Portsmouth is still as it came; blackpool was written after a whole check.
        // (Named by the start of its plan's id, resolved over every plan's ids; the exact id reads only heads, below.)
        let second = run(["update", "portsmouth:1.1", "--comment", "Second", "--date", "2019-04-01"], in: sandbox)
        #expect(second.result.status == 0, "\(second.result.stderr)")
        #expect(second.wholeReads == [portsmouth])
        // Both now written by improve: neither is read whole, and the change lands as before.
        let third = run(["update", "portsmouth:1.2", "--comment", "Third", "--date", "2019-04-02"], in: sandbox)
        #expect(third.result.status == 0, "\(third.result.stderr)")
        #expect(third.wholeReads == [])
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(portsmouth).path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.action(id: "1.2")?.history.last?.comment == "Third")
        // A mistyped id is answered as a whole read answers it.
        let missing = run(["update", "lm71", "--comment", "Nowhere"], in: sandbox)
        #expect(missing.result.status == 64)
        #expect(missing.result.stderr.hasPrefix("improve: no action \"lm71\" in blackpool-2019 or portsmouth-2014; did you mean blackpool-2019:LM 7"))
        #expect(missing.wholeReads == [])
    }

    @Test func aPlanEditedByHandIsReadWholeAndABrokenOneReportedAsBefore() throws {
        let sandbox = try Sandbox()
        let blackpool = try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        #expect(run(["update", "lm7", "--comment", "First", "--date", "2019-04-01"], in: sandbox).result.status == 0)
        #expect(run(["update", "portsmouth-2014:1.1", "--comment", "Second", "--date", "2019-04-01"], in: sandbox).result.status == 0)
        // Broken by hand after improve checked it: its check no longer stands.
        let path = sandbox.folder.appendingPathComponent(blackpool).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try String(text.dropLast(3)).write(toFile: path, atomically: false, encoding: .utf8)
        let broken = run(["update", "portsmouth:1.2", "--comment", "Third", "--date", "2019-04-02"], in: sandbox)
        #expect(broken.wholeReads == [blackpool])
        #expect(broken.result.status == 65)
        #expect(broken.result.stderr.hasPrefix("improve: \(blackpool) has 1 error; fix it and run `improve validate`:"), "\(broken.result.stderr)")
        // An id that names its plan reads only that plan: the broken one does not stop it (validate reports it).
        let named = run(["update", "portsmouth-2014:1.2", "--comment", "Third", "--date", "2019-04-02"], in: sandbox)
        #expect(named.result.status == 0, "\(named.result.stderr)")
        #expect(named.wholeReads == [])
        let shown = run(["show", "portsmouth-2014:1.2", "--as-of", "2019-04-03"], in: sandbox)
        #expect(shown.result.status == 0 && shown.result.stdout.contains("Third"), "\(shown.result.stderr)")
        #expect(run(["validate"], in: sandbox).result.status == 1)
    }

    @Test func anIdThatNamesItsPlanReadsOnlyTheHeadsOfTheOtherFiles() throws {
        let sandbox = try Sandbox()
        let blackpool = try sandbox.copyExample("blackpool-2019.json")
        let portsmouth = try sandbox.copyExample("portsmouth-2014.json")
        let folder = sandbox.folder.appendingPathComponent("plans").path
        let files = [blackpool, portsmouth].map { sandbox.folder.appendingPathComponent($0).path }
        // Fresh from git, never checked: still only the heads are read, and the file is the plan's.
        let found = try #require(PlanFolderIndex.fileNamedByPlan("portsmouth-2014: 1.2", in: files, relativeTo: testFolder))
        #expect(found.file.path == files[1] && found.rest == "1.2" && found.file.planID == "portsmouth-2014")
        let fresh = run(["update", "portsmouth-2014:1.2", "--comment", "Fresh", "--date", "2019-04-02"], in: sandbox)
        #expect(fresh.result.status == 0 && fresh.wholeReads == [], "\(fresh.result.stderr)")
        // Not the plan's exact id (a start of it, another case, no colon): resolved over every plan, as before.
        for typed in ["portsmouth:1.2", "PORTSMOUTH-2014:1.2", "1.2", ":1.2", "nowhere:1.2"] {
            #expect(PlanFolderIndex.fileNamedByPlan(typed, in: files, relativeTo: testFolder) == nil, "\(typed)")
        }
        // Two files claiming one plan id: the whole read's refusal, naming both, as before.
        try FileManager.default.copyItem(atPath: files[1], toPath: folder + "/copy.json")
        #expect(PlanFolderIndex.fileNamedByPlan("portsmouth-2014:1.2", in: files + [folder + "/copy.json"], relativeTo: testFolder) == nil)
        let twice = run(["update", "portsmouth-2014:1.2", "--comment", "Twice"], in: sandbox)
        #expect(twice.result.status == 65 && twice.result.stderr.contains("copy.json"), "\(twice.result.stderr)")
        try FileManager.default.removeItem(atPath: folder + "/copy.json")
        // A file whose head cannot be read for sure (here: not JSON at all): every plan is resolved as before.
        try Data("not a plan".utf8).write(to: URL(fileURLWithPath: folder + "/zz-broken.json"))
        #expect(PlanFolderIndex.fileNamedByPlan("portsmouth-2014:1.2", in: files + [folder + "/zz-broken.json"], relativeTo: testFolder) == nil)
        let unsure = run(["update", "portsmouth-2014:1.2", "--comment", "Unsure"], in: sandbox)
        #expect(unsure.result.status == 65 && unsure.result.stderr.contains("zz-broken.json"), "\(unsure.result.stderr)")
    }

    @Test func showByIdReadsOnlyThePlanThatHasItOnceImproveHasCheckedThem() throws {
        let sandbox = try Sandbox()
        let blackpool = try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        #expect(run(["update", "lm7", "--comment", "First", "--date", "2019-04-01"], in: sandbox).result.status == 0)
        #expect(run(["update", "portsmouth-2014:1.1", "--comment", "Second", "--date", "2019-04-01"], in: sandbox).result.status == 0)
        let shown = run(["show", "lm7", "--as-of", "2019-04-02"], in: sandbox)
        #expect(shown.result.status == 0)
        #expect(shown.wholeReads == [])
        // What reading the one plan whole shows.
        let whole = run(["show", "lm7", "--as-of", "2019-04-02", "--plan", blackpool], in: sandbox)
        #expect(shown.result.stdout == whole.result.stdout && shown.result.stdout.contains("First"))
        let recommendation = run(["show", "blackpool:hmip8", "--as-of", "2019-04-02", "--format", "json"], in: sandbox)
        #expect(recommendation.result.status == 0 && recommendation.wholeReads == [])
        #expect(recommendation.result.stdout == run(["show", "hmip8", "--as-of", "2019-04-02", "--format", "json", "--plan", blackpool],
                                                    in: sandbox).result.stdout)
    }

    @Test func aReassignmentOfNamedActionsReadsWholeOnlyThePlansThatHoldThem() throws {
        let sandbox = try Sandbox()
        let blackpool = try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        let fresh = run(["reassign", "lm1", "--from", "Board Chair", "--to", "Sam Smith", "--dry-run"], in: sandbox)
        #expect(fresh.result.stdout == "would change: blackpool-2019  LM 1  lead Board Chair → Sam Smith\n1 action in 1 plan; nothing was written\n")
        #expect(fresh.wholeReads.count == 2, "nothing says the plans are valid yet: both read whole")
        #expect(run(["update", "lm7", "--comment", "First", "--date", "2019-04-01"], in: sandbox).result.status == 0)
        #expect(run(["update", "portsmouth-2014:1.1", "--comment", "Second", "--date", "2019-04-01"], in: sandbox).result.status == 0)
        let checked = run(["reassign", "lm1", "--from", "Board Chair", "--to", "Sam Smith", "--date", "2019-04-02"], in: sandbox)
        #expect(checked.result.status == 0, "\(checked.result.stderr)")
        #expect(checked.wholeReads == [])
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(blackpool).path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.action(id: "LM 1")?.leads == ["Sam Smith"])
        // An id no plan holds is refused as before.
        let none = run(["reassign", "lm99", "--from", "Board Chair", "--to", "Sam Smith"], in: sandbox)
        #expect(none.result.stderr.hasPrefix("improve: no action among lm99 has the lead \"Board Chair\""))
        #expect(none.wholeReads == [])
    }

    @Test func undoAcrossTheFolderReadsOnlyThePlansThatHaveAJournal() throws {
        let sandbox = try Sandbox()
        let blackpool = try sandbox.copyExample("blackpool-2019.json")
        let portsmouth = try sandbox.copyExample("portsmouth-2014.json")
        let original = try Data(contentsOf: sandbox.folder.appendingPathComponent(portsmouth))
        #expect(run(["update", "portsmouth-2014:1.1", "--comment", "Second", "--date", "2019-04-01"], in: sandbox).result.status == 0)
        // Blackpool, never changed by improve, is broken by hand: it has nothing to undo, and is not read.
        let path = sandbox.folder.appendingPathComponent(blackpool).path
        try String(try String(contentsOfFile: path, encoding: .utf8).dropLast(3)).write(toFile: path, atomically: false, encoding: .utf8)
        let undone = run(["undo"], in: sandbox)
        #expect(undone.result.status == 0, "\(undone.result.stderr)")
        #expect(undone.result.stdout.hasPrefix("undid: portsmouth-2014"), "\(undone.result.stdout)")
        #expect(try Data(contentsOf: sandbox.folder.appendingPathComponent(portsmouth)) == original)
        // With nothing left to undo, the folder's broken plan is not "nothing to undo" silently: validate names it.
        #expect(run(["validate"], in: sandbox).result.stdout.contains(blackpool))
    }

    @Test func aReassignmentOfIdsThatNameTheirPlansReadsOnlyThosePlans() throws {
        let sandbox = try Sandbox()
        let blackpool = try sandbox.copyExample("blackpool-2019.json")
        let portsmouth = try sandbox.copyExample("portsmouth-2014.json")
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(portsmouth).path, relativeTo: testFolder, today: testToday).plan
        let lead = try #require(plan.action(id: "1.1")?.leads.first)
        // Blackpool broken by hand: a reassignment of Portsmouth's actions named by their plan neither reads nor minds it.
        let path = sandbox.folder.appendingPathComponent(blackpool).path
        try String(try String(contentsOfFile: path, encoding: .utf8).dropLast(3)).write(toFile: path, atomically: false, encoding: .utf8)
        let named = run(["reassign", "portsmouth-2014:1.1", "--from", lead, "--to", "Sam Smith", "--date", "2019-04-02"], in: sandbox)
        #expect(named.result.status == 0, "\(named.result.stderr)")
        #expect(named.result.stdout.contains("portsmouth-2014  1.1  lead \(lead) → Sam Smith"), "\(named.result.stdout)")
        #expect(named.wholeReads == [])
        let after = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(portsmouth).path, relativeTo: testFolder, today: testToday).plan
        #expect(after.action(id: "1.1")?.leads.contains("Sam Smith") == true)
        // A bare id may be in any plan: every plan is read, and the broken one stops it, as before.
        let bare = run(["reassign", "1.2", "--from", lead, "--to", "Sam Smith"], in: sandbox)
        #expect(bare.result.status == 65 && bare.result.stderr.contains(blackpool), "\(bare.result.stderr)")
    }
}
