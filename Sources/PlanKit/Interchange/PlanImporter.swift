import Foundation

/// What a spreadsheet column holds.
public enum ImportField: String, CaseIterable, Sendable {
    case id, theme, themeTitle, links, action, subPoints, impact, outcomes, lead, deadline, deadlineText, milestones
    case rag, statusDate, comment, success, dashboard

    /// The headers plans really use for each field, compared ignoring case,
    /// spacing and trailing punctuation.
    static let headers: [ImportField: [String]] = [
        .id: ["id", "no", "ref", "number", "action id", "action no", "ref no"],
        .theme: ["theme", "objective", "part", "theme id", "objective no"],
        .themeTitle: ["theme title", "objective title"],
        .links: ["link", "links", "linked hmip recommendations", "linked recommendations", "recommendation", "recommendations",
                 "hmip recommendation", "hmip recommendations"],
        .action: ["action", "actions", "action text"],
        .subPoints: ["sub-points", "sub points", "subpoints"],
        .impact: ["anticipated impact on the quality of practice", "anticipated impact", "impact"],
        .outcomes: ["outcomes for children and families", "outcomes"],
        .lead: ["lead", "leads", "by whom", "accountable person", "accountable persons", "accountable person(s)", "owner",
                "responsible", "accountable"],
        .deadline: ["deadline", "by when", "timescale", "timescales", "due", "due date", "target date"],
        .deadlineText: ["deadline wording", "deadline as written"],
        .milestones: ["milestones"],
        .rag: ["rag", "status", "rag status", "rag rating", "rag / comment on current position", "rag/comment on current position"],
        .statusDate: ["status date", "date of status", "as at", "rag date"],
        .comment: ["comment on current position", "comment", "comments", "current position", "progress", "progress update"],
        .success: ["what success will look like", "success measures", "success measure", "success criteria"],
        .dashboard: ["reference in performance dashboard", "dashboard reference", "performance dashboard"],
    ]

    /// The field a header names, if it is one plans use.
    static func recognise(_ header: String) -> ImportField? {
        let key = normalise(header)
        return headers.first { $0.value.contains(key) }?.key
    }

    static func normalise(_ header: String) -> String {
        var text = header.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = text.last, ".:*".contains(last) { text.removeLast() }
        return text.replacingOccurrences(of: ". ", with: " ")
    }
}

/// One row that could not be read.
public struct ImportRowProblem: Equatable, Sendable, CustomStringConvertible {
    /// The row's number as a spreadsheet shows it (the header is row 1).
    public var line: Int
    public var message: String

    public var description: String { "row \(line): \(message)" }
}

/// Why a spreadsheet could not be imported. The command-line front end says
/// it in words, naming its options.
public enum ImportError: Error, Equatable, Sendable {
    case syntax(file: String, line: Int, message: String)
    case empty(file: String)
    case missingColumns(file: String, missing: [String], found: [String])
    case unknownMapping(String)
    case badRows(file: String, problems: [ImportRowProblem])

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
              let field = ImportField(rawValue: String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
                ?? ImportField.recognise(String(text[text.index(after: equals)...])),
              !text[..<equals].trimmingCharacters(in: .whitespaces).isEmpty
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
        /// Columns (numbered from 1) that hold values under no header, so
        /// that nothing can read them until they are given one.
        public var unnamedColumns: [Int] = []
        /// The scheme statuses were read in, and whether it was inferred from the values.
        public var scheme: RAGScheme = .default
        public var schemeInferred = false
    }

