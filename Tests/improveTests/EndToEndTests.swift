import Foundation
import PlanJSON
import PlanKit
import PlanReports
import PlanInterchange
import Testing
@testable import improve

@Suite("improve, run as a user runs it")
struct EndToEndTests {
    @Test func validatePassesOnTheBundledPlans() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        let result = try sandbox.run(["validate"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
        plans/blackpool-2019.json: ok (blackpool-2019: 60 actions, 9 recommendations)
        plans/portsmouth-2014.json: ok (portsmouth-2014: 104 actions, 12 recommendations)
        2 plan files checked: 0 errors, 0 warnings

        """)
    }

    @Test func listFiltersByLeadAndSortsByDeadline() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(["list", "--plan", plan, "--lead", "yot manager", "--as-of", "2019-03-15"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID     STATUS  DEADLINE                        LEAD") == true)
        #expect(lines[1].hasPrefix("1.12   -       Feb 2019 (overdue)              YOT Manager; Head of Criminal Justice; Project, Process and Systems Manager (Police); YJB"))
        // An action whose deadline is still ahead but whose milestone has passed says so.
        #expect(lines.contains { $0.hasPrefix("LM 12  -       Mar 2019 (1 milestone late)") })
        #expect(lines.contains { $0.hasPrefix("LM 7 ") })
        #expect(!lines.contains { $0.hasPrefix("LM 14 ") }, "YOT Service Manager is not 'yot manager'")
        #expect(lines.last == "28 actions, 1 overdue as of 2019-03-15")
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    @Test func listFitsTheWidthItIsGiven() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(["list", "--plan", plan, "--theme", "LM"], environment: ["COLUMNS": "90"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.count <= 90 })
        // Texts wrap in their cells: a row starts with its id, and nothing is cut.
        let rows = lines.dropFirst().filter { !$0.hasPrefix(" ") && !$0.isEmpty }
        #expect(rows.count == 17 + 1, "17 actions and the count line")
        #expect(!result.stdout.contains("…"))
        // Every word of every action's text is there, in its cell.
        let shown = Set(result.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }))
        let texts = try PlanLoader.load(file: sandbox.folder.appendingPathComponent(plan).path, relativeTo: testFolder, today: testToday).plan.actions.filter { $0.theme == "LM" }.map(\.text)
        for text in texts {
            let missing = text.split(separator: " ").filter { !shown.contains($0) }
            #expect(missing.isEmpty, "\(text): \(missing)")
        }
    }

    @Test func listWritesStableJSON() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("portsmouth-2014.json")
        let result = try sandbox.run(["list", "--plan", plan, "--status", "amber", "--format", "json", "--as-of", "2015-04-23"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["asOf"] as? String == "2015-04-23")
        #expect(object["count"] as? Int == 10)
        let actions = try #require(object["actions"] as? [[String: Any]])
        #expect(actions.first?["id"] as? String == "2.4")
        #expect(actions.first?["overdue"] as? Bool == true)
        #expect(actions.first?["daysOverdue"] as? Int == 327)
        #expect(actions.first?["recommendations"] as? [String] == ["Recommendation 3"])
    }

    @Test func showFindsLM7ForgivinglyWithItsRecommendationsAndMilestones() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        let result = try sandbox.run(["show", "lm7", "--as-of", "2019-05-01"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("LM 7  blackpool-2019\nTheme LM: Change led by the Board\n\n"))
        #expect(result.stdout.contains("Answers:          HMIP 8 – Provide further guidance"))
        #expect(result.stdout.contains("                  HMIP 3 – Introduce a process"))
        #expect(result.stdout.contains("Leads:            Head of Service; Service Managers; YOT Manager"))
        #expect(result.stdout.contains("Deadline:         Dec 2019 (latest milestone)"))
        #expect(result.stdout.contains("Status:           no status recorded"))
        #expect(result.stdout.contains("  1. New service manager in post – Apr 2019 – overdue"))
        #expect(result.stdout.contains("  9. Implemented by – Dec 2019\n"))
    }

    @Test func showARecommendationListsTheActionsAnsweringIt() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("portsmouth-2014.json")
        let result = try sandbox.run(["show", "recommendation 11", "--plan", plan, "--as-of", "2015-04-23"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Addressed to:     YOT Manager"))
        #expect(result.stdout.contains("Answered by 8 actions"))
        #expect(result.stdout.contains("  10.7  AMBER   Mar 2015 (overdue)  Ensure timely delivery"))
    }

    @Test func anUnknownIdSuggestsAndExits64() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.runBinary(["show", "LM 71", "--plan", plan])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == "improve: no action \"LM 71\" in blackpool-2019; did you mean LM 7 or LM 17?\n")
    }

    @Test func anAmbiguousIdAsksForThePlan() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        let result = try sandbox.run(["show", "1.1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("name one, e.g. blackpool-2019:1.1"))
        let chosen = try sandbox.run(["show", "portsmouth-2014:1.1"])
        #expect(chosen.status == 0)
        #expect(chosen.stdout.contains("Secure long-term chairing arrangements"))
    }

    @Test(arguments: [
        (["list", "--stauts", "green"], "improve: unknown option '--stauts'; did you mean '--status'?"),
        (["list", "--as-of", "2019-02-30"], "improve: invalid value '2019-02-30' for --as-of: Feb 2019 has 28 days, not 30"),
        (["list", "--format", "xml"], "improve: invalid value 'xml' for --format; use text, json, or csv"),
        (["list", "--sort", "colour"], "improve: invalid value 'colour' for --sort; use deadline, id, status, lead, theme"),
        (["list", "--lead"], "improve: option '--lead' needs a value (TEXT)"),
        (["show"], "improve: missing the id of an action or recommendation"),
    ])
    func usageErrorsNameTheTokenAndShowTheUsageLine(arguments: [String], message: String) throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == message)
        #expect(lines.dropFirst().first?.hasPrefix("usage: improve \(arguments[0])") == true)
    }

    @Test func anUnknownStatusIsAUsageError() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("portsmouth-2014.json")
        let result = try sandbox.run(["list", "--status", "purple"])
        #expect(result.status == 64)
        #expect(result.stderr == "improve: unknown status \"purple\"; use one of BLUE, RED, AMBER, GREEN or \"none\"\n")
    }

    @Test func anUnknownCommandSuggestsTheNearestOne() throws {
        let result = try Sandbox().run(["lst"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("improve: unknown command 'lst'; did you mean 'list'?"))
    }

    @Test func aMissingPlansFolderExits66() throws {
        let result = try Sandbox().runBinary(["list"])
        #expect(result.status == 66)
        #expect(result.stderr == "improve: no plans folder at plans; run improve in the folder that holds plans/, set IMPROVE_PLANS, or name a file with --plan\n")
        let named = try Sandbox().runBinary(["validate", "--plan", "nowhere.json"])
        #expect(named.status == 66)
        #expect(named.stderr == "improve: no plan file at nowhere.json; check the path given to --plan\n")
    }

    @Test func improvePlansNamesTheFolder() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json", into: "elsewhere")
        let result = try sandbox.run(["list", "--theme", "5"], environment: ["IMPROVE_PLANS": "elsewhere"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("5.3"))
    }

    @Test func aBrokenPlanExits65ForCommandsAnd1ForValidate() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plans/broken.json", """
        {"formatVersion": 1, "id": "broken", "title": "B", "organisation": "O",
         "inspection": {"inspectorate": "HMIP", "date": "2019-02-30"},
         "themes": [], "recommendations": [], "actions": [{"id": "X", "theme": "T", "text": "t", "deadline": "Feb 2019"}]}
        """)
        let list = try sandbox.runBinary(["list"])
        #expect(list.status == 65)
        #expect(list.stdout == "")
        #expect(list.stderr.contains("plans/broken.json has 2 errors; fix them and run `improve validate`"))
        #expect(list.stderr.contains("plans/broken.json:2:49: inspection.date: error: \"2019-02-30\" is not a date"))
        #expect(list.stderr.contains("plans/broken.json:3:102: actions[0].deadline: error: \"Feb 2019\" is not a date"))
        let validate = try sandbox.runBinary(["validate"])
        #expect(validate.status == 1)
        #expect(validate.stdout.hasSuffix("1 plan file checked: 2 errors, 0 warnings\n"))
        // With every value of the right shape, the rules between values are checked.
        try sandbox.write("plans/broken.json", """
        {"formatVersion": 1, "id": "broken", "title": "B", "organisation": "O",
         "inspection": {"inspectorate": "HMIP", "date": "2019-02-28"},
         "themes": [], "recommendations": [], "actions": [{"id": "X", "theme": "T", "text": "t", "deadline": "2019-02"}]}
        """)
        let again = try sandbox.run(["validate"])
        #expect(again.stdout.contains("plans/broken.json: actions[0].theme: error: action X: no theme \"T\" in this plan"))
        #expect(again.stdout.hasSuffix("1 plan file checked: 1 error, 1 warning\n"))
    }

    @Test func aSyntaxErrorGivesLineAndColumn() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plans/bad.json", "{\n  \"formatVersion\": 1,\n  \"id\": \"x\"\n  \"title\": \"y\"\n}\n")
        let result = try sandbox.run(["show", "x"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("plans/bad.json:4:3: error: unexpected '\"'; expected ',' or '}' after the value of \"id\""))
    }

    @Test func helpAndVersion() throws {
        let sandbox = try Sandbox()
        let help = try sandbox.runBinary(["--help"])
        #expect(help.status == 0)
        for command in ["list", "show", "validate"] { #expect(help.stdout.contains("\n  \(command) ")) }
        let listHelp = try sandbox.runBinary(["list", "-h"])
        #expect(listHelp.status == 0)
        #expect(listHelp.stdout.contains("usage: improve list"))
        #expect(listHelp.stdout.contains("--due-before DATE"))
        #expect(listHelp.stdout.contains("--plan FILE"))
        let version = try sandbox.runBinary(["--version"])
        #expect(version.stdout == "improve 0.1.0\n")
        let nothing = try sandbox.runBinary([])
        #expect(nothing.status == 64)
        #expect(nothing.stderr.contains("usage: improve <command>"))
    }

    @Test func validateStrictCountsWarningsAndJSONListsProblems() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plans/warned.json", """
        {"formatVersion": 1, "id": "warned", "title": "W", "organisation": "O",
         "inspection": {"inspectorate": "HMIP", "date": "2019-02"},
         "themes": [{"id": "A", "title": "A"}], "recommendations": [{"id": "R1", "text": "r"}],
         "actions": [{"id": "X", "theme": "A", "text": "t", "leads": ["L"], "deadline": "2019-03"}]}
        """)
        let plain = try sandbox.run(["validate"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("plans/warned.json: recommendations[0]: warning: no action answers recommendation R1"))
        let strict = try sandbox.run(["validate", "--strict"])
        #expect(strict.status == 1)
        let json = try sandbox.run(["validate", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 0)
        #expect(object["warnings"] as? Int == 1)
        let files = try #require(object["files"] as? [[String: Any]])
        let problems = try #require(files.first?["problems"] as? [[String: Any]])
        #expect(problems.first?["path"] as? String == "recommendations[0]")
        #expect(problems.first?["severity"] as? String == "warning")
    }

    @Test func showWritesJSONForAnActionAndARecommendation() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("portsmouth-2014.json")
        let action = try sandbox.run(["show", "5.3", "--plan", plan, "--format", "json", "--as-of", "2015-04-23"])
        #expect(action.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(action.stdout.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "action")
        let position = try #require(object["position"] as? [String: Any])
        #expect(position["status"] as? String == "AMBER")
        #expect(position["overdue"] as? Bool == true)
        let stored = try #require(object["action"] as? [String: Any])
        #expect(stored["deadline"] as? String == "2014-12")
        let rec = try sandbox.run(["show", "recommendation 3", "--plan", plan, "--format", "json"])
        let recObject = try #require(try JSONSerialization.jsonObject(with: Data(rec.stdout.utf8)) as? [String: Any])
        #expect(recObject["kind"] as? String == "recommendation")
        #expect((recObject["actions"] as? [[String: Any]])?.count == 7)
    }

    /// Runs improve under a pseudo-terminal with util-linux `script`, where available.
    static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    @Test(.enabled(if: hasScript, "needs util-linux script for a pseudo-terminal"))
    func coloursStatusesOnATerminalUnlessNoColorIsSet() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("portsmouth-2014.json")
        let command = "\(improveBinary.path) list --plan \(plan) --status amber --as-of 2015-04-23"
        let coloured = try sandbox.run(["-qec", command, "/dev/null"], executable: "/usr/bin/script",
                                       environment: ["TERM": "xterm"])
        #expect(coloured.status == 0)
        #expect(coloured.stdout.contains("\u{1B}[33mAMBER"), "AMBER in amber on a terminal")
        let plain = try sandbox.run(["-qec", command, "/dev/null"], executable: "/usr/bin/script",
                                    environment: ["TERM": "xterm", "NO_COLOR": "1"])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("AMBER"))
        #expect(!plain.stdout.contains("\u{1B}[3"))
        let dumb = try sandbox.run(["-qec", command, "/dev/null"], executable: "/usr/bin/script", environment: ["TERM": "dumb"])
        #expect(!dumb.stdout.contains("\u{1B}[3"), "no colour for TERM=dumb")
        let never = try sandbox.run(["-qec", command + " --color never", "/dev/null"], executable: "/usr/bin/script",
                                    environment: ["TERM": "xterm"])
        #expect(!never.stdout.contains("\u{1B}[3"), "--color never")
    }
}

/// "What is mine and overdue?" in one command.
@Suite("A list read for its day")
struct ListReadingTests {
    /// The table reads each plan for its position on the day and drops what it does not show; the CSV
    /// reads plans whole. Both give every action the same status and order, on any day of the history.
    @Test(arguments: ["2014-06-30", "2015-01-01", "2015-03-31", "2015-04-23", "2016-01-01"])
    func theTableAndTheCSVAgreeOnEveryDay(day: String) throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("portsmouth-2014.json")
        let table = try sandbox.run(["list", "--plan", plan, "--as-of", day, "--color", "never"], environment: ["COLUMNS": "250"])
        let csv = try sandbox.run(["list", "--plan", plan, "--as-of", day, "--format", "csv"])
        #expect(table.status == 0 && csv.status == 0)
        // Rows start at the left edge; a cell wrapped onto further lines continues indented.
        let fromTable = table.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().prefix { !$0.isEmpty }
            .filter { !$0.hasPrefix(" ") }.map { line in
            line.split(separator: " ", omittingEmptySubsequences: true).prefix(2).joined(separator: " ")
        }
        let fromCSV = try DelimitedText.records(csv.stdout, separator: ",").dropFirst().map { record in
            "\(record.fields[1]) \(record.fields[3].isEmpty ? "-" : record.fields[3])"
        }
        #expect(fromTable.count == 104 && fromTable == fromCSV)
    }

    @Test func aSearchStillFindsWhatTheTableDoesNotShow() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        // "comprehensive training plan" is in LM 8's sub-points only.
        let result = try sandbox.run(["list", "comprehensive training plan", "--plan", plan, "--color", "never"], environment: ["COLUMNS": "200"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("LM 8 ") && result.stdout.contains("\n1 action"))
    }
}

@Suite("What is mine")
struct MineTests {
    @Test func overdueTakesALeadAndADefaultLeadThatAllSetsAside() throws {
        let box = try sandboxWithExamples()
        let plan = ["--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "-q"]
        let everyone = try box.run(["overdue"] + plan)
        #expect(everyone.stdout == "63 overdue as of 2019-04-10: 14 actions, 49 milestones\n")
        let mine = try box.run(["overdue", "--lead", "yot manager"] + plan)
        #expect(mine.stdout == "29 overdue as of 2019-04-10: 7 actions, 22 milestones\n")
        let byDefault = try box.run(["overdue"] + plan, environment: ["IMPROVE_LEAD": "YOT Manager"])
        // The default narrows the list and says so, so that a cron job under the same account is never misled.
        #expect(byDefault.stdout == "29 overdue as of 2019-04-10: 7 actions, 22 milestones (lead \"YOT Manager\", the default from $IMPROVE_LEAD; --all for every lead)\n")
        let all = try box.run(["overdue", "--all"] + plan, environment: ["IMPROVE_LEAD": "YOT Manager"])
        #expect(all.stdout == everyone.stdout)
        // The config file gives the default when the environment does not.
        try box.write(".config/improve/config", "# my settings\nlead = YOT Manager\n")
        let fromFile = try box.run(["overdue"] + plan)
        #expect(fromFile.stdout.hasPrefix("29 overdue as of 2019-04-10: 7 actions, 22 milestones (lead \"YOT Manager\", the default from /")
                    && fromFile.stdout.hasSuffix("/.config/improve/config; --all for every lead)\n"))
        try box.write(".config/improve/config", "colour = blue\n")
        let bad = try box.run(["overdue"] + plan)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains(".config/improve/config:1: cannot read 'colour = blue'; write 'lead = NAME'"))
    }

    @Test func aLeadNobodyHasIsAUsageError() throws {
        let result = try sandboxWithExamples().run(["overdue", "--lead", "nobody", "--plan", "plans/blackpool-2019.json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no action of the plans loaded has a lead containing \"nobody\""))
    }

    @Test func aDefaultLeadNobodyHasSaysWhereItCameFrom() throws {
        let result = try sandboxWithExamples().run(["overdue", "--plan", "plans/blackpool-2019.json"], environment: ["IMPROVE_LEAD": "Nobody"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("(the lead \"Nobody\" is the default from $IMPROVE_LEAD; give --lead NAME, or --all for everyone's)"))
    }

    @Test func myOverdueListIsGroupedUnderMyLeadOnly() throws {
        let result = try sandboxWithExamples().run(["overdue", "--lead", "YOT Manager", "--plan", "plans/blackpool-2019.json",
                                                    "--as-of", "2019-04-10", "--no-pager"])
        let headings = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.isEmpty }.dropFirst()
        #expect(!headings.isEmpty)
        #expect(headings.allSatisfy { $0.localizedCaseInsensitiveContains("yot manager") }, "\(Array(headings))")
    }

    @Test func summaryAndReportTakeALead() throws {
        let box = try sandboxWithExamples()
        let summary = try box.run(["summary", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "--lead", "yot manager"])
        #expect(summary.stdout.contains("28 actions: 0% complete, 28 with no status recorded."))
        let report = try box.run(["report", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "--lead", "yot manager"])
        #expect(report.stdout.contains("28 actions: 0% complete"))
        #expect(!report.stdout.contains("\n1.12 ") || report.stdout.contains("YOT Manager"))
    }

    @Test func listOverdueCountsOverdueMilestones() throws {
        let list = try sandboxWithExamples().run(["list", "--plan", "plans/blackpool-2019.json", "--overdue", "--as-of", "2019-04-10",
                                                  "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [String: Any]
        let rows = object["actions"] as! [[String: Any]]
        let lm8 = try #require(rows.first { $0["id"] as? String == "LM 8" }, "LM 8's deadline is ahead but a milestone has passed")
        #expect(lm8["overdue"] as? Bool == false)
        #expect(lm8["overdueMilestones"] as? Int == 1)
        let portsmouth = try sandboxWithExamples().run(["list", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23",
                                                        "--format", "json", "10.7"])
        let row = ((try JSONSerialization.jsonObject(with: Data(portsmouth.stdout.utf8)) as! [String: Any])["actions"] as! [[String: Any]])[0]
        #expect(row["statusDate"] as? String == "2015-04-23")
        #expect((row["latestComment"] as? [String: Any])?["comment"] as? String == "Action plan in place to ensure delivery by end of March. Evidence that the reduced waiting time is being maintained will enable this action to go to green. Service Development Manager liaising with YJB to provide evidence. Anticipated sign off date at May 15 Board")
    }
}

@Suite("Colour and help as asked")
struct ColourAndHelpTests {
    @Test func colorAlwaysColoursEvenIntoAFileAndABadValueIsAUsageError() throws {
        let box = try sandboxWithExamples()
        let always = try box.run(["list", "--plan", "plans/portsmouth-2014.json", "--status", "amber", "--as-of", "2015-04-23",
                                  "--color", "always"])
        #expect(always.stdout.contains("\u{1B}[33mAMBER"))
        let bad = try box.run(["list", "--color", "sometimes"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("invalid value 'sometimes' for --color; use auto, always or never"))
    }

    @Test func helpBeforeACommandShowsThatCommandsHelp() throws {
        let box = try Sandbox()
        let help = try box.run(["--help", "list"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("usage: improve list"))
        #expect(try box.run(["help", "list"]).stdout == help.stdout)
    }
}

/// Tables at a terminal's width: at 60, 80 and 120 columns every line of
/// every table fits, texts wrapping in their cells (or, where even that is
/// too wide, each row as a block).
@Suite("Tables at terminal widths")
struct TerminalWidthTests {
    @Test(arguments: [60, 80, 120])
    func everyTableFitsItsWidth(width: Int) throws {
        let box = try sandboxWithExamples()
        for command in [["list", "--plan", "plans/blackpool-2019.json"], ["list", "--lead", "yot manager"], ["list"],
                        ["summary", "--plan", "plans/portsmouth-2014.json", "--group", "rec"], ["summary"],
                        ["report", "--plan", "plans/portsmouth-2014.json"], ["report"],
                        ["overdue", "--plan", "plans/blackpool-2019.json"], ["overdue"], ["log", "--since", "3000"],
                        ["show", "hmip1", "--plan", "plans/blackpool-2019.json"], ["board", "list"]] {
            let result = try box.run(command + ["--as-of", "2019-04-10"], environment: ["COLUMNS": String(width)])
            let long: [String] = result.stdout.split(separator: "\n").map(String.init).filter { $0.count > width }
            #expect(long.isEmpty, "\(command) at \(width): \(long.first.map { String($0) } ?? "")")
        }
    }

    @Test(arguments: [80, 120])
    func theRAGTableFitsByDroppingSharesWhenNarrow(width: Int) throws {
        let result = try sandboxWithExamples().run(["summary", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23"],
                                                   environment: ["COLUMNS": String(width)])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= width }, "\(lines.first { $0.count > width } ?? "")")
        let all = try #require(lines.first { $0.hasPrefix("all ") })
        #expect(all.contains("10 (10%)") == (width == 120), "shares shown only when they fit: \(all)")
        #expect(all.hasSuffix("104    90%"))
    }

    /// The same under a real pseudo-terminal of each width (`script`), colours and all.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")), arguments: [60, 80, 120])
    func everyTableFitsARealTerminal(width: Int) throws {
        let box = try sandboxWithExamples()
        for command in ["list", "list --lead \"yot manager\"", "overdue --plan plans/blackpool-2019.json", "summary", "report",
                        "log --since 3000",
                        "show lm7 --plan plans/blackpool-2019.json"] {
            let line = "stty rows 50 cols \(width); \(improveBinary.path) \(command) --as-of 2019-04-10 --no-pager"
            let result = try box.runBinary(["-c", "script -qec '\(line)' /dev/null < /dev/null"], executable: "/bin/sh", timeout: 30)
            let plain = result.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
                .replacingOccurrences(of: "\r", with: "")
            #expect(plain.contains("\u{1B}") == false)
            let long = plain.split(separator: "\n").filter { $0.count > width }
            #expect(long.isEmpty, "\(command) at \(width): \(long.first.map { String($0) } ?? "")")
            #expect(plain.split(separator: "\n").count > 1, "\(command): \(plain)")
        }
    }

    /// Output longer than the terminal goes through the pager; shorter output, `--no-pager`,
    /// an empty `IMPROVE_PAGER` and output that is not to a terminal do not.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func longOutputIsPagedOnlyAtATerminal() throws {
        let box = try sandboxWithExamples()
        func atTerminal(_ arguments: String, _ environment: String) throws -> String {
            let command = "stty rows 10 cols 100; \(environment) \(improveBinary.path) \(arguments) --as-of 2019-04-10"
            return try box.runBinary(["-c", "script -qec '\(command)' /dev/null < /dev/null"], executable: "/bin/sh", timeout: 20).stdout
        }
        let pager = "IMPROVE_PAGER=\"sed s/^/PAGED:/\""
        let long = try atTerminal("list --plan plans/blackpool-2019.json", pager)
        #expect(long.contains("PAGED:"), "\(long.prefix(200))")
        #expect(long.split(separator: "\n").allSatisfy { $0.hasPrefix("PAGED:") || $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
        #expect(!(try atTerminal("list --plan plans/blackpool-2019.json --no-pager", pager)).contains("PAGED:"))
        #expect(!(try atTerminal("list --plan plans/blackpool-2019.json", "PAGER=\"sed s/^/PAGED:/\" IMPROVE_PAGER=")).contains("PAGED:"))
        // A pager that is not there is not used: the output is written as it is.
        let missing = try atTerminal("list --plan plans/blackpool-2019.json", "IMPROVE_PAGER=no-such-pager")
        #expect(missing.contains("LM 7") && !missing.contains("not found"), "\(missing.prefix(300))")
        let short = try atTerminal("validate --plan plans/blackpool-2019.json", pager)
        #expect(short.contains("ok (blackpool-2019") && !short.contains("PAGED:"), "\(short)")
        let pipe = try box.runBinary(["list", "--plan", "plans/blackpool-2019.json"], environment: ["IMPROVE_PAGER": "sed s/^/PAGED:/"])
        #expect(!pipe.stdout.contains("PAGED:"))
    }

    @Test func theMatchedLeadIsShownFirstSoShorteningNeverHidesIt() throws {
        let result = try sandboxWithExamples().run(["list", "--plan", "plans/blackpool-2019.json", "--lead", "yot manager",
                                                    "--as-of", "2019-04-10"], environment: ["COLUMNS": "80"])
        // A row starts at the left margin; continuation lines of wrapped cells are indented.
        let rows = result.stdout.split(separator: "\n").dropFirst().dropLast().filter { !$0.hasPrefix(" ") }
        #expect(rows.count > 10)
        #expect(rows.allSatisfy { $0.contains("YOT Manager") }, "every row shows the lead it matched")
    }
}

@Suite("Help that teaches")
struct HelpExampleTests {
    /// An example's words as the shell would split them, up to a redirection or `||`.
    func words(_ example: String) -> [String] {
        var words: [String] = [], current = "", quoted = false
        for character in example {
            if character == "\"" { quoted.toggle(); continue }
            if character == " ", !quoted {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return Array(words.prefix { $0 != ">" && $0 != "||" })
    }

    @Test func everyCommandHasExamplesThatItsParserAccepts() throws {
        for command in CommandRegistry.visible {
            let descriptor = command.descriptor
            #expect(!descriptor.examples.isEmpty, "\(descriptor.name) has no examples")
            for example in descriptor.examples {
                let tokens = words(example)
                #expect(tokens.count >= 2 && tokens[0] == "improve" && tokens[1] == descriptor.name, "\(example)")
                let specs = command.options + CommonOptions.specs + [CommonOptions.helpSpec]
                #expect(throws: Never.self, "\(example)") {
                    _ = try ParsedArguments(Array(tokens.dropFirst(2)), options: specs, command: descriptor)
                }
            }
            #expect(CommandRegistry.help(for: command).contains("Examples:\n  " + descriptor.examples[0]))
        }
        #expect(ManualPage.roff(version: "t").contains(".SH EXAMPLES"))
    }

    @Test func addsExamplesRunWhereBothExamplePlansAreLoaded() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        for example in AddCommand.descriptor.examples {
            let result = try sandbox.run(Array(words(example).dropFirst()))
            #expect(result.status == 0, "\(example): \(result.stderr)")
        }
        #expect(try sandbox.run(["validate"]).status == 0)
    }

    @Test func commandsThatWriteOnlyTextRefuseJSON() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        for command in [["undo"], ["new", "x.json", "--id", "x", "--title", "T", "--organisation", "O", "--inspection-date", "2020-01"],
                        ["export", "csv"]] {
            let result = try sandbox.run(command + ["--format", "json"])
            #expect(result.status == 64, "\(command)")
            #expect(result.stderr.hasPrefix("improve: invalid value 'json' for --format; \(command[0]) writes only text\n"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("x.json").path))
    }
}

@Suite("Formats for scripts and email")
struct ScriptFormatTests {
    @Test func listWritesCSVWithWholeTextsAndNumbers() throws {
        let csv = try sandboxWithExamples().run(["list", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23",
                                                 "--status", "amber", "--format", "csv"]).stdout
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0] == "plan,id,theme,status,statusDate,deadline,dueDate,overdue,daysOverdue,overdueMilestones,leads,text,latestComment")
        #expect(lines.count == 11, "a header and the ten AMBER actions")
        #expect(lines[1].hasPrefix("portsmouth-2014,2.4,2,AMBER,2015-03-31,2014-05,2014-05-31,yes,327,0,"))
    }

    @Test func overdueWritesMarkdownAndHTMLForAnEmailAndNothingWhenNothingIsDue() throws {
        let box = try sandboxWithExamples()
        let markdown = try box.run(["overdue", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "markdown"])
        #expect(markdown.status == 1)
        #expect(markdown.stdout.contains("## 10 overdue as of 2015-04-23: 10 actions, 0 milestones"))
        #expect(markdown.stdout.contains("| 1.9 | Oct 2014 | 174 days | AMBER | YOT Board Chair | Develop an induction pack"))
        let html = try box.run(["overdue", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        let nothing = try box.run(["overdue", "--plan", "plans/portsmouth-2014.json", "--as-of", "2014-01-01", "--format", "markdown"])
        #expect(nothing.status == 0)
        #expect(nothing.stdout == "")
    }
}

@Suite("Choosing JSON fields: list --fields")
struct ListFieldsTests {
    @Test func onlyTheChosenFieldsInTheirOrder() throws {
        let box = try sandboxWithExamples()
        let base = ["list", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "--format", "json"]
        let result = try box.run(base + ["--fields", "status,id,afterDeadline"])
        #expect(result.status == 0, "\(result.stderr)")
        let root = try JSONParser.parse(Array(result.stdout.utf8))
        guard case .array(let actions)? = root["actions"], case .object(let first)? = actions.first else {
            Issue.record("no actions in \(result.stdout)")
            return
        }
        #expect(first.map(\.key) == ["status", "id", "afterDeadline"])
        #expect(actions.allSatisfy { if case .object(let members) = $0 { members.count == 3 } else { false } })
        let all = try box.run(base)
        #expect(all.stdout.contains("\"latestComment\""), "without --fields every field is there")
        for (bad, message) in [(["--fields", "id,nope"], "unknown field 'nope' for --fields; use plan, id,"),
                               (["--fields", "id,id"], "the field 'id' is given twice"),
                               (["--fields", ""], "it is blank")] {
            let refused = try box.run(base + bad)
            #expect(refused.status == 64)
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        let text = try box.run(["list", "--fields", "id"])
        #expect(text.status == 64)
        #expect(text.stderr.contains("--fields chooses JSON fields; give --format json too"))
    }
}
