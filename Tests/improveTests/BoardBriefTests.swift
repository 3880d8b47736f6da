import Foundation
import OfficeDocument
import Testing

/// `report --sections`, `report --brief`, the charts and the HTML's structure for assistive technology (issue 27).
@Suite("The brief, the sections by name and the charts")
struct BoardBriefTests {
    let portsmouth = ["--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23"]

    @Test(arguments: ["text", "markdown", "html", "csv", "json"])
    func sectionsChoosesSectionsByNameInEveryFormat(format: String) throws {
        let result = try sandboxWithExamples().run(["report"] + portsmouth + ["--sections", "exceptions,headline", "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        switch format {
        case "json":
            let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
            let plan = (object["plans"] as! [[String: Any]])[0]
            #expect(plan["exceptions"] != nil && plan["headline"] != nil)
            #expect(plan["trend"] == nil && plan["dueBeforeNext"] == nil && plan["movements"] == nil)
            let summary = plan["summary"] as! [String: Any]
            #expect(summary["stale"] == nil && summary["groups"] == nil && summary["plan"] as? String == "portsmouth-2014")
        case "csv":
            // Without --section the CSV pack is a ZIP of one table a section: the ones chosen, in order.
            let archive = try ZipArchive(bytes: result.stdoutBytes)
            #expect(archive.entries.map(\.name) == ["exceptions.csv", "headline.csv"])
        default:
            let exceptions = try #require(out.range(of: "Exceptions: red, overdue or slipped"))
            let headline = try #require(out.range(of: "Headline"))
            #expect(exceptions.lowerBound < headline.lowerBound, "in the order given")
            #expect(!out.contains("Progress since") && !out.contains("RAG position by theme") && !out.contains("No status recorded"))
        }
    }

    @Test func anUnknownSectionIsAUsageErrorNamingTheValidOnes() throws {
        let box = try sandboxWithExamples()
        let unknown = try box.run(["report"] + portsmouth + ["--sections", "headline,nope"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no section 'nope' in the board pack; use one of headline, trend, exceptions, progress, "
            + "deadlines, due, rag, recommendations, no-status, stale, contradictions, withdrawn"))
        let both = try box.run(["report"] + portsmouth + ["--sections", "rag", "--brief"])
        #expect(both.status == 64)
        let old = try box.run(["report"] + portsmouth + ["--format", "csv", "--section", "due"])
        #expect(old.status == 0 && old.stdout.hasPrefix("plan,Due,ID"), "--section still writes one section as one table")
    }

    @Test(arguments: ["text", "markdown", "html", "csv", "json"])
    func theBriefIsTheHeadlineTheChartsAndTheExceptionsAndNamesTheFullPack(format: String) throws {
        let result = try sandboxWithExamples().run(["report"] + portsmouth + ["--brief", "--format", format])
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        let command = "improve report --plan plans/portsmouth-2014.json --as-of 2015-04-23" + (format == "text" ? "" : " --format \(format)")
        switch format {
        case "json":
            let object = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
            #expect(object["fullPack"] as? String == command)
            let plan = (object["plans"] as! [[String: Any]])[0]
            #expect(plan["headline"] != nil && plan["trend"] != nil && plan["exceptions"] != nil)
            #expect(plan["movements"] == nil && plan["dueBeforeNext"] == nil)
        case "csv":
            let archive = try ZipArchive(bytes: result.stdoutBytes)
            #expect(Set(archive.entries.map(\.name)) == ["headline.csv", "rag.csv", "trend.csv", "exceptions.csv", "full-pack.csv"])
            // The zipped pack is refused at a terminal, so the command the brief names gives it a file.
            let docx = try sandboxWithExamples().run(["report"] + portsmouth + ["--brief", "--format", "docx"])
            let body = try ZipArchive(bytes: docx.stdoutBytes).contents(of: "word/document.xml").map { String(decoding: $0, as: UTF8.self) } ?? ""
            #expect(body.contains("print it with: improve report --plan plans/portsmouth-2014.json --as-of 2015-04-23 --format docx --out pack.docx"))
        default:
            for part in ["Headline", "RAG position by theme", "Trend", "Exceptions: red, overdue or slipped (10)", "In the full pack"] {
                #expect(out.contains(part), "\(format): \(part)")
            }
            #expect(!out.contains("Progress since") && !out.contains("No status recorded ("))
            #expect(!out.contains("the RAG table, "), "the brief shows the RAG position; the full pack's line does not offer it")
            #expect(out.replacingOccurrences(of: "\n", with: " ").contains("The full pack adds the progress recorded since 2015-03-24 (170 entries)"))
            #expect(out.replacingOccurrences(of: "\n", with: " ").contains("print it with: " + command), "\(format)")
        }
    }

    @Test func theHTMLIsStructuredForAssistiveTechnology() throws {
        let box = try sandboxWithExamples()
        let pages = [
            try box.run(["report"] + portsmouth + ["--format", "html"]).stdout,
            try box.run(["report"] + portsmouth + ["--format", "html", "--brief"]).stdout,
            try box.run(["overdue"] + portsmouth + ["--format", "html"]).stdout,
        ]
        for html in pages {
            #expect(html.contains("<html lang=\"en\">"))
            // Everything a reader sees is inside the one main landmark.
            let body = try #require(html.components(separatedBy: "<body>").last?.components(separatedBy: "</body>").first)
            #expect(body.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<main>"))
            #expect(body.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</main>"))
            let tables = html.components(separatedBy: "<table").count - 1
            #expect(tables > 0)
            #expect(html.components(separatedBy: "<caption").count - 1 == tables, "a caption per table")
            #expect(!html.contains("<th>"), "every header cell has a scope")
            // A status word is never in a colour too light to read (AMBER's fill colour fails 4.5:1 as text).
            #expect(!html.contains("color: #e69b00"))
        }
        for html in pages.prefix(2) {
            let charts = html.components(separatedBy: "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"").dropFirst()
            #expect(charts.count == 2, "the RAG chart and the trend chart")
            for chart in charts {
                #expect(chart.contains("role=\"img\""))
                #expect(chart.contains("<title id="))
                #expect(chart.contains("<desc id="))
                #expect(chart.contains("class=\"axis-title value-axis\""))
                #expect(chart.contains("class=\"axis-title category-axis\""))
                #expect(chart.contains("url(#"), "patterns, so grey print tells the levels apart")
            }
        }
        #expect(pages[0].contains("<title id=\"chart3-title\">RAG trend</title>"))
        #expect(pages[0].contains(">Theme</text>") && pages[0].contains(">Actions</text>") && pages[0].contains(">Month end</text>"))
        // The brief folds each chart's table (its text alternative) away; the pack shows it.
        #expect(pages[1].contains("<details class=\"data\"><summary>RAG position by theme: the numbers</summary>"))
        #expect(!pages[0].contains("<details"))
    }

    @Test func theChartsHoldTheTablesNumbers() throws {
        let html = try sandboxWithExamples().run(["report"] + portsmouth + ["--format", "html", "--group", "rec"]).stdout
        #expect(html.contains(">RAG position by recommendation</title>"))
        #expect(html.contains(">Recommendation</text>"), "the category axis says what the bars are")
        // The trend's columns: 76 with no status and 26 GREEN at the end of March, 94 GREEN on the day; each total above its column.
        let trend = try #require(html.components(separatedBy: ">RAG trend</title>").last)
        for count in [">76</text>", ">26</text>", ">94</text>", ">104</text>"] { #expect(trend.contains(count), "\(count)") }
    }
}

@Suite("The headline's words")
struct HeadlineWordingTests {
    @Test func thePeriodAndEveryComparisonNameTheSameFirstDay() throws {
        let text = try sandboxWithExamples().run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23"]).stdout
            .replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("Period: 2015-03-24 to 2015-04-23, the days after 2015-03-23 (a month before 2015-04-23); "
            + "every change below is since the start of 2015-03-24."))
        #expect(text.contains("(+90 points since 2015-03-24)"))
        #expect(text.contains("Since 2015-03-24: +10 AMBER, +94 GREEN, −104 no status."))
        #expect(text.contains("Start of 2015-03-24"))
        #expect(text.contains("Progress since 2015-03-24 (170)"))
        #expect(!text.contains("since 2015-03-23"), "one rule: the period's first day")
        #expect(text.contains("status contradicts the dates: 10 (listed at the end). A status contradicts the dates when it is "
            + "complete with milestones open, not yet due (BLUE) past the deadline, or anything but RED on an overdue action."))
    }

