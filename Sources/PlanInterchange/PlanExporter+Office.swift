import OfficeDocument
import PlanKit

/// Plans out as an Excel workbook or a Word document, in a layout that
/// `import` reads back: the same columns as the CSV export, the plan's title
/// above them, and the recommendations in a table of their own.
extension PlanExporter {
    /// The recommendations table's columns, as the import's recommendations reader names them.
    public static let recommendationColumns = ["No.", "Recommendation", "Addressed to", "Planned response"]

    /// The plans as a workbook: the sheet "Actions" first (so that importing
    /// the file reads it), a title row when there is one plan, then
    /// ``actionColumns`` as a bold, frozen header with an autofilter and a row
    /// per action; a sheet "Recommendations" after it. Ids, themes and links
    /// stay text (an id `1.10` is not the number 1.1); a deadline or status
    /// date that is a day is a date cell; a status is its code, filled in a
    /// light tint of its level's colour.
    public static func actionsWorkbook(_ plans: [Plan], asOf: CalendarDate) -> SpreadsheetDraft {
        let bold = SpreadsheetDraft.CellStyle(isBold: true)
        let schemes = Dictionary(plans.map { ($0.id, $0.ragScheme) }, uniquingKeysWith: { first, _ in first })
        var actions: [[SpreadsheetDraft.Cell]] = []
        if let title = soleTitle(plans) { actions.append([SpreadsheetDraft.Cell(text: title, style: bold)]) }
        actions.append(actionColumns.map { SpreadsheetDraft.Cell(text: $0, style: bold) })
        for row in actionRows(plans, asOf: asOf) {
            actions.append(row.enumerated().map { column, text in
                officeCell(text, column: column, scheme: schemes[row[0]])
            })
        }
        let widths: [Double?] = actionColumns.map { columnWeight($0) >= 3 ? 50 : columnWeight($0) >= 2 ? 24 : 12 }
        let actionSheet = SpreadsheetDraft.Sheet(name: "Actions", rows: actions, columnWidths: widths,
                                                 frozenRows: actions.count - actionRows(plans, asOf: asOf).count,
                                                 hasAutoFilter: true)
        var recommendations = [recommendationColumns.map { SpreadsheetDraft.Cell(text: $0, style: bold) }]
        recommendations += recommendationRows(plans).map { row in
            row.map { SpreadsheetDraft.Cell(text: $0, style: SpreadsheetDraft.CellStyle(wraps: $0.count > 40)) }
        }
        let recommendationSheet = SpreadsheetDraft.Sheet(name: "Recommendations", rows: recommendations,
                                                         columnWidths: [16, 60, 24, 40], frozenRows: 1)
        return SpreadsheetDraft(sheets: [actionSheet, recommendationSheet], title: soleTitle(plans) ?? "Improvement plans")
    }

    /// The plans as a Word document on A4: the plan's title (Heading 1), the
    /// recommendations' table, then on landscape pages the actions' table of
    /// ``actionColumns``, its header row repeated on every page.
    public static func actionsDocument(_ plans: [Plan], asOf: CalendarDate) -> WordDraft {
        let title = soleTitle(plans) ?? "Improvement plans"
        let schemes = Dictionary(plans.map { ($0.id, $0.ragScheme) }, uniquingKeysWith: { first, _ in first })
        let about = plans.map { "\($0.organisation): \($0.title) (\($0.id)), inspected by \($0.inspection.inspectorate) in \($0.inspection.date)" }
        var blocks: [WordDraft.Block] = [.heading(level: 1, text: title)]
        blocks += about.map { .paragraph([.init($0)]) }
        blocks.append(.paragraph([.init("Statuses and comments as recorded by \(asOf).", isItalic: true)]))
        blocks.append(.heading(level: 2, text: "Recommendations"))
        // Without the planned response: the import reads a "Planned response" column in Word as actions
        // (a council's own table of responses), and Word reads every table.
        blocks.append(.table(WordDraft.Table(caption: "Recommendations",
                                             header: recommendationColumns.prefix(3).map { WordDraft.Cell($0, isBold: true) },
                                             rows: recommendationRows(plans).map { $0.prefix(3).map { WordDraft.Cell($0) } },
                                             columnWeights: [1, 5, 2])))
        blocks.append(.section(.landscape))
        blocks.append(.heading(level: 2, text: "Actions"))
        let rows = actionRows(plans, asOf: asOf).map { row in
            row.enumerated().map { column, text -> WordDraft.Cell in
                guard column == statusColumn, let level = schemes[row[0]]?.level(code: text) else { return WordDraft.Cell(text) }
                return WordDraft.Cell(text, shading: tint(level.colour), isBold: true)
            }
        }
        blocks.append(.table(WordDraft.Table(caption: "Actions", header: actionColumns.map { WordDraft.Cell($0, isBold: true) },
                                             rows: rows, columnWeights: actionColumns.map(columnWeight))))
        return WordDraft(blocks: blocks, title: title)
    }

    /// The title of the plan exported, when there is one plan.
    static func soleTitle(_ plans: [Plan]) -> String? { plans.count == 1 ? plans[0].title : nil }

    /// Each plan's recommendations: id, text, to whom, planned response.
    static func recommendationRows(_ plans: [Plan]) -> [[String]] {
        plans.flatMap { plan in
            plan.recommendations.map { [$0.id, $0.text, $0.addressedTo ?? "", $0.plannedResponse ?? ""] }
        }
    }

    static var statusColumn: Int { actionColumns.firstIndex(of: "RAG")! }
    static var dateColumns: Set<Int> {
        Set([header(.deadline), "Status date"].compactMap { actionColumns.firstIndex(of: $0) })
    }

    /// A cell of the action table in Excel: a day as a date, a status filled, anything else text.
    static func officeCell(_ text: String, column: Int, scheme: RAGScheme?) -> SpreadsheetDraft.Cell {
        if dateColumns.contains(column), let day = CalendarDate(iso: text) {
            return SpreadsheetDraft.Cell(.date(year: day.year, month: day.month, day: day.day))
        }
        if column == statusColumn, let level = scheme?.level(code: text) {
            return SpreadsheetDraft.Cell(text: text, style: SpreadsheetDraft.CellStyle(isBold: true, fill: tint(level.colour)))
        }
        return SpreadsheetDraft.Cell(text: text, style: SpreadsheetDraft.CellStyle(wraps: text.count > 40 || text.contains("\n")))
    }

    /// How wide a column is against the others: the action's words and the
    /// other long texts widest, ids and dates narrowest.
    static func columnWeight(_ header: String) -> Double {
        switch header {
        case Self.header(.text), "Comment on current position", Self.header(.milestones): return 3
        case "Plan", Self.header(.id), Self.header(.theme), "RAG", "Status date", Self.header(.deadline): return 1
        default: return 2
        }
    }

    /// A status colour mixed half and half with white: black words on it stay
    /// readable, and the import reads the status from the words, not the fill.
    static func tint(_ colour: RAGColour) -> RGBColour {
        let digits = Array(colour.hex.dropFirst())
        func channel(_ at: Int) -> UInt8 {
            let value = UInt8(String(digits[at..<at + 2]), radix: 16) ?? 0xCC
            return UInt8((Int(value) + 255) / 2)
        }
        return RGBColour(red: channel(0), green: channel(2), blue: channel(4))
    }
}
