import Foundation
@testable import PlanKit
import TestSupport

/// A layout's table written out: its grid of cells and the file of its format.
struct LayoutTable {
    enum Column: String, CaseIterable { case id, recommendation, theme, action, lead, deadline, status, outcome }

    var columns: [Column]
    var grid: [[FixtureCell]]
    /// Text after the table (a Word paragraph, or a row after a blank row in a spreadsheet).
    var footnote: String?
    /// Details of the writing that are not features (the words of headers and cells), for a replayed layout.
    var choices: [String] = []
    /// How the shared number column writes a recommendation's number (`#` is the number), and a reference cell.
    var sharedNumberForm = "#"
    var referenceForm = "HMIP #"

    static let headerWords: [Column: (plain: String, synonyms: [String])] = [
        .id: ("ID", ["No.", "Ref", "Ref No", "Action No.", "#", "Action ref", "Action number"]),
        .action: ("Action", ["Actions", "Action required", "Actions required", "What we will do", "Action to be taken", "Planned actions"]),
        .lead: ("Lead", ["Lead Officer / Agency", "Responsible", "Owner", "By whom", "Lead officer", "Responsible officer", "Accountable person"]),
        .deadline: ("Deadline", ["Planned Completion Date", "Target date", "By when", "Timescale", "Due date", "Target completion date"]),
        .status: ("RAG", ["RAG status", "Status", "RAG rating", "Current status", "Progress / RAG"]),
        .theme: ("Theme", ["Objective", "Theme"]),
        .outcome: ("Desired outcome", ["Desired outcome", "What success will look like", "Success criteria"]),
    ]
    static let recommendationHeaders = (plain: "Recommendation", synonyms: [
        "Finding", "Area for improvement", "Inspection recommendation", "Priority for improvement", "HMIP recommendation"])
    static let referenceHeaders = (plain: "Linked recommendations", synonyms: ["Link", "Links", "Linked HMIP recommendations", "Recommendation"])
    static let completionHeaders = ["Update", "Progress update", "RAG / comment on current position"]

    static let fills: [LayoutSource.Status: String] = [.behind: "FF0000", .ongoing: "FFC000", .complete: "00B050"]

    /// Writes `source` in `layout`, with `random` choosing the words the features leave open.
    init(_ source: LayoutSource, layout: Layout, using random: inout SeededGenerator) {
        var columns: [Column] = [.id, .recommendation, .theme, .action, .lead, .deadline, .status, .outcome]
        if layout.ids == .absent { columns.removeAll { $0 == .id } }
        if ![.words, .numberedWords, .references].contains(layout.recommendation) { columns.removeAll { $0 == .recommendation } }
        if layout.themes != .column { columns.removeAll { $0 == .theme } }
        if Bool.random(using: &random) { columns.removeAll { $0 == .outcome } }
        if layout.columnOrder == .shuffled { columns.shuffle(using: &random) }
        self.columns = columns
        let width = columns.count

        func header(_ column: Column) -> String {
            switch column {
            case .id where layout.headers == .blankOverID: return ""
            case .recommendation:
                let words = layout.recommendation == .references ? Self.referenceHeaders : Self.recommendationHeaders
                return layout.headers == .plain ? words.plain : words.synonyms.randomElement(using: &random)!
            case .status where layout.statuses == .completionSentences && Bool.random(using: &random):
                return Self.completionHeaders.randomElement(using: &random)!
            default:
                let words = Self.headerWords[column]!
                return layout.headers == .plain ? words.plain : words.synonyms.randomElement(using: &random)!
            }
        }
        func wholeRow(_ text: String) -> [FixtureCell] {
            layout.sectionRows == .mergedAcross ? [FixtureCell(text, span: width)]
                : [FixtureCell(text)] + Array(repeating: FixtureCell(""), count: width - 1)
        }

        var grid: [[FixtureCell]] = []
        let titles = ["Youth Justice Service Improvement Plan", "Progress as reported to the Management Board, April 2020"]
        switch layout.titleRows {
        case .none: break
        case .one: grid.append(wholeRow(titles[0]))
        case .two: grid += titles.map(wholeRow)
        }
        grid.append(columns.map { FixtureCell(header($0)) })

        let themeForm: String
        switch layout.themeWording ?? .themeColon {
        case .themeColon: themeForm = "Theme #: @"
        case .numberDot: themeForm = "#. @"
        case .numberDash: themeForm = "# – @"
        case .objective: themeForm = "Objective # @"
        case .titleOnly: themeForm = "@"
        }
        let themeCellForm = ["# – @", "Theme #: @", "Objective # – @"].randomElement(using: &random)!
        let numberedForm = ["#. @", "Recommendation #: @", "R# @"].randomElement(using: &random)!
        let referenceForm = ["HMIP #", "Rec #", "Recommendation #"].randomElement(using: &random)!
        let sharedNumberForm = layout.sharedNumbers == .dotted ? "1.#" : "#"
        let dateMonthFormat = Bool.random(using: &random)
        self.sharedNumberForm = sharedNumberForm
        self.referenceForm = referenceForm
        choices = ["theme cells \"\(themeCellForm)\"", "numbered recommendations \"\(numberedForm)\"",
                   "references \"\(referenceForm)\"", "serials as \(dateMonthFormat ? "months" : "days")"]
        // A form's `#` is the number and `@` the text.
        func form(_ form: String, _ number: Int, _ text: String) -> String {
            var result = ""
            for character in form {
                switch character {
                case "#": result += String(number)
                case "@": result += text
                default: result.append(character)
                }
            }
            return result
        }

        for theme in source.themes {
            if layout.themes == .sectionRows { grid.append(wholeRow(form(themeForm, theme.number, theme.title))) }
            for recommendation in theme.recommendations {
                if layout.recommendation == .sectionRows {
                    // A section row of a number and words ("2. Title") is a theme (R4); a recommendation's says so (R4b).
                    grid.append(wholeRow(form(numberedForm == "#. @" ? "Recommendation #: @" : numberedForm, recommendation.number, recommendation.text)))
                }
                for (place, action) in recommendation.actions.enumerated() {
                    func continued(_ text: String) -> FixtureCell {
                        let alone = recommendation.actions.count == 1
                        switch layout.continuation ?? .repeated {
                        case .merged: return alone ? FixtureCell(text) : FixtureCell(text, mergeDown: place == 0 ? .start : .covered)
                        case .repeated: return FixtureCell(text)
                        case .blank: return FixtureCell(place == 0 ? text : "")
                        }
                    }
                    let row: [FixtureCell] = columns.map { column in
                        switch column {
                        case .id:
                            if layout.ids == .sharedNumber { return continued(form(sharedNumberForm, recommendation.number, "")) }
                            return FixtureCell(action.id)
                        case .recommendation:
                            switch layout.recommendation {
                            case .words: return continued(recommendation.text)
                            case .numberedWords: return continued(form(numberedForm, recommendation.number, recommendation.text))
                            default: return FixtureCell(form(referenceForm, recommendation.number, ""))
                            }
                        case .theme: return FixtureCell(form(themeCellForm, theme.number, theme.title))
                        case .action: return FixtureCell(action.text)
                        case .lead: return FixtureCell(action.leads.joined(separator: " / "))
                        case .deadline: return Self.deadlineCell(action, layout.dates, monthFormat: dateMonthFormat)
                        case .status: return Self.statusCell(action, layout.statuses)
                        case .outcome: return FixtureCell(action.outcome)
                        }
                    }
                    grid.append(row)
                }
            }
        }
        let note = "Key: RED – behind schedule; AMBER – ongoing; GREEN – complete. Updated quarterly."
        switch layout.footnote {
        case .none: break
        case .notesRow: grid.append(wholeRow(note))
        case .afterTable: footnote = note
        }
        self.grid = grid
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                             "October", "November", "December"]

