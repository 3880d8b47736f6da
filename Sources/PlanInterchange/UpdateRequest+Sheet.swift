import OfficeDocument
import PlanKit

/// The workbooks a request is sent as: locked where the plan speaks, open
/// where the lead answers, with drop-downs so that what comes back reads.
extension UpdateRequest {
    /// The sheet of instructions in every workbook.
    public static let instructionsSheetName = "Instructions"

    /// One workbook for every lead: the instructions first, then a sheet per lead.
    public static func workbook(_ requests: [UpdateRequest], asOf: CalendarDate) -> SpreadsheetDraft {
        var taken: Set<String> = [instructionsSheetName.lowercased()]
        var sheets = [instructionsSheet(requests, asOf: asOf)]
        for request in requests {
            let name = sheetName(for: request.lead, taken: taken)
            taken.insert(name.lowercased())
            sheets.append(request.sheet(named: name, asOf: asOf))
        }
        return SpreadsheetDraft(sheets: sheets, title: "Improvement plan updates as of \(asOf)")
    }

    /// One lead's workbook: their sheet first (what Excel opens on), then the instructions.
    public func workbook(asOf: CalendarDate) -> SpreadsheetDraft {
        let name = Self.sheetName(for: lead, taken: [Self.instructionsSheetName.lowercased()])
        return SpreadsheetDraft(sheets: [sheet(named: name, asOf: asOf), Self.instructionsSheet([self], asOf: asOf)],
                                title: "Improvement plan updates for \(lead) as of \(asOf)")
    }