    /// Imports a spreadsheet.
    ///
    /// - Parameters:
    ///   - text: the file's content (UTF-8, with or without a byte order mark).
    ///   - file: the file's name, for messages.
    ///   - separator: `,` or a tab; guessed from the header when `nil`.
    /// - Returns: the plan, not yet validated or written.
    /// - Throws: ``ImportError``; every unreadable row is listed.
    public func importPlan(_ text: String, file: String, separator: Character? = nil) throws(ImportError) -> Result {
        let records = try Self.records(text, file: file, separator: separator)
        let header = records[0]
        var columns: [ImportField: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let field = mapping[ImportField.normalise(name)] ?? ImportField.recognise(name)
            if let field, columns[field] == nil { columns[field] = index }
        }
        let missing = [ImportField.id, .action].filter { columns[$0] == nil }.map(\.rawValue)
        if !missing.isEmpty { throw .missingColumns(file: file, missing: missing, found: header.fields) }

        // A "Progress" column holding ratings ("Some progress", "AMBER - …") rather than
        // notes is the status column, unless the user mapped it; another comment column then reads.
        if columns[.rag] == nil, let index = columns[.comment], mapping[ImportField.normalise(header.fields[index])] == nil {
            let values = records.dropFirst().compactMap { record -> String? in
                let value = index < record.fields.count ? record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
                return value.isEmpty ? nil : value
            }
            if !values.isEmpty, PlanImporter.inferScheme(from: values) == .progress
                || values.allSatisfy({ PlanImporter.status($0, scheme: .default).0 != nil }) {
                columns[.rag] = index
                columns[.comment] = header.fields.indices.first { other in
                    other != index && (mapping[ImportField.normalise(header.fields[other])] ?? ImportField.recognise(header.fields[other])) == .comment
                }
            }
        }

        let ragValues = records.dropFirst().compactMap { record -> String? in
            guard let index = columns[.rag], index < record.fields.count else { return nil }
            let value = record.fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        let scheme = self.scheme ?? PlanImporter.inferScheme(from: ragValues)
        var problems: [ImportRowProblem] = []
        var rows: [(line: Int, themeID: String, themeTitle: String?, action: Action)] = []
        for (recordIndex, record) in records.enumerated().dropFirst() {
            let rowNumber = recordIndex + 1
            func cell(_ field: ImportField) -> String {
                guard let index = columns[field], index < record.fields.count else { return "" }
                return Self.unneutralise(record.fields[index]).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let id = cell(.id)
            let text = cell(.action)
            var rowProblems: [String] = []
            if id.isEmpty { rowProblems.append("no id") }
            if text.isEmpty { rowProblems.append("no action text") }
            if record.fields.count > header.fields.count,
               record.fields[header.fields.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                rowProblems.append("more cells (\(record.fields.count)) than the header has columns (\(header.fields.count))")
            }
            var (themeID, themeTitle) = Self.theme(cell(.theme))
            if let title = Optional(cell(.themeTitle)), !title.isEmpty { themeTitle = title }
            var action = Action(id: id, theme: themeID, text: text)
            let (recommendations, others) = Self.links(cell(.links))
            action.recommendations = recommendations
            action.otherLinks = others
            action.subPoints = Self.lines(cell(.subPoints))
            action.impact = Self.lines(cell(.impact))
            action.outcomes = Self.lines(cell(.outcomes))
            action.leads = Self.leads(cell(.lead))
            let success = cell(.success)
            action.successMeasure = success.isEmpty ? nil : success
            let dashboard = cell(.dashboard)
            action.dashboardReference = dashboard.isEmpty ? nil : dashboard
            do {
                let deadline = try DeadlineCell(cell(.deadline))
                action.deadline = deadline.deadline
                action.deadlineText = deadline.deadlineText
                action.milestones = deadline.milestones
                let wording = cell(.deadlineText)
                if !wording.isEmpty { action.deadlineText = wording }
                // Dated work that goes on or recurs ("then ongoing", "then biannually");
                // read from the wording column too, so that an exported plan comes back the same.
                if case .some(let date) = action.deadline, date.lastDay != nil {
                    action.afterDeadline = deadline.afterDeadline ?? AfterDeadline(wording: wording)
                }
            } catch {
                rowProblems.append(error.message)
            }
            do {
                action.milestones += try Self.milestones(cell(.milestones))
            } catch {
                rowProblems.append(error.message)
            }
            // A plan holds dates in the years it can be about; a row with others is unreadable, not a broken plan.
            let years = CalendarDate.plausibleYears
            for day in ([action.deadline] + action.milestones.map(\.deadline)).compactMap({ $0?.lastDay }) where !years.contains(day.year) {
                rowProblems.append("the year \(day.year) is outside \(years.lowerBound)–\(years.upperBound)")
                break
            }
            var date = statusDate
            let dateText = cell(.statusDate)
            if !dateText.isEmpty {
                if let parsed = CalendarDate(iso: dateText) { date = parsed } else { rowProblems.append("status date \"\(dateText)\" is not YYYY-MM-DD") }
            }
            var (status, ragComment) = Self.status(cell(.rag), scheme: scheme)
            var comment = cell(.comment)
            if comment.isEmpty { comment = ragComment ?? "" }
            // "Achieved" in the deadline or status cell records the scheme's complete level,
            // with the source's words as the comment.
            if status == nil, let complete = scheme.completeLevel {
                let words = [cell(.rag), cell(.deadline)].first { RAGScheme.isCompletionWord($0) }
                if let words {
                    status = complete.code
                    if comment.isEmpty || comment == words { comment = words.trimmingCharacters(in: .whitespacesAndNewlines) }
                }
            }
            if status != nil || !comment.isEmpty {
                action.history = [StatusChange(date: date, status: status, by: recordedBy, comment: comment.isEmpty ? nil : comment)]
            }
            if rowProblems.isEmpty {
                rows.append((rowNumber, themeID, themeTitle, action))
            } else {
                problems.append(ImportRowProblem(line: rowNumber, message: rowProblems.joined(separator: "; ")))
            }
        }
        if !problems.isEmpty, !skipBadRows { throw .badRows(file: file, problems: problems) }

        // Without a theme column, ids that all start with a number (`2a`, `2b`, `4a`;
        // `2.1`, `2.2`) are grouped by it: themes 2 and 4. Otherwise one theme, as before.
        if columns[.theme] == nil, !rows.isEmpty {
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
        if Set(ids).count < ids.count, columns[.theme] != nil {
            for index in rows.indices where !rows[index].action.id.hasPrefix(rows[index].themeID + ".") {
                rows[index].action.id = "\(rows[index].themeID).\(rows[index].action.id)"
            }
        }
        var themes: [Theme] = []
        for row in rows where !themes.contains(where: { $0.id == row.themeID }) {
            themes.append(Theme(id: row.themeID, title: row.themeTitle ?? (row.themeID == "1" && columns[.theme] == nil ? "Actions" : "Theme \(row.themeID)")))
        }
        var recommendationIDs: [String] = []
        for row in rows { for id in row.action.recommendations where !recommendationIDs.contains(id) { recommendationIDs.append(id) } }
        recommendationIDs.sort { $0.compare($1, options: .numeric) == .orderedAscending }
        var plan = Plan(id: planID, title: title, organisation: organisation, inspection: inspection, themes: themes,
                        recommendations: recommendationIDs.map { Recommendation(id: $0, text: PlanImporter.placeholderText) },
                        actions: rows.map(\.action))
        if scheme != .default { plan.declaredScheme = scheme }
        let used = Set(columns.values)
        let unused = header.fields.enumerated().filter { !used.contains($0.offset) && !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
            .map(\.element)
        let proposed = header.fields.indices.filter { column in
            !used.contains(column) && PlanImporter.looksLikeReferences(header: header.fields[column], cells: records.dropFirst().map {
                column < $0.fields.count ? $0.fields[column].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            })
        }.map { header.fields[$0] }
        let width = records.map(\.fields.count).max() ?? 0
        let unnamed = (0..<width).filter { column in
            !used.contains(column)
                && (column >= header.fields.count || header.fields[column].trimmingCharacters(in: .whitespaces).isEmpty)
                && records.dropFirst().contains { column < $0.fields.count && !$0.fields[column].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }.map { $0 + 1 }
        return Result(plan: plan, skipped: problems, recommendationsWithoutText: recommendationIDs, unusedColumns: unused,
                      proposedLinks: proposed, unnamedColumns: unnamed, scheme: scheme, schemeInferred: self.scheme == nil)
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
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            guard let id = cell(idColumn), let title = cell(titleColumn) else {
                problems.append(ImportRowProblem(line: index + 1, message: "a theme needs an id and its title"))
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
        let records = try Self.records(text, file: file)
        let column = columnFinder(records[0])
        guard let idColumn = column(["id", "recommendation", "no", "ref", "hmip recommendation"]),
              let textColumn = column(["text", "recommendation text", "description"]) else {
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
            let id = Int(rawID).map { "Recommendation \($0)" } ?? links(rawID).0.first ?? rawID
            result.append(Recommendation(id: id, text: body, addressedTo: cell(addressed), plannedResponse: cell(response)))
        }
        if !problems.isEmpty { throw .badRows(file: file, problems: problems) }
        return result
    }

    /// A file's records, header first, with at least one row below it.
    ///
    /// - Parameter separator: `,` or a tab; guessed from the header when `nil`.
    static func records(_ text: String, file: String, separator: Character? = nil) throws(ImportError) -> [DelimitedText.Record] {
        let records: [DelimitedText.Record]
        do {
            records = try DelimitedText.records(text, separator: separator ?? DelimitedText.guessSeparator(text))
        } catch {
            throw .syntax(file: file, line: error.line, message: error.message)
        }
        guard records.count > 1 else { throw .empty(file: file) }
        return records
    }

    /// Finds the first column whose header, normalised, is one of the candidates.
    static func columnFinder(_ header: DelimitedText.Record) -> ([String]) -> Int? {
        let names = header.fields.map(ImportField.normalise)
        return { candidates in names.firstIndex { candidates.contains($0) } }
    }

    /// A cell's text, trimmed and without a formula-safe `'`; `nil` when empty or missing.
    static func cell(_ record: DelimitedText.Record, _ column: Int) -> String? {
        guard column < record.fields.count else { return nil }
        let value = record.fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
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
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return ("1", nil) }
        for word in ["objective", "theme", "part"] where rest.lowercased().hasPrefix(word + " ") {
            rest = rest.dropFirst(word.count + 1)
            break
        }
        let id = rest.prefix { !$0.isWhitespace && !":–—-".contains($0) }
        var title = rest.dropFirst(id.count).trimmingCharacters(in: .whitespaces)
        while let first = title.first, ":–—-".contains(first) { title = String(title.dropFirst()).trimmingCharacters(in: .whitespaces) }
        return (String(id), title.isEmpty ? (text.lowercased().hasPrefix("objective") || text.lowercased().hasPrefix("theme") ? text : nil) : title)
    }

    /// Recommendation ids in a link cell (`HMIP 8 HMIP 3`, `1, 2`, `Recommendation 4`), and other links (`YOT Plan`).
    static func links(_ text: String) -> ([String], [String]) {
        var recommendations: [String] = []
        var rest = text
        let pattern = try! NSRegularExpression(pattern: "\\b(HMIP|Recommendation|Rec)\\.?\\s*(\\d+)", options: [.caseInsensitive])
        let ns = text as NSString
        for match in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let kind = ns.substring(with: match.range(at: 1)).uppercased() == "HMIP" ? "HMIP" : "Recommendation"
            let id = "\(kind) \(ns.substring(with: match.range(at: 2)))"
            if !recommendations.contains(id) { recommendations.append(id) }
            rest = rest.replacingOccurrences(of: ns.substring(with: match.range), with: " ")
        }
        var others: [String] = []
        for piece in rest.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "&" || $0 == "\n" }) {
            let token = piece.trimmingCharacters(in: .whitespaces)
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
        let mentions = header.range(of: "recommend|finding|priorit|inspect|hmip|insp\\b|\\brec\\b|\\brecs\\b",
                                    options: [.regularExpression, .caseInsensitive]) != nil
        return mentions && filled.allSatisfy { $0.count <= 20 }
    }

    /// Leads separated by `/`, `;` or line breaks.
    static func leads(_ text: String) -> [String] {
        var leads: [String] = []
        for piece in text.split(whereSeparator: { $0 == "/" || $0 == ";" || $0 == "\n" }) {
            let lead = piece.trimmingCharacters(in: .whitespaces)
            if !lead.isEmpty, !leads.contains(lead) { leads.append(lead) }
        }
        return leads
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// A milestones column: one `Title – date` per line, optionally `(done YYYY-MM-DD)`; `none` for no date.
    static func milestones(_ text: String) throws(DeadlineCell.Unreadable) -> [Milestone] {
        var milestones: [Milestone] = []
        for line in lines(text) {
            var body = line
            var completed: CalendarDate?
            if let range = body.range(of: " \\(done \\d{4}-\\d{2}-\\d{2}\\)$", options: .regularExpression) {
                completed = CalendarDate(iso: String(body[range].dropFirst(7).dropLast()))
                body = String(body[..<range.lowerBound])
            }
            guard let dash = body.range(of: " [–—-] ", options: [.regularExpression, .backwards]) else {
                throw DeadlineCell.Unreadable(message: "cannot read the milestone \"\(line)\"; write \"Title – Feb 2019\"")
            }
            let title = String(body[..<dash.lowerBound]).trimmingCharacters(in: .whitespaces)
            let when = String(body[dash.upperBound...]).trimmingCharacters(in: .whitespaces)
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
    /// Only codes count: a comment that starts with a label's word ("Complete- delivered …",
    /// "Ongoing- PSR workshop …") is a comment, not a rating.
    static func status(_ text: String, scheme: RAGScheme) -> (String?, String?) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return (nil, nil) }
        // A scale written in words (the progress scale) is read by its labels too; BRAG and RAG
        // by their codes only, so that a comment starting "Complete- delivered" stays a comment.
        let byLabel = scheme != .default && scheme != .rag
        for level in scheme.levels {
            for name in byLabel ? [level.label, level.code] : [level.code] where trimmed.lowercased().hasPrefix(name.lowercased()) {
                let rest = trimmed.dropFirst(name.count)
                guard rest.isEmpty || !(rest.first!.isLetter) else { continue }
                let comment = rest.drop { $0.isWhitespace || "-–—.:,;".contains($0) }.trimmingCharacters(in: .whitespaces)
                return (level.code, comment.isEmpty ? nil : comment)
            }
        }
        return (nil, trimmed)
    }
}
