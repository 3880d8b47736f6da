import Foundation
import Testing
@testable import improve
import PlanKit

/// What a hostile tester found: odd names and odd bytes that a command took
/// without a word and then acted as if they were not there.
@Suite struct HostileInputTests {
    /// `new plans/.json` (or `.draft.json`) made a hidden file that the plans folder
    /// passes over: "created", then "no plan files (*.json) in plans". Refused now, nothing made.
    @Test(arguments: [".json", ".draft.json"])
    func aPlanIsNotCreatedUnderAHiddenName(_ name: String) throws {
        let sandbox = try Sandbox()
        try sandbox.write("plans/.keep", "")
        let new = try sandbox.run(["new", "plans/\(name)", "--id", "draft", "--title", "Draft", "--organisation", "O",
                                   "--inspection-date", "2019-01"])
        #expect(new.status == 64, "\(new.stdout)\(new.stderr)")
        #expect(new.stderr.contains("plans/\(name) is a hidden file's name (it starts with '.'), which a plans folder passes over"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/\(name)").path))

        try sandbox.write("actions.csv", "ID,Theme,Action\n1.1,1,Do it\n")
        let imported = try sandbox.run(["import", "actions.csv", "--out", "plans/\(name)", "--organisation", "O",
                                        "--inspection-date", "2019-01"])
        #expect(imported.status == 64, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stderr.contains("--out plans/\(name) is a hidden file's name"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/\(name)").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.folder.appendingPathComponent("plans").path) == [".keep"])
    }

    /// A plan named `a.json` beside hidden ones is still the folder's one plan.
    @Test func theFolderStillListsOnlyVisiblePlans() {
        #expect(PlanLoader.isPlanFileName("a.json"))
        #expect(PlanLoader.isPlanFileName("a..json"))
        #expect(!PlanLoader.isPlanFileName(".json"))
        #expect(!PlanLoader.isPlanFileName(".a.json"))
        #expect(!PlanLoader.isPlanFileName("plan.schema.json"))
        #expect(!PlanLoader.isPlanFileName("a.json.valid"))
    }

    /// A `.gitattributes` (or git config) holding a Latin-1 byte, as git allows, was passed
    /// over whole: a clone whose `git pull` would fail for want of the merge driver was told nothing.
    @Test func aLatin1ByteInGitsFilesDoesNotSilenceTheSetUpNote() throws {
        let sandbox = try Sandbox()
        let initialised = try sandbox.runBinary(["init", "-q", "."], executable: "/usr/bin/git")
        #expect(initialised.status == 0, "\(initialised.stderr)")
        try sandbox.copyExample("blackpool-2019.json")
        let attributes = sandbox.folder.appendingPathComponent(".gitattributes")
        try Data("# Jos\u{E9}'s plans\nplans/*.json merge=improve\n".data(using: .isoLatin1)!).write(to: attributes)
        let list = try sandbox.run(["list"])
        #expect(list.status == 0)
        #expect(list.stderr.contains("does not say how to run it"), "\(list.stderr)")

        // Set up before the criss-cross driver, with a Latin-1 name in the config: told to set up again.
        let config = sandbox.folder.appendingPathComponent(".git/config")
        var text = try Data(contentsOf: config)
        text.append("[user]\n\tname = Jos\u{E9}\n[merge \"improve\"]\n\tdriver = improve merge-file %O %A %B\n".data(using: .isoLatin1)!)
        try text.write(to: config)
        let again = try sandbox.run(["list"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("run `improve git-setup` again"), "\(again.stderr)")
    }

    /// `update A:X1` for plan `a` said "no plan "A" loaded (loaded: a, b)" while `reassign A:X1` took it.
    @Test func aPlanIsNamedInAnyCaseByUpdate() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plans/.keep", "")
        for plan in ["a", "b"] {
            let new = try sandbox.run(["new", "plans/\(plan).json", "--id", plan, "--title", "T", "--organisation", "O",
                                       "--inspection-date", "2019-01"])
            #expect(new.status == 0, "\(new.stderr)")
            #expect(try sandbox.run(["add", "theme", "--id", "T", "--title", "T", "--plan", "plans/\(plan).json"]).status == 0)
            #expect(try sandbox.run(["add", "action", "--id", "X1", "--theme", "T", "--text", "x", "--plan", "plans/\(plan).json"]).status == 0)
        }
        let update = try sandbox.run(["update", "A:X1", "--comment", "named in capitals"], environment: ["IMPROVE_TODAY": "2019-06-01"])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.hasPrefix("a  X1  note  recorded 2019-06-01 by "), "\(update.stdout)")
        #expect(try String(contentsOf: sandbox.folder.appendingPathComponent("plans/a.json"), encoding: .utf8).contains("named in capitals"))
        #expect(try !String(contentsOf: sandbox.folder.appendingPathComponent("plans/b.json"), encoding: .utf8).contains("named in capitals"))
    }

    /// A plan edited by hand into an error was named by its absolute real path by the commands that
    /// change it (`/tmp/…/plans/a.json:22:27: error: …`) and as typed by those that read it.
    @Test(arguments: [["update", "lm8", "--comment", "x"], ["edit", "lm8", "--evidence", "e"],
                      ["withdraw", "lm8", "--reason", "r"], ["record", "plans/blackpool-2019.json"]])
    func aBrokenPlanIsNamedAsTypedByTheCommandsThatChangeIt(_ arguments: [String]) throws {
        let sandbox = try Sandbox()
        let file = try sandbox.copyExample("blackpool-2019.json")
        let url = sandbox.folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "\"id\": \"blackpool-2019\",", with: "\"id\": \"blackpool-2019\" broken,")
        #expect(broken != text)
        try broken.write(to: url, atomically: false, encoding: .utf8)
        let shown = try sandbox.run(["show", "lm8"])
        #expect(shown.status == 65)
        #expect(shown.stderr.hasPrefix("improve: plans/blackpool-2019.json has 1 error"), "\(shown.stderr)")
        let changed = try sandbox.run(arguments)
        #expect(changed.status == 65, "\(changed.stderr)")
        #expect(changed.stderr == shown.stderr)
        #expect(!changed.stderr.contains(sandbox.folder.path))
        #expect(try String(contentsOf: url, encoding: .utf8) == broken, "the plan is left as the hand edit made it")
    }
}
