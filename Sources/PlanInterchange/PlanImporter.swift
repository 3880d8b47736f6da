import FoundationEssentials
import OfficeDocument
import PlanKit

/// What a spreadsheet column holds.
public struct ImportField: RawRepresentable, Hashable, CaseIterable, Sendable {
    /// The name `--map COLUMN=FIELD` takes.
    public let rawValue: String
    /// The action's field the column holds, when it holds one.
    public let actionField: ActionField?
    /// The headers plans really use for the column, compared ignoring case,
    /// spacing and trailing punctuation; an action's field declares its own
    /// (``ActionFieldFacts/importHeaders``).
    let headers: [String]

    private init(_ field: ActionField) {
        rawValue = field.facts.importName ?? field.key
        actionField = field
        headers = field.facts.importHeaders
    }

    private init(_ name: String, headers: [String]) {
        rawValue = name
        actionField = nil
        self.headers = headers
    }

    /// The column named so for `--map`, if there is one.
    public init?(rawValue: String) {
        guard let field = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = field
    }

    public static func == (a: ImportField, b: ImportField) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public static let id = ImportField(.id)
    public static let theme = ImportField(.theme)
    public static let themeTitle = ImportField("themeTitle", headers: ["theme title", "objective title"])
    public static let links = ImportField(.recommendations)
    public static let action = ImportField(.text)
    public static let subPoints = ImportField(.subPoints)
    public static let impact = ImportField(.impact)
    public static let outcomes = ImportField(.outcomes)
    public static let lead = ImportField(.leads)
    public static let deadline = ImportField(.deadline)
    public static let deadlineText = ImportField(.deadlineText)
    public static let milestones = ImportField(.milestones)
    public static let rag = ImportField("rag", headers: [
        "rag", "status", "rag status", "rag rating", "rag / comment on current position", "rag/comment on current position",
        "current rag", "progress / rag", "progress/rag", "rag / progress", "rag/progress", "current status", "rag rating / progress",
        "rating", "progress rating", "r/a/g", "rag rated", "brag", "brag rating", "brag status", "rag (red/amber/green)",
        "rag status (red/amber/green)", "status (rag)", "rag status/progress", "delivery status", "overall status", "status rating",
        "rag status update", "current rag status", "rag rating (current)", "progress status", "completion status"])
    public static let statusDate = ImportField("statusDate", headers: ["status date", "date of status", "as at", "rag date"])
    public static let comment = ImportField("comment", headers: [
        "comment on current position", "comment", "comments", "current position", "progress", "progress update", "update",
        "latest update", "progress to date", "progress made", "updates", "progress comments", "progress comment", "commentary",
        "narrative", "position", "latest position", "current progress", "update on progress", "progress notes", "status update",
        "progress/update", "update/progress", "progress and evidence", "comments/progress", "progress/comments",
        "progress so far", "position statement", "current position/progress", "update (month)", "monthly update",
        "notes", "remarks", "progress against action", "progress against actions"])

    /// Not read: `--map "Notes=skip"` passes over a column that its header or content would have read.
    public static let skip = ImportField("skip", headers: [])

    /// The columns the importer reads by hand, in the order `--map` lists them.
    private static let placed: [ImportField] = [
        id, theme, themeTitle, links, action, subPoints, impact, outcomes, lead, deadline, deadlineText, milestones,
        rag, statusDate, comment,
    ]

    /// The columns of the action's other fields that a column can hold, in declared
    /// order (`success`, `dashboard`): each is read as its text (or its lines, for a list).
    static let texts: [ImportField] = ActionField.allCases.filter { field in
        !field.facts.importHeaders.isEmpty && !placed.contains { $0.actionField == field }
    }.map { ImportField($0) }

    public static let allCases: [ImportField] = placed + texts + [skip]

    /// The field a header names, if it is one plans use.
    public static func recognise(_ header: String) -> ImportField? {
        vocabulary[normalise(header)]
    }

