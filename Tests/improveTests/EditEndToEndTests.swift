import Foundation
import PlanKit
import Testing

@Suite("Correcting plans from the terminal: edit, withdraw, reinstate, board")
struct EditEndToEndTests {
    func contents(_ sandbox: Sandbox, _ plan: String) throws -> String {
        try String(contentsOf: sandbox.folder.appendingPathComponent(plan), encoding: .utf8)
    }

    @Test func anEditIsShownInWordsAndUndoneInOneStep() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let before = try contents(sandbox, plan)
        let edit = try sandbox.run(["edit", "lm7", "--text", "Police to identify a named officer for every case",
                                    "--add-lead", "Sam Smith", "--add-sub-point", "Monthly check", "--link", "HMIP 2",
                                    "--add-milestone", "Review with police", "--milestone-due", "2019-11",
                                    "--date", "2019-05-01", "--by", "Jo", "--plan", plan])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout == "blackpool-2019  LM 7  text \"Implement tighter management grip and…\" → \"Police to identify a named officer for…\"; "
            + "sub-point added: \"Monthly check\"; recommendation linked: HMIP 2; lead added: Sam Smith; "
            + "milestone \"Review with police\" added  recorded 2019-05-01 by Jo\n")
        let show = try sandbox.run(["show", "lm7", "--plan", plan, "--as-of", "2019-05-31"]).stdout
        #expect(show.hasPrefix("LM 7  blackpool-2019\nTheme LM: Change led by the Board\n\nPolice to identify a named officer for every case\n"))
        #expect(show.contains("  2019-05-01  lead added: Sam Smith  by Jo\n"))
        #expect(show.contains("  2019-05-01  milestone \"Review with police\" added  by Jo\n"))
        #expect(show.contains("Review with police – Nov 2019"))
        let json = try sandbox.run(["show", "lm7", "--plan", plan, "--as-of", "2019-05-31", "--format", "json"]).stdout
        #expect(json.contains("\"edit\": {"))
        #expect(json.contains("\"field\": \"text\""))
        let log = try sandbox.run(["log", "--plan", plan, "--as-of", "2019-05-31", "--since", "2019-04-30"]).stdout
        #expect(log.contains("recommendation linked: HMIP 2"))
        #expect(try sandbox.run(["validate", "--plan", plan]).status == 0)

        let undo = try sandbox.run(["undo", "--plan", plan])
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(try contents(sandbox, plan) == before)
    }

    @Test func aMilestoneIsRedatedWithAReasonAndRenamedOrRemoved() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let redate = try sandbox.run(["edit", "lm8", "--milestone", "1", "--milestone-due", "2019-06", "--reason", "Auditor ill",
                                      "--date", "2019-05-01", "--by", "Jo", "--plan", plan])
        #expect(redate.status == 0, "\(redate.stderr)")
        #expect(redate.stdout == "blackpool-2019  LM 8  milestone \"Skills audit complete\" due Feb 2019 → Jun 2019 (Auditor ill)  recorded 2019-05-01 by Jo\n")
        let rename = try sandbox.run(["edit", "lm8", "--milestone", "skills audit", "--rename", "Skills audit signed off",
                                      "--date", "2019-05-02", "--by", "Jo", "--plan", plan])
        #expect(rename.stdout.contains("milestone \"Skills audit complete\" renamed \"Skills audit signed off\""))
        let remove = try sandbox.run(["edit", "lm8", "--milestone", "2", "--remove", "--reason", "Merged into the audit",
                                      "--date", "2019-05-03", "--by", "Jo", "--plan", plan])
        #expect(remove.status == 0, "\(remove.stderr)")
        let show = try sandbox.run(["show", "lm8", "--plan", plan, "--as-of", "2019-05-31"], environment: ["COLUMNS": "200"]).stdout
        #expect(show.contains("  2019-05-03  milestone \""))
        #expect(show.contains(" removed (was due "))
        #expect(show.contains("    Merged into the audit\n"))
        #expect(try sandbox.run(["validate", "--plan", plan]).status == 0)
    }

    /// Each mistake is refused with 64, a sentence naming the option, and the file untouched.
    static let mistakes: [(arguments: [String], message: String)] = [
        (["edit", "lm8"], "nothing to edit"),
        (["edit", "lm8", "--remove-lead", "Nobody"], "LM 8 has no lead \"Nobody\""),
        (["edit", "lm8", "--milestone", "1", "--milestone-due", "2019-06"], "--milestone-due needs --reason"),
        (["edit", "lm8", "--milestone", "1", "--reason", "why"], "--reason goes with --milestone-due"),
        (["edit", "lm8", "--rename", "New"], "need --milestone N|TITLE"),
        (["edit", "lm8", "--milestone", "9", "--remove"], "no milestone \"9\" in LM 8"),
        (["edit", "lm8", "--milestone", "1", "--remove", "--rename", "x"], "--remove cannot be used with --rename"),
        (["edit", "lm8", "--add-milestone", "x", "--milestone", "1"], "cannot be used together"),
        (["edit", "lm8", "--link", "HMIP 99"], "no recommendation \"HMIP 99\""),
        (["edit", "lm8", "--success", "x", "--remove-success"], "cannot be used together"),
        (["edit", "lm8", "--text", "  "], "it is blank"),
        (["edit", "lm5", "--add-milestone", "Late step", "--milestone-due", "2030-01"], "after the action's deadline"),
        (["edit", "HMIP 1", "--text", "x"], "HMIP 1 is a recommendation"),
        (["withdraw", "lm8"], "missing --reason"),
        (["reinstate", "lm8"], "LM 8 is not withdrawn"),
        (["board", "add"], "add needs the meeting's date"),
        (["board", "add", "2019-02-30"], "2019-02-30"),
        (["board", "move", "2019-07-01"], "unknown board action 'move'"),
        (["withdraw", "lm8", "--reason", "\u{200B}"], "it is blank"),
        (["edit", "lm8", "--add-lead", "\u{2060} "], "it is blank"),
        (["edit", "lm8", "--remove-lead", "YJB", "--add-lead", "YJB"], "the leads would be as they are"),
        (["edit", "lm8", "--text", "x", "--as-of", "2019-05-01"], "--as-of is for reading a plan"),
    ]

    @Test(arguments: mistakes.indices)
    func mistakesAreRefusedAndWriteNothing(index: Int) throws {
        let (arguments, message) = Self.mistakes[index]
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let before = try contents(sandbox, plan)
        let result = try sandbox.run(arguments + ["--plan", plan, "--date", "2019-05-01"].filter { arguments[0] != "board" || $0 == "--plan" || $0 == plan })
        #expect(result.status == 64 || result.status == 65, "\(arguments)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stdout == "")
        #expect(try contents(sandbox, plan) == before)
    }

    @Test func changesCannotBeDatedBeforeALaterChangeOfTheAction() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        #expect(try sandbox.run(["edit", "lm8", "--text", "B", "--date", "2019-05-01", "--plan", plan]).status == 0)
        let before = try contents(sandbox, plan)
        let earlier = try sandbox.run(["edit", "lm8", "--text", "C", "--date", "2019-03-01", "--plan", plan])
        #expect(earlier.status == 64)
        #expect(earlier.stderr.contains("LM 8 has a change recorded on 2019-05-01, after this one's date"))
        let withdraw = try sandbox.run(["withdraw", "lm8", "--reason", "r", "--date", "2019-04-01", "--plan", plan])
        #expect(withdraw.status == 64)
        let reassign = try sandbox.run(["reassign", "lm8", "--from", "YJB", "--to", "X", "--date", "2019-04-01", "--plan", plan])
        #expect(reassign.status == 64)
        #expect(reassign.stderr.contains("blackpool-2019 LM 8 has a change recorded on 2019-05-01, after --date 2019-04-01"))
        #expect(try sandbox.run(["withdraw", "lm8", "--reason", "r", "--date", "2019-06-01", "--plan", plan]).status == 0)
        #expect(try sandbox.run(["reinstate", "lm8", "--date", "2019-07-01", "--plan", plan]).status == 0)
        // Progress in the time it was withdrawn is refused.
        let inside = try sandbox.run(["update", "lm8", "--comment", "x", "--date", "2019-06-15", "--plan", plan])
        #expect(inside.status == 64)
        #expect(inside.stderr.contains("LM 8 was withdrawn on 2019-06-01"))
        #expect(try contents(sandbox, plan) != before, "the later changes were written")
    }

    @Test func linksThatAreNotRecommendationsCanBeUnlinked() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let loaded = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder, today: testToday).plan
        let action = try #require(loaded.actions.first { !$0.otherLinks.isEmpty })
        let result = try sandbox.run(["edit", action.id, "--unlink", action.otherLinks[0].uppercased(), "--date", "2019-05-01", "--plan", plan])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("other link removed: \"\(action.otherLinks[0])\""))
        // Portsmouth links whole objectives: such a link is the theme's.
        let portsmouth = try sandbox.copyExample("portsmouth-2014.json")
        let theme = try sandbox.run(["edit", "1.1", "--link", "Recommendation 1", "--date", "2019-05-01", "--plan", portsmouth])
        #expect(theme.status == 64)
        #expect(theme.stderr.contains("1.1 answers Recommendation 1 through its theme 1"), "\(theme.stderr)")
    }

    @Test func aWithdrawnActionLeavesOverdueAndTheCountsAndIsListedInThePack() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let overdueBefore = try sandbox.run(["overdue", "--plan", plan, "--as-of", "2019-06-30"]).stdout
        #expect(overdueBefore.contains("LM 12"))
        let withdraw = try sandbox.run(["withdraw", "lm12", "--reason", "Superseded by LM 14", "--date", "2019-05-04",
                                        "--by", "Jo", "--plan", plan])
        #expect(withdraw.status == 0, "\(withdraw.stderr)")
        #expect(withdraw.stdout == "blackpool-2019  LM 12  withdrawn  recorded 2019-05-04 by Jo\n")
        #expect(!(try sandbox.run(["overdue", "--plan", plan, "--as-of", "2019-06-30"]).stdout.contains("LM 12")))
        let list = try sandbox.run(["list", "--plan", plan, "--as-of", "2019-06-30", "--format", "csv"]).stdout
        #expect(list.contains("blackpool-2019,LM 12,LM,withdrawn,"))
        let withdrawn = try sandbox.run(["list", "--plan", plan, "--as-of", "2019-06-30", "--status", "withdrawn", "--format", "csv"]).stdout
        // One row (CSV lines end in CRLF, one Character in Swift, so rows are counted by their plan cell).
        #expect(withdrawn.components(separatedBy: "blackpool-2019,").count == 2 && withdrawn.contains("blackpool-2019,LM 12,"))
        #expect(!(try sandbox.run(["list", "--plan", plan, "--as-of", "2019-06-30", "--status", "none"]).stdout.contains("LM 12 ")))
        let calendar = try sandbox.run(["export", "ics", "--plan", plan, "--as-of", "2019-06-30"]).stdout
        #expect(!calendar.contains("SUMMARY:LM 12 "))
        let update = try sandbox.run(["update", "lm12", "--comment", "x", "--plan", plan])
        #expect(update.status == 64)
        #expect(update.stderr.contains("LM 12 was withdrawn on 2019-05-04; reinstate it first"))
        let report = try sandbox.run(["report", "--plan", plan, "--as-of", "2019-06-30"]).stdout
        #expect(report.contains("Withdrawn actions (1)"))
        #expect(report.contains("withdrawn 2019-05-04 by Jo: Superseded by LM 14"))
        #expect(report.contains("(1 withdrawn action is not counted)"))
        let show = try sandbox.run(["show", "lm12", "--plan", plan, "--as-of", "2019-06-30"]).stdout
        #expect(show.contains("Withdrawn:        on 2019-05-04 by Jo: Superseded by LM 14"))

        let reinstate = try sandbox.run(["reinstate", "lm12", "--comment", "Needed after all", "--date", "2019-06-01",
                                         "--by", "Jo", "--plan", plan])
        #expect(reinstate.status == 0, "\(reinstate.stderr)")
        #expect(try sandbox.run(["overdue", "--plan", plan, "--as-of", "2019-06-30"]).stdout.contains("LM 12"))
        // As of a day in between, it was withdrawn.
        #expect(!(try sandbox.run(["overdue", "--plan", plan, "--as-of", "2019-05-20"]).stdout.contains("LM 12")))
    }

    @Test func boardMeetingsAreListedAddedRemovedAndUndone() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        _ = try sandbox.copyExample("portsmouth-2014.json")
        let before = try contents(sandbox, plan)
        let several = try sandbox.run(["board", "add", "2019-07-18"])
        #expect(several.status == 64)
        #expect(several.stderr.contains("2 plans are loaded; name the one whose board this is with --plan"))
        let add = try sandbox.run(["board", "add", "2019-07-18", "--plan", plan])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "blackpool-2019  board meeting 2019-07-18 added\n")
        let again = try sandbox.run(["board", "add", "2019-07-18", "--plan", plan])
        #expect(again.status == 64)
        #expect(again.stderr.contains("a board meeting on 2019-07-18 is already recorded"))
        let list = try sandbox.run(["board", "list", "--plan", plan, "--as-of", "2019-06-30"]).stdout
        #expect(list.contains("  2019-07-18  next\n"))
        let json = try sandbox.run(["board", "list", "--plan", plan, "--format", "json"]).stdout
        #expect(json.contains("\"2019-07-18\""))
        let undo = try sandbox.run(["undo", "--plan", plan])
        #expect(undo.stdout == "undid: blackpool-2019  board meeting 2019-07-18 added\n")
        #expect(try contents(sandbox, plan) == before)
        let remove = try sandbox.run(["board", "remove", "2019-07-19", "--plan", plan])
        #expect(remove.status == 64)
        #expect(remove.stderr.contains("no board meeting on 2019-07-19"))
    }
}
