import Foundation
import Testing

/// Whether this run writes the golden files instead of checking against them:
/// `IMPROVE_UPDATE_GOLDEN=1 swift test` (see docs/development.md).
let updatingGolden = ProcessInfo.processInfo.environment["IMPROVE_UPDATE_GOLDEN"] == "1"

/// The expected output kept in `Tests/improveTests/Golden`; when golden files
/// are being refreshed, `actual` is written there first.
func golden(_ name: String, refreshedWith actual: String) throws -> String {
    let url = repositoryRoot.appendingPathComponent("Tests/improveTests/Golden/\(name)")
    if updatingGolden { try actual.write(to: url, atomically: true, encoding: .utf8) }
    return try String(contentsOf: url, encoding: .utf8)
}

/// A sandbox holding copies of both example plans in `plans/`.
func sandboxWithExamples() throws -> Sandbox {
    let sandbox = try Sandbox()
    try sandbox.copyExample("blackpool-2019.json")
    try sandbox.copyExample("portsmouth-2014.json")
    return sandbox
}

@Suite("The cron overdue check")
struct OverdueEndToEndTests {
    func sandbox() throws -> Sandbox { try sandboxWithExamples() }

    @Test(arguments: [
        (["--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--within", "14d"], "overdue-portsmouth-2015-04-23.txt"),
        (["--plan", "plans/portsmouth-2014.json", "--as-of", "2015-03-31", "--group", "theme"], "overdue-portsmouth-2015-03-31-theme.txt"),
        (["--plan", "plans/blackpool-2019.json", "--as-of", "2019-03-01", "--within", "14d"], "overdue-blackpool-2019-03-01.txt"),
    ])
    func matchesTheGoldenOutput(arguments: [String], file: String) throws {
        let result = try sandbox().run(["overdue"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(result.stdout == (try golden(file, refreshedWith: result.stdout)))
    }

    @Test func isSilentWithExit0WhenNothingIsOverdue() throws {
        let result = try sandbox().runBinary(["overdue", "--as-of", "2014-04-01"])
        #expect(result.status == 0)
        #expect(result.stdout == "")
        // Blackpool's plan did not exist yet (its inspection was in October 2018).
        #expect(result.stderr == "improve: note: blackpool-2019 is left out: its inspection (2018-10) is after 2014-04-01, so it had no plan yet\n")
        let quiet = try sandbox().runBinary(["overdue", "--quiet", "--as-of", "2014-04-01"])
        #expect(quiet.status == 0)
        #expect(quiet.stdout == "")
        #expect(quiet.stderr == "")
    }

    @Test func quietPrintsOnlyTheCount() throws {
        let result = try sandbox().run(["overdue", "-q", "--as-of", "2015-04-23", "--plan", "plans/portsmouth-2014.json"])
        #expect(result.status == 1)
        #expect(result.stdout == "10 overdue as of 2015-04-23: 10 actions, 0 milestones\n")
    }

    @Test func quietCountsWhatTheListShows() throws {
        // -q counts plan by plan without keeping the items; its line must be the list's.
        let box = try sandbox()
        for day in ["2019-07-01", "2015-04-23", "2020-01-31"] {
            let quiet = try box.run(["overdue", "-q", "--as-of", day])
            let list = try box.run(["overdue", "--as-of", day])
            #expect(quiet.status == 1 && list.status == 1)
            #expect(quiet.stdout == String(list.stdout.prefix { $0 != "\n" }) + "\n")
            #expect(quiet.stdout.contains("milestone") && quiet.stderr.isEmpty)
        }
    }

    @Test func aCompleteActionIsNotOverdueFromTheDayItIsRecorded() throws {
        let box = try sandbox()
        let plan = "plans/portsmouth-2014.json"
        let update = try box.run(["update", "10.7", "--status", "green", "--comment", "Waiting times within 3 months",
                                  "--date", "2015-05-20", "--plan", plan])
        #expect(update.status == 0)
        let before = try box.run(["overdue", "-q", "--as-of", "2015-05-19", "--plan", plan])
        #expect(before.stdout == "10 overdue as of 2015-05-19: 10 actions, 0 milestones\n")
        let after = try box.run(["overdue", "-q", "--as-of", "2015-05-20", "--plan", plan])
        #expect(after.stdout == "9 overdue as of 2015-05-20: 9 actions, 0 milestones\n")
    }

    @Test func writesJSONForScripts() throws {
        let result = try sandbox().run(["overdue", "--format", "json", "--as-of", "2015-04-23", "--plan", "plans/portsmouth-2014.json"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["overdueCount"] as? Int == 10)
        let first = try #require((object["overdue"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "2.4")
        #expect(first["daysOverdue"] as? Int == 327)
        #expect(first["kind"] as? String == "action")
        #expect(first["status"] as? String == "AMBER")
    }

    @Test func errorsKeepTheirOwnExitCodes() throws {
        let usage = try sandbox().run(["overdue", "--within", "two weeks"])
        #expect(usage.status == 64)
        let missing = try Sandbox().run(["overdue"])
        #expect(missing.status == 66)
        let broken = try Sandbox()
        try broken.write("plans/x.json", "{\"formatVersion\": 1,")
        let bad = try broken.run(["overdue"])
        #expect(bad.status == 65)
        #expect(bad.stdout == "")
    }
}

@Suite("The RAG summary and the board pack")
struct SummaryAndReportEndToEndTests {
    func sandbox() throws -> Sandbox { try sandboxWithExamples() }

    @Test(arguments: [
        (["summary", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23"], "summary-portsmouth-2015-04-23.txt"),
        (["summary", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-03-31", "--group", "rec", "--format", "csv"],
         "summary-portsmouth-2015-03-31-rec.csv"),
        (["summary", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-03-01"], "summary-blackpool-2019-03-01.txt"),
        (["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23"], "report-portsmouth-2015-04-23.txt"),
        (["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "markdown"], "report-portsmouth-2015-04-23.md"),
        (["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "html"], "report-portsmouth-2015-04-23.html"),
        (["report", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-03-01", "--since", "2019-01-31", "--next", "2019-04-01"],
         "report-blackpool-2019-03-01.txt"),
    ])
    func matchesTheGoldenOutput(arguments: [String], file: String) throws {
        let result = try sandbox().run(arguments)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == (try golden(file, refreshedWith: result.stdout)))
    }

    @Test func theCountsMatchThePlan() throws {
        let result = try sandbox().run(["summary", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let plan = try #require((object["plans"] as? [[String: Any]])?.first)
        let overall = try #require(plan["overall"] as? [String: Any])
        #expect(overall["total"] as? Int == 104)
        // 90 actions say "Achieved" in the document: they are complete.
        #expect(overall["levels"] as? [String: Int] == ["BLUE": 0, "RED": 0, "AMBER": 10, "GREEN": 94])
        #expect(overall["noStatus"] as? Int == 0)
        #expect(overall["percentComplete"] as? Int == 90)
        let recommendations = try #require(plan["recommendations"] as? [[String: Any]])
        #expect(recommendations.first { $0["id"] as? String == "Recommendation 4" }?["position"] as? String == "complete")
        #expect(recommendations.first { $0["id"] as? String == "Recommendation 3" }?["position"] as? String == "at risk")
    }

    @Test func aReportAtAPastDateIgnoresLaterHistory() throws {
        let box = try sandbox()
        let plan = "plans/portsmouth-2014.json"
        for (id, day) in [("10.7", "2015-05-20"), ("1.9", "2015-06-01")] {
            let update = try box.run(["update", id, "--status", "green", "--comment", "Signed off", "--date", day, "--plan", plan])
            #expect(update.status == 0)
        }
        let slip = try box.run(["update", "6.5", "--due", "2015-06", "--reason", "SLA not yet agreed", "--date", "2015-05-20", "--plan", plan])
        #expect(slip.status == 0)
        let past = try box.run(["report", "--plan", plan, "--as-of", "2015-04-23"])
        #expect(past.stdout == (try golden("report-portsmouth-2015-04-23.txt", refreshedWith: past.stdout)))
        let later = try box.run(["report", "--plan", plan, "--as-of", "2015-05-31", "--since", "2015-04-23"])
        #expect(later.stdout.contains("Status changes: 1 AMBER → GREEN."))
        #expect(later.stdout.contains("2015-05-20  10.7  AMBER → GREEN"))
        #expect(later.stdout.contains("2015-05-20  6.5  Dec 2014  Jun 2015  Ensure YOT staff understand"))
        #expect(later.stdout.contains("SLA not yet agreed"))
        #expect(later.stdout.contains("slipped 1× from Dec 2014"))
        #expect(!later.stdout.contains("2015-06-01  1.9"), "a change after the as-of date is not in the report")
    }

    @Test func theLastBoardMeetingStartsThePeriod() throws {
        let box = try sandbox()
        try box.write("plans/board.json", """
        {"formatVersion": 1, "id": "board", "title": "Board plan", "organisation": "O",
         "inspection": {"inspectorate": "HMIP", "date": "2019-01"},
         "boardMeetings": ["2019-02-12", "2019-03-12", "2019-04-09"],
         "themes": [{"id": "A", "title": "A"}], "recommendations": [],
         "actions": [{"id": "A1", "theme": "A", "text": "t", "leads": ["L"], "deadline": "2019-04-05",
                      "history": [{"date": "2019-03-20", "status": "AMBER", "comment": "late"},
                                  {"date": "2019-03-01", "status": "RED", "comment": "early"}]}]}
        """)
        let result = try box.run(["report", "--plan", "plans/board.json", "--as-of", "2019-03-25"])
        #expect(result.status == 0)
        #expect(result.stdout.replacingOccurrences(of: "\n", with: " ").contains(
            "Period: 2019-03-13 to 2019-03-25, the days after 2019-03-12 (the board meeting of 2019-03-12); every change below is "
                + "since the start of 2019-03-13. Next board: 2019-04-09."))
        #expect(result.stdout.contains("Status changes: 1 RED → AMBER."))
        #expect(result.stdout.contains("Due before the next board (2019-04-09)"))
        #expect(result.stdout.contains("5 Apr 2019  A1"))
    }

    @Test func badReportOptionsAreUsageErrors() throws {
        let box = try sandbox()
        let format = try box.run(["summary", "--format", "pdf"])
        #expect(format.status == 64)
        #expect(format.stderr.hasPrefix("improve: invalid value 'pdf' for --format; use text, markdown, html, csv, or json"))
        let since = try box.run(["report", "--as-of", "2015-04-23", "--since", "2015-05-01"])
        #expect(since.status == 64)
        let stale = try box.run(["summary", "--stale", "soon"])
        #expect(stale.status == 64)
    }
}

@Suite("Hostile plan text stays harmless")
struct HostileTextTests {
    static let hostile = [
        "<script>alert('x')</script> & <b>bold</b>",
        "=HYPERLINK(\\\"http://evil\\\",\\\"click\\\")",
        "+SUM(A1:A9)", "-2+3", "@cmd", "\\tTabbed", "\\rReturn",
        "Line one\\nline two | with a pipe, a comma and \\\"quotes\\\"",
        "\\u001b[31mRED\\u001b[0m escape",
        "# heading *bold* _it_ [link](http://evil) `code` ![img](x)",
    ]

    func sandbox() throws -> Sandbox {
        let box = try Sandbox()
        let actions = Self.hostile.enumerated().map { index, text in
            """
            {"id": "H\(index)", "theme": "T", "text": "\(text)", "leads": ["\(text)"], "deadline": "2019-01",
             "history": [{"date": "2019-02-01", "status": "RED", "by": "\(text)", "comment": "\(text)"}]}
            """
        }.joined(separator: ",\n")
        try box.write("plans/hostile.json", """
        {"formatVersion": 1, "id": "hostile", "title": "<img src=x onerror=alert(1)> plan", "organisation": "O",
         "inspection": {"inspectorate": "HMIP", "date": "2019-01"},
         "themes": [{"id": "T", "title": "</td></tr></table><script>bad()</script>"}],
         "recommendations": [{"id": "R", "text": "=1+1"}],
         "actions": [\(actions)]}
        """)
        let check = try box.run(["validate"])
        #expect(check.status == 0, "\(check.stdout)")
        return box
    }

    @Test func htmlEscapesEveryPieceOfPlanText() throws {
        let result = try sandbox().run(["report", "--as-of", "2019-03-01", "--format", "html"])
        #expect(result.status == 0)
        let html = result.stdout
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"))
        #expect(html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"))
        #expect(!html.contains("\u{1B}"))
        // Structure: every table row has as many cells as its header.
        #expect(html.components(separatedBy: "<table").count == html.components(separatedBy: "</table>").count)
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; plan"))
    }

    @Test func csvNeutralisesFormulasAndKeepsItsShape() throws {
        // Every section's table, as the zipped CSV holds them (each as --section gives it).
        let box = try sandbox()
        var cells: [String] = []
        for key in ["headline", "trend", "exceptions", "progress", "deadlines", "due", "rag", "recommendations",
                    "no-status", "stale", "contradictions", "withdrawn"] {
            let result = try box.run(["report", "--as-of", "2019-03-01", "--format", "csv", "--section", key])
            #expect(result.status == 0, "\(key): \(result.stderr)")
            let rows = parseCSV(result.stdout)
            let width = rows.first?.count ?? 0
            #expect(width > 1, "\(key)")
            #expect(rows.allSatisfy { $0.count == width }, "\(key): every record has the same number of fields")
            #expect(result.stdout.hasSuffix("\r\n"))
            cells += rows.flatMap { $0 }
        }
        for cell in cells {
            if let first = cell.unicodeScalars.first { #expect(!["=", "+", "-", "@", "\t", "\r"].contains(first), "\(cell)") }
        }
        #expect(cells.contains("'=HYPERLINK(\"http://evil\",\"click\")"))
        #expect(cells.contains("'+SUM(A1:A9)"))
        #expect(cells.contains("'-2+3"))
        #expect(cells.contains("'@cmd"))
        #expect(cells.contains("'=1+1"))
    }

    @Test func markdownCannotBeBrokenOrInjected() throws {
        let result = try sandbox().run(["report", "--as-of", "2019-03-01", "--format", "markdown"])
        #expect(result.status == 0)
        let md = result.stdout
        #expect(!md.contains("<script"))
        #expect(!md.contains("[link](http"))
        #expect(!md.contains("\u{1B}"))
        // Table rows stay one line each with a consistent number of unescaped pipes.
        var tableWidth: Int?
        for line in md.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard line.hasPrefix("|") else { tableWidth = nil; continue }
            let pipes = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if let width = tableWidth { #expect(pipes == width, "\(line)") } else { tableWidth = pipes }
        }
    }

    @Test func terminalTextHasNoControlCharacters() throws {
        for command in [["report"], ["summary"], ["list"], ["overdue"], ["show", "H8"]] {
            let result = try sandbox().run(command + ["--as-of", "2019-03-01"])
            #expect(!result.stdout.contains("\u{1B}"), "\(command)")
            #expect(!result.stdout.contains("\r"), "\(command)")
        }
    }
}

/// A small RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var scalars = Array(text.unicodeScalars)[...]
    while let c = scalars.popFirst() {
        if quoted {
            if c == "\"" {
                if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\r", scalars.first == "\n" {
            scalars.removeFirst()
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

/// The board pack a board reads in two minutes.
@Suite("A board pack in a board's order")
struct BoardPackOrderTests {
    @Test(arguments: ["text", "markdown", "html"])
    func theHeadlineComesFirstThenExceptionsThenProgressAndTheLongListsLast(format: String) throws {
        let result = try sandboxWithExamples().run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23",
                                                    "--format", format])
        #expect(result.status == 0)
        let text = result.stdout
        let heading = ["text": "\n", "markdown": "### ", "html": "<h3>"][format]!
        let places = ["Headline", "Exceptions: red, overdue or slipped", "Progress since", "Deadlines changed", "Due before the next board",
                      "RAG position by theme", "Recommendations", "No status recorded"].map { text.range(of: heading + $0)?.lowerBound }
        #expect(places.allSatisfy { $0 != nil }, "\(format)")
        let found = places.compactMap { $0 }
        #expect(found == found.sorted(), "\(format): sections out of order")
        #expect(text.contains("104 actions: 90% complete"))
        #expect(text.contains("10 overdue, 1 of them newly"))
    }

    @Test func exceptionsAndProgressSayWhatTheActionIsAndTheLatestProgress() throws {
        let box = try sandboxWithExamples()
        let plan = "plans/portsmouth-2014.json"
        // A progress note without a change of status is progress the board hears.
        #expect(try box.run(["update", "10.7", "--comment", "Waiting list cleared", "--date", "2015-04-20", "--plan", plan]).status == 0)
        let pack = try box.run(["report", "--plan", plan, "--as-of", "2015-04-23", "--format", "markdown"]).stdout
        #expect(pack.contains("| 10.7 | AMBER | overdue 23 days | Mar 2015 | YOT Manager | Ensure timely delivery of reparation"))
        #expect(pack.contains("| 2015-04-20 | 10.7 | note |"))
        #expect(pack.contains("Waiting list cleared"))
    }

    @Test func aRecommendationWithoutAnyStatusIsNoInformationNotOnTrack() throws {
        let summary = try sandboxWithExamples().run(["summary", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10",
                                                     "--group", "rec", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as! [String: Any]
        let plan = (json["plans"] as! [[String: Any]])[0]
        let positions = Dictionary(uniqueKeysWithValues: (plan["recommendations"] as! [[String: Any]]).map {
            ($0["id"] as! String, $0["position"] as! String)
        })
        #expect(positions["HMIP 7"] == "no information")
        #expect(positions["HMIP 9"] == "no information")
        #expect(positions["HMIP 4"] == "at risk", "an overdue action is a fact, status or not")
    }

    @Test func aChangeOfLeadIsNeverTheLatestPosition() throws {
        let box = try sandboxWithExamples()
        let plan = "plans/portsmouth-2014.json"
        #expect(try box.run(["reassign", "--from", "YOT Manager", "--to", "New Manager", "--date", "2015-04-22", "--plan", plan, "--yes"]).status == 0)
        let show = try box.run(["show", "10.7", "--plan", plan, "--as-of", "2015-04-23"]).stdout
        #expect(!show.contains("Position: Lead changed"), "\(show)")
        let pack = try box.run(["report", "--plan", plan, "--as-of", "2015-04-23", "--format", "markdown"]).stdout
        #expect(!pack.contains("2015-04-22: Lead changed"))
        #expect(pack.contains("2015-04-23: Action plan in place to ensure delivery by end of March"))
    }

    @Test func theHTMLPackPrintsOnA4WithItsTitleInTheFooter() throws {
        let html = try sandboxWithExamples().run(["report", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10",
                                                  "--format", "html"]).stdout
        #expect(html.contains("size: A4;"))
        #expect(html.contains("@bottom-left { content: \"Improvement plan board report · As of 2019-04-10\""))
        #expect(html.contains("thead { display: table-header-group; }"))
        #expect(!html.contains("white-space: nowrap; }\n        td.num"), "long cells may wrap")
    }
}

@Suite("A pack's CSV a spreadsheet can use, and its trend")
struct PackCSVTests {
    @Test func oneSectionIsOneTidyTableWithNumbersAsNumbers() throws {
        let box = try sandboxWithExamples()
        let rag = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "csv", "--section", "rag"])
        #expect(rag.status == 0)
        let lines = rag.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0] == "plan,Theme,Title,BLUE,BLUE %,RED,RED %,AMBER,AMBER %,GREEN,GREEN %,No status,No status %,Total,Complete")
        #expect(lines.last!.hasSuffix(",All actions,0,0,0,0,10,10,94,90,0,0,104,90"))
        let headline = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "csv",
                                    "--section", "headline"]).stdout
        #expect(headline.contains(",No status,0,104,-104\r\n"), "a negative change is a number, not text")
        // The headline's figures are in its table too: % complete and overdue, then and now.
        #expect(headline.contains(",Complete (%),90,0,90\r\n"))
        #expect(headline.contains(",Overdue,10,9,1\r\n"))
        // A section with nothing in it still names its columns.
        let due = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "csv",
                               "--section", "stale"]).stdout
        #expect(due == "plan,ID,Status,Note,Action\r\n")
    }

    @Test func theWholePackIsOneLongTable() throws {
        let csv = try sandboxWithExamples().run(["summary", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23",
                                                 "--format", "csv"]).stdout
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines[0] == "plan,section,row,column,value")
        #expect(lines.allSatisfy { !$0.hasPrefix("section,") }, "one header, not one per section")
        #expect(lines.contains { $0.hasSuffix(",rag,11,AMBER %,10") }, "the all-actions row: 10% AMBER")
    }

    @Test func sectionIsOnlyForCSVAndNamesTheSectionsThereAre() throws {
        let box = try sandboxWithExamples()
        let text = try box.run(["report", "--section", "rag"])
        #expect(text.status == 64)
        #expect(text.stderr.contains("--section goes with --format csv"))
        let unknown = try box.run(["report", "--format", "csv", "--section", "nope"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("use one of headline, trend, exceptions, progress, deadlines, due, rag, recommendations"))
    }

    @Test func theTrendIsReadFromHistoryAtEachBoardOrMonthEnd() throws {
        let box = try sandboxWithExamples()
        let json = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "json"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let trend = (object["plans"] as! [[String: Any]])[0]["trend"] as! [[String: Any]]
        #expect(trend.map { $0["date"] as! String } == ["2015-03-31", "2015-04-23"])
        #expect(trend.map { $0["percentComplete"] as! Int } == [25, 90])
        let html = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "html"]).stdout
        #expect(html.contains("<h3>Trend</h3>"))
        #expect(html.contains("<title id=\"chart3-title\">RAG trend</title>"), "a stacked column per date")
        #expect(html.contains("from 25% complete on 2015-03-31 to 90% on 2015-04-23"))
    }
}

@Suite("The summary's trend")
struct SummaryTrendTests {
    @Test func summaryShowsTheTrendWhenAskedAndTheSameAsThePack() throws {
        let box = try sandboxWithExamples()
        let plain = try box.run(["summary", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23"]).stdout
        #expect(!plain.contains("\nTrend\n"), "without --trend only the day's position is read")
        let summary = try box.run(["summary", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--trend", "--format", "json"])
        #expect(summary.status == 0)
        let report = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "json"])
        func trend(_ json: String, _ path: (([String: Any]) -> Any?)) throws -> [[String: Any]] {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            return path((object["plans"] as! [[String: Any]])[0]) as! [[String: Any]]
        }
        let fromSummary = try trend(summary.stdout) { $0["trend"] }
        let fromReport = try trend(report.stdout) { $0["trend"] }
        #expect(fromSummary.map { $0["date"] as! String } == fromReport.map { $0["date"] as! String })
        #expect(fromSummary.map { $0["percentComplete"] as! Int } == [25, 90])
        let text = try box.run(["summary", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--trend"]).stdout
        #expect(text.contains("2015-03-31  0     0    2      26     76         25%"))
    }
}
