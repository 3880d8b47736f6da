import Foundation
import Testing
@testable import improve
import PlanJSON
import PlanKit
@testable import PlanReports
import PlanInterchange

/// The reading commands that write as they read (export csv and ics) or keep only small rows of each
/// plan (list, validate) give what they gave holding every plan whole: the same bytes, plans in file
/// order, a plan that cannot be read reported after the others' output, and the same exit codes.
@Suite("Reading commands over a folder of many plans")
struct StreamedOutputTests {
    static let asOf = "2020-01-01"
    /// More plans than a window of files read at once on a small machine (four per core).
    static let count = 13
    static let broken = 5

    /// A sandbox whose `plans` folder holds ``count`` plans, copies of the two examples in turn with
    /// their own ids (`plan-00` …), and at ``broken`` a file that is no plan; with the plans that load, in file order.
    func portfolio(broken: Set<Int> = [Self.broken]) throws -> (sandbox: Sandbox, plans: [Plan]) {
        let sandbox = try Sandbox()
        var plans: [Plan] = []
        for index in 0..<Self.count {
            let name = String(format: "plan-%02d", index)
            guard !broken.contains(index) else {
                try sandbox.write("plans/\(name).json", "{\"broken\": ")
                continue
            }
            let (example, id) = index % 2 == 0 ? ("blackpool-2019.json", "blackpool-2019") : ("portsmouth-2014.json", "portsmouth-2014")
            let text = try String(contentsOf: repositoryRoot.appendingPathComponent("plans/\(example)"), encoding: .utf8)
                .replacingOccurrences(of: "\"id\": \"\(id)\"", with: "\"id\": \"\(name)\"")
            try sandbox.write("plans/\(name).json", text)
            plans.append(try PlanLoader.load(file: sandbox.folder.appendingPathComponent("plans/\(name).json").path,
                                             relativeTo: testFolder, today: testToday).plan)
        }
        return (sandbox, plans)
    }

