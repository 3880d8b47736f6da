import OfficeDocument
import PlanKit

/// A returned request (``UpdateRequest``): the rows of every lead's sheet of
/// an .xlsx workbook, or of a CSV file laid out as one sheet, as typed.
/// Nothing here knows the plans yet: checking the rows against them, and
/// turning them into history entries, is ``UpdateReturn/Plan``'s part.
public struct UpdateReturn: Sendable, Equatable {
    public var file: String
    /// Every action row read, filled or blank, sheet by sheet.
    public var rows: [Row]

    /// Where a value was read: a file, its sheet (none for a CSV file) and a cell.
    public struct Place: Sendable, Equatable, CustomStringConvertible {
        public var file: String
        public var sheet: String?
        /// `G7`.
        public var cell: String

        public var description: String { "\(file)\(sheet.map { ", sheet '\($0)'" } ?? ""), cell \(cell)" }
    }

    /// One action's row, as the lead left it.
    public struct Row: Sendable, Equatable {
        public var file: String
        public var sheet: String?
        /// The sheet's row number.
        public var number: Int
        /// The lead the sheet was for (its Lead cell above the header).
        public var lead: String?
        public var planID: String
        public var actionID: String
        /// The fingerprint of the action at export; `nil` when the row has no stamp.
        public var stamp: String?
        /// What the lead was shown.
        public var seenDeadline: String
        public var seenStatus: String
        public var seenPosition: String
        /// What the lead filled in, trimmed; `nil` for a blank cell.
        public var newStatus: String?
        public var comment: String?
        public var date: String?
        public var milestoneDone: String?
        /// The column letter of each column read.
        var letters: [UpdateRequest.Column: String]

        /// Whether the lead left the row as it was sent (a Milestone done of "No" is blank).
        public var isBlank: Bool {
            newStatus == nil && comment == nil && (milestoneDone.map(UpdateReturn.isNo) ?? true)
        }

        /// Where a column of this row is.
        public func place(_ column: UpdateRequest.Column) -> Place {
            Place(file: file, sheet: sheet, cell: (letters[column] ?? letters[.action] ?? "A") + String(number))
        }
    }

    static func isNo(_ text: String) -> Bool { ["no", "n", "false", "0", "-"].contains(text.lowercased()) }
    static func isYes(_ text: String) -> Bool { ["yes", "y", "done", "true", "x", "✓"].contains(text.lowercased()) }

    /// Reads a returned workbook (every sheet with the request's header row) or CSV file.
    ///
    /// - Throws: ``UpdateReturnError`` when the file cannot be read or holds no sheet laid out as a request.
    public static func read(_ bytes: [UInt8], file: String) throws(UpdateReturnError) -> UpdateReturn {
        let lower = file.lowercased()
        let kind = OfficePackage.kind(of: bytes)
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || (kind == .other && !lower.hasSuffix(".xlsx")) {
            return try readText(bytes, file: file)
        }
        let names: [String]
        do throws(OfficeFailure) { names = try Workbook(bytes: bytes).sheetNames } catch { throw .office(file: file, error) }
        var rows: [Row] = []
        var found = false
        for name in names {
            let sheet: Workbook
            do throws(OfficeFailure) { sheet = try Workbook(bytes: bytes, sheet: name, keepingHidden: true) } catch { throw .office(file: file, error) }
            let grid = sheet.table.rows.map { (number: $0.number, cells: $0.cells.map(\.text)) }
            guard let read = try Self.rows(grid, letters: sheet.columnLetters, file: file, sheet: name) else { continue }
            found = true
            rows += read
        }
        guard found else { throw .noRequestSheet(file: file, sheets: names) }
        return UpdateReturn(file: file, rows: rows)
    }

    /// A CSV (or TSV) file: one sheet's cells, the first record row 1, its fields columns A, B, ….
    static func readText(_ bytes: [UInt8], file: String) throws(UpdateReturnError) -> UpdateReturn {
        let text: String
        do throws(DelimitedText.EncodingFailure) { text = try DelimitedText.decode(bytes).text } catch { throw .unreadableText(file: file, error) }
        let separator: Character = file.lowercased().hasSuffix(".tsv") ? "\t" : DelimitedText.guessSeparator(text)
        let records: [DelimitedText.Record]
        do throws(DelimitedText.Failure) { records = try DelimitedText.records(text, separator: separator) } catch { throw .unreadableCSV(file: file, error) }
        let width = records.map(\.fields.count).max() ?? 0
        let letters = (0..<width).map { Self.columnLetter($0 + 1) }
        let grid = records.enumerated().map { (number: $0.offset + 1, cells: $0.element.fields) }
        guard let rows = try Self.rows(grid, letters: letters, file: file, sheet: nil) else { throw .noRequestSheet(file: file, sheets: []) }
        return UpdateReturn(file: file, rows: rows)
    }

