import Foundation
import PlanJSON
import PlanKit
import PlanReports
import Testing
import TestSupport

/// `report` reduces each plan to its part of the pack as it reads it (ReportCommand+Reading.swift):
/// what it prints must be what the pack of the plans held whole prints, part by part in file order.
@Suite("The board pack made plan by plan")
struct ReportPlanByPlanTests {
    /// A sandbox whose `plans/` holds copies of the example plans under new ids, `p0.json`, `p1.json`, …
    /// With `controlCharacters`, every other plan's comments start with C1 controls and an escape
    /// sequence, which text for people drops and JSON, HTML and CSV keep.
    static func portfolio(_ examples: [String], controlCharacters: Bool = false) throws -> Sandbox {
        let sandbox = try Sandbox()
        for (index, example) in examples.enumerated() {
            var text = try String(contentsOf: repositoryRoot.appendingPathComponent("plans/\(example)"), encoding: .utf8)
            let id = example.replacingOccurrences(of: ".json", with: "")
            text = text.replacingOccurrences(of: "\"id\": \"\(id)\"", with: "\"id\": \"p\(index)-\(id)\"")
            if controlCharacters, index % 2 == 0 {
                text = text.replacingOccurrences(of: "\"comment\": \"", with: "\"comment\": \"\u{9B}\u{85}\\u001b[31m ")
            }
            try sandbox.write("plans/p\(index).json", text)
        }
        return sandbox
    }

    /// The pack of the plans held whole, as `report` made it before it read plan by plan.
    static func wholePlanReports(_ sandbox: Sandbox, count: Int, asOf: CalendarDate, lead: String?,
                                 grouping: SummaryGrouping) throws -> [BoardReport] {
        let folder = WorkingFolder(sandbox.folder.path)
        return try (0..<count).map { index in
            try PlanLoader.load(file: "plans/p\(index).json", relativeTo: folder, today: testToday).plan
        }
        .filter { $0.exists(on: asOf) }
        .map { plan in
            BoardReport(plan: lead.map(plan.keepingActions(ledBy:)) ?? plan, asOf: asOf, grouping: grouping)
        }
    }

