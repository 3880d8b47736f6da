import Foundation
import Testing
import OfficeDocument
@testable import PlanKit
@testable import PlanReports
@testable import PlanInterchange

/// The board pack as Word and Excel drafts, and plans as workbooks and documents (issue 27, part 4),
/// checked at the model level: what the writers are given.
@Suite("The board pack in Word and Excel")
struct OfficePackTests {
    func pack(_ names: [String] = ["portsmouth-2014.json"], asOf: String = "2015-04-23") throws -> ReportDocument {
        let reports = try names.map { BoardReport(plan: try loadExample($0), asOf: date(asOf)) }
        return BoardReport.document(reports, asOf: date(asOf))
    }

    @Test func theWordPackHasRealHeadingsForEverySection() throws {
        let document = try pack()
        let draft = document.wordDraft
        let headings = draft.blocks.compactMap { block -> (Int, String)? in
            if case .heading(let level, let text) = block { return (level, text) }
            return nil
        }
        #expect(headings.first.map { $0 == (1, document.title) } == true, "the title is Heading 1")
        #expect(headings.map(\.1) == [document.title] + document.sections.map(\.title), "a heading per section, in order")
        #expect(headings.dropFirst().allSatisfy { (2...3).contains($0.0) })
        #expect(headings.contains { $0 == (2, document.sections[0].title) }, "a plan is Heading 2")
        #expect(draft.title == document.title)
    }

    @Test func statusCellsAreShadedAndKeepTheirWords() throws {
        let draft = try pack().wordDraft
        let tables = draft.blocks.compactMap { block -> WordDraft.Table? in
            if case .table(let table) = block { return table }
            return nil
        }
        #expect(!tables.isEmpty)
        #expect(tables.allSatisfy { $0.header.allSatisfy(\.isBold) && !$0.header.isEmpty })
        let shaded = tables.flatMap(\.rows).flatMap { $0 }.filter { $0.shading != nil }
        #expect(!shaded.isEmpty)
        #expect(shaded.allSatisfy { !$0.text.isEmpty && $0.isBold }, "never colour alone")
        // RED as a tint of the pack's red (#c0392b), light enough for black words (WCAG AA).
        let red = ReportDocument.shading(.red)
        #expect(red == RGBColour(red: 0xDF, green: 0x9C, blue: 0x95))
        for colour in RAGColour.allCases {
            #expect(Self.contrastWithBlack(ReportDocument.shading(colour)) >= 4.5, "\(colour)")
        }
    }

    @Test func wideTablesGoOnLandscapePagesAndBack() throws {
        let draft = try pack().wordDraft
        var orientation = WordDraft.Orientation.portrait
        var sawLandscapeTable = false
        for block in draft.blocks {
            switch block {
            case .section(let next):
                #expect(next != orientation, "a section break only where the orientation changes")
                orientation = next
            case .table(let table):
                let wide = table.header.count > ReportDocument.portraitColumns
                #expect(wide == (orientation == .landscape), "\(table.caption): \(table.header.count) columns")
                if wide { sawLandscapeTable = true }
            default: break
            }
        }
        #expect(sawLandscapeTable, "the RAG table is wide")
    }

    @Test func aSectionsChartBecomesAWordChartWithAlternativeText() throws {
        var document = try pack()
        let index = try #require(document.sections.firstIndex { $0.key == "rag" })
        document.sections[index].chart = ReportDocument.Chart(
            kind: .stackedBars, title: "RAG by theme", categories: ["1", "2"],
            series: [.init(label: "RED", colour: .red, values: [1, 0]), .init(label: "No status", colour: nil, values: [0, 2])],
            categoryAxisTitle: "Theme", valueAxisTitle: "Actions", summary: "Theme 1: 1 RED; theme 2: 2 with no status.")
        let charts = document.wordDraft.blocks.compactMap { block -> WordDraft.Chart? in
            if case .chart(let chart) = block { return chart }
            return nil
        }
        // Every section's chart (the pack fills the trend's and the RAG table's) is one Word chart, in order.
        #expect(charts.map(\.title) == document.sections.compactMap { $0.chart?.title })
        let chart = try #require(charts.first { $0.title == "RAG by theme" })
        #expect(chart.description == "Theme 1: 1 RED; theme 2: 2 with no status.")
        #expect(chart.kind == .stackedBars && chart.categories == ["1", "2"])
        #expect(chart.series.map(\.values) == [[1, 0], [0, 2]])
        #expect(chart.series[0].colour == ReportDocument.rgb(.red) && chart.series[1].colour == ReportDocument.noStatusColour)
        #expect(chart.categoryAxisTitle == "Theme" && chart.valueAxisTitle == "Actions")
    }