    /// Every known header, normalised, and the field it names (the first field to claim a header keeps it).
    private static let vocabulary: [String: ImportField] = {
        var fields: [String: ImportField] = [:]
        for field in allCases {
            for header in field.headers where fields[normalise(header)] == nil { fields[normalise(header)] = field }
        }
        return fields
    }()

    /// A header as it is compared: lower case, spaces collapsed (and none around `/`), without trailing `.`, `:` or `*`,
    /// curly quotes straightened, and a line break read as a space.
    static func normalise(_ header: String) -> String {
        var text = header.lowercased().replacingEvery("\u{2019}", with: "'")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = text.last, ".:*".contains(last) { text.removeLast() }
        text = text.replacingEvery(" / ", with: "/").replacingEvery("/ ", with: "/").replacingEvery(" /", with: "/")
        return text.replacingEvery(". ", with: " ")
    }
}

/// One row that could not be read.
public struct ImportRowProblem: Equatable, Sendable, CustomStringConvertible {
    /// The row's number as a spreadsheet shows it (the header is row 1), or its row in a document's table.
    public var line: Int
    public var message: String
    /// The document's table the row is in (`table 3`); empty for a spreadsheet.
    public var table: String = ""

    public init(line: Int, message: String, table: String = "") {
        self.line = line
        self.message = message
        self.table = table
    }

    public var description: String { "\(table.isEmpty ? "" : "\(table) ")row \(line): \(message)" }
}

/// Why a spreadsheet could not be imported. The command-line front end says
/// it in words, naming its options.
public enum ImportError: Error, Equatable, Sendable {
    case syntax(file: String, line: Int, message: String)
    case empty(file: String)
    case missingColumns(file: String, missing: [String], found: [String])
    case unknownMapping(String)
    case badRows(file: String, problems: [ImportRowProblem])
    /// No table of a document has the columns an import needs; each table's first row is given.
    case noActionTable(file: String, tables: [(name: String, firstRow: [String])])
    /// The file could not be read as the Word document or Excel workbook it claims to be.
    case office(file: String, OfficeFailure)
    /// The file's content is not what its extension says; `content` names what it is.
    case misnamed(file: String, content: String, rename: String?)
    /// A CSV or TSV file of more than ``DelimitedText/maximumFileSize`` bytes; it was not read.
    case fileTooLarge(file: String, bytes: Int, limit: Int)
    /// A CSV or TSV file passes one of ``DelimitedText/Limits`` (never `.syntax`, which is ``syntax(file:line:message:)``).
    case pastLimit(file: String, DelimitedText.Failure)
    /// A CSV or TSV file (of actions, or a side file of recommendations or themes) that is not text in
    /// an encoding an import reads (UTF-8, UTF-16 with its byte order mark, Windows-1252): ``DelimitedText/decode(_:)``.
    case unreadableText(file: String, role: TextFileRole, DelimitedText.EncodingFailure)
    /// A column mapped to `id` (`--map`) holds sentences, not ids: `value` is the first, in `row`.
    case mappedIDsAreSentences(file: String, column: String, row: Int, value: String)
    /// A `--map` names a column the file does not have: a header in none of its header rows, or `column N`
    /// past its widest table. `headers` are the likely headers, for the message.
    case mappedColumnAbsent(file: String, column: String, headers: [String], width: Int)
    /// A worksheet was named for a file that is not an Excel workbook.
    case sheetOfNonWorkbook(file: String)
    /// A strict import refused: columns hold values under no header (their places).
    case strictColumnsWithoutHeader(file: String, places: [String])
    /// A strict import refused: columns were not read; `proposedLinks` are those that look like links.
    case strictColumnsNotRead(file: String, columns: [String], proposedLinks: [String])

    /// What a CSV or TSV file holds, which decides how to say to save it again.
    public enum TextFileRole: Equatable, Sendable {
        /// The spreadsheet of actions itself.
        case actions
        /// A side file of recommendations or themes.
        case sideFile
    }