    /// The action rows under a request's header, or `nil` when no row of the first 20 is its header.
    static func rows(_ grid: [(number: Int, cells: [String])], letters: [String], file: String, sheet: String?) throws(UpdateReturnError) -> [Row]? {
        func clean(_ text: String) -> String { text.trimmingWhitespace() }
        let headers = Dictionary(UpdateRequest.Column.allCases.map { ($0.header.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        guard let headerIndex = grid.prefix(20).firstIndex(where: { row in
            let found = Set(row.cells.compactMap { headers[clean($0).lowercased()] })
            return found.contains(.action) && found.contains(.newStatus)
        }) else { return nil }
        var columns: [UpdateRequest.Column: Int] = [:]
        for (index, text) in grid[headerIndex].cells.enumerated() {
            if let column = headers[clean(text).lowercased()], columns[column] == nil { columns[column] = index }
        }
        let missing = [UpdateRequest.Column.plan, .comment, .date].filter { columns[$0] == nil && !(columns[.stamp] != nil && $0 == .plan) }
        guard missing.isEmpty else {
            throw .missingColumns(file: file, sheet: sheet, missing: missing.map(\.header))
        }
        let lead = grid[..<headerIndex].first { clean($0.cells.first ?? "").lowercased() == UpdateRequest.leadLabel.lowercased() }
            .flatMap { $0.cells.count > 1 ? clean($0.cells[1]) : nil }.flatMap { $0.isEmpty ? nil : $0 }
        var letterOf: [UpdateRequest.Column: String] = [:]
        for (column, index) in columns { letterOf[column] = index < letters.count ? letters[index] : Self.columnLetter(index + 1) }
        var rows: [Row] = []
        for line in grid[(headerIndex + 1)...] {
            func value(_ column: UpdateRequest.Column) -> String? {
                guard let index = columns[column], index < line.cells.count else { return nil }
                let text = clean(line.cells[index])
                return text.isEmpty ? nil : text
            }
            let stamp = value(.stamp).flatMap(UpdateRequest.readStampCell)
            guard let actionID = stamp?.actionID ?? value(.action) else { continue }
            if let stamp, let shownAction = value(.action),
               case let shownPlan = value(.plan) ?? stamp.planID, shownAction != stamp.actionID || shownPlan != stamp.planID {
                throw .rows([RowProblem(place: Place(file: file, sheet: sheet, cell: (letterOf[.action] ?? "B") + String(line.number)),
                                        actionID: stamp.actionID, kind: .stampForAnother(shown: "\(shownPlan) \(shownAction)"))])
            }
            guard let planID = stamp?.planID ?? value(.plan) else {
                throw .rows([RowProblem(place: Place(file: file, sheet: sheet, cell: (letterOf[.plan] ?? "A") + String(line.number)),
                                        actionID: actionID, kind: .noPlan)])
            }
            rows.append(Row(file: file, sheet: sheet, number: line.number, lead: lead, planID: planID, actionID: actionID,
                            stamp: stamp?.stamp, seenDeadline: value(.deadline) ?? "", seenStatus: value(.status) ?? "",
                            seenPosition: value(.position) ?? "", newStatus: value(.newStatus), comment: value(.comment),
                            date: value(.date), milestoneDone: value(.milestoneDone), letters: letterOf))
        }
        return rows
    }

    /// `1` → `A`, `27` → `AA`.
    static func columnLetter(_ number: Int) -> String {
        var number = number, name = ""
        while number > 0 {
            name = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + name
            number = (number - 1) / 26
        }
        return name
    }
}

/// A row that cannot be recorded as it stands; nothing is written while there is one.
public struct RowProblem: Sendable, Equatable {
    public var place: UpdateReturn.Place
    public var actionID: String
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        /// The New status is none of the plan's levels (their labels given).
        case unknownStatus(String, labels: [String])
        /// The Date is not a day (`why`, as ``DateInputError`` says it).
        case unreadableDate(String, DateInputError)
        /// The Date is before the plan's inspection or after today.
        case dateOutOfRange(CalendarDate, earliest: CalendarDate, latest: CalendarDate)
        /// No loaded plan has this id.
        case unknownPlan(String, loaded: [String])
        /// The plan has no such action.
        case unknownAction(plan: String)
        /// A row with neither a plan column nor a stamp.
        case noPlan
        /// Milestone done names no open milestone of the action (`open` counts those there are).
        case unknownMilestone(String, open: Int)
        /// The plan refuses the update (complete without a comment, open milestones, withdrawn…).
        case refused(UpdateError)
        /// The row shows one action (or plan) but its hidden stamp is another's: a cell typed over or a
        /// row pasted without its stamp. Which one the lead meant cannot be told, so nothing is recorded.
        case stampForAnother(shown: String)
        /// A second filled row for an action already filled in at `firstRow`: which one holds is not known.
        case filledTwice(firstRow: Int)
    }
}

/// Why a returned request could not be read or recorded; nothing was written.
public enum UpdateReturnError: Error, Equatable, Sendable {
    case office(file: String, OfficeFailure)
    case unreadableText(file: String, DelimitedText.EncodingFailure)
    case unreadableCSV(file: String, DelimitedText.Failure)
    /// No sheet has a request's header row (Action, New status…); `sheets` are the workbook's.
    case noRequestSheet(file: String, sheets: [String])
    /// The header lacks columns the rows cannot be read without.
    case missingColumns(file: String, sheet: String?, missing: [String])
    /// Rows that cannot be recorded, every one.
    case rows([RowProblem])
}
