import FoundationEssentials
import OfficeDocument
import PlanKit

/// Finding a table's header and deciding what its columns hold: by their headers first, and where a
/// header is blank or unknown, by what the column holds (dates, ratings, short codes, names, sentences).
/// Every decision made by content is kept, so that the import can say it and `--map` can change it.
extension PlanImporter {
    /// A column read by what it holds rather than by its header.
    public struct ColumnDecision: Equatable, Sendable {
        /// Where the user finds the column: its header, or `column 3` (`table 2 column 3`) when it has none.
        public var place: String
        /// The header as written (empty when blank), which a `--map` names.
        public var header: String
        /// The field it was read as.
        public var field: ImportField
        /// Why, in words: "its cells are dates".
        public var reason: String
    }

    /// How one table was read: where its header is, what each column was read as and why, and the
    /// actions it gave (by id, in order), so that a dry run can show it before anything is written.
    public struct TableReading: Equatable, Sendable {
        /// The document's name for the table (`table 2`, `sheet "Plan"`); empty for a CSV or TSV file.
        public var name: String
        /// The header's row as the file shows it (a title row above it counted).
        public var headerRow: Int
        public var columns: [ColumnReading]
        public var actionIDs: [String]
    }

    /// One column of a table and how it was read.
    public struct ColumnReading: Equatable, Sendable {
        /// The header as written; empty for a column without one.
        public var header: String
        /// The column's place, `column 3`, which `--map "column 3=FIELD"` names when it has no header.
        public var place: String
        /// The field it was read as (`ImportField.rawValue`); nil when it was not read.
        public var field: String?
        public var because: Because

        public enum Because: Equatable, Sendable {
            /// Its header is one plans use for the field.
            case header
            /// The user's `--map`.
            case mapped
            /// What its cells hold, in words.
            case content(String)
            /// Not read: its header is not one known, and its cells did not say.
            case notRead
        }

        /// What a `--map` names the column by: its header, or its place when it has none.
        public var mapKey: String { header.isEmpty ? place : header }
    }

    /// How a table's columns were read, for ``TableReading``.
    func reading(of table: DocumentTable, _ layout: TableLayout, actionIDs: [String]) -> TableReading {
        let width = max(layout.header.count, table.rows.dropFirst(layout.headerIndex + 1).map(\.cells.count).max() ?? 0)
        var columns: [ColumnReading] = []
        let body = Self.bodyRows(table, below: layout.headerIndex)
        for column in 0..<width {
            let header = column < layout.header.count ? layout.header[column].trimmingWhitespace() : ""
            let field = layout.columns.first { $0.value == column }?.key
            let because: ColumnReading.Because
            if mapped(column, header: header) != nil {
                because = .mapped
            } else if let decision = layout.decisions.first(where: { $0.field == field && field != nil }) {
                because = .content(decision.reason)
            } else if field != nil {
                because = .header
            } else {
                let filled = body.map({ $0.cells[safe: column] }).contains {
                    !$0.continuesLeft && !$0.text.trimmingWhitespace().isEmpty
                }
                if !filled, header.isEmpty { continue }
                because = .notRead
            }
            columns.append(ColumnReading(header: header, place: "column \(column + 1)", field: field?.rawValue, because: because))
        }
        let headerRow = table.rows.indices.contains(layout.headerIndex) ? table.rows[layout.headerIndex].number : layout.headerIndex + 1
        return TableReading(name: table.name, headerRow: headerRow, columns: columns, actionIDs: actionIDs)
    }

    /// How many of a table's first rows may be titles and notes above its header.
    public static let headerSearchRows = 30

