import Foundation
import PlanJSON
import PlanKit
import PlanReports
import Testing
import TestSupport

/// `summary` writes each plan's part as it reads it, and `list --format json|csv` keeps of each row only
/// its written line and its place in the order (SummaryCommand+Parts.swift, ListCommand.swift): what they
/// print must be what the same reports of the plans held whole print, in file order.
@Suite("summary and list --format json|csv made plan by plan")
struct SummaryAndListPlanByPlanTests {
    /// Text that JSON, CSV, Markdown and HTML must each escape, and that holds JSON's own punctuation.
    static let awkward = #"Quote \" back\\slash {[a, b]: c} | *bold* <b>&amp; \u001b[31mred\u001b[0m, \"done\" "#

    /// ``ReportPlanByPlanTests/portfolio(_:)`` with the first action of every other plan given ``awkward`` text.
    static func portfolio(_ examples: [String]) throws -> Sandbox {
        let sandbox = try ReportPlanByPlanTests.portfolio(examples)
        for index in examples.indices where index % 2 == 0 {
            let file = sandbox.folder.appendingPathComponent("plans/p\(index).json")
            var text = try String(contentsOf: file, encoding: .utf8)
            let actions = try #require(text.range(of: "\"actions\""))
            let field = try #require(text.range(of: "\"text\": \"", range: actions.upperBound..<text.endIndex))
            text.replaceSubrange(field, with: "\"text\": \"" + awkward)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        return sandbox
    }

    /// The plans held whole, in file order, that existed on the day.
    static func wholePlans(_ sandbox: Sandbox, count: Int, asOf: CalendarDate) throws -> [Plan] {
        let folder = WorkingFolder(sandbox.folder.path)
        return try (0..<count).map { index in
            try PlanLoader.load(file: "plans/p\(index).json", relativeTo: folder, today: testToday).plan
        }
        .filter { $0.exists(on: asOf) }
    }

    static let days = ["2014-06-01", "2015-03-31", "2015-04-23", "2019-03-01", "2019-12-31", "2020-06-30"]

    static func randomPortfolio(_ random: inout SeededGenerator) -> [String] {
        (0..<Int.random(in: 2...4, using: &random)).map { _ in
            ["portsmouth-2014.json", "blackpool-2019.json"].randomElement(using: &random)!
        }
    }

    @Test("summary in every format matches the summary of whole plans on random portfolios")
    func summaryMatchesWholePlans() throws {
        var random = SeededGenerator(test: "SummaryAndListPlanByPlanTests.summaryMatchesWholePlans")
        for round in 0..<6 {
            let examples = Self.randomPortfolio(&random)
            let sandbox = try Self.portfolio(examples)
            let asOf = CalendarDate(iso: Self.days.randomElement(using: &random)!)!
            let lead = Bool.random(using: &random) ? "YOT Manager" : nil
            let grouping: SummaryGrouping = Bool.random(using: &random) ? .theme : .rec
            let trend = Bool.random(using: &random)
            let width = Bool.random(using: &random) ? Int.random(in: 50...140, using: &random) : nil
            var arguments = ["summary", "--as-of", asOf.description]
            if grouping == .rec { arguments += ["--group", "rec"] }
            if let lead { arguments += ["--lead", lead] }
            if trend { arguments.append("--trend") }
            let environment = width.map { ["COLUMNS": String($0)] } ?? [:]
            let context = "round \(round): \(examples) \(arguments) width \(width.map(String.init) ?? "none")"
            let summaries = try Self.wholePlans(sandbox, count: examples.count, asOf: asOf).map { plan in
                let plan = lead.map(plan.keepingActions(ledBy:)) ?? plan
                var summary = PlanSummary(plan: plan, asOf: asOf, grouping: grouping)
                if trend { summary.trend = RAGTrend(plan: plan, asOf: asOf) }
                return summary
            }
            let whole = PlanSummary.document(summaries, asOf: asOf)
            let style = TextStyle(usesColour: false)

            var text = ""
            whole.writeText(width: width, style: style, to: &text)
            let printed = try sandbox.run(arguments, environment: environment)
            #expect(printed.status == 0, "\(context): \(printed.stderr)")
            #expect(printed.stdout == text, "\(context)")
            var oneLine = ""
            PlanSummary.document(summaries, asOf: asOf, layout: .oneLine)
                .writeText(width: width, style: style, layout: .oneLine, to: &oneLine)
            #expect(try sandbox.run(arguments + ["--oneline"], environment: environment).stdout == oneLine, "\(context) --oneline")

            #expect(try sandbox.run(arguments + ["--format", "markdown"]).stdout == whole.markdown, "\(context) markdown")
            // A chart's ids count the sections of the whole page, across plans.
            #expect(try sandbox.run(arguments + ["--format", "html"]).stdout == whole.html, "\(context) html")
            #expect(try sandbox.run(arguments + ["--format", "csv"]).stdout == whole.csv, "\(context) csv")
            for key in ["rag", "no-status", "stale", "withdrawn", "recommendations"] + (trend ? ["trend"] : []) {
                let csv = try sandbox.run(arguments + ["--format", "csv", "--section", key])
                #expect(csv.stdout == whole.csv(section: key), "\(context) csv \(key)")
            }
            let json = try sandbox.run(arguments + ["--format", "json"])
            let expected = JSONValue.object([JSONMember("asOf", .string(asOf.description)),
                                             JSONMember("plans", .array(summaries.map(\.jsonValue)))])
            #expect(json.stdout == JSONWriter.string(from: expected), "\(context) json")
        }
    }

    @Test("list --format json and csv match the list of whole plans' rows, for every order, on random portfolios")
    func listMatchesWholePlans() throws {
        var random = SeededGenerator(test: "SummaryAndListPlanByPlanTests.listMatchesWholePlans")
        for round in 0..<5 {
            let examples = Self.randomPortfolio(&random)
            let sandbox = try Self.portfolio(examples)
            let asOf = CalendarDate(iso: Self.days.randomElement(using: &random)!)!
            let plans = try Self.wholePlans(sandbox, count: examples.count, asOf: asOf)
            for sort in ActionSortKey.allCases {
                var query = ActionQuery(asOf: asOf)
                query.sort = sort
                var arguments = ["list", "--as-of", asOf.description, "--sort", sort.rawValue]
                if Bool.random(using: &random) {
                    query.overdueOnly = true
                    arguments.append("--overdue")
                }
                let fields = Bool.random(using: &random)
                    ? Array(ActionListReport.jsonFields.shuffled(using: &random).prefix(Int.random(in: 1...6, using: &random))) : nil
                let context = "round \(round): \(examples) \(arguments) fields \(fields ?? [])"
                let report = ActionListReport(rows: query.ordered(plans.flatMap { query.rows(of: $0) }), asOf: asOf)
                var json = "", csv = ""
                report.writeJSON(fields: fields, to: &json)
                report.writeCSV(to: &csv)
                let printedJSON = try sandbox.run(arguments + ["--format", "json"] + (fields.map { ["--fields", $0.joined(separator: ",")] } ?? []))
                #expect(printedJSON.status == 0, "\(context): \(printedJSON.stderr)")
                #expect(printedJSON.stdout == json, "\(context) json")
                #expect(printedJSON.stdout == JSONWriter.string(from: report.jsonValue(fields: fields)), "\(context) json value")
                #expect(try sandbox.run(arguments + ["--format", "csv"]).stdout == csv, "\(context) csv")
            }
        }
    }

    @Test("plans come in file order, a broken plan in the middle is reported after the output, and the exit code says so")
    func aBrokenPlanInTheMiddle() throws {
        let sandbox = try Self.portfolio(["portsmouth-2014.json", "blackpool-2019.json", "portsmouth-2014.json"])
        try sandbox.write("plans/p1.json", "{\"formatVersion\": 1,")
        let runs = ["text", "markdown", "html", "csv", "json"].map { ["summary", "--format", $0] }
            + [["summary", "--format", "csv", "--section", "rag"], ["list", "--format", "json", "--sort", "id"],
               ["list", "--format", "csv", "--sort", "id"]]
        for arguments in runs {
            let result = try sandbox.run(arguments + ["--as-of", "2020-01-31"])
            #expect(result.status == 65, "\(arguments)")
            // Text prints a plan's id in capitals in its heading.
            let printed = result.stdout.lowercased()
            let first = try #require(printed.range(of: "p0-portsmouth-2014"), "\(arguments)")
            let last = try #require(printed.range(of: "p2-portsmouth-2014", options: .backwards), "\(arguments)")
            #expect(first.lowerBound < last.lowerBound, "\(arguments)")
            #expect(!printed.contains("blackpool"), "\(arguments)")
            #expect(result.stderr.contains("p1.json"), "\(arguments): \(result.stderr)")
        }
    }

    @Test("a summary's CSV section no plan has is a usage error naming the sections there are")
    func unknownCSVSection() throws {
        let sandbox = try Self.portfolio(["portsmouth-2014.json", "blackpool-2019.json"])
        let result = try sandbox.run(["summary", "--as-of", "2020-01-31", "--format", "csv", "--section", "minutes"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("no section 'minutes' in this report; use one of rag, no-status, stale, contradictions, withdrawn, recommendations"),
                "\(result.stderr)")
    }

    @Test("a summary and a list of no plans (every inspection after the day) are still whole JSON")
    func noPlanYet() throws {
        let sandbox = try Self.portfolio(["portsmouth-2014.json", "blackpool-2019.json"])
        let summary = try sandbox.run(["summary", "--as-of", "2012-01-31", "--format", "json"])
        #expect(summary.status == 0)
        #expect(summary.stdout == "{\n  \"asOf\": \"2012-01-31\",\n  \"plans\": [\n  ]\n}\n")
        #expect(summary.stderr.contains("p0-portsmouth-2014 is left out") && summary.stderr.contains("p1-blackpool-2019 is left out"))
        let list = try sandbox.run(["list", "--as-of", "2012-01-31", "--format", "json"])
        #expect(list.status == 0)
        #expect(list.stdout == "{\n  \"asOf\": \"2012-01-31\",\n  \"count\": 0,\n  \"actions\": [\n  ]\n}\n")
    }
}
