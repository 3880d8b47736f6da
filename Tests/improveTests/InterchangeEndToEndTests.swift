import Foundation
import PlanKit
import PlanReports
import Testing
@testable import improve

/// A fixture file's path in `Tests/improveTests/Fixtures` (read, never written).
func fixturePath(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/improveTests/Fixtures/\(name)").path
}

@Suite("Plans in from spreadsheets, out to spreadsheets and calendars")
struct InterchangeEndToEndTests {
    @Test func aPortsmouthStyleSpreadsheetImportsAndReportsLikeTheExamplePlan() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("portsmouth-2014.json", into: "original")
        try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let result = try sandbox.run(["import", fixturePath("portsmouth-objectives.csv"), "--recommendations", fixturePath("portsmouth-recommendations.csv"),
                                      "--out", "plans/portsmouth-imported.json", "--organisation", "Portsmouth Youth Offending Team",
                                      "--inspection-date", "2013-11", "--status-date", "2015-04-23", "--by", "YOT Board"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "created plans/portsmouth-imported.json (portsmouth-imported): 104 actions in 10 themes\n"
            + "note: the plan is titled \"Imported plan portsmouth-imported\"; give --title to name it\n")
        let validate = try sandbox.run(["validate", "--plan", "plans/portsmouth-imported.json"])
        #expect(validate.status == 0)
        #expect(validate.stdout.contains("0 errors, 0 warnings"))
        // The same position, line for line, below the plan's own title.
        let imported = try sandbox.run(["summary", "--plan", "plans/portsmouth-imported.json", "--as-of", "2015-04-23"])
        let original = try sandbox.run(["summary", "--plan", "original/portsmouth-2014.json", "--as-of", "2015-04-23"])
        #expect(imported.stdout.split(separator: "\n").dropFirst(5) == original.stdout.split(separator: "\n").dropFirst(5))
        let overdue = try sandbox.run(["overdue", "-q", "--plan", "plans/portsmouth-imported.json", "--as-of", "2015-04-23"])
        #expect(overdue.stdout == "10 overdue as of 2015-04-23: 10 actions, 0 milestones\n")
    }

    @Test func aBlackpoolStyleTSVWithMilestoneCellsImports() throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let result = try sandbox.run(["import", fixturePath("blackpool-themes.tsv"), "--out", "plans/blackpool.json",
                                      "--organisation", "Blackpool Youth Offending Partnership", "--inspection-date", "2018-10"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("created plans/blackpool.json (blackpool): 60 actions in 6 themes\n"
            + "note: the plan is titled \"Imported plan blackpool\"; give --title to name it\nnote: add the text of HMIP 1, HMIP 2"))
        // A recommendation known only from links shows its id once, not as its own text.
        let hmip1 = try sandbox.run(["show", "HMIP 1", "--plan", "plans/blackpool.json"])
        #expect(hmip1.stdout.contains("(no text yet)"))
        #expect(!hmip1.stdout.contains("HMIP 1 – HMIP 1"))
        let lm8 = try sandbox.run(["show", "LM 8", "--as-of", "2019-01-01"])
        #expect(lm8.stdout.contains("  1. Skills audit complete – Feb 2019\n"))
        #expect(lm8.stdout.contains("  3. Training plan delivered and monitored – ongoing (from Apr 2019)\n"))
        #expect(lm8.stdout.contains("Leads:            YOT Manager; YJB"))
        let lm7 = try sandbox.run(["show", "lm7"])
        #expect(lm7.stdout.contains("Answers:          HMIP 8"))
        let lm4 = try sandbox.run(["show", "lm4"])
        #expect(lm4.stdout.contains("Deadline:         Apr 2019"))
        #expect(lm4.stdout.contains("As written:       To continue until Apr 2019"))
    }

