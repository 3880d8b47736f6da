import FoundationEssentials
import OfficeDocument
import PlanKit

/// Reading tables of actions: a spreadsheet's one table, or the tables of a
/// Word document or worksheet, with what documents add (themes named in
/// the paragraphs before a table, merged cells, section rows, lettered
/// actions, bullets, colour-only RAG cells). Every format comes through here.
extension PlanImporter {
    /// One table's header: where it is and which column holds each field.
    struct TableLayout {
        var headerIndex: Int
        var header: [String]
        var columns: [ImportField: Int]
        /// Columns read by their content, not their header.
        var decisions: [ColumnDecision] = []
    }

    /// The fields a header row's cells name.
    func columns(of header: [String]) -> [ImportField: Int] {
        var columns: [ImportField: Int] = [:]
        for (index, name) in header.enumerated() {
            let field = mapped(index, header: name) ?? ImportField.recognise(name)
            if let field, field != .skip, columns[field] == nil { columns[field] = index }
        }
        return columns
    }

    /// Refuses a `--map` of a column no table has (a header in none of the first rows a header is looked for in,
    /// or `column N` past the widest table), which would otherwise be passed over without a word.
    func checkMappedColumnsExist(_ tables: [DocumentTable], file: String) throws(ImportError) {
        let width = tables.flatMap { $0.rows.map(\.cells.count) }.max() ?? 0
        var headers: Set<String> = []
        for table in tables {
            for row in table.rows.prefix(Self.headerSearchRows) {
                for cell in row.cells { headers.insert(ImportField.normalise(cell.text)) }
            }
        }
        for column in mapping.keys.sorted() {
            if let match = column.wholeMatch(of: /column (\d+)/) {
                if let place = Int(match.1), place >= 1, place <= width { continue }
            } else if headers.contains(column) {
                continue
            }
            let first = tables.first.map(Self.likelyHeader) ?? []
            throw .mappedColumnAbsent(file: file, column: column, headers: first, width: width)
        }
    }

    /// A title row above a table's header (a row of one filled cell, "Youth Justice Improvement Plan 2020"),
    /// which names the plan when no --title does; a key or a note ("Key: …", "Note: …") is no title.
    static func titleAbove(_ table: DocumentTable, header: Int) -> String? {
        for row in table.rows.prefix(header) {
            let filled = row.cells.filter { !$0.continuesLeft && !$0.continuesAbove }
                .map { $0.text.replacingEvery("\n", with: " ").trimmingWhitespace() }
                .filter { !$0.isEmpty }
            guard filled.count == 1, let text = filled.first else { continue }
            if TableReader.isFootnote(text) || text.count > 150 || !text.contains(where: \.isLetter)
                || TableReader.recommendationReference(text, bareNumber: false) != nil { continue }
            return text
        }
        return nil
    }

    /// The field the user mapped a column to, by its header or (for a column without one) by its place, `column 3`.
    func mapped(_ index: Int, header: String) -> ImportField? {
        mapping[ImportField.normalise(header)] ?? mapping["column \(index + 1)"]
    }

