import FoundationEssentials
import OfficeDocument
import PlanKit

/// One action read from a row, with the theme the row is under.
struct ImportedRow {
    var line: Int
    /// The document's table the row is in; empty for a spreadsheet.
    var table: String
    var themeID: String
    var themeTitle: String?
    /// Whether the theme came from a column or a heading (rather than the default).
    var themeGiven: Bool
    var themeRecommendations: [String]
    var action: Action
    /// How the id was made when the document did not give the action its own (``MadeID``); nil when it did.
    var madeID: MadeID? = nil
}

/// How an action's id was made when the document gives it none of its own (docs/import.md, "Ids").
enum MadeID: Equatable {
    /// The id cell is shared with the rows around it (merged down, blank, repeated): the recommendation's number,
    /// lettered with the other actions that share it (`2.12A`, `2.12B`).
    case shared(String)
    /// No id column: the recommendation's number, lettered with the other actions that answer it (`3A`, `3B`).
    case fromRecommendation(String)
    /// No id column and no recommendation: numbered in the order read (`1`, `2`).
    case inOrder

    var base: String? {
        switch self {
        case .shared(let base), .fromRecommendation(let base): return base
        case .inOrder: return nil
        }
    }
}

/// Reads the actions of one table, row by row.
struct TableReader {
    let importer: PlanImporter
    let table: DocumentTable
    let layout: PlanImporter.TableLayout
    let scheme: RAGScheme
    let colourKey: [(colour: RGBColour, word: String)]

    var rows: [ImportedRow] = []
    var problems: [ImportRowProblem] = []
    var statusesFromColour = 0
    /// Status cells whose words name no level of the scheme ("On track", "At risk"), kept at the comment's start.
    var statusWordsKept: [String] = []
    /// The header's named cells (place, text in lower case), for ``repeatsHeader(_:)``.
    let namedHeaderCells: [(Int, String)]
    /// The theme column's cell of the row above, which a blank cell below continues.
    var themeCellAbove: String?
    /// Themes a theme column names in words alone ("Governance"), by their words: numbered by their place,
    /// the same words the same theme in every table (shared through ``ReadingContext``).
    var themesByWords: [String: String] = [:]
    var letteredRows = 0
    var letteredActions = 0
    /// How the lettered row being read labels its letters (TableReader+Cells.swift); nil for other rows.
    var rowLabelling: RowLabelling?
    var recommendationTexts: [String: String] = [:]
    /// Recommendations read from a column of their words.
    var recommendationsFromWords = 0
    /// How many cells the table's rows usually fill (set when its rows are read).
    var typicalFilled = 0

    init(importer: PlanImporter, table: DocumentTable, layout: PlanImporter.TableLayout, scheme: RAGScheme,
         colourKey: [(colour: RGBColour, word: String)]) {
        self.importer = importer
        self.table = table
        self.layout = layout
        self.scheme = scheme
        self.colourKey = colourKey
        namedHeaderCells = layout.header.enumerated().filter { !ImportField.normalise($0.element).isEmpty }.map { ($0.offset, $0.element.lowercased()) }
    }

    var columns: [ImportField: Int] { layout.columns }

    /// The theme the paragraphs before the table name (the last that does), and the recommendations
    /// a "Linked HMIP Recommendations: 1, 2" paragraph links the whole theme to.
    func headingTheme() -> (id: String, title: String?, recommendations: [String])? {
        guard let heading = table.headings.last(where: TableReader.namesTheme) else { return nil }
        let (id, title) = PlanImporter.theme(heading)
        var recommendations: [String] = []
        if let index = table.headings.lastIndex(of: heading) {
            for paragraph in table.headings[(index + 1)...] where paragraph.lowercased().contains("recommendation") {
                let text = paragraph.split(separator: ":", maxSplits: 1).last.map(String.init) ?? paragraph
                recommendations += PlanImporter.links(text).0
            }
        }
        return (id, title, recommendations)
    }