    public static func == (lhs: ImportError, rhs: ImportError) -> Bool {
        switch (lhs, rhs) {
        case let (.syntax(a, b, c), .syntax(d, e, f)): return a == d && b == e && c == f
        case let (.empty(a), .empty(b)): return a == b
        case let (.missingColumns(a, b, c), .missingColumns(d, e, f)): return a == d && b == e && c == f
        case let (.unknownMapping(a), .unknownMapping(b)): return a == b
        case let (.badRows(a, b), .badRows(c, d)): return a == c && b == d
        case let (.noActionTable(a, b), .noActionTable(c, d)):
            return a == c && b.map(\.name) == d.map(\.name) && b.map(\.firstRow) == d.map(\.firstRow)
        case let (.office(a, b), .office(c, d)): return a == c && b == d
        case let (.misnamed(a, b, c), .misnamed(d, e, f)): return a == d && b == e && c == f
        case let (.fileTooLarge(a, b, c), .fileTooLarge(d, e, f)): return a == d && b == e && c == f
        case let (.pastLimit(a, b), .pastLimit(c, d)): return a == c && b == d
        case let (.unreadableText(a, b, c), .unreadableText(d, e, f)): return a == d && b == e && c == f
        case let (.sheetOfNonWorkbook(a), .sheetOfNonWorkbook(b)): return a == b
        case let (.mappedIDsAreSentences(a, b, c, d), .mappedIDsAreSentences(e, f, g, h)): return a == e && b == f && c == g && d == h
        case let (.mappedColumnAbsent(a, b, c, d), .mappedColumnAbsent(e, f, g, h)): return a == e && b == f && c == g && d == h
        case let (.strictColumnsWithoutHeader(a, b), .strictColumnsWithoutHeader(c, d)): return a == c && b == d
        case let (.strictColumnsNotRead(a, b, c), .strictColumnsNotRead(d, e, f)): return a == d && b == e && c == f
        default: return false
        }
    }

}

/// Builds a plan from a spreadsheet of actions (CSV or TSV).
public struct PlanImporter: Sendable {
    /// The plan's own fields, which a table of actions does not hold.
    public var planID: String
    public var title: String
    public var organisation: String
    public var inspection: Inspection
    /// Column overrides: header (any case) → field.
    public var mapping: [String: ImportField] = [:]
    /// The date of statuses read from a RAG column without a status date column.
    public var statusDate: CalendarDate
    /// Who the statuses are recorded by.
    public var recordedBy: String?
    /// Import the readable rows and report the rest, rather than nothing.
    public var skipBadRows = false
    /// The scheme the RAG column is read in; `nil` to infer it from the values
    /// (the progress scale when every value is one of its labels, else BRAG).
    public var scheme: RAGScheme?

    public init(planID: String, title: String, organisation: String, inspection: Inspection, statusDate: CalendarDate) {
        self.planID = planID
        self.title = title
        self.organisation = organisation
        self.inspection = inspection
        self.statusDate = statusDate
    }

    /// Parses `COLUMN=FIELD`.
    public static func mapping(_ text: String) throws(ImportError) -> (String, ImportField) {
        guard let equals = text.lastIndex(of: "="),
              let field = ImportField(rawValue: String(text[text.index(after: equals)...]).trimming(.whitespaces))
                ?? ImportField.recognise(String(text[text.index(after: equals)...])),
              !text[..<equals].trimming(.whitespaces).isEmpty
        else { throw .unknownMapping(text) }
        return (ImportField.normalise(String(text[..<equals])), field)
    }