    /// A sheet name Excel takes: none of `\ / ? * [ ] :`, no apostrophe at either end, at most 31
    /// characters, not `History` (Excel's own), and unique ignoring case among `taken`.
    public static func sheetName(for lead: String, taken: Set<String>) -> String {
        var name = String(lead.filter { !"\\/?*[]:".contains($0) && !$0.isNewline && $0 != "\t" })
        name = name.trimming(.whitespaces)
        while name.hasPrefix("'") { name.removeFirst() }
        while name.hasSuffix("'") { name.removeLast() }
        if name.isEmpty || name.lowercased() == "history" { name = "Lead \(name)".trimming(.whitespaces) }
        var candidate = String(name.prefix(31)), number = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " \(number)"
            candidate = String(name.prefix(31 - suffix.count)) + suffix
            number += 1
        }
        return candidate
    }

    static let fillColour = RGBColour(red: 0xFF, green: 0xF2, blue: 0xCC)
    static let lockedColour = RGBColour(red: 0xF2, green: 0xF2, blue: 0xF2)
    static let headerColour = RGBColour(red: 0xD9, green: 0xE1, blue: 0xF2)

    /// The lead's sheet: the lead and the day above the header, then a row an action.
    public func sheet(named name: String, asOf: CalendarDate) -> SpreadsheetDraft.Sheet {
        typealias Cell = SpreadsheetDraft.Cell
        let bold = SpreadsheetDraft.CellStyle(isBold: true)
        var rows: [[Cell]] = [
            [Cell(text: Self.leadLabel, style: bold), Cell(text: lead, style: bold)],
            [Cell(text: "Exported", style: bold), Cell(.date(year: asOf.year, month: asOf.month, day: asOf.day))],
            [Cell(text: "Fill in the yellow columns for each action that moved: New status, Progress comment, Date "
                  + "(the day it happened; blank is the day the sheet is read back), Milestone done (Yes marks the "
                  + "milestone under Deadline done). Leave a row blank when nothing changed.")],
            Column.allCases.map { Cell(text: $0.header, style: SpreadsheetDraft.CellStyle(isBold: true, wraps: true, fill: Self.headerColour, hasBorder: true)) },
        ]
        // A drop-down per run of rows from one plan (its scheme's labels), and Yes where a milestone is open.
        var statuses: [SpreadsheetDraft.ListValidation] = [], milestones: [SpreadsheetDraft.ListValidation] = []
        func add(_ validation: SpreadsheetDraft.ListValidation, to list: inout [SpreadsheetDraft.ListValidation]) {
            if let last = list.last, last.lastRow == validation.firstRow - 1, last.choices == validation.choices {
                list[list.count - 1].lastRow = validation.lastRow
            } else {
                list.append(validation)
            }
        }
        for (offset, row) in self.rows.enumerated() {
            let number = Self.headerRow + 1 + offset
            rows.append(Column.allCases.map { cell(row, $0) })
            let choices = row.scheme.levels.map(\.label)
            add(.init(column: Column.newStatus.rawValue, firstRow: number, lastRow: number, choices: choices,
                      prompt: "The status now, if it changed", errorMessage: "Choose one of: \(choices.joined(separator: ", "))"), to: &statuses)
            if row.nextMilestone != nil {
                add(.init(column: Column.milestoneDone.rawValue, firstRow: number, lastRow: number, choices: [Self.milestoneDoneWord],
                          prompt: "Yes when the milestone under Deadline is done (on Date)", errorMessage: "Choose Yes, or leave it blank"),
                    to: &milestones)
            }
        }
        let validations = statuses + milestones
        var sheet = SpreadsheetDraft.Sheet(name: name, rows: rows, columnWidths: Column.allCases.map(\.width),
                                           frozenRows: Self.headerRow, hiddenColumns: [Column.stamp.rawValue],
                                           isProtected: true, validations: validations)
        sheet.cutsLongText = true  // one long comment must not stop every lead's workbook
        // A day from the earliest plan's inspection to a year after the export (the import checks it is not after its day).
        if let since = self.rows.map(\.since).min() {
            let latest = asOf.adding(days: 366)
            sheet.dateValidations = [.init(column: Column.date.rawValue, firstRow: Self.headerRow + 1, lastRow: Self.headerRow + self.rows.count,
                                           earliest: (since.year, since.month, since.day), latest: (latest.year, latest.month, latest.day),
                                           prompt: "The day it happened (blank: the day the sheet is read back)",
                                           errorMessage: "Type a day from \(since) to \(latest), such as \(asOf)")]
        }
        return sheet
    }

    private func cell(_ row: Row, _ column: Column) -> SpreadsheetDraft.Cell {
        let locked = SpreadsheetDraft.CellStyle(wraps: true, fill: Self.lockedColour, hasBorder: true)
        let open = SpreadsheetDraft.CellStyle(wraps: true, fill: Self.fillColour, isLocked: false, hasBorder: true)
        switch column {
        case .plan: return .init(text: row.planID, style: locked)
        case .action: return .init(text: row.actionID, style: locked)
        case .text: return .init(text: row.text, style: locked)
        case .deadline: return .init(text: row.deadline, style: locked)
        case .status:
            guard let status = row.status else { return .init(text: "none", style: locked) }
            var style = locked
            style.fill = RGBColour(hex: String(status.colour.hex.dropFirst()))
            style.fontColour = status.colour == .amber ? RGBColour(red: 0, green: 0, blue: 0) : RGBColour(red: 0xFF, green: 0xFF, blue: 0xFF)
            style.isBold = true
            return .init(text: status.label, style: style)
        case .position: return .init(text: row.position, style: locked)
        case .newStatus, .comment, .date, .milestoneDone: return .init(.empty, style: open)
        case .stamp: return .init(text: Self.stampCell(row), style: SpreadsheetDraft.CellStyle())
        }
    }

    /// What to do, and who has which sheet.
    static func instructionsSheet(_ requests: [UpdateRequest], asOf: CalendarDate) -> SpreadsheetDraft.Sheet {
        typealias Cell = SpreadsheetDraft.Cell
        let bold = SpreadsheetDraft.CellStyle(isBold: true)
        let lines = [
            "Improvement plan: monthly update",
            "Your open actions as of \(asOf) are on the sheet with your name.",
            "1. For each action that moved, choose its New status (or leave it as it is) and write a Progress comment on where it stands.",
            "2. Date: the day it happened (leave blank for the day the sheet is read back).",
            "3. Milestone done: Yes when the milestone shown under Deadline is done.",
            "4. Leave a row blank when nothing changed. The grey columns are the plan's and cannot be changed.",
            "5. Save the workbook as it is (.xlsx) and send it back to the board secretary.",
            "Marking an action complete needs a comment saying what shows it is done.",
        ]
        var rows = lines.enumerated().map { [Cell(text: $1, style: $0 == 0 ? bold : SpreadsheetDraft.CellStyle())] }
        rows.append([])
        rows.append([Cell(text: "Lead", style: bold), Cell(text: "Open actions", style: bold)])
        rows += requests.map { [Cell(text: $0.lead), Cell(.number(Double($0.rows.count)))] }
        return SpreadsheetDraft.Sheet(name: instructionsSheetName, rows: rows, columnWidths: [40, 14], isProtected: true)
    }
}