    @Test func theWorkbookHasASheetPerSectionWithTypedCells() throws {
        let document = try pack(["portsmouth-2014.json", "blackpool-2019.json"], asOf: "2019-03-01")
        let workbook = document.spreadsheetDraft
        #expect(workbook.sheets.map(\.name) == document.sectionKeys)
        for sheet in workbook.sheets {
            #expect(sheet.frozenRows == 1 && sheet.hasAutoFilter, "\(sheet.name)")
            #expect(sheet.rows.first?.allSatisfy(\.style.isBold) == true, "\(sheet.name): the header row is bold")
            #expect(sheet.rows.first?.first?.value == .text("plan"))
            let width = sheet.rows.first?.count ?? 0
            #expect(sheet.rows.allSatisfy { $0.count == width }, "\(sheet.name): every row as wide as the header")
        }
        let rag = try #require(workbook.sheets.first { $0.name == "rag" })
        let header = rag.rows[0].map(\.value)
        let red = try #require(header.firstIndex(of: .text("RED"))), share = try #require(header.firstIndex(of: .text("RED %")))
        #expect(rag.rows.dropFirst().allSatisfy { row in
            if case .number = row[red].value, case .number = row[share].value { return true }
            return false
        }, "a count and its share are numbers")
        let plans = Set(rag.rows.dropFirst().map { "\($0[0].value)" })
        #expect(plans.count == 2, "both plans in one sheet, plan first")
        let filled = rag.rows.dropFirst().flatMap { $0 }.filter { $0.style.fill != nil }
        #expect(!filled.isEmpty && filled.allSatisfy(\.style.isBold))
        // A day is a date cell somewhere in the pack (deadlines, status dates).
        let dates = workbook.sheets.flatMap(\.rows).flatMap { $0 }.filter { if case .date = $0.value { return true } else { return false } }
        #expect(!dates.isEmpty)
    }

    @Test(arguments: [
        ("exceptions", "exceptions"), ("Stale: no update for more than 60 days", "Stale no update for more than 6"),
        ("[a]*b?c/d\\e", "a b c d e"), ("'quoted'", "quoted"), ("", "Sheet"), ("History", "Sheet"),
    ])
    func sheetNamesAreOnesExcelAccepts(wanted: String, expected: String) {
        var names = ReportDocument.SheetNames()
        let name = names.unique(wanted)
        #expect(name == expected)
        #expect(name.count <= 31 && !name.contains { "[]:*?/\\".contains($0) })
    }

    @Test func sheetNamesStayUniqueInAnyCase() {
        var names = ReportDocument.SheetNames()
        let long = String(repeating: "x", count: 40)
        let made = [names.unique("Rag"), names.unique("RAG"), names.unique("rag"), names.unique(long), names.unique(long.uppercased())]
        #expect(made == ["Rag", "RAG (2)", "rag (3)", String(repeating: "x", count: 31), String(repeating: "X", count: 27) + " (2)"])
        #expect(Set(made.map { $0.lowercased() }).count == made.count)
    }

    @Test func everySectionIsItsOwnCSVFile() throws {
        let document = try pack()
        let files = document.sectionCSVFiles
        #expect(files.map(\.name) == document.sectionKeys.map { "\($0).csv" })
        #expect(files.first { $0.name == "exceptions.csv" }?.text == document.csv(section: "exceptions"))
    }

    @Test(arguments: ["blackpool-2019.json", "portsmouth-2014.json"])
    func theExportedWorkbookKeepsIdsAsTextAndDaysAsDates(name: String) throws {
        let plan = try loadExample(name)
        let workbook = PlanExporter.actionsWorkbook([plan], asOf: date("2026-01-01"))
        #expect(workbook.sheets.map(\.name) == ["Actions", "Recommendations"])
        let actions = workbook.sheets[0]
        #expect(actions.rows[0].map(\.value) == [.text(plan.title)], "the plan's title above the header")
        #expect(actions.rows[1].map(\.value) == PlanExporter.actionColumns.map { .text($0) })
        #expect(actions.frozenRows == 2)
        #expect(actions.rows.count == plan.actions.count + 2)
        let id = PlanExporter.actionColumns.firstIndex(of: "ID")!
        #expect(zip(actions.rows.dropFirst(2), plan.actions).allSatisfy { $0[id].value == .text($1.id) })
        let deadline = PlanExporter.actionColumns.firstIndex(of: "Deadline")!
        for (row, action) in zip(actions.rows.dropFirst(2), plan.actions) {
            if let day = action.deadline.flatMap({ CalendarDate(iso: $0.description) }) {
                #expect(row[deadline].value == .date(year: day.year, month: day.month, day: day.day))
            }
        }
        #expect(workbook.sheets[1].rows.count == plan.recommendations.count + 1)
    }

    /// WCAG's contrast ratio of black text on a colour.
    static func contrastWithBlack(_ colour: RGBColour) -> Double {
        func linear(_ channel: UInt8) -> Double {
            let value = Double(channel) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        let luminance = 0.2126 * linear(colour.red) + 0.7152 * linear(colour.green) + 0.0722 * linear(colour.blue)
        return (luminance + 0.05) / 0.05
    }
}