    /// What an import produced.
    public struct Result: Sendable {
        public var plan: Plan
        /// Rows skipped with `skipBadRows`.
        public var skipped: [ImportRowProblem]
        /// Recommendations created from links, whose text the spreadsheet does not give.
        public var recommendationsWithoutText: [String]
        /// The headers of columns that were not read (none is dropped silently).
        public var unusedColumns: [String] = []
        /// The unused columns that look like the recommendations each action
        /// answers, so that `--map "HEADER=links"` would read them.
        public var proposedLinks: [String] = []
        /// Columns that hold values under no header, so that nothing can read them until they are given
        /// one, where the user finds them: `column 5`, or in a document `table 2 column 5`.
        public var unnamedColumnPlaces: [String] = []
        /// The text of a title row above the first table's header, the plan's title unless one is given.
        public var titleAbove: String?
        /// The scheme statuses were read in, and whether it was inferred from the values.
        public var scheme: RAGScheme = .default
        public var schemeInferred = false
        /// A document's tables that were read (name and actions) and passed over (name and first row).
        public var tablesRead: [(name: String, actions: Int)] = []
        public var tablesSkipped: [(name: String, firstRow: [String])] = []
        /// Statuses read from a cell's colour alone.
        public var statusesFromColour = 0
        /// Status cells whose words name no level of the scheme, kept in the comment (with no status).
        public var statusWordsKept: [String] = []
        /// Rows that held a recommendation's lettered actions (`A: …`, `B: …`), and the actions read from them.
        public var letteredRows = 0
        public var letteredActions = 0
        /// A worksheet's hidden rows and columns, which were left out.
        public var hiddenRows: [Int] = []
        public var hiddenColumns: [String] = []
        /// Formula cells of a worksheet whose results were never saved, read as empty.
        public var formulasWithoutValues: [String] = []
        /// How each table was read, for a dry run.
        public var tableReadings: [TableReading] = []
        /// Columns read by their content rather than their header.
        public var columnDecisions: [ColumnDecision] = []
        /// Recommendations read from a column of their words (not references to them).
        public var recommendationsFromWords = 0
        /// Ids the import made for actions the document gives none of their own.
        public var madeIDs = MadeIDCounts()
        /// Actions whose deadline is in words without a date ("When funding is agreed", "Immediate", "Autumn 2020"):
        /// kept as their wording, never overdue. (A completion word, "Achieved", is a status, not listed.)
        public var deadlinesInWords: [String] {
            plan.actions.filter { action in
                action.deadline == nil && action.deadlineText.map { !RAGScheme.isCompletionWord($0) } == true
            }.map(\.id)
        }
        /// The worksheet read, and the workbook's sheets.
        public var sheet: String?
        public var sheets: [String] = []
    }

    /// How many ids an import made, by the rule that made them (docs/import.md, "Ids").
    public struct MadeIDCounts: Equatable, Sendable {
        /// Actions sharing an id cell with the rows around them, lettered (`2.12A`).
        public var shared = 0
        /// Actions without an id column, named by their recommendation's number (`3A`, or `3` alone).
        public var fromRecommendation = 0
        /// Actions with neither, numbered in order.
        public var inOrder = 0
        /// The first few ids made, to show.
        public var examples: [String] = []

        public var total: Int { shared + fromRecommendation + inOrder }
    }

    /// Imports a spreadsheet.
    ///
    /// - Parameters:
    ///   - text: the file's content (as ``DelimitedText/decode(_:)`` reads it; a UTF-8 byte order mark may lead).
    ///   - file: the file's name, for messages.
    ///   - separator: `,`, `;` or a tab; guessed from the header when `nil` (``DelimitedText/guessSeparator(_:)``).
    /// - Returns: the plan, not yet validated or written.
    /// - Throws: ``ImportError``; every unreadable row is listed.
    public func importPlan(_ text: String, file: String, separator: Character? = nil) throws(ImportError) -> Result {
        let records = try Self.records(text, file: file, separator: separator)
        // A spreadsheet is one table whose first row is the header, read by the same code as a document's tables.
        // Rows are numbered by the line they start on, as an editor shows them (blank lines are no rows but count).
        let rows = records.map { record in
            DocumentRow(number: record.line, cells: record.fields.map { DocumentCell(paragraphs: [DocumentParagraph(text: $0)]) })
        }
        return try importPlan(tables: [DocumentTable(name: "", rows: rows)], file: file, spreadsheet: true)
    }

