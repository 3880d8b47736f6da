import PlanKit
/// One import as the user asked for it: the council's document, the side files that complete it,
/// and how to read them. ``PlanImporter/run(_:read:)`` turns it into a plan and the notes that say
/// what was decided; the command-line front end only words the notes and writes the plan.
public struct ImportRequest: Sendable {
    /// The document or spreadsheet of actions, as the user named it (messages use this name).
    public var input: String
    /// The plan's own fields and how columns are read.
    public var importer: PlanImporter
    /// A file of the recommendations' ids and texts (CSV, or a Word or Excel table).
    public var recommendationsFile: String?
    /// A CSV of the themes' ids and titles.
    public var themesFile: String?
    /// A RAG scheme file (a plan's `ragScheme` on its own), read when the import runs.
    public var schemeFile: String?
    /// Refuse the import when a column is not read, rather than noting it.
    public var strict = false
    /// The worksheet of an Excel workbook to read.
    public var sheet: String?
    /// Whether the statuses' date and the plan's title were given; without them the notes say what was assumed.
    public var statusDateGiven = false
    public var titleGiven = false

    public init(input: String, importer: PlanImporter) {
        self.input = input
        self.importer = importer
    }
}

/// What an import decided or passed over that the user should know, in the order it is told.
public enum ImportNote: Equatable, Sendable {
    /// A CSV or TSV file (the actions', or a side file) read in an encoding other than UTF-8:
    /// Windows-1252 because it is not UTF-8, or UTF-16 from its byte order mark.
    case textEncoding(file: String, DelimitedText.Encoding)
    /// A CSV or TSV file read with a separator its name does not suggest (a `.tsv` file a tab,
    /// any other a comma), guessed from its header: a semicolon or a tab.
    case separator(file: String, Character)
    /// The tables a document's actions were read from, with the actions each gave.
    case tablesRead([TableCount])
    /// A table passed over for having no header naming an Action column; `start` is its first row's filled cells.
    case tableSkipped(name: String, start: [String])
    /// The worksheet read of a workbook of several.
    case sheetRead(name: String, sheets: [String])
    /// Formula cells whose results were never saved, read as empty.
    case formulasWithoutValues(cells: [String])
    case hiddenRowsSkipped([Int])
    case hiddenColumnsSkipped([String])
    /// Rows of a recommendation's lettered actions (`A: …`), and the actions read from them.
    case letteredActions(actions: Int, rows: Int)
    /// Statuses read from a cell's colour alone.
    case statusesFromColour(Int)
    /// Status cells whose words name no level of the scheme (`count` of them; the distinct `words`), kept in the comment.
    case statusWordsKept(count: Int, words: [String], scheme: [String])
    /// Actions whose deadline cell names a time in words without a date ("When funding is agreed", "Immediate"),
    /// kept as the deadline's wording; such an action is never overdue.
    case deadlinesInWords(ids: [String])
    /// The scale the statuses were read in, inferred from the values; `name` is a named scheme's.
    case schemeInferred(name: String?, labels: [String])
    /// Values under no header (`column 5`, `table 2 column 5`), not read.
    case columnWithoutHeader(place: String)
    /// A column not read that looks like the recommendations each action answers.
    case columnLooksLikeLinks(header: String)
    /// A column not read.
    case columnNotRead(header: String)
    /// A column read by what it holds, not by its header: `place` is its header or `column 3`, `header` what
    /// a `--map` names (empty for a column without one, which `--map "column 3=FIELD"` names).
    case columnReadByContent(place: String, header: String, field: String, reason: String)
    /// Ids made for actions the document gives none of their own (docs/import.md, "Ids").
    case idsMade(PlanImporter.MadeIDCounts)
    /// Recommendations read from a column of their own words.
    case recommendationsFromWords(count: Int)
    /// Statuses dated the import's status date because none was given.
    case statusesDatedByDefault(CalendarDate)
    /// The plan's title made up because none was given.
    case titleByDefault(String)
    /// The plan is titled by the title row above the table's header.
    case titleFromTitleRow(String)
    /// Recommendations the actions link to whose text the document does not give.
    case recommendationsWithoutText(ids: [String], source: PlanImporter.Source)