    /// A spreadsheet's day number for a date (Excel's 1900 system: 1 January 2000 is 36526).
    static func serial(_ date: CalendarDate) -> Int {
        date.dayNumber - CalendarDate(year: 2000, month: 1, day: 1)!.dayNumber + 36526
    }

    static func deadlineCell(_ action: LayoutSource.Action, _ dates: Layout.Dates, monthFormat: Bool) -> FixtureCell {
        if let words = action.deadlineWords { return FixtureCell(words) }
        guard let day = action.deadline else { return FixtureCell("") }
        let slash = String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
        switch dates {
        case .monthText, .someWords: return FixtureCell("\(monthNames[day.month - 1]) \(day.year)")
        case .slashText: return FixtureCell(slash)
        case .longText: return FixtureCell("\(day.day) \(monthNames[day.month - 1]) \(day.year)")
        case .serial: return FixtureCell(slash, serial: serial(day), monthFormat: monthFormat)
        }
    }

    static func statusCell(_ action: LayoutSource.Action, _ statuses: Layout.Statuses) -> FixtureCell {
        guard let status = action.status else { return FixtureCell("") }
        switch statuses {
        case .words: return FixtureCell(["behind": "RED", "ongoing": "AMBER", "complete": "GREEN"][status.rawValue]!)
        case .fillOnly: return FixtureCell("", fill: fills[status])
        case .progressScale: return FixtureCell(["behind": "No improvement", "ongoing": "Some progress", "complete": "Complete"][status.rawValue]!)
        case .completionSentences:
            switch status {
            case .complete: return FixtureCell("Action completed. \(action.comment)")
            case .ongoing: return FixtureCell("AMBER – \(action.comment)")
            case .behind: return FixtureCell("RED – \(action.comment)")
            }
        }
    }

    /// The file of the table in `format`: a Word document, an Excel workbook, or a CSV (UTF-8, RFC 4180).
    func file(_ layout: Layout) throws -> [UInt8] {
        switch layout.format {
        case .docx:
            let body = WordFixture.paragraph("Improvement plan") + WordFixture.table(grid: grid, columns: columns.count)
                + (footnote.map { WordFixture.paragraph($0) } ?? "")
            return try WordFixture.document(body: body)
        case .xlsx:
            var rows = grid
            if let footnote { rows += [[FixtureCell("")], [FixtureCell(footnote)]] }
            let sheet = SheetFixture.sheet(grid: rows, sharedStrings: layout.strings == .shared)
            return try SheetFixture.workbook(sheets: [("Action plan", sheet.xml)], styles: sheet.styles, sharedStrings: sheet.strings)
        case .csv:
            return Array(csvText.utf8)
        }
    }

    /// The grid as CSV, as Excel writes it: every row as wide as the table, CRLF line ends.
    var csvText: String {
        var lines = grid.map { row in
            row.flatMap { cell in [cell.mergeDown == .covered ? "" : cell.text] + Array(repeating: "", count: cell.span - 1) }
        }
        if let footnote { lines += [Array(repeating: "", count: columns.count), [footnote] + Array(repeating: "", count: columns.count - 1)] }
        return lines.map { $0.map(Self.quoted).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) || field.hasPrefix(" ") || field.hasSuffix(" ") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