    /// The number an id starts with, when something follows it (`2` of `2a`
    /// or `2.1`); `nil` for an id that is only a number or starts otherwise.
    static func leadingNumber(of id: String) -> String? {
        let digits = id.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < id.count else { return nil }
        let rest = id.dropFirst(digits.count)
        guard let next = rest.first, next.isLetter || next == "." || next == "-" else { return nil }
        return String(digits)
    }

    /// The scheme a RAG column's values are written in: the progress scale
    /// when every value starts with one of its labels and some with a label
    /// other than "Complete" (which BRAG sheets write too), else BRAG.
    static func inferScheme(from values: [String]) -> RAGScheme {
        guard !values.isEmpty else { return .default }
        let labels = RAGScheme.progress.levels.map { $0.label.lowercased() }
        let words = RAGScheme.progress.levels.filter { !$0.isComplete }.map { $0.label.lowercased() }
        let allProgress = values.allSatisfy { value in labels.contains { value.lowercased().hasPrefix($0) } }
        let someInWords = values.contains { value in words.contains { value.lowercased().hasPrefix($0) } }
        return allProgress && someInWords ? .progress : .default
    }

    /// The text of a recommendation known only from the links to it: shown
    /// once beside its id, not as the id again.
    public static let placeholderText = "(no text yet)"

    /// Reads a CSV of theme ids and titles (headers `ID`/`Theme` and
    /// `Title`/`Theme title`/`Objective`), for `import --themes`.
    ///
    /// - Throws: ``ImportError``; every row without both is listed.
    public static func themes(_ text: String, file: String) throws(ImportError) -> [Theme] {
        let records = try Self.records(text, file: file)
        let column = columnFinder(records[0])
        guard let idColumn = column(["id", "theme", "theme id", "no", "number"]),
              let titleColumn = column(["title", "theme title", "objective", "name", "description"]), idColumn != titleColumn else {
            throw .missingColumns(file: file, missing: ["id", "title"], found: records[0].fields)
        }
        var problems: [ImportRowProblem] = []
        var themes: [Theme] = []
        for (index, record) in records.enumerated().dropFirst() {
            func cell(_ column: Int) -> String? { Self.cell(record, column) }
            if record.fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            guard let id = cell(idColumn), let title = cell(titleColumn) else {
                problems.append(ImportRowProblem(line: index + 1, message: "a theme needs an id and its title"))
                continue
            }
            if let problem = identifierProblem(id, what: "id") {
                problems.append(ImportRowProblem(line: index + 1, message: problem))
                continue
            }
            if themes.contains(where: { $0.id == id }) {
                problems.append(ImportRowProblem(line: index + 1, message: "theme \(id) is given twice"))
                continue
            }
            themes.append(Theme(id: id, title: title))
        }
        if !problems.isEmpty { throw .badRows(file: file, problems: problems) }
        return themes
    }

    /// Reads recommendations from a spreadsheet with an id column (`ID`,
    /// `Recommendation`, `No.`) and a text column (`Text`, `Recommendation
    /// text`), and optionally `Addressed to` and `Planned response`.
    ///
    /// - Throws: ``ImportError`` for a file that cannot be read or lacks the columns.
    public static func recommendations(_ text: String, file: String) throws(ImportError) -> [Recommendation] {
        try recommendations(records: try Self.records(text, file: file), file: file)
    }

    /// The columns of a recommendations table: its id and text, when its header names both
    /// (`ID`/`No.` and `Text`/`Recommendation`).
    static func recommendationColumns(_ header: DelimitedText.Record) -> (id: Int, text: Int)? {
        let column = columnFinder(header)
        guard let idColumn = column(["id", "recommendation", "no", "ref", "hmip recommendation", "number"]) else { return nil }
        let names = header.fields.map(ImportField.normalise)
        let textColumn = column(["text", "recommendation text", "description"])
            ?? names.indices.first { $0 != idColumn && ["recommendation", "recommendations", "hmip recommendation"].contains(names[$0]) }
        guard let textColumn, textColumn != idColumn else { return nil }
        return (idColumn, textColumn)
    }