    /// A table's header: the first of its first rows that names an action column and one other known column,
    /// or a recommendation or id column and one other, when the content of an unnamed column gives the actions.
    /// Nil for any other table (a version table, a RAG key, a list of contacts).
    func layout(of table: DocumentTable) -> TableLayout? {
        for (index, row) in table.rows.prefix(Self.headerSearchRows).enumerated() where !row.spansAllColumns {
            let header = row.cells.map { $0.continuesLeft ? "" : $0.text.replacingEvery("\n", with: " ") }
            let columns = columns(of: header)
            guard columns.count >= 2 || columns[.action] != nil && header.filter({ !$0.isEmpty }).count >= 2 else { continue }
            var layout = TableLayout(headerIndex: index, header: header, columns: columns)
            guard columns[.action] != nil || columns[.id] != nil || columns[.links] != nil else { continue }
            decideByContent(&layout, table: table)
            if layout.columns[.action] != nil { return layout }
        }
        // A header of words no plan uses ("Foo, Bar, Baz"; none known): the first row of short words over rows that fill
        // its columns, read wholly by content, when that finds the actions and at least two other columns.
        for (index, row) in table.rows.prefix(Self.headerSearchRows).enumerated() where !row.spansAllColumns {
            let header = row.cells.map { $0.continuesLeft ? "" : $0.text.replacingEvery("\n", with: " ").trimming(.whitespaces) }
            let named = header.filter { !$0.isEmpty }
            guard named.count >= 3, named.count * 2 > header.count,
                  named.allSatisfy({ $0.count <= 40 && $0.contains(where: \.isLetter) && !$0.contains(where: \.isNumber) }),
                  Set(named.map { $0.lowercased() }).count == named.count else { continue }
            // A header naming a known column but not enough of them (a table of recommendations) is no such header.
            guard columns(of: header).isEmpty else { break }
            var layout = TableLayout(headerIndex: index, header: header, columns: [:])
            decideByContent(&layout, table: table)
            if layout.columns[.action] != nil, layout.columns.count >= 3 { return layout }
            break
        }
        return nil
    }

    /// The rows under a header that may be actions: section rows, notes and footnotes (one filled cell) left out.
    static func bodyRows(_ table: DocumentTable, below headerIndex: Int) -> [DocumentRow] {
        table.rows.dropFirst(headerIndex + 1).filter { row in
            !row.spansAllColumns && row.cells.filter { !$0.continuesLeft && !$0.text.trimmingWhitespace().isEmpty }.count != 1
        }
    }

    /// Reads the columns whose header is blank or unknown by their content, each as a field the table has no
    /// column for yet, left to right: dates are the deadline, ratings the status, short codes the id, short
    /// names the leads, sentences the action (or the comment, when the action has its column).
    func decideByContent(_ layout: inout TableLayout, table: DocumentTable) {
        let width = max(layout.header.count, table.rows.dropFirst(layout.headerIndex + 1).map(\.cells.count).max() ?? 0)
        let used = Set(layout.columns.values)
        // The body once for every column: a sheet of thousands of columns is read in time linear in its cells.
        let body = Self.bodyRows(table, below: layout.headerIndex)
        for column in 0..<width where !used.contains(column) {
            let header = column < layout.header.count ? layout.header[column].trimmingWhitespace() : ""
            if mapped(column, header: header) != nil { continue }
            let cells = body.map { $0.cells[safe: column] }.filter { !$0.continuesLeft }
            let texts = cells.map { $0.text.trimmingWhitespace() }.filter { !$0.isEmpty }
            guard let (field, reason) = Self.fieldByContent(texts, cells: cells, header: header, missing: { layout.columns[$0] == nil }) else { continue }
            layout.columns[field] = column
            let place = header.isEmpty ? "\(table.name.isEmpty ? "" : "\(table.name) ")column \(column + 1)" : header
            layout.decisions.append(ColumnDecision(place: place, header: header, field: field, reason: reason))
        }
    }