    /// The plan that cannot be read is reported after the output, and the command exits 65, as before.
    func expectBrokenReported(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 65, sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("improve: plans/plan-05.json has 1 error"), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    @Test func exportCSVIsEveryPlansRowsInFileOrderAsIfHeldWhole() throws {
        let (sandbox, plans) = try portfolio()
        let day = CalendarDate(iso: Self.asOf)!
        let actions = try sandbox.run(["export", "csv", "--bom", "--as-of", Self.asOf])
        #expect(actions.stdout == PlanExporter.actionsCSV(plans, asOf: day, byteOrderMark: true))
        #expect(actions.stdout.components(separatedBy: "\r\nplan-").count > plans.count)
        expectBrokenReported(actions)
        let milestones = try sandbox.run(["export", "csv", "--milestones", "--as-of", Self.asOf])
        #expect(milestones.stdout == PlanExporter.milestonesCSV(plans, asOf: day))
        expectBrokenReported(milestones)
    }

    @Test func exportICSIsEveryPlansEventsInFileOrderAsIfHeldWhole() throws {
        let (sandbox, plans) = try portfolio()
        let day = CalendarDate(iso: Self.asOf)!
        let all = try sandbox.run(["export", "ics", "--as-of", Self.asOf])
        #expect(all.stdout == PlanExporter.calendar(plans, asOf: day))
        #expect(all.stdout.hasPrefix("BEGIN:VCALENDAR\r\n") && all.stdout.hasSuffix("END:VCALENDAR\r\n"))
        expectBrokenReported(all)
        // A lead only the Portsmouth copies have: the Blackpool copies before the first come out as before.
        let lead = try #require(plans[1].leadNames.first { name in
            !plans[0].leadNames.contains(name) && PlanExporter.calendar([plans[1]], asOf: day, lead: name, openOnly: true).contains("BEGIN:VEVENT")
        })
        let mine = try sandbox.run(["export", "ics", "--open", "--lead", lead, "--as-of", Self.asOf])
        #expect(mine.stdout == PlanExporter.calendar(plans, asOf: day, lead: lead, openOnly: true))
        #expect(mine.stdout.contains("BEGIN:VEVENT"))
        expectBrokenReported(mine)
    }

    @Test func aLeadNoPlanHasIsRefusedAndNoCalendarIsWritten() throws {
        let (sandbox, _) = try portfolio()
        let result = try sandbox.run(["export", "ics", "--lead", "Nobody Anywhere", "--as-of", Self.asOf])
        #expect(result.stdout.isEmpty)
        #expect(result.status != 0)
        #expect(result.stderr.contains("Nobody Anywhere"), "\(result.stderr)")
    }

    @Test func summaryChecksItsLeadAgainstEveryPlansLeads() throws {
        let (sandbox, plans) = try portfolio()
        let lead = try #require(plans[1].leadNames.first { !plans[0].leadNames.contains($0) })
        let known = try sandbox.run(["summary", "--lead", lead, "--as-of", Self.asOf])
        #expect(known.stdout.hasPrefix("RAG summary\nAs of \(Self.asOf)\n"))
        expectBrokenReported(known)
        let unknown = try sandbox.run(["summary", "--lead", "Nobody Anywhere", "--as-of", Self.asOf])
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Nobody Anywhere"), "\(unknown.stderr)")
    }

    @Test func aFolderWhereNoPlanLoadsWritesNothing() throws {
        let (sandbox, _) = try portfolio(broken: Set(0..<Self.count))
        for arguments in [["export", "csv"], ["export", "ics"], ["list"], ["list", "--format", "json"]] {
            let result = try sandbox.run(arguments)
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.status == 65, "\(arguments)")
            #expect(result.stderr.hasPrefix("improve: plans/plan-00.json has 1 error"), "\(arguments): \(result.stderr)")
        }
    }

    @Test(arguments: ActionSortKey.allCases)
    func listSortsRowsAcrossPlansAsIfHeldWhole(sort: ActionSortKey) throws {
        let (sandbox, plans) = try portfolio()
        var query = ActionQuery(asOf: CalendarDate(iso: Self.asOf)!)
        query.sort = sort
        let report = ActionListReport(rows: try query.run(on: plans), asOf: query.asOf)
        let text = try sandbox.run(["list", "--sort", sort.rawValue, "--as-of", Self.asOf, "--color", "never"])
        var expected = ""
        report.writeText(width: nil, style: TextStyle(usesColour: false), to: &expected)
        #expect(text.stdout == expected)
        expectBrokenReported(text)
        let csv = try sandbox.run(["list", "--sort", sort.rawValue, "--format", "csv", "--as-of", Self.asOf])
        #expect(csv.stdout == report.csv)
        expectBrokenReported(csv)
        let json = try sandbox.run(["list", "--sort", sort.rawValue, "--format", "json", "--as-of", Self.asOf])
        #expect(json.stdout == JSONWriter.string(from: report.jsonValue))
        expectBrokenReported(json)
    }

    @Test func listFiltersAcrossPlansAndRefusesWhatNoPlanHasAsIfHeldWhole() throws {
        let (sandbox, plans) = try portfolio()
        var query = ActionQuery(asOf: CalendarDate(iso: Self.asOf)!)
        query.overdueOnly = true
        query.statuses = ["amber", "none"]
        let report = ActionListReport(rows: try query.run(on: plans), asOf: query.asOf)
        let fields = ["id", "plan", "status", "leads", "latestComment"]
        let json = try sandbox.run(["list", "--overdue", "--status", "amber", "--status", "none", "--format", "json",
                                    "--fields", fields.joined(separator: ","), "--as-of", Self.asOf])
        #expect(json.stdout == JSONWriter.string(from: report.jsonValue(fields: fields)))
        #expect(json.stdout.contains("\"latestComment\": {"))
        // A theme no plan has is refused, naming those they have, and nothing is listed.
        let unknown = try sandbox.run(["list", "--theme", "99", "--as-of", Self.asOf])
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.status != 0 && unknown.status != 65)
        #expect(throws: QueryError.self) { try { var q = query; q.themes = ["99"]; _ = try q.run(on: plans) }() }
    }

    @Test func streamedJSONAndCSVOfAListAreTheWholeValuesBytes() throws {
        let plans = try ["blackpool-2019.json", "portsmouth-2014.json"].map { name in
            try PlanLoader.load(file: "plans/\(name)", relativeTo: testFolder, today: testToday).plan
        }
        for rows in [try ActionQuery(asOf: CalendarDate(iso: Self.asOf)!).run(on: plans), []] {
            let report = ActionListReport(rows: rows, asOf: CalendarDate(iso: Self.asOf)!)
            for fields in [nil, ["dueDate", "id"]] {
                var streamed = ""
                report.writeJSON(fields: fields, to: &streamed)
                #expect(streamed == JSONWriter.string(from: report.jsonValue(fields: fields)))
            }
            #expect(report.csv.hasPrefix("plan,id,theme,"))
            #expect(report.csv.components(separatedBy: "\r\n").count == rows.count + 2)
        }
    }

    /// A table with no width to fit is written a part at a time at the widths of every row's cells:
    /// the same bytes as the whole table fitted to a width it never reaches.
    @Test(arguments: [false, true])
    func aLongTableWrittenInPartsIsTheWholeTable(colour: Bool) throws {
        let plans = try ["blackpool-2019.json", "portsmouth-2014.json"].map { name in
            try PlanLoader.load(file: "plans/\(name)", relativeTo: testFolder, today: testToday).plan
        }
        let rows = try ActionQuery(asOf: CalendarDate(iso: Self.asOf)!).run(on: plans)
        var many: [ActionRow] = []
        while many.count <= 2 * ActionListReport.tablePart + 1 { many += rows }
        // The widest text last, so that the first parts are written at a width only the last needs.
        many.append(try #require(rows.max { $0.action.text.count < $1.action.text.count }))
        let report = ActionListReport(rows: many, asOf: CalendarDate(iso: Self.asOf)!)
        var parts = "", whole = ""
        report.writeText(width: nil, style: TextStyle(usesColour: colour), to: &parts)
        report.writeText(width: 1_000_000, style: TextStyle(usesColour: colour), to: &whole)
        #expect(parts == whole)
        #expect(parts.split(separator: "\n").count > many.count)
    }

    @Test func validateReportsABrokenPlanInItsPlaceAmongTheOthers() throws {
        let (sandbox, plans) = try portfolio()
        let text = try sandbox.run(["validate"])
        #expect(text.status == 1)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let files = lines.compactMap { line in line.hasPrefix("plans/") ? String(line.prefix(while: { $0 != ":" })) : nil }
        #expect(files == (0..<Self.count).map { String(format: "plans/plan-%02d.json", $0) })
        #expect(lines.contains("plans/plan-02.json: ok (plan-02: \(plans[2].actions.count) actions, \(plans[2].recommendations.count) recommendations)"))
        #expect(lines.last == "\(Self.count) plan files checked: 1 error, 0 warnings")
        let json = try sandbox.run(["validate", "--format", "json"])
        #expect(json.status == 1)
        let value = try JSONParser.parse(Array(json.stdout.utf8))
        guard case .object(let members) = value, case .array(let checked)? = members.first(where: { $0.key == "files" })?.value else {
            Issue.record("no files in \(json.stdout.prefix(200))")
            return
        }
        #expect(checked.count == Self.count)
        #expect(json.stdout.contains("\"plan\": \"plan-12\""))
        #expect(json.stdout.contains("\"file\": \"plans/plan-05.json\",\n      \"plan\": null"))
    }
}