    /// Imports the actions of every table with a recognised header.
    ///
    /// - Parameter spreadsheet: the one table of a CSV or TSV file, which must have a header naming its actions
    ///   (a document's tables without one are passed over).
    func importPlan(tables: [DocumentTable], file: String, spreadsheet: Bool = false) throws(ImportError) -> Result {
        try checkMappedColumnsExist(tables, file: file)
        var layouts: [(table: DocumentTable, layout: TableLayout)] = []
        var skipped: [(name: String, firstRow: [String])] = []
        for table in tables {
            if var layout = layout(of: table) {
                progressColumnIsStatus(&layout.columns, header: layout.header, rows: ArraySlice(Self.bodyRows(table, below: layout.headerIndex)))
                layouts.append((table, layout))
            } else if spreadsheet {
                // A spreadsheet is one table: without a header naming the actions it cannot be read.
                let header = Self.likelyHeader(table)
                throw .missingColumns(file: file, missing: [ImportField.action.rawValue], found: header)
            } else {
                skipped.append((table.name, Self.likelyHeader(table)))
            }
        }
        if layouts.isEmpty { throw .noActionTable(file: file, tables: skipped) }
        for (table, layout) in layouts { try checkMappedIDs(table, layout, file: file) }
        let key = Self.colourKey(tables.filter { table in !layouts.contains { $0.table.name == table.name } })

        let ragValues = layouts.flatMap { table, layout in
            Self.bodyRows(table, below: layout.headerIndex).compactMap { row -> String? in
                guard let index = layout.columns[.rag], index < row.cells.count else { return nil }
                let value = row.cells[index].text.trimmingWhitespace()
                return value.isEmpty ? nil : value
            }
        }
        let scheme = self.scheme ?? PlanImporter.inferScheme(from: ragValues)
        var problems: [ImportRowProblem] = []
        var rows: [ImportedRow] = []
        var result = Result(plan: Plan(id: planID, title: title, organisation: organisation, inspection: inspection, themes: [],
                                       recommendations: [], actions: []),
                            skipped: [], recommendationsWithoutText: [])
        var recommendationTexts: [String: String] = [:]
        // A theme named before a table holds for the tables after it, until another is named.
        var context = ReadingContext()
        for (table, layout) in layouts {
            var reader = TableReader(importer: self, table: table, layout: layout, scheme: scheme, colourKey: key)
            reader.read(context: &context)
            result.columnDecisions += layout.decisions
            result.recommendationsFromWords += reader.recommendationsFromWords
            problems += reader.problems
            rows += reader.rows
            result.statusesFromColour += reader.statusesFromColour
            result.statusWordsKept += reader.statusWordsKept
            result.letteredRows += reader.letteredRows
            result.letteredActions += reader.letteredActions
            for (id, text) in reader.recommendationTexts where recommendationTexts[id] == nil { recommendationTexts[id] = text }
        }
        result.tablesSkipped = skipped
        result.titleAbove = layouts.first.flatMap { Self.titleAbove($0.table, header: $0.layout.headerIndex) }
        if !problems.isEmpty, !skipBadRows { throw .badRows(file: file, problems: problems) }

        result.madeIDs = Self.makeIDs(&rows)
        // Without themes from a column or a heading, ids that all start with a number (`2a`, `2b`, `4a`;
        // `2.1`, `2.2`) are grouped by it: themes 2 and 4. Otherwise one theme, as before. Ids the import
        // made (from a recommendation's number) do not make themes.
        let anyTheme = rows.contains { $0.themeGiven }
        if !anyTheme, !rows.isEmpty, rows.allSatisfy({ $0.madeID == nil }) {
            let leading = rows.map { PlanImporter.leadingNumber(of: $0.action.id) }
            if leading.allSatisfy({ $0 != nil }), Set(leading.compactMap { $0 }).count > 1 {
                for index in rows.indices {
                    rows[index].themeID = leading[index]!
                    rows[index].action.theme = leading[index]!
                }
            }
        }
        // Ids that repeat across themes (Portsmouth numbers actions within each objective) become THEME.ID.
        let ids = rows.map(\.action.id)
        if Set(ids).count < ids.count, anyTheme {
            for index in rows.indices where !rows[index].action.id.hasPrefix(rows[index].themeID + ".") {
                rows[index].action.id = "\(rows[index].themeID).\(rows[index].action.id)"
            }
        }
        // The same id twice is named where both are, before validation could only say "actions[7]".
        var firstPlace: [String: ImportedRow] = [:]
        var duplicates: [ImportRowProblem] = []
        rows.removeAll { row in
            guard let first = firstPlace[row.action.id] else { firstPlace[row.action.id] = row; return false }
            let place = first.table.isEmpty ? "row \(first.line)" : "\(first.table) row \(first.line)"
            // Excel shows 1.10 as 1.1 in a column of numbers: the likeliest cause of two ids like 1.1.
            let excel = row.action.id.range(ofPattern: "^[0-9]+\\.[0-9]*[1-9]$") != nil
                ? " (if Excel turned 1.10 into 1.1, format the ID column as Text and type the ids again)" : ""
            duplicates.append(ImportRowProblem(line: row.line, message: "the id \(row.action.id) is also at \(place); give each action its own id\(excel)", table: row.table))
            return true
        }
        if !duplicates.isEmpty {
            problems += duplicates
            if !skipBadRows { throw .badRows(file: file, problems: problems) }
        }
        // Each table's count is of the actions it gave to the plan, after the duplicates above were refused.
        result.tablesRead = layouts.filter { !$0.table.name.isEmpty }.map { table, _ in (table.name, rows.filter { $0.table == table.name }.count) }
        result.tableReadings = layouts.map { table, layout in
            reading(of: table, layout, actionIDs: rows.filter { $0.table == table.name }.map(\.action.id))
        }
        if rows.isEmpty {
            // Nothing read: --skip-bad does not make a plan of no actions.
            if !problems.isEmpty { throw .badRows(file: file, problems: problems) }
            throw .empty(file: file)
        }
        var themes: [Theme] = []
        for row in rows where !themes.contains(where: { $0.id == row.themeID }) {
            var theme = Theme(id: row.themeID, title: row.themeTitle ?? (row.themeID == "1" && !anyTheme ? "Actions" : "Theme \(row.themeID)"))
            theme.recommendations = row.themeRecommendations
            themes.append(theme)
        }
        var recommendationIDs: [String] = []
        for id in rows.flatMap({ $0.action.recommendations }) + themes.flatMap(\.recommendations) where !recommendationIDs.contains(id) {
            recommendationIDs.append(id)
        }
        recommendationIDs.sort { $0.precedesNumerically($1) }
        result.plan.themes = themes
        result.plan.recommendations = recommendationIDs.map { Recommendation(id: $0, text: recommendationTexts[$0] ?? PlanImporter.placeholderText) }
        result.plan.actions = rows.map(\.action)
        if scheme != .default { result.plan.declaredScheme = scheme }
        result.skipped = problems
        result.recommendationsWithoutText = recommendationIDs.filter { recommendationTexts[$0] == nil }
        result.scheme = scheme
        result.schemeInferred = self.scheme == nil

        // Columns not read are named so that --map can read them: under a header that is not read (one that
        // looks like references proposed as links), or under no header (a blank header cell, or one merged
        // across several columns). A header several tables share is named once.
        var earlierTables: Set<String> = []
        for (table, layout) in layouts {
            let used = Set(layout.columns.values)
            let rows = table.rows.dropFirst(layout.headerIndex + 1).filter { !$0.spansAllColumns }
            let width = max(layout.header.count, table.rows.map(\.cells.count).max() ?? 0)
            var names: Set<String> = []
            for column in 0..<width where !used.contains(column) {
                let name = column < layout.header.count ? layout.header[column] : ""
                if mapped(column, header: name) == .skip { continue }
                if name.trimmingWhitespace().isEmpty {
                    let holdsWords = rows.contains { row in
                        column < row.cells.count && !row.cells[column].continuesLeft
                            && !row.cells[column].text.trimmingWhitespace().isEmpty
                    }
                    if holdsWords { result.unnamedColumnPlaces.append("\(table.name.isEmpty ? "" : "\(table.name) ")column \(column + 1)") }
                    continue
                }
                names.insert(name)
                guard !earlierTables.contains(name) else { continue }
                result.unusedColumns.append(name)
                let cells = rows.map { $0.cells[safe: column].text.trimmingWhitespace() }
                if PlanImporter.looksLikeReferences(header: name, cells: cells) { result.proposedLinks.append(name) }
            }
            earlierTables.formUnion(names)
        }
        return result
    }