    @Test func badRowsAreListedAndNothingIsWritten() throws {
        let sandbox = try Sandbox()
        try sandbox.write("bad.csv", "No.,Action,By When\n1,Fine,Feb 2019\n2,Broken,whenever\n3,,Mar 2019\n")
        let result = try sandbox.run(["import", "bad.csv", "--out", "plan.json", "--organisation", "O", "--inspection-date", "2019-01"])
        #expect(result.status == 65)
        #expect(result.stderr == """
        improve: bad.csv: 2 rows cannot be read, so nothing was written (--skip-bad imports the rest):
          row 3: cannot read the deadline "whenever"; write a month (Feb 2019), a day (31st Mar 2019), Ongoing, Tbc, Achieved, or milestones (Skills audit complete – Feb 2019)
          row 4: no action text

        """)
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plan.json").path))
        let skipping = try sandbox.run(["import", "bad.csv", "--out", "plan.json", "--organisation", "O", "--inspection-date", "2019-01", "--skip-bad"])
        #expect(skipping.status == 0)
        #expect(skipping.stdout.hasPrefix("created plan.json (plan): 1 action in 1 theme, 2 rows skipped"))
        #expect(skipping.stderr.contains("improve: skipped bad.csv row 3: cannot read the deadline"))
        let again = try sandbox.run(["import", "bad.csv", "--out", "plan.json", "--organisation", "O", "--inspection-date", "2019-01", "--skip-bad"])
        #expect(again.status == 73, "an existing plan is never overwritten")
        let noColumns = try sandbox.run(["import", fixturePath("portsmouth-recommendations.csv"), "--out", "x.json", "--organisation", "O",
                                         "--inspection-date", "2019-01"])
        #expect(noColumns.status == 64)
        #expect(noColumns.stderr.contains("no column for action"), "\(noColumns.stderr)")
    }

    @Test func exportCSVIsFormulaSafeAndReadsBack() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        let update = try sandbox.run(["update", "LM 5", "--comment", "=HYPERLINK(\"http://evil\")", "--plan", "plans/blackpool-2019.json"])
        #expect(update.status == 0)
        let export = try sandbox.run(["export", "csv", "--bom"])
        #expect(export.status == 0)
        #expect(export.stdout.hasPrefix("\u{FEFF}Plan,Theme,Theme title,ID,Link,Action,Lead,Deadline"))
        let rows = parseCSV(String(export.stdout.dropFirst()))
        #expect(rows.count == 61)
        #expect(rows.allSatisfy { $0.count == rows[0].count })
        #expect(rows.flatMap { $0 }.contains("'=HYPERLINK(\"http://evil\")"))
        try sandbox.write("export.csv", export.stdout)
        let back = try sandbox.run(["import", "export.csv", "--out", "back.json", "--organisation", "O", "--inspection-date", "2018-10"])
        #expect(back.status == 0, "\(back.stderr)")
        let show = try sandbox.run(["show", "LM 5", "--plan", "back.json"])
        #expect(show.stdout.contains("Position:         =HYPERLINK(\"http://evil\")"))
        let milestones = try sandbox.run(["export", "csv", "--milestones"])
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/blackpool-2019.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(parseCSV(milestones.stdout).count == 1 + plan.actions.reduce(0) { $0 + $1.milestones.count })
    }

    @Test func exportICSGivesOneEventPerOpenDeadline() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("portsmouth-2014.json")
        let result = try sandbox.run(["export", "ics", "--open", "--as-of", "2015-04-23"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\r\n")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 10, "the ten AMBER actions are the dated ones not complete on 2015-04-23")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(!result.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(result.stdout.contains("SUMMARY:1.9 due: Develop an induction pack for new Board Members\r\n"))
        let lead = try sandbox.run(["export", "ics", "--lead", "board chair", "--as-of", "2015-04-23"])
        #expect(lead.stdout.components(separatedBy: "BEGIN:VEVENT").count - 1 == 1)
        let wrong = try sandbox.run(["export", "ics", "--milestones"])
        #expect(wrong.status == 64)
    }

    @Test func completionScriptsParseAndComplete() throws {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        for shell in ["bash", "zsh", "fish"] {
            let script = try sandbox.run(["completions", shell])
            #expect(script.status == 0)
            try sandbox.write("improve.\(shell)", script.stdout)
            for command in ["list", "show", "update", "report", "overdue", "import", "export"] { #expect(script.stdout.contains(command)) }
        }
        let syntax = try sandbox.run(["-n", sandbox.folder.appendingPathComponent("improve.bash").path], executable: "/bin/bash")
        #expect(syntax.status == 0, "\(syntax.stderr)")
        for (shell, path) in [("zsh", "/usr/bin/zsh"), ("fish", "/usr/bin/fish")] where FileManager.default.isExecutableFile(atPath: path) {
            let check = try sandbox.run(["-n", sandbox.folder.appendingPathComponent("improve.\(shell)").path], executable: path)
            #expect(check.status == 0, "\(shell): \(check.stderr)")
        }
        let binFolder = improveBinary.deletingLastPathComponent().path
        func complete(_ words: [String]) throws -> String {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let run = try sandbox.run(["-c", "source improve.bash; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _improve; echo \"${COMPREPLY[*]}\""],
                                      executable: "/bin/bash", environment: ["PATH": "\(binFolder):/usr/bin:/bin"])
            return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try complete(["improve", "rep"]) == "report")
        #expect(try complete(["improve", "list", "--due-"]) == "--due-before --due-after")
        #expect(try complete(["improve", "list", "--sort", "st"]) == "status")
        #expect(try complete(["improve", "show", "LM1"]) == "LM1 LM10 LM11 LM12 LM13 LM14 LM15 LM16 LM17")
        #expect(try complete(["improve", "export", ""]) == "csv ics")
        // Ids match in any case, statuses come from the plans' schemes.
        #expect(try complete(["improve", "show", "lm1"]) == "LM1 LM10 LM11 LM12 LM13 LM14 LM15 LM16 LM17")
        #expect(try complete(["improve", "list", "--status", "gr"]) == "GREEN")
        #expect(try complete(["improve", "reassign", "lm1"]).hasPrefix("LM1 LM10"))
        // With two plans, an id both have comes with its plan; --plan on the line narrows to that plan.
        try sandbox.copyExample("portsmouth-2014.json")
        let shared = try complete(["improve", "show", "1.1"])
        #expect(shared.contains("blackpool-2019:1.1 ") && shared.contains("portsmouth-2014:1.1 "), "\(shared)")
        #expect(try complete(["improve", "show", "--plan", "plans/portsmouth-2014.json", "1.1"]) == "1.1 1.10")
        // Bash splits PLAN:ID at the colon: the plan's ids come back as what follows it.
        #expect(try complete(["improve", "edit", "blackpool-2019", ":", "lm1"]) == "LM1 LM10 LM11 LM12 LM13 LM14 LM15 LM16 LM17")
        #expect(try complete(["improve", "withdraw", "portsmouth-2014", ":", "1.1"]) == "1.1 1.10")
        #expect(try complete(["improve", "reinstate", "blackpool-2019", ":"]).hasPrefix("LM1 LM2 LM3"))
        #expect(try complete(["improve", "board", ""]) == "list add remove")
        // An option's value is not an id.
        #expect(try complete(["improve", "edit", "lm7", "--text", ""]) == "")
        #expect(try complete(["improve", "edit", "lm7", "--remove-lead", "Y"]) == "")
    }

    @Test func theManualPageComesFromTheRegistry() throws {
        let result = try Sandbox().run(["help", "--man"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix(".TH IMPROVE 1"))
        for command in ["list", "show", "validate", "overdue", "summary", "report", "update", "add", "new", "reassign", "undo",
                        "import", "export", "completions"] {
            #expect(result.stdout.contains(".SS \(command)\n"), "\(command)")
        }
        #expect(!result.stdout.contains("__ids"))
        // Every variable the command line reads is in ENVIRONMENT, and the pager's LESS is the one it sets.
        let sources = repositoryRoot.appendingPathComponent("Sources/improve")
        var variables = Set<String>()
        for case let file as String in FileManager.default.enumerator(atPath: sources.path)! where file.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /"(IMPROVE_[A-Z_]+)"/) { variables.insert(String(match.1)) }
        }
        #expect(variables.count >= 6, "\(variables)")
        for variable in variables { #expect(result.stdout.contains(".B \(variable)"), "\(variable) is not in the manual page") }
        #expect(result.stdout.contains("LESS=\(Pager.defaultLess)"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") {
            let sandbox = try Sandbox()
            try sandbox.write("improve.1", result.stdout)
            let lint = try sandbox.run(["-man", "-Tutf8", "-ww", "-z", "improve.1"], executable: "/usr/bin/groff")
            #expect(lint.status == 0)
            #expect(lint.stderr == "", "groff warnings: \(lint.stderr)")
        }
    }
}

@Suite("Importing a file that is not there")
struct ImportInputTests {
    @Test func aMissingSpreadsheetExits66() throws {
        let result = try Sandbox().run(["import", "nothing.csv", "--out", "x.json", "--organisation", "O", "--inspection-date", "2019-01"])
        #expect(result.status == 66)
        #expect(result.stderr == "improve: no file at nothing.csv; check the path\n")
    }
}

@Suite("Spreadsheets laid out unlike ours")
struct UnfamiliarSpreadsheetTests {
    @Test func idsGroupTheActionsAndUnreadColumnsAreNamed() throws {
        let sandbox = try Sandbox()
        try sandbox.write("unfamiliar.csv", """
        ID,Action,Lead,Deadline,Finding addressed,Progress,Misc
        2a,Improve assessments,Team Manager,Jun 2019,3,Some progress,x
        2b,Audit plans,Team Manager,Mar 2019,"3, 5",No improvement,
        4a,Victim contact,Victim Worker,May 2019,5,Complete,
        6c,Board induction,Board Chair,Apr 2019,HMIP 1,Good progress,
        """)
        try sandbox.write("themes.csv", "ID,Title\n2,Assessment\n4,Victims\n6,Governance\n")
        try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let base = ["import", "unfamiliar.csv", "--organisation", "O", "--inspection-date", "2019-01", "--status-date", "2019-04-01"]
        let result = try sandbox.run(base + ["--out", "plans/u.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("created plans/u.json (u): 4 actions in 3 themes\n"))
        // The column of references is read as links by its content, and said; the other is named with --map.
        #expect(result.stdout.contains("note: column \"Finding addressed\" was read as links: its cells name recommendations; to read it otherwise, add --map \"Finding addressed=FIELD\" (or \"Finding addressed=skip\")\n"), "\(result.stdout)")
        #expect(result.stdout.contains("note: column \"Misc\" was not read; to read it, add --map \"Misc=FIELD\""))
        #expect(result.stdout.contains("note: statuses read in the progress scale"))
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/u.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.themes.map(\.id) == ["2", "4", "6"])
        #expect(plan.action(id: "2b")?.theme == "2")
        #expect(plan.action(id: "6c")?.theme == "6")

        // --strict refuses while a column is unread, and writes nothing.
        let strict = try sandbox.run(base + ["--out", "plans/s.json", "--strict", "--map", "Finding addressed=links"])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("\"Misc\" (add --map \"Misc=FIELD\")"), "\(strict.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/s.json").path))

        // Accepting the proposal links the actions; --themes names the themes; every column is accounted for.
        let accepted = try sandbox.run(base + ["--out", "plans/a.json", "--strict", "--map", "Finding addressed=links",
                                               "--map", "Misc=comment", "--themes", "themes.csv", "--title", "Unfamiliar"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(!accepted.stdout.contains("was not read"))
        let linked = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/a.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(linked.action(id: "2b")?.recommendations == ["Recommendation 3", "Recommendation 5"])
        #expect(linked.action(id: "6c")?.recommendations == ["HMIP 1"])
        #expect(linked.themes.map(\.title) == ["Assessment", "Victims", "Governance"])
        // Scored in its scale, and month deadlines fall overdue on the first day of the next month.
        let summary = try sandbox.run(["summary", "--plan", "plans/a.json", "--as-of", "2019-04-01", "--format", "json"]).stdout
        #expect(summary.contains("\"percentComplete\": 25"))
        let lastDay = try sandbox.run(["overdue", "-q", "--plan", "plans/a.json", "--as-of", "2019-03-31"])
        let firstDay = try sandbox.run(["overdue", "-q", "--plan", "plans/a.json", "--as-of", "2019-04-01"])
        #expect(lastDay.stdout == "")
        #expect(firstDay.stdout.hasPrefix("1 overdue as of 2019-04-01: 1 action"), "\(firstDay.stdout)")
        #expect(firstDay.status == 1)
        // A column with values but no header is named, and refused under --strict.
        try sandbox.write("blank.csv", "ID,Action,Lead,Deadline,\n1.1,a,L,Jun 2019,zzz\n1.2,b,L,Jul 2119,\n")
        let blank = try sandbox.run(["import", "blank.csv", "--organisation", "O", "--inspection-date", "2019-01", "--out", "plans/bl.json", "--skip-bad"])
        #expect(blank.status == 0, "\(blank.stderr)")
        #expect(blank.stdout.contains("1 action in 1 theme, 1 row skipped\n"))
        #expect(blank.stdout.contains("note: column 5 holds values under no header and was not read"))
        #expect(blank.stderr.contains("row 3: the year 2119 is outside 1990–2100"), "a year out of range is the row's problem: \(blank.stderr)")
        let blankStrict = try sandbox.run(["import", "blank.csv", "--organisation", "O", "--inspection-date", "2019-01", "--out", "plans/bs.json",
                                           "--skip-bad", "--strict"])
        #expect(blankStrict.status == 65)
        #expect(blankStrict.stderr.contains("column 5 holds values under no header"))
        let badThemes = try sandbox.run(base + ["--out", "plans/b.json", "--themes", "unfamiliar.csv"])
        #expect(badThemes.status != 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/b.json").path))
    }
}

@Suite("A four-level progress scale, end to end")
struct ProgressScaleTests {
    @Test func aProgressColumnIsReadInItsScaleAndEveryReportUsesIt() throws {
        let sandbox = try Sandbox()
        try sandbox.write("progress.csv", """
        ID,Action,Lead,Deadline,RAG
        2a,Improve assessments,Team Manager,2019-06,Some progress - audits under way
        2b,Audit plans,Team Manager,2019-03,No improvement
        4a,Victim contact,Victim Worker,2019-05,Complete
        4b,Victim letters,Victim Worker,2019-05,Good progress
        """)
        try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let imported = try sandbox.run(["import", "progress.csv", "--out", "plans/p.json", "--organisation", "O",
                                        "--inspection-date", "2019-01", "--status-date", "2019-04-01"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("note: statuses read in the progress scale (No improvement, Some progress, Good progress, Complete)"))
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/p.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.ragScheme == RAGScheme.progress)
        #expect(plan.action(id: "2a")?.history.last?.status == "SOME")
        #expect(plan.action(id: "2a")?.history.last?.comment == "audits under way")
        let summary = try sandbox.run(["summary", "--as-of", "2019-04-10", "--format", "json"]).stdout
        #expect(summary.contains("\"percentComplete\": 25"))
        let report = try sandbox.run(["report", "--as-of", "2019-04-10"]).stdout
        #expect(report.contains("2b  NONE    NONE, overdue 10 days"), "the scale's red level is the one behind")
        let update = try sandbox.run(["update", "2a", "--status", "good progress", "--comment", "better", "--date", "2019-04-05"])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.contains("SOME → GOOD"))
        let named = try sandbox.run(["import", "progress.csv", "--out", "plans/q.json", "--organisation", "O", "--inspection-date", "2019-01",
                                     "--scheme", "nope"])
        #expect(named.status == 64)
        #expect(named.stderr.contains("use brag, rag, progress or a scheme file (FILE.json)"))
    }

    @Test func aSchemeFromAFileIsReadByTheSameRules() throws {
        let sandbox = try Sandbox()
        try sandbox.write("scale.json", """
        {"levels": [
          {"code": "NS", "label": "Not started", "colour": "red"},
          {"code": "IP", "label": "In progress", "colour": "amber"},
          {"code": "DONE", "label": "Done", "colour": "green", "complete": true}
        ]}
        """)
        try sandbox.write("sheet.csv", "ID,Action,Lead,Deadline,RAG\n1,One,L,2019-03,In progress - half way\n2,Two,L,2019-03,DONE\n3,Three,L,2019-03,Not started\n")
        try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        let base = ["import", "sheet.csv", "--organisation", "O", "--inspection-date", "2019-01", "--status-date", "2019-04-01"]
        let result = try sandbox.run(base + ["--out", "plans/f.json", "--scheme", "scale.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let plan = try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/f.json").path, relativeTo: testFolder, today: testToday).plan
        #expect(plan.ragScheme.levels.map(\.code) == ["NS", "IP", "DONE"])
        #expect(plan.action(id: "1")?.history.last?.status == "IP")
        #expect(plan.action(id: "1")?.history.last?.comment == "half way")
        #expect(plan.action(id: "2")?.isComplete(asOf: CalendarDate(iso: "2019-04-01")!, in: plan.ragScheme) == true)
        let overdue = try sandbox.run(["overdue", "-q", "--plan", "plans/f.json", "--as-of", "2019-04-02"])
        #expect(overdue.stdout.hasPrefix("2 overdue"), "\(overdue.stdout)")

        try sandbox.write("twice.json", "{\"levels\": [{\"code\": \"A\", \"label\": \"a\", \"colour\": \"red\"},\n {\"code\": \"a\", \"label\": \"b\", \"colour\": \"pink\"}]}")
        let twice = try sandbox.run(base + ["--out", "plans/t.json", "--scheme", "twice.json"])
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("twice.json is not a RAG scheme a plan can use"), "\(twice.stderr)")
        #expect(twice.stderr.contains("twice.json:2:"), "the bad colour is placed: \(twice.stderr)")
        try sandbox.write("undone.json", "{\"levels\": [{\"code\": \"IP\", \"label\": \"In progress\", \"colour\": \"amber\"}]}")
        let undone = try sandbox.run(base + ["--out", "plans/u.json", "--scheme", "undone.json"])
        #expect(undone.status == 65)
        #expect(undone.stderr.contains("no level is complete; mark the one that means done with complete: true"), "\(undone.stderr)")
        let folder = try sandbox.run(base + ["--out", "plans/d.json", "--scheme", "plans"])
        #expect(folder.status == 64, "a name that is neither a scheme nor FILE.json is a usage error")
        try FileManager.default.createDirectory(at: sandbox.folder.appendingPathComponent("dir.json"), withIntermediateDirectories: true)
        let directory = try sandbox.run(base + ["--out", "plans/d.json", "--scheme", "dir.json"])
        #expect(directory.status == 66)
        #expect(directory.stderr == "improve: dir.json is a folder, not a file; it was not read (give the path of a file)\n")
        try sandbox.write("broken.json", "{\"levels\": [")
        #expect(try sandbox.run(base + ["--out", "plans/b.json", "--scheme", "broken.json"]).status == 65)
        #expect(try sandbox.run(base + ["--out", "plans/m.json", "--scheme", "missing.json"]).status == 66)
        for name in ["t.json", "b.json", "m.json"] {
            #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plans/\(name)").path))
        }
    }
}