/// `export xlsx|docx` read back by `import` (issue 27, part 4): the same plan, on every example plan.
@Suite("Plans out to Excel and Word, and back")
struct OfficeRoundTripTests {
    static let examples: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("plans")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && $0 != "plan.schema.json" }.sorted()
    }()

    /// Imports `bytes` as `file`, with itself as the recommendations, as docs/import.md shows.
    func reimport(_ bytes: [UInt8], file: String, like original: Plan) throws -> Plan {
        var importer = PlanImporter(planID: original.id, title: "Given title", organisation: original.organisation,
                                    inspection: original.inspection, statusDate: date("2026-01-01"))
        importer.scheme = original.ragScheme
        var request = ImportRequest(input: file, importer: importer)
        request.recommendationsFile = file
        request.statusDateGiven = true
        return try PlanImporter.run(request) { _ in bytes }.plan
    }

    func expectSamePlan(_ original: Plan, _ imported: Plan, _ label: String) {
        let asOf = date("2026-01-01")
        #expect(imported.actions.map(\.id) == original.actions.map(\.id), "\(label)")
        for (a, b) in zip(original.actions, imported.actions) {
            #expect(a.theme == b.theme, "\(label) \(a.id)")
            #expect(a.text == b.text, "\(label) \(a.id)")
            #expect(a.leads == b.leads, "\(label) \(a.id)")
            #expect(a.deadline == b.deadline, "\(label) \(a.id)")
            #expect(a.deadlineText == b.deadlineText, "\(label) \(a.id)")
            #expect(a.afterDeadline == b.afterDeadline, "\(label) \(a.id)")
            #expect(a.milestones.map(\.title) == b.milestones.map(\.title), "\(label) \(a.id)")
            #expect(a.milestones.map(\.deadline) == b.milestones.map(\.deadline), "\(label) \(a.id)")
            #expect(a.milestones.map(\.completed) == b.milestones.map(\.completed), "\(label) \(a.id)")
            #expect(a.statusEntry(asOf: asOf)?.status == b.statusEntry(asOf: asOf)?.status, "\(label) \(a.id)")
            #expect(a.statusEntry(asOf: asOf)?.date == b.statusEntry(asOf: asOf)?.date, "\(label) \(a.id): the status date")
            #expect(a.latestComment(asOf: asOf)?.comment == b.latestComment(asOf: asOf)?.comment, "\(label) \(a.id)")
            #expect(original.recommendationIDs(for: a) == imported.recommendationIDs(for: b), "\(label) \(a.id)")
            #expect(a.successMeasure == b.successMeasure, "\(label) \(a.id)")
        }
        let used = Set(original.actions.map(\.theme))
        let themes = original.themes.filter { used.contains($0.id) }
        #expect(imported.themes.map(\.id) == themes.map(\.id), "\(label)")
        #expect(imported.themes.map(\.title) == themes.map(\.title), "\(label)")
        let linked = Set(original.actions.flatMap { original.recommendationIDs(for: $0) })
        for recommendation in original.recommendations where linked.contains(recommendation.id) {
            #expect(imported.recommendations.first { $0.id == recommendation.id }?.text == recommendation.text,
                    "\(label) \(recommendation.id)")
        }
        #expect(PlanValidator.problems(in: imported, file: "x", latestRecordable: testToday.latestRecordable)
            .filter { $0.severity == .error }.isEmpty, "\(label)")
    }

    @Test(arguments: examples)
    func anExcelExportImportsAsTheSamePlan(name: String) throws {
        let original = try loadExample(name)
        let bytes = try PlanExporter.actionsWorkbook([original], asOf: date("2026-01-01")).xlsx()
        let imported = try reimport(bytes, file: "export.xlsx", like: original)
        expectSamePlan(original, imported, "xlsx \(name)")
        #expect(imported.title == original.title, "the title row gives the title")
    }

    @Test(arguments: examples)
    func aWordExportImportsAsTheSamePlan(name: String) throws {
        let original = try loadExample(name)
        let bytes = try PlanExporter.actionsDocument([original], asOf: date("2026-01-01")).docx()
        let imported = try reimport(bytes, file: "export.docx", like: original)
        expectSamePlan(original, imported, "docx \(name)")
    }
}