    @Test func anActionNeverUpdatedIsStaleFromThePlansStart() throws {
        let box = try sandboxWithExamples()
        let text = try box.run(["report", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10"]).stdout
            .replacingOccurrences(of: "\n", with: " ")
        #expect(text.contains("stale (no update for more than 60 days): 60, counting those never updated since the plan started"))
        let json = try box.run(["summary", "--plan", "plans/blackpool-2019.json", "--as-of", "2019-04-10", "--format", "json"]).stdout
        let plan = ((try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any])["plans"] as! [[String: Any]])[0]
        let stale = plan["stale"] as! [[String: Any]]
        #expect(stale.count == 60)
        #expect(stale.first?["note"] as? String == "never updated in 191 days (since the plan started, 2018-10-01)")
        // Two months after the inspection nothing is stale yet.
        let early = try box.run(["summary", "--plan", "plans/blackpool-2019.json", "--as-of", "2018-11-30", "--format", "json"]).stdout
        let earlyPlan = ((try JSONSerialization.jsonObject(with: Data(early.utf8)) as! [String: Any])["plans"] as! [[String: Any]])[0]
        #expect((earlyPlan["stale"] as! [Any]).isEmpty)
    }
}

@Suite("CSV for Excel")
struct CSVForExcelTests {
    @Test(arguments: [["report", "--format", "csv", "--section", "rag"], ["summary", "--format", "csv"],
                      ["list", "--format", "csv"], ["export", "csv"]])
    func bomStartsEveryCSVWithAByteOrderMark(command: [String]) throws {
        let box = try sandboxWithExamples()
        let plain = try box.run(command + ["--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23"])
        let marked = try box.run(command + ["--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--bom"])
        #expect(marked.status == 0, "\(marked.stderr)")
        #expect(!plain.stdout.hasPrefix("\u{FEFF}"))
        #expect(marked.stdout == "\u{FEFF}" + plain.stdout)
    }