    /// A table read and the number of actions it gave.
    public struct TableCount: Equatable, Sendable {
        public var name: String
        public var actions: Int
    }
}

/// A plan made by an import, the rows it skipped (with `skipBadRows`), and its notes.
public struct ImportOutcome: Sendable {
    public var plan: Plan
    public var skipped: [ImportRowProblem]
    public var notes: [ImportNote]
    /// How each table was read (its header, its columns and why, its actions), for a dry run.
    public var tables: [PlanImporter.TableReading] = []
}

extension PlanImporter {
    /// Runs an import: reads the document with `read` (which finds the file and bounds its size),
    /// completes the plan from the side files, and says what it decided.
    ///
    /// - Throws: ``ImportError`` (a `--strict` refusal included), ``PlanError`` for a bad scheme file,
    ///   and whatever `read` throws.
    public static func run(_ request: ImportRequest, read: (String) throws -> [UInt8]) throws -> ImportOutcome {
        let input = request.input
        let bytes = try read(input)
        let source = try PlanImporter.source(of: bytes, file: input)
        if request.sheet != nil, source != .excel { throw ImportError.sheetOfNonWorkbook(file: input) }
        var importer = request.importer
        if let schemeFile = request.schemeFile {
            importer.scheme = try PlanLoader.scheme(bytes: try read(schemeFile), file: schemeFile)
        }
        let result: Result
        // How each CSV or TSV file was read, when it is not as its name suggests: told first.
        var reading: [ImportNote] = []
        if source == .delimitedText {
            let (text, encoding) = try Self.text(bytes, file: input, role: .actions)
            let separator = input.lowercased().hasSuffix(".tsv") ? "\t" : DelimitedText.guessSeparator(text)
            reading += readingNotes(file: input, encoding: encoding, separator: separator)
            result = try importer.importPlan(text, file: input, separator: separator)
        } else {
            result = try importer.importDocument(bytes, file: input, source: source, sheet: request.sheet)
        }
        var plan = result.plan
        if !request.titleGiven, let title = result.titleAbove { plan.title = title }
        var withoutText = result.recommendationsWithoutText
        if let file = request.recommendationsFile {
            let given = try recommendations(file: file, read: read, notes: &reading)
            plan.recommendations = given + plan.recommendations.filter { stub in !given.contains { $0.id == stub.id } }
            withoutText.removeAll { id in given.contains { $0.id == id } }
        }
        if let file = request.themesFile {
            let (text, encoding) = try Self.text(try read(file), file: file, role: .sideFile)
            reading += readingNotes(file: file, encoding: encoding, separator: DelimitedText.guessSeparator(text))
            let given = try themes(text, file: file)
            // The file's titles for the themes the sheet uses, in the sheet's order, then the file's other themes.
            plan.themes = plan.themes.map { theme in given.first { $0.id == theme.id } ?? theme }
                + given.filter { theme in !plan.themes.contains { $0.id == theme.id } }
        }
        if request.strict, !result.unnamedColumnPlaces.isEmpty {
            throw ImportError.strictColumnsWithoutHeader(file: input, places: result.unnamedColumnPlaces)
        }
        if request.strict, !result.unusedColumns.isEmpty {
            throw ImportError.strictColumnsNotRead(file: input, columns: result.unusedColumns, proposedLinks: result.proposedLinks)
        }
        let notes = Self.notes(result, plan: plan, request: request, statusDate: importer.statusDate,
                               withoutText: withoutText, source: source)
        return ImportOutcome(plan: plan, skipped: result.skipped, notes: reading + notes, tables: result.tableReadings)
    }