    static func recommendations(records: [DelimitedText.Record], file: String) throws(ImportError) -> [Recommendation] {
        let column = columnFinder(records[0])
        guard let (idColumn, textColumn) = recommendationColumns(records[0]) else {
            throw .missingColumns(file: file, missing: ["id", "text"], found: records[0].fields)
        }
        let addressed = column(["addressed to", "to whom", "owner"])
        let response = column(["planned response", "planned response summary", "response"])
        var problems: [ImportRowProblem] = []
        var result: [Recommendation] = []
        for (index, record) in records.enumerated().dropFirst() {
            func cell(_ column: Int?) -> String? { column.flatMap { Self.cell(record, $0) } }
            guard let rawID = cell(idColumn), let body = cell(textColumn) else {
                problems.append(ImportRowProblem(line: index + 1, message: "a recommendation needs an id and its text"))
                continue
            }
            let number = rawID.trimming(CharacterClass(charactersIn: ".:)"))
            let id = Int(number).map { "Recommendation \($0)" } ?? links(rawID).0.first ?? rawID
            if let problem = identifierProblem(id, what: "id") {
                problems.append(ImportRowProblem(line: index + 1, message: problem))
                continue
            }
            result.append(Recommendation(id: id, text: body, addressedTo: cell(addressed), plannedResponse: cell(response)))
        }
        if !problems.isEmpty { throw .badRows(file: file, problems: problems) }
        return result
    }

    /// A file's records, header first, with at least one row below it.
    ///
    /// - Parameter separator: `,`, `;` or a tab; guessed from the header when `nil`.
    static func records(_ text: String, file: String, separator: Character? = nil) throws(ImportError) -> [DelimitedText.Record] {
        let records: [DelimitedText.Record]
        let size = text.utf8.count
        if size > DelimitedText.maximumFileSize { throw .fileTooLarge(file: file, bytes: size, limit: DelimitedText.maximumFileSize) }
        do {
            records = try DelimitedText.records(text, separator: separator ?? DelimitedText.guessSeparator(text))
        } catch .syntax(let error) {
            throw .syntax(file: file, line: error.line, message: error.message)
        } catch {
            throw .pastLimit(file: file, error)
        }
        guard records.count > 1 else { throw .empty(file: file) }
        return records
    }

    /// Why a cell cannot give an id: it holds a character that does not show
    /// (``IdentifierMatcher/refusedCharacter(in:)``); `nil` when it can.
    static func identifierProblem(_ id: String, what: String) -> String? {
        guard let scalar = IdentifierMatcher.refusedCharacter(in: id) else { return nil }
        return "the \(what) \"\(IdentifierMatcher.visible(id))\" holds \(IdentifierMatcher.describe(scalar)), a character that does not show, "
            + "which an id may not hold; remove it from the cell"
    }

    /// Finds the first column whose header, normalised, is one of the candidates.
    static func columnFinder(_ header: DelimitedText.Record) -> ([String]) -> Int? {
        let names = header.fields.map(ImportField.normalise)
        return { candidates in names.firstIndex { candidates.contains($0) } }
    }

    /// A cell's text, trimmed and without a formula-safe `'`; `nil` when empty or missing.
    static func cell(_ record: DelimitedText.Record, _ column: Int) -> String? {
        guard column < record.fields.count else { return nil }
        let value = record.fields[column].trimmingWhitespace()
        return value.isEmpty ? nil : unneutralise(value)
    }

    /// Removes the `'` that formula-safe exports put before `=`, `+`, `-`, `@`, tab or CR.
    static func unneutralise(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().unicodeScalars.first,
              ["=", "+", "-", "@", "\t", "\r"].contains(second) else { return text }
        return String(text.dropFirst())
    }