    @Test func bomStartsEveryFileOfTheZippedPack() throws {
        let box = try sandboxWithExamples()
        let arguments = ["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "csv"]
        let plain = try ZipArchive(bytes: box.run(arguments).stdoutBytes)
        let marked = try ZipArchive(bytes: box.run(arguments + ["--bom"]).stdoutBytes)
        #expect(marked.entries.map(\.name) == plain.entries.map(\.name) && !plain.entries.isEmpty)
        for entry in plain.entries {
            let before = try plain.contents(of: entry.name) ?? []
            let after = try marked.contents(of: entry.name) ?? []
            #expect(after == [0xEF, 0xBB, 0xBF] + before, "\(entry.name)")
        }
    }

    @Test func bomGoesWithCSV() throws {
        let result = try sandboxWithExamples().run(["report", "--bom"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--bom goes with --format csv"))
    }

    @Test func everyPackRowCarriesThePlansID() throws {
        let box = try sandboxWithExamples()
        for extra in [["--section", "exceptions"], ["--section", "rag"], ["--section", "headline"]] {
            let csv = try box.run(["report", "--plan", "plans/portsmouth-2014.json", "--as-of", "2015-04-23", "--format", "csv"] + extra).stdout
            let rows = parseCSV(csv).dropFirst()
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { $0[0] == "portsmouth-2014" }, "\(extra)")
        }
    }
}