    /// The notes of an import, in the order they are told.
    static func notes(_ result: Result, plan: Plan, request: ImportRequest, statusDate: CalendarDate,
                      withoutText: [String], source: Source) -> [ImportNote] {
        var notes: [ImportNote] = []
        if !result.tablesRead.isEmpty {
            notes.append(.tablesRead(result.tablesRead.map { ImportNote.TableCount(name: $0.name, actions: $0.actions) }))
        }
        for table in result.tablesSkipped {
            notes.append(.tableSkipped(name: table.name, start: Array(table.firstRow.filter { !$0.isEmpty }.prefix(4))))
        }
        if let name = result.sheet, result.sheets.count > 1 { notes.append(.sheetRead(name: name, sheets: result.sheets)) }
        if !result.formulasWithoutValues.isEmpty { notes.append(.formulasWithoutValues(cells: result.formulasWithoutValues)) }
        if !result.hiddenRows.isEmpty { notes.append(.hiddenRowsSkipped(result.hiddenRows)) }
        if !result.hiddenColumns.isEmpty { notes.append(.hiddenColumnsSkipped(result.hiddenColumns)) }
        if result.letteredRows > 0 { notes.append(.letteredActions(actions: result.letteredActions, rows: result.letteredRows)) }
        if result.statusesFromColour > 0 { notes.append(.statusesFromColour(result.statusesFromColour)) }
        if !result.statusWordsKept.isEmpty {
            var distinct: [String] = []
            for words in result.statusWordsKept where !distinct.contains(words) { distinct.append(words) }
            notes.append(.statusWordsKept(count: result.statusWordsKept.count, words: distinct, scheme: result.scheme.levels.map(\.code)))
        }
        if case let ids = result.deadlinesInWords, !ids.isEmpty { notes.append(.deadlinesInWords(ids: ids)) }
        if result.schemeInferred, result.scheme != .default {
            notes.append(.schemeInferred(name: RAGScheme.named.first { $0.scheme == result.scheme }?.name,
                                         labels: result.scheme.levels.map(\.label)))
        }
        notes += result.columnDecisions.map { .columnReadByContent(place: $0.place, header: $0.header, field: $0.field.rawValue, reason: $0.reason) }
        if result.madeIDs.total > 0 { notes.append(.idsMade(result.madeIDs)) }
        if result.recommendationsFromWords > 0 { notes.append(.recommendationsFromWords(count: result.recommendationsFromWords)) }
        notes += result.unnamedColumnPlaces.map { .columnWithoutHeader(place: $0) }
        notes += result.unusedColumns.filter { result.proposedLinks.contains($0) }.map { .columnLooksLikeLinks(header: $0) }
        notes += result.unusedColumns.filter { !result.proposedLinks.contains($0) }.map { .columnNotRead(header: $0) }
        if !request.statusDateGiven, plan.actions.contains(where: { !$0.history.isEmpty }) {
            notes.append(.statusesDatedByDefault(statusDate))
        }
        if !request.titleGiven { notes.append(result.titleAbove == nil ? .titleByDefault(plan.title) : .titleFromTitleRow(plan.title)) }
        if !withoutText.isEmpty { notes.append(.recommendationsWithoutText(ids: withoutText, source: source)) }
        return notes
    }

    /// The recommendations a side file gives: a CSV of ID and Text, or such a table in a Word or Excel file;
    /// how a CSV was read is added to `notes`.
    static func recommendations(file: String, read: (String) throws -> [UInt8], notes: inout [ImportNote]) throws -> [Recommendation] {
        let bytes = try read(file)
        let source = try PlanImporter.source(of: bytes, file: file)
        if source == .delimitedText {
            let (text, encoding) = try Self.text(bytes, file: file, role: .sideFile)
            notes += readingNotes(file: file, encoding: encoding, separator: DelimitedText.guessSeparator(text))
            return try recommendations(text, file: file)
        }
        return try recommendations(document: bytes, file: file, source: source)
    }

    /// A CSV or TSV file's text and the encoding it was read in (``DelimitedText/decode(_:)``).
    static func text(_ bytes: [UInt8], file: String, role: ImportError.TextFileRole)
        throws(ImportError) -> (text: String, encoding: DelimitedText.Encoding) {
        do {
            return try DelimitedText.decode(bytes)
        } catch {
            throw .unreadableText(file: file, role: role, error)
        }
    }

    /// What to tell of how a CSV or TSV file was read: an encoding other than UTF-8, and a separator
    /// other than the one its name suggests (a tab for `.tsv`, a comma for any other).
    static func readingNotes(file: String, encoding: DelimitedText.Encoding, separator: Character) -> [ImportNote] {
        var notes: [ImportNote] = []
        if encoding != .utf8 { notes.append(.textEncoding(file: file, encoding)) }
        if separator != (file.lowercased().hasSuffix(".tsv") ? "\t" : ",") { notes.append(.separator(file: file, separator)) }
        return notes
    }
}