    /// The row of a table that is most likely its header, to name it: the first of its first rows with two
    /// or more filled cells (a title row above it has one), else its first row.
    static func likelyHeader(_ table: DocumentTable) -> [String] {
        let rows = table.rows.prefix(headerSearchRows).map { $0.cells.filter { !$0.continuesLeft }.map { $0.text.replacingEvery("\n", with: " ") } }
        return rows.first { $0.filter { !$0.trimming(.whitespaces).isEmpty }.count >= 2 } ?? rows.first ?? []
    }

    /// Gives the actions without ids of their own their ids (docs/import.md, "Ids"): those sharing a number are
    /// lettered in order (`2.12A`, `2.12B`; one alone keeps the number), and those with no number are numbered
    /// 1, 2, 3 in the order read, passing over numbers other actions hold. Returns how many of each were made.
    static func makeIDs(_ rows: inout [ImportedRow]) -> MadeIDCounts {
        var counts = MadeIDCounts()
        var sharing: [String: Int] = [:]
        for row in rows { if let base = row.madeID?.base { sharing[base, default: 0] += 1 } }
        var placed: [String: Int] = [:]
        for index in rows.indices {
            guard let made = rows[index].madeID, let base = made.base else { continue }
            if sharing[base, default: 0] >= 2 {
                rows[index].action.id = base + TableReader.letter(placed[base, default: 0])
                placed[base, default: 0] += 1
            } else {
                rows[index].action.id = base
            }
            if case .shared = made { counts.shared += 1 } else { counts.fromRecommendation += 1 }
            if counts.examples.count < 3 { counts.examples.append(rows[index].action.id) }
        }
        let taken = Set(rows.filter { $0.madeID != .inOrder }.map(\.action.id))
        var next = 0
        for index in rows.indices where rows[index].madeID == .inOrder {
            repeat { next += 1 } while taken.contains("\(next)")
            rows[index].action.id = "\(next)"
            counts.inOrder += 1
            if counts.examples.count < 3 { counts.examples.append(rows[index].action.id) }
        }
        return counts
    }