    /// A theme cell (`5`, `Objective 5`, `Theme 1 – Out of Court`) as an id and a title.
    static func theme(_ text: String) -> (String, String?) {
        var rest = Substring(text.trimming(.whitespaces))
        guard !rest.isEmpty else { return ("1", nil) }
        for word in ["objective", "theme", "part", "priority", "section"] where rest.lowercased().hasPrefix(word + " ") {
            rest = rest.dropFirst(word.count + 1)
            break
        }
        let id = rest.prefix { !$0.isWhitespace && !":–—-".contains($0) }
        var title = rest.dropFirst(id.count).trimming(.whitespaces)
        while let first = title.first, ":–—-".contains(first) { title = String(title.dropFirst()).trimming(.whitespaces) }
        return (String(id), title.isEmpty ? (text.lowercased().hasPrefix("objective") || text.lowercased().hasPrefix("theme") ? text : nil) : title)
    }

    /// A reference to a recommendation (`HMIP 8`, `Recommendation 4`, `Rec. 2`), compiled once: every row's
    /// link cell is read with it, and a document's recommendation cells twice.
    static let referencePattern = TextPattern("\\b(HMIP|Recommendation|Rec)\\.?\\s*(\\d+)", ignoringCase: true)

    /// Recommendation ids in a link cell (`HMIP 8 HMIP 3`, `1, 2`, `Recommendation 4`), and other links (`YOT Plan`).
    static func links(_ text: String) -> ([String], [String]) {
        var recommendations: [String] = []
        var rest = text
        let pattern = Self.referencePattern
        for match in pattern.matches(in: text) {
            let kind = match.group(1, in: text)?.uppercased() == "HMIP" ? "HMIP" : "Recommendation"
            let id = "\(kind) \(match.group(2, in: text) ?? "")"
            if !recommendations.contains(id) { recommendations.append(id) }
            rest = rest.replacingEvery(String(text[match.range]), with: " ")
        }
        var others: [String] = []
        for piece in rest.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "&" || $0 == "\n" }) {
            let token = piece.trimming(.whitespaces)
            if token.isEmpty || token.lowercased() == "and" { continue }
            if let number = Int(token) {
                let id = "Recommendation \(number)"
                if !recommendations.contains(id) { recommendations.append(id) }
            } else if !others.contains(token) {
                others.append(token)
            }
        }
        return (recommendations, others)
    }

    /// Whether a column not read looks like the recommendations each action
    /// answers: every filled cell is references (`3`, `3, 5`, `HMIP 2`,
    /// `Rec 4 & 6`, numbers below 100), or the header mentions a
    /// recommendation, finding, priority or the inspectorate and every filled
    /// cell is short.
    static func looksLikeReferences(header: String, cells: [String]) -> Bool {
        let filled = cells.filter { !$0.isEmpty }
        guard !filled.isEmpty else { return false }
        let allReferences = filled.allSatisfy { cell in
            let (references, others) = links(cell)
            return !references.isEmpty && others.isEmpty
                && references.allSatisfy { id in Int(id.split(separator: " ").last ?? "").map { $0 < 100 } ?? false }
        }
        if allReferences { return true }
        let mentions = header.range(ofPattern: "recommend|finding|priorit|inspect|hmip|insp\\b|\\brec\\b|\\brecs\\b", ignoringCase: true) != nil
        return mentions && filled.allSatisfy { $0.count <= 20 }
    }

    /// Leads separated by `/`, `;` or line breaks.
    static func leads(_ text: String) -> [String] {
        var leads: [String] = []
        for piece in text.split(whereSeparator: { $0 == "/" || $0 == ";" || $0 == "\n" }) {
            let lead = piece.trimming(.whitespaces)
            if !lead.isEmpty, !leads.contains(lead) { leads.append(lead) }
        }
        return leads
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimming(.whitespaces) }.filter { !$0.isEmpty }
    }

    /// A milestones column: one `Title – date` per line, optionally `(done YYYY-MM-DD)`; `none` for no date.
    static func milestones(_ text: String) throws(DeadlineCell.Unreadable) -> [Milestone] {
        var milestones: [Milestone] = []
        for line in lines(text) {
            var body = line
            var completed: CalendarDate?
            if let range = body.range(ofPattern: " \\(done \\d{4}-\\d{2}-\\d{2}\\)$") {
                completed = CalendarDate(iso: String(body[range].dropFirst(7).dropLast()))
                body = String(body[..<range.lowerBound])
            }
            guard let dash = body.lastRange(ofPattern: " [–—-] ") else {
                throw DeadlineCell.Unreadable(message: "cannot read the milestone \"\(line)\"; write \"Title – Feb 2019\"")
            }
            let title = String(body[..<dash.lowerBound]).trimming(.whitespaces)
            let when = String(body[dash.upperBound...]).trimming(.whitespaces)
            let deadline: Deadline?
            if when.lowercased() == "none" {
                deadline = nil
            } else {
                let cell = try DeadlineCell(when)
                guard cell.milestones.isEmpty, let single = cell.deadline else {
                    throw DeadlineCell.Unreadable(message: "cannot read the milestone date \"\(when)\"")
                }
                deadline = single
            }
            milestones.append(Milestone(title: title, deadline: deadline, completed: completed))
        }
        return milestones
    }

    /// A RAG cell: a level's code at its start (`AMBER- evidence of …`) gives the status, the rest the comment.
    ///
    /// Only codes count: a comment that starts with a label's word ("Ongoing- PSR workshop …") is a
    /// comment, not a rating; but a cell that starts by saying the action is done ("Complete- delivered …",
    /// "Action completed.", ``RAGScheme/saysComplete(_:)``) records the scheme's complete level, the
    /// cell's words kept whole as the comment.
    static func status(_ text: String, scheme: RAGScheme) -> (String?, String?) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return (nil, nil) }
        // A scale written in words (the progress scale) is read by its labels too; BRAG and RAG
        // by their codes only, so that a comment starting "Complete- delivered" stays a comment.
        let byLabel = scheme != .default && scheme != .rag
        for level in scheme.levels {
            for name in byLabel ? [level.label, level.code] : [level.code] where trimmed.lowercased().hasPrefix(name.lowercased()) {
                let rest = trimmed.dropFirst(name.count)
                guard rest.isEmpty || !(rest.first!.isLetter) else { continue }
                // "Green light given", "Red tape removed": a word of a sentence, not a rating, unless written in
                // capitals as ratings are ("GREEN long-term chair agreed").
                let written = trimmed.prefix(name.count)
                if written != written.uppercased(), rest.range(ofPattern: "^\\s+[a-z]") != nil { continue }
                // "Amber/Green": the first level, with the cell's words kept whole as the comment.
                if rest.first == "/" { return (level.code, trimmed) }
                let comment = rest.drop { $0.isWhitespace || "-–—.:,;".contains($0) }.trimming(.whitespaces)
                return (level.code, comment.isEmpty ? nil : comment)
            }
        }
        // A level's initial alone ("G", "R - not started", "A/G"), in a scheme of colours (RAG, BRAG) whose codes start
        // with different letters; a scale of words (NONE, SOME…) is not written so.
        let initials = scheme.levels.compactMap { $0.code.first.map { String($0).uppercased() } }
        let colourCodes = scheme.levels.allSatisfy { $0.code.uppercased() == $0.colour.rawValue.uppercased() }
        if colourCodes, Set(initials).count == initials.count, let first = trimmed.first, first.isUppercase,
           let index = initials.firstIndex(of: String(first)) {
            let rest = trimmed.dropFirst()
            if rest.isEmpty { return (scheme.levels[index].code, nil) }
            if rest.range(ofPattern: "^\\s*/\\s*[A-Z]\\b") != nil { return (scheme.levels[index].code, trimmed) }
            if let separator = rest.range(ofPattern: "^\\s*[-–—:]\\s+") {
                let comment = rest[separator.upperBound...].trimming(.whitespaces)
                return (scheme.levels[index].code, comment.isEmpty ? nil : comment)
            }
        }
        if let complete = scheme.completeLevel, RAGScheme.saysComplete(trimmed) { return (complete.code, trimmed) }
        return (nil, trimmed)
    }
}