    /// Whether a heading names a theme, objective or part (`Theme 1: …`, `Objective 5 …`, `Part B`).
    /// The word must be followed by a number, a letter or a numeral word (`Part One`, `Part B`, `Theme 2a`),
    /// so that "Priority actions agreed" and "Part of this work" are sentences, not headings.
    /// A theme column's cell as a theme: by its number or code (`5`, `Objective 5 – …`, `LM`), or, for words alone
    /// ("Education, training and employment"), numbered by its place with the words as its title. A blank cell
    /// continues the theme above (a merged or blank cell under a filled one); nil for a blank cell under none
    /// (the theme of a section row above, or the table's, holds).
    mutating func columnTheme(_ raw: String) -> (String, String?)? {
        var text = raw.trimmingWhitespace()
        if text.isEmpty, let above = themeCellAbove { text = above }
        themeCellAbove = text.isEmpty ? nil : text
        if text.isEmpty { return nil }
        let (id, title) = PlanImporter.theme(text)
        let words = text.split(whereSeparator: \.isWhitespace)
        let code = id.contains(where: \.isNumber) || TableReader.namesTheme(text)
            || words.count == 1 && text.count <= 6 && text == text.uppercased()
        guard !text.isEmpty, !code else { return (id, title) }
        if let known = themesByWords[text] { return (known, text) }
        var place = themesByWords.count + 1
        while themesByWords.values.contains("\(place)") { place += 1 }
        themesByWords[text] = "\(place)"
        return ("\(place)", text)
    }

    static func namesTheme(_ text: String) -> Bool {
        text.range(ofPattern: "^(theme|objective|part|priority|section)\\s+([0-9]+[A-Za-z]?|[A-Za-z]|[IVX]+|one|two|three|four|five|six|seven|eight|nine|ten)\\b(?!')", ignoringCase: true) != nil
    }

    /// The rows under the header, a row that continues the one above (its id and action cells merged
    /// down into it) folded into that row.
    func logicalRows() -> [DocumentRow] {
        var result: [DocumentRow] = []
        // Cells merged down from the header are the header's, not data: a row whose id and action continue
        // the header is a second header row, and any other such cell is blank.
        var fromHeader = Set(layout.header.indices)
        for var row in table.rows.dropFirst(layout.headerIndex + 1) {
            fromHeader = fromHeader.filter { $0 < row.cells.count && row.cells[$0].continuesAbove }
            if !fromHeader.isEmpty {
                if [ImportField.id, .action].compactMap({ columns[$0] }).allSatisfy(fromHeader.contains) { continue }
                for index in fromHeader { row.cells[index] = DocumentCell() }
            }
            let continues = [ImportField.id, .action].allSatisfy { field in
                guard let index = columns[field], index < row.cells.count else { return field == .id && columns[.id] == nil }
                return row.cells[index].continuesAbove
            }
            if continues, var last = result.popLast() {
                for (index, cell) in row.cells.enumerated() where index < last.cells.count && !cell.continuesAbove && !cell.paragraphs.isEmpty {
                    last.cells[index].paragraphs += cell.paragraphs
                }
                result.append(last)
            } else {
                result.append(row)
            }
        }
        return result
    }

    /// `LM` of `LM 7` or `LM7`; nil for an id that does not start with letters followed by a number.
    static func letterPrefix(of id: String) -> String? {
        let letters = id.prefix { $0.isLetter }
        let rest = id.dropFirst(letters.count).drop { $0 == " " }
        guard !letters.isEmpty, let first = rest.first, first.isNumber else { return nil }
        return String(letters)
    }

    /// When a link cell holds a recommendation's own words rather than references ("1. The Management Board
    /// should …"), the recommendation's id (`Recommendation 1`, from `number` or the words' own number),
    /// with the words kept as its text.
    mutating func recommendationWords(_ linkText: String, number: String?) -> String? {
        guard PlanImporter.links(linkText).0.isEmpty, linkText.split(separator: " ").count >= 4 else { return nil }
        var text = Substring(linkText)
        var number = number
        if let range = text.range(ofPattern: "^(recommendation\\s*)?(\\d+)\\s*[.:)–-]?\\s+", ignoringCase: true) {
            let own = text[range].filter(\.isNumber)
            if number == nil || number == own { number = own; text = text[range.upperBound...] }
        }
        guard let number else { return nil }
        let id = "Recommendation \(number)"
        if recommendationTexts[id] == nil { recommendationTexts[id] = String(text).trimmingWhitespace() }
        return id
    }