    /// A "Progress" column holding ratings ("Some progress", "AMBER - …") rather than notes is the status
    /// column, unless the user mapped it; another comment column then reads.
    func progressColumnIsStatus(_ columns: inout [ImportField: Int], header: [String], rows: ArraySlice<DocumentRow>) {
        guard columns[.rag] == nil, let index = columns[.comment], mapped(index, header: header[index]) == nil else { return }
        let values = rows.compactMap { row -> String? in
            let value = index < row.cells.count ? row.cells[index].text.trimmingWhitespace() : ""
            return value.isEmpty ? nil : value
        }
        // Ratings, perhaps beside a few short status words of the team's own ("Red", "Amber", "On hold"): the
        // status, its other words noted as naming no level; a column of comments is not.
        let ratings = values.filter { PlanImporter.status($0, scheme: .default).0 != nil }
        let othersAreShort = values.allSatisfy { PlanImporter.status($0, scheme: .default).0 != nil || $0.split(whereSeparator: \.isWhitespace).count <= 3 }
        if !values.isEmpty, PlanImporter.inferScheme(from: values) == .progress
            || ratings.count * 2 >= values.count && othersAreShort {
            columns[.rag] = index
            columns[.comment] = header.indices.first { other in
                other != index && (mapped(other, header: header[other]) ?? ImportField.recognise(header[other])) == .comment
            }
        }
    }

    /// The colours a document's RAG key gives its levels: cells with a fill whose text is a level's code or label.
    static func colourKey(_ tables: [DocumentTable]) -> [(colour: RGBColour, word: String)] {
        var key: [(RGBColour, String)] = []
        for table in tables {
            for row in table.rows {
                for cell in row.cells where !cell.continuesLeft && !cell.continuesAbove {
                    if let fill = cell.fill, let word = cell.text.split(whereSeparator: { !$0.isLetter }).first {
                        key.append((fill, String(word)))
                    }
                }
            }
        }
        return key
    }

    /// A column the user mapped to `id` must hold ids: a column of sentences (an action's text mapped by
    /// mistake) would make ids of hundreds of characters, so it is refused, with the row that shows it.
    /// (A recognised header is trusted; only a `--map` is questioned.)
    func checkMappedIDs(_ table: DocumentTable, _ layout: TableLayout, file: String) throws(ImportError) {
        guard let index = layout.columns[.id], mapped(index, header: layout.header[index]) == .id else { return }
        let values = table.rows.dropFirst(layout.headerIndex + 1).enumerated().compactMap { offset, row -> (row: Int, text: String)? in
            guard index < row.cells.count else { return nil }
            let text = row.cells[index].text.trimmingWhitespace()
            return text.isEmpty ? nil : (layout.headerIndex + 2 + offset, text)
        }
        let sentences = values.filter(Self.readsAsSentence)
        guard let first = sentences.first, sentences.count * 2 > values.count else { return }
        throw .mappedIDsAreSentences(file: file, column: layout.header[index], row: first.row, value: first.text)
    }

    /// Whether an id cell reads as a sentence rather than an id: more than 40 characters, or more than six words.
    static func readsAsSentence(_ value: (row: Int, text: String)) -> Bool {
        value.text.count > 40 || value.text.split(whereSeparator: \.isWhitespace).count > 6
    }
}
