import Foundation
import PlanJSON
import PlanKit
import PlanReports
import Testing
import TestSupport

/// `log` reduces each plan to its entries as it reads it (LogCommand): what it prints must be
/// what the log of the plans held whole prints, and a broken plan is still reported after it.
@Suite("The log made plan by plan")
struct LogPlanByPlanTests {
    @Test func matchesTheLogOfWholePlansOnRandomPortfolios() throws {
        var random = SeededGenerator(test: "LogPlanByPlanTests.matches")
        let days = ["2014-06-01", "2015-03-31", "2019-03-01", "2019-12-31", "2020-06-30"]
        var withEntries = 0
        for round in 0..<6 {
            let examples = (0..<Int.random(in: 2...4, using: &random)).map { _ in
                ["portsmouth-2014.json", "blackpool-2019.json"].randomElement(using: &random)!
            }
            let sandbox = try ReportPlanByPlanTests.portfolio(examples)
            let asOf = CalendarDate(iso: days.randomElement(using: &random)!)!
            let since = asOf.adding(days: -Int.random(in: 30...900, using: &random))
            let lead = Bool.random(using: &random) ? "YOT Manager" : nil
            let by = Int.random(in: 0..<4, using: &random) == 0 ? "a" : nil
            var arguments = ["log", "--as-of", asOf.description, "--since", since.description]
            if let lead { arguments += ["--lead", lead] }
            if let by { arguments += ["--by", by] }
            let folder = WorkingFolder(sandbox.folder.path)
            let plans = try (0..<examples.count).map { try PlanLoader.load(file: "plans/p\($0).json", relativeTo: folder, today: testToday).plan }
            let whole = ActivityLog(plans: plans, asOf: asOf, since: since, lead: lead, by: by)
            if !whole.items.isEmpty { withEntries += 1 }
            let context = "round \(round), seed \(random.seed): \(examples) \(arguments)"
            var text = ""
            whole.writeText(width: nil, style: TextStyle(usesColour: false), to: &text)
            let printed = try sandbox.run(arguments)
            #expect(printed.status == 0, "\(context): \(printed.stderr)")
            #expect(printed.stdout == text, "\(context)")
            let json = try sandbox.run(arguments + ["--format", "json"])
            var expected = ""
            JSONWriter.write(whole.jsonValue, to: &expected)
            #expect(json.stdout == expected, "\(context) json")
        }
        #expect(withEntries >= 2, "most rounds log some entries: \(withEntries) of 6, seed \(random.seed)")
    }

    @Test func aBrokenPlanInTheMiddleIsReportedAfterTheOthersEntries() throws {
        let sandbox = try ReportPlanByPlanTests.portfolio(["portsmouth-2014.json", "portsmouth-2014.json", "blackpool-2019.json"])
        try sandbox.write("plans/p1.json", "{ not a plan")
        let printed = try sandbox.run(["log", "--as-of", "2015-04-23", "--since", "2014-01-01"])
        #expect(printed.status == 65, "\(printed.stderr)")
        #expect(printed.stdout.contains("p0-portsmouth-2014") && !printed.stdout.contains("p1-"), "\(printed.stdout)")
        #expect(printed.stderr.contains("plans/p1.json"), "\(printed.stderr)")
        let unknown = try sandbox.run(["log", "--lead", "Nobody at all", "--since", "2014-01-01"])
        #expect(unknown.status == 64 && unknown.stderr.contains("Nobody at all"), "\(unknown.stderr)")
    }
}