    /// One action from a row (or one letter of it).
    mutating func read(_ row: DocumentRow, letter: String?, id givenID: String?,
                       theme: ThemeInForce, recommendations: [String]? = nil, actionParagraphs: [DocumentParagraph]? = nil,
                       rowLetters: Set<String> = []) {
        func cell(_ field: ImportField) -> String {
            guard let index = columns[field], index < row.cells.count else { return "" }
            return PlanImporter.unneutralise(cellText(row.cells[index], letter: letter, rowLetters: rowLetters)).trimmingWhitespace()
        }
        let id = givenID ?? cell(.id)
        // The action cell's plain paragraphs are its text; its bulleted or numbered ones, sub-points.
        let paragraphs = actionParagraphs ?? columns[.action].map { row.cells[safe: $0].paragraphs } ?? []
        let textParagraphs = paragraphs.filter { $0.listLevel == nil }.map(\.text)
        let bullets = paragraphs.filter { $0.listLevel != nil }.map(\.text)
        let text = PlanImporter.unneutralise(textParagraphs.joined(separator: "\n")).trimmingWhitespace()
        var rowProblems: [String] = []
        if id.isEmpty { rowProblems.append("no id") }
        if text.isEmpty { rowProblems.append(bullets.isEmpty ? "no action text" : "no action text above its bullets") }
        if row.cells.count > layout.header.count,
           row.cells[layout.header.count...].contains(where: { !$0.text.trimming(.whitespaces).isEmpty }) {
            rowProblems.append("more cells (\(row.cells.count)) than the header has columns (\(layout.header.count))")
        }
        var (themeID, themeTitle) = (theme.id, theme.title)
        var themeGiven = theme.given
        if columns[.theme] != nil, let fromColumn = columnTheme(cell(.theme)) {
            (themeID, themeTitle) = fromColumn
            themeGiven = true
        }
        if let title = Optional(cell(.themeTitle)), !title.isEmpty { themeTitle = title }
        var action = Action(id: id, theme: themeID, text: text)
        if let recommendations {
            action.recommendations = recommendations
        } else if !table.name.isEmpty, let words = recommendationWords(cell(.links), number: nil) {
            // A document's Recommendation column in the inspectorate's words, numbered.
            action.recommendations = [words]
        } else {
            let (recommendations, others) = PlanImporter.links(cell(.links))
            action.recommendations = recommendations
            action.otherLinks = others
        }
        action.subPoints = PlanImporter.lines(cell(.subPoints)) + bullets
        action.impact = PlanImporter.lines(cell(.impact))
        action.outcomes = PlanImporter.lines(cell(.outcomes))
        action.leads = PlanImporter.leads(cell(.lead))
        // The success measure, dashboard reference and the like, each from its own column.
        for column in ImportField.texts where columns[column] != nil {
            guard let field = column.actionField else { continue }
            let value = cell(column)
            if case .texts = field.facts.value {
                field.facts.value.set(PlanImporter.lines(value), in: &action.fields)
            } else if !value.isEmpty {
                field.facts.value.set([value], in: &action.fields)
            }
        }
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
            action.milestones += try PlanImporter.milestones(cell(.milestones))
        } catch {
            rowProblems.append(error.message)
        }
        // A plan holds dates in the years it can be about; a row with others is unreadable, not a broken plan.
        let years = CalendarDate.plausibleYears
        for day in ([action.deadline] + action.milestones.map(\.deadline)).compactMap({ $0?.lastDay }) where !years.contains(day.year) {
            rowProblems.append("the year \(day.year) is outside \(years.lowerBound)–\(years.upperBound)")
            break
        }
        var date = importer.statusDate
        let dateText = cell(.statusDate)
        if !dateText.isEmpty {
            // A day as plans write it (2021-08-03, 03/08/2021, 3 Aug 2021); not a relative word ("yesterday").
            if let parsed = CalendarDate(iso: dateText) ?? (dateText.contains(where: \.isNumber) && !"+-".contains(dateText.first!) ? try? DateInput.day(dateText, today: importer.statusDate) : nil) {
                date = parsed
            } else {
                rowProblems.append("status date \"\(dateText)\" is not a day; write 2021-08-03 or 03/08/2021")
            }
        }
        var (status, ragComment) = PlanImporter.status(cell(.rag), scheme: scheme)
        // A RAG cell whose words name no level but whose colour does ("On track" on green, or no words)
        // is read as the level of that colour; the words are the comment.
        var fromColour = false
        if status == nil, let index = columns[.rag], let fill = row.cells[safe: index].fill, let level = level(forFill: fill) {
            status = level.code
            fromColour = true
        }
        var comment = cell(.comment)
        if comment.isEmpty {
            comment = ragComment ?? ""
        } else if let words = ragComment, !words.isEmpty, !RAGScheme.isCompletionWord(words), words != comment, !comment.hasPrefix(words) {
            // The status cell's own words (beside its level, or naming none) are never dropped for the comment beside them: they lead it.
            comment = "\(words) – \(comment)"
        }
        let ragWords = cell(.rag)
        // Noted where the column holds statuses alone: beside a comment column, or words too few to be a comment
        // under a header that names none ("RAG / Comment on current position" holds comments without a rating).
        let statusesAlone = columns[.comment] != nil || columns[.rag].map { index in
            let header = index < layout.header.count ? layout.header[index].lowercased() : ""
            return !["comment", "position", "update", "note"].contains { header.contains($0) }
                && ragWords.split(whereSeparator: \.isWhitespace).count <= 3
        } ?? false
        if status == nil, !fromColour, statusesAlone, !ragWords.isEmpty, !RAGScheme.isCompletionWord(ragWords), !RAGScheme.saysComplete(ragWords) {
            statusWordsKept.append(ragWords)
        }
        // "Achieved" in the deadline or status cell, or a comment cell that starts by saying the action is done
        // ("Action completed.", "Completed March 2013"), records the scheme's complete level,
        // with the source's words as the comment. (A status cell that starts so is read by PlanImporter.status.)
        if status == nil, let complete = scheme.completeLevel {
            let words = [cell(.rag), cell(.deadline)].first { RAGScheme.isCompletionWord($0) }
                ?? [cell(.comment)].first { RAGScheme.saysComplete($0) }
            if let words {
                status = complete.code
                if comment.isEmpty || comment == words { comment = words.trimmingWhitespace() }
            }
        }
        if status != nil || !comment.isEmpty {
            action.history = [StatusChange(date: date, status: status, by: importer.recordedBy, comment: comment.isEmpty ? nil : comment)]
        }
        for (what, value) in [("id", id), ("theme", themeID)] + action.recommendations.map({ ("link", $0) }) {
            if let problem = PlanImporter.identifierProblem(value, what: what) { rowProblems.append(problem) }
        }
        if rowProblems.isEmpty {
            if fromColour { statusesFromColour += 1 }
            rows.append(ImportedRow(line: row.number, table: table.name, themeID: themeID, themeTitle: themeTitle, themeGiven: themeGiven,
                                    themeRecommendations: theme.recommendations, action: action))
        } else {
            // In a document, the action's id says which row more plainly than a table's number.
            let what = letter != nil || !table.name.isEmpty && !id.isEmpty ? "action \(id): " : ""
            problems.append(ImportRowProblem(line: row.number, message: what + rowProblems.joined(separator: "; "), table: table.name))
        }
    }

    /// The scheme's level a fill colour shows: the document's key when it gives one
    /// (the nearest of its colours), else the nearest of red, amber, green and blue.
    func level(forFill fill: RGBColour) -> RAGLevel? {
        func distance(_ a: RGBColour, _ b: RGBColour) -> Int {
            let r = Int(a.red) - Int(b.red), g = Int(a.green) - Int(b.green), b2 = Int(a.blue) - Int(b.blue)
            return r * r + g * g + b2 * b2
        }
        let keyed = colourKey.compactMap { entry in scheme.level(matching: entry.word).map { (entry.colour, $0) } }
        if let nearest = keyed.min(by: { distance($0.0, fill) < distance($1.0, fill) }), distance(nearest.0, fill) < 60 * 60 * 3 {
            return nearest.1
        }
        guard let colour = TableReader.ragColour(of: fill) else { return nil }
        return scheme.levels.first { $0.colour == colour }
    }

    /// The RAG colour a fill is closest to by hue; nil for white, black, greys and pale tints (headers, banding).
    static func ragColour(of fill: RGBColour) -> RAGColour? {
        let (hue, saturation, lightness) = fill.hsl
        guard saturation >= 0.35, lightness >= 0.15, lightness <= 0.85 else { return nil }
        switch hue {
        case ..<15, 340...: return .red
        case 15..<70: return .amber
        case 70..<170: return .green
        case 170..<260: return .blue
        default: return .purple
        }
    }
}

extension Array where Element == DocumentCell {
    /// The cell at `index`, or an empty one past the row's end.
    subscript(safe index: Int) -> DocumentCell { index < count ? self[index] : DocumentCell() }
}