    @Test("text, brief, chosen sections, Markdown, HTML and JSON match the pack of whole plans on random portfolios")
    func matchesTheWholePlanPack() throws {
        var random = SeededGenerator(test: "ReportPlanByPlanTests.matchesTheWholePlanPack")
        let days = ["2014-06-01", "2015-03-31", "2015-04-23", "2019-03-01", "2019-12-31", "2020-06-30"]
        for round in 0..<6 {
            let examples = (0..<Int.random(in: 2...4, using: &random)).map { _ in
                ["portsmouth-2014.json", "blackpool-2019.json"].randomElement(using: &random)!
            }
            let sandbox = try Self.portfolio(examples, controlCharacters: round % 2 == 1)
            let asOf = CalendarDate(iso: days.randomElement(using: &random)!)!
            let lead = Bool.random(using: &random) ? "YOT Manager" : nil
            let grouping: SummaryGrouping = Bool.random(using: &random) ? .theme : .rec
            let width = Bool.random(using: &random) ? Int.random(in: 50...140, using: &random) : nil
            var arguments = ["report", "--as-of", asOf.description]
            if grouping == .rec { arguments += ["--group", "rec"] }
            if let lead { arguments += ["--lead", lead] }
            let environment = width.map { ["COLUMNS": String($0)] } ?? [:]
            let reports = try Self.wholePlanReports(sandbox, count: examples.count, asOf: asOf, lead: lead, grouping: grouping)
            let context = "round \(round): \(examples) \(arguments) width \(width.map(String.init) ?? "none")"
            guard !reports.isEmpty else {
                let none = try sandbox.run(arguments, environment: environment)
                #expect(none.stdout == "" && none.status != 0, "\(context)")
                continue
            }
            let style = TextStyle(usesColour: false)

            var text = ""
            BoardReport.document(reports, asOf: asOf).writeText(width: width, style: style, to: &text)
            let printed = try sandbox.run(arguments, environment: environment)
            #expect(printed.status == 0, "\(context): \(printed.stderr)")
            #expect(printed.stdout == text, "\(context)")

            let fullPack = (["improve"] + arguments).map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
            var brief = ""
            BoardReport.brief(reports, asOf: asOf, fullPack: fullPack).writeText(width: width, style: style, to: &brief)
            #expect(try sandbox.run(arguments + ["--brief"], environment: environment).stdout == brief, "\(context) --brief")

            let chosen = ["exceptions", "headline"]
            var sections = ""
            ReportDocument(title: "Improvement plan board report", subtitle: "As of \(asOf)",
                           sections: reports.flatMap { $0.sections(named: chosen) })
                .writeText(width: width, style: style, to: &sections)
            #expect(try sandbox.run(arguments + ["--sections", chosen.joined(separator: ",")], environment: environment).stdout == sections,
                    "\(context) --sections")

            let markdown = try sandbox.run(arguments + ["--format", "markdown"])
            #expect(markdown.stdout == BoardReport.document(reports, asOf: asOf).markdown, "\(context) markdown")

            // A chart's ids count the sections of the whole page, across plans.
            let html = try sandbox.run(arguments + ["--format", "html"])
            #expect(html.stdout == BoardReport.document(reports, asOf: asOf).html, "\(context) html")
            let briefHTML = try sandbox.run(arguments + ["--brief", "--format", "html"])
            let htmlFullPack = fullPack + " --format html"
            #expect(briefHTML.stdout == BoardReport.brief(reports, asOf: asOf, fullPack: htmlFullPack).html, "\(context) brief html")

            // Each plan's rows are made apart: the CSV of the parts joined is the whole document's.
            let whole = BoardReport.document(reports, asOf: asOf)
            for key in ["exceptions", "progress", "withdrawn", "trend"] {
                let csv = try sandbox.run(arguments + ["--format", "csv", "--section", key])
                #expect(csv.stdout == whole.csv(section: key), "\(context) csv \(key)")
            }
            let zipped = try sandbox.run(arguments + ["--format", "csv", "--out", "pack.zip"])
            #expect(zipped.status == 0, "\(context) zip: \(zipped.stderr)")
            let archive = try [UInt8](Data(contentsOf: sandbox.folder.appendingPathComponent("pack.zip")))
            #expect(archive == whole.csvArchive(), "\(context) zip")

            let json = try sandbox.run(arguments + ["--format", "json"])
            let expected = JSONValue.object([JSONMember("asOf", .string(asOf.description)),
                                             JSONMember("plans", .array(reports.map { $0.jsonValue }))])
            #expect(json.stdout == JSONWriter.string(from: expected), "\(context) json")
            let briefJSON = try sandbox.run(arguments + ["--brief", "--format", "json"])
            let expectedBrief = JSONValue.object([
                JSONMember("asOf", .string(asOf.description)),
                JSONMember("plans", .array(reports.map { $0.jsonValue(sections: BoardReport.briefSectionNames) })),
                JSONMember("fullPack", .string(fullPack + " --format json")),
            ])
            #expect(briefJSON.stdout == JSONWriter.string(from: expectedBrief), "\(context) brief json")
        }
    }

    @Test("plans come in file order, a broken plan in the middle is reported after the pack, and the exit code says so")
    func aBrokenPlanInTheMiddle() throws {
        let sandbox = try Self.portfolio(["portsmouth-2014.json", "blackpool-2019.json", "portsmouth-2014.json"])
        try sandbox.write("plans/p1.json", "{\"formatVersion\": 1,")
        for format in ["text", "markdown", "json"] {
            let result = try sandbox.run(["report", "--as-of", "2020-01-31", "--format", format])
            #expect(result.status == 65, "\(format)")
            // Text prints a plan's id in capitals in its heading.
            let printed = result.stdout.lowercased()
            let first = try #require(printed.range(of: "p0-portsmouth-2014"), "\(format)")
            let last = try #require(printed.range(of: "p2-portsmouth-2014"), "\(format)")
            #expect(first.lowerBound < last.lowerBound, "\(format)")
            #expect(!printed.contains("blackpool"), "\(format)")
            #expect(result.stderr.contains("p1.json"), "\(format): \(result.stderr)")
        }
    }

    @Test("a CSV section no plan has is a usage error naming the sections there are")
    func unknownCSVSection() throws {
        let sandbox = try Self.portfolio(["portsmouth-2014.json", "blackpool-2019.json"])
        let result = try sandbox.run(["report", "--as-of", "2020-01-31", "--format", "csv", "--section", "minutes"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("no section 'minutes' in this report; use one of headline, trend, exceptions, progress, deadlines, due, rag,"))
    }

    @Test("a pack of no plans (every inspection after the day) is still whole JSON, with each plan noted")
    func noPlanYet() throws {
        let sandbox = try Self.portfolio(["portsmouth-2014.json", "blackpool-2019.json"])
        let result = try sandbox.run(["report", "--as-of", "2012-01-31", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stdout == "{\n  \"asOf\": \"2012-01-31\",\n  \"plans\": [\n  ]\n}\n")
        #expect(result.stderr.contains("p0-portsmouth-2014 is left out") && result.stderr.contains("p1-blackpool-2019 is left out"))
    }

    @Test("a lead no plan has is refused as before, naming no plan's part; one only some plans have narrows each plan")
    func leadsAcrossPlans() throws {
        let sandbox = try Self.portfolio(["portsmouth-2014.json", "blackpool-2019.json"])
        let unknown = try sandbox.run(["report", "--as-of", "2020-01-31", "--lead", "nobody at all"])
        #expect(unknown.status == 64)
        #expect(unknown.stdout == "")
        #expect(unknown.stderr.contains("no action of the plans loaded has a lead containing \"nobody at all\""))
        let reports = try Self.wholePlanReports(sandbox, count: 2, asOf: CalendarDate(iso: "2020-01-31")!, lead: "YOT Manager", grouping: .theme)
        var text = ""
        BoardReport.document(reports, asOf: CalendarDate(iso: "2020-01-31")!).writeText(width: nil, style: TextStyle(usesColour: false), to: &text)
        let mine = try sandbox.run(["report", "--as-of", "2020-01-31", "--lead", "YOT Manager"])
        #expect(mine.status == 0)
        #expect(mine.stdout == text)
    }
}