    /// The field a column's cells show it holds, among those `missing`, and why; nil when they show none.
    static func fieldByContent(_ texts: [String], cells: [DocumentCell], header: String,
                               missing: (ImportField) -> Bool) -> (ImportField, String)? {
        func most(_ test: (String) -> Bool) -> Bool {
            !texts.isEmpty && texts.filter(test).count * 5 >= texts.count * 4
        }
        let filled = cells.filter { !$0.continuesAbove }
        let fills = filled.filter { $0.text.trimmingWhitespace().isEmpty && $0.fill.flatMap(TableReader.ragColour) != nil }
        if missing(.rag), !filled.isEmpty, fills.count * 5 >= filled.count * 4 {
            return (.rag, "its cells are coloured red, amber or green")
        }
        guard !texts.isEmpty else { return nil }
        let words = texts.map { $0.split(whereSeparator: \.isWhitespace).count }
        let averageWords = Double(words.reduce(0, +)) / Double(texts.count)
        // Dates, some perhaps in words ("Ongoing", "Immediate", "When funding is agreed"): at least half real dates.
        if missing(.deadline), texts.filter(isDateLike).count * 2 >= texts.count, most({ isDateLike($0) || isDeadlineWords($0) }) {
            return (.deadline, "its cells are dates")
        }
        if missing(.rag), most({ isRating($0) }) { return (.rag, "its cells are ratings (RAG or progress words)") }
        // Repeated codes are ids too: a recommendation's number shared by its actions (R2, docs/import.md "Ids").
        if missing(.id), most(isShortCode) { return (.id, "its cells are short codes") }
        if missing(.links), most({ text in
            let (references, others) = links(text)
            return !references.isEmpty && others.isEmpty
        }) { return (.links, "its cells name recommendations") }
        if averageWords > 6 {
            if missing(.action) { return (.action, "its cells are sentences") }
            if missing(.comment) { return (.comment, "its cells are sentences, beside the action's") }
            return nil
        }
        if missing(.lead), most(isNameLike) { return (.lead, "its cells are short names or roles") }
        return nil
    }

    /// A cell that is a date or a month ("March 2020", "31/03/2020", an Excel date).
    static func isDateLike(_ text: String) -> Bool {
        guard text.count <= 40, text.count >= 6 || text.contains(where: { $0.isLetter || $0 == "/" }),
              let cell = try? DeadlineCell(text) else { return false }
        if case .some(let deadline) = cell.deadline, deadline.lastDay != nil { return true }
        return !cell.milestones.isEmpty
    }

    /// A deadline in a few words without a date ("Ongoing", "Immediate", "Autumn 2020", "6 months", "N/A"),
    /// as a deadline cell keeps them.
    static func isDeadlineWords(_ text: String) -> Bool {
        guard text.split(whereSeparator: \.isWhitespace).count <= 6, let cell = try? DeadlineCell(text) else { return false }
        return cell.deadline != nil || cell.deadlineText != nil
    }

    /// A cell that starts with a rating: a RAG code ("AMBER", "G - on track"), a progress label, or a completion word.
    static func isRating(_ text: String) -> Bool {
        if status(text, scheme: .default).0 != nil { return true }
        if RAGScheme.isCompletionWord(text) { return true }
        let lower = text.lowercased()
        return RAGScheme.progress.levels.contains { lower.hasPrefix($0.label.lowercased()) } && text.count <= 40
    }

    /// A short code: at most 12 characters in at most two words, with a digit (`1.2`, `LM 7`, `R3a`).
    static func isShortCode(_ text: String) -> Bool {
        text.count <= 12 && text.split(separator: " ").count <= 2 && text.contains { $0.isNumber }
            && !text.contains("/")
    }

    /// A name or a role: a few words, no digits, not a sentence ("Head of Service", "J. Smith / Police").
    static func isNameLike(_ text: String) -> Bool {
        text.count <= 80 && !text.contains { $0.isNumber } && !text.hasSuffix(".") && text.first?.isUppercase == true
            && leads(text).allSatisfy { $0.split(whereSeparator: \.isWhitespace).count <= 6 }
    }
}
