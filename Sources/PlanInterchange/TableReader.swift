import Foundation
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
    var letteredRows = 0
    var letteredActions = 0
    var recommendationTexts: [String: String] = [:]
    /// Recommendations read from a column of their words.
    var recommendationsFromWords = 0

    init(importer: PlanImporter, table: DocumentTable, layout: PlanImporter.TableLayout, scheme: RAGScheme,
         colourKey: [(colour: RGBColour, word: String)]) {
        self.importer = importer
        self.table = table
        self.layout = layout
        self.scheme = scheme
        self.colourKey = colourKey
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
    static func namesTheme(_ text: String) -> Bool {
        text.range(of: "^(theme|objective|part|priority|section)\\s+([0-9]+[A-Za-z]?|[A-Za-z]|[IVX]+|one|two|three|four|five|six|seven|eight|nine|ten)\\b(?!')",
                   options: [.regularExpression, .caseInsensitive]) != nil
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

    /// The paragraphs of a lettered Action cell before its first letter ("The board will:").
    static func introduction(_ cell: DocumentCell) -> String {
        var intro: [String] = []
        for paragraph in cell.paragraphs {
            if paragraph.listLevel == nil, letterLabel(paragraph.text) != nil { break }
            intro.append(paragraph.text)
        }
        return intro.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `LM` of `LM 7` or `LM7`; nil for an id that does not start with letters followed by a number.
    static func letterPrefix(of id: String) -> String? {
        let letters = id.prefix { $0.isLetter }
        let rest = id.dropFirst(letters.count).drop { $0 == " " }
        guard !letters.isEmpty, let first = rest.first, first.isNumber else { return nil }
        return String(letters)
    }

    /// A row per recommendation: each lettered paragraph of the action cell is an action.
    mutating func readLettered(_ row: DocumentRow, theme: ThemeInForce) {
        let actionCell = row.cells[safe: columns[.action]!]
        let groups = TableReader.lettered(actionCell)
        let idText = columns[.id].map { row.cells[safe: $0].text.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        let linkText = columns[.links].map { row.cells[safe: $0].text.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        // The recommendation's number: the id cell's when it is one ("1", "1."), else the one the link cell names.
        let references = PlanImporter.links(linkText).0
        let idNumber = idText.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        let plainNumber = !idNumber.isEmpty && idNumber.allSatisfy(\.isNumber) ? idNumber : nil
        let number = plainNumber ?? references.first?.split(separator: " ").last.map(String.init)
        var recommendation = recommendationWords(linkText, number: number)
        if groups.isEmpty {
            // A row of one action in a table of lettered rows keeps its own id.
            read(row, letter: nil, id: idText.isEmpty ? number ?? "" : idText, theme: theme, recommendations: recommendation.map { [$0] })
            return
        }
        // Lettered actions are named by the row's id ("1" → 1A, "2.1" → 2.1A), or its recommendation's number.
        guard let prefix = idText.isEmpty ? number : (plainNumber ?? idText) else {
            problems.append(ImportRowProblem(line: row.number, message: "no id: give the row its recommendation's number, which its lettered actions are named by",
                                             table: table.name))
            return
        }
        if recommendation == nil, references.isEmpty, let plainNumber { recommendation = "Recommendation \(plainNumber)" }
        // Words above the letters ("The board will:") are the recommendation's when the row gives it no words,
        // else each lettered action's first line, so that nothing the cell says is lost.
        var intro = TableReader.introduction(actionCell)
        if !intro.isEmpty, let id = recommendation ?? references.first, recommendationTexts[id] == nil {
            recommendationTexts[id] = intro
            intro = ""
        }
        // A cell lettered for an action the Action cell does not have ("C: Carol" with only A and B) is a mistake to show.
        let letters = Set(groups.flatMap(\.letters))
        for (field, index) in columns where field != .action {
            let stray = Set(row.cells[safe: index].paragraphs.compactMap { paragraph -> [String]? in
                guard paragraph.listLevel == nil, let label = TableReader.letterLabel(paragraph.text), label.strong else { return nil }
                return label.letters.filter { !letters.contains($0) }
            }.flatMap { $0 })
            if !stray.isEmpty {
                problems.append(ImportRowProblem(line: row.number, message: "the \(index < layout.header.count ? layout.header[index] : "column \(index + 1)") cell names \(stray.sorted().joined(separator: ", ")), "
                    + "but the Action cell has no action lettered so (it has \(letters.sorted().joined(separator: ", ")))", table: table.name))
                return
            }
        }
        letteredRows += 1
        for group in groups {
            for letter in group.letters {
                letteredActions += 1
                read(row, letter: letter, id: prefix + letter, theme: theme, recommendations: recommendation.map { [$0] },
                     actionParagraphs: (intro.isEmpty ? [] : [DocumentParagraph(text: intro)]) + group.paragraphs, rowLetters: letters)
            }
        }
    }

    /// When a link cell holds a recommendation's own words rather than references ("1. The Management Board
    /// should …"), the recommendation's id (`Recommendation 1`, from `number` or the words' own number),
    /// with the words kept as its text.
    mutating func recommendationWords(_ linkText: String, number: String?) -> String? {
        guard PlanImporter.links(linkText).0.isEmpty, linkText.split(separator: " ").count >= 4 else { return nil }
        var text = Substring(linkText)
        var number = number
        if let range = text.range(of: "^(recommendation\\s*)?(\\d+)\\s*[.:)–-]?\\s+", options: [.regularExpression, .caseInsensitive]) {
            let own = text[range].filter(\.isNumber)
            if number == nil || number == own { number = own; text = text[range.upperBound...] }
        }
        guard let number else { return nil }
        let id = "Recommendation \(number)"
        if recommendationTexts[id] == nil { recommendationTexts[id] = String(text).trimmingCharacters(in: .whitespacesAndNewlines) }
        return id
    }

    /// A cell's paragraphs grouped by the letters they start with (`A: …`, `A/ B: …`, `b) …`); the
    /// paragraphs after a lettered one belong to it, and those before the first letter are the intro,
    /// read by ``introduction(_:)``. Empty when the cell's paragraphs name fewer than two letters.
    static func lettered(_ cell: DocumentCell) -> [(letters: [String], paragraphs: [DocumentParagraph])] {
        var groups: [(letters: [String], paragraphs: [DocumentParagraph])] = []
        var found = false
        for paragraph in cell.paragraphs {
            if paragraph.listLevel == nil, let (letters, rest, _) = letterLabel(paragraph.text) {
                found = true
                groups.append((letters, rest.isEmpty ? [] : [DocumentParagraph(text: rest)]))
            } else if groups.isEmpty {
                groups.append(([], [paragraph]))
            } else {
                groups[groups.count - 1].paragraphs.append(paragraph)
            }
        }
        // One labelled paragraph ("a) Maintain …") is an action's own wording; lettered actions come at least two to a cell.
        let letters = Set(groups.flatMap(\.letters))
        return found && letters.count >= 2 ? groups.filter { !$0.letters.isEmpty } : []
    }

    /// A paragraph's letter label (`A: text` → A, `A/ B/ C: text` → A, B and C, `b) text` → B): the letters, the words after it, and whether the label is strong
    /// (`A:`, `a)`), which only a label can be, or weak (`A.`, `A -`), which an initial can be too
    /// ("J. Smith"), so that it counts only for a letter the row's Action cell has.
    static func letterLabel(_ text: String) -> (letters: [String], rest: String, strong: Bool)? {
        guard let range = text.range(of: "^[A-Za-z](\\s*[/,&]\\s*[A-Za-z])*\\s*[:.)–-]\\s+", options: .regularExpression) else { return nil }
        let rest = text[range.upperBound...]
        let strong = text[range].contains(":") || text[range].contains(")")
        if !strong {
            // "A. N. Other", "I. e." and "A. Patel" are names and words: a weak label is followed by more than an
            // initial, and by more than one capitalised word.
            if rest.range(of: "^[A-Z]\\.( |$)", options: .regularExpression) != nil { return nil }
            if rest.range(of: "^[A-Z][a-z'’-]+\\s*($|[–—(,-])", options: .regularExpression) != nil { return nil }
        }
        let letters = text[range].filter(\.isLetter).map { String($0).uppercased() }
        return (letters, String(rest).trimmingCharacters(in: .whitespaces), strong)
    }

    /// A cell's text for one letter of a lettered row: the paragraphs labelled with it (alone or shared)
    /// and the unlettered ones, which apply to every letter.
    func cellText(_ cell: DocumentCell, letter: String?, rowLetters: Set<String>) -> String {
        guard let letter else { return cell.text }
        var common: [DocumentParagraph] = []
        var mine: [DocumentParagraph] = []
        var current: [String]?
        for paragraph in cell.paragraphs {
            if paragraph.listLevel == nil, let (letters, rest, strong) = TableReader.letterLabel(paragraph.text),
               strong || letters.allSatisfy(rowLetters.contains) {
                current = letters
                if letters.contains(letter), !rest.isEmpty { mine.append(DocumentParagraph(text: rest)) }
            } else if let current {
                if current.contains(letter) { mine.append(paragraph) }
            } else {
                common.append(paragraph)
            }
        }
        return (common + mine).map(\.text).joined(separator: "\n")
    }

    /// One action from a row (or one letter of it).
    mutating func read(_ row: DocumentRow, letter: String?, id givenID: String?,
                       theme: ThemeInForce, recommendations: [String]? = nil, actionParagraphs: [DocumentParagraph]? = nil,
                       rowLetters: Set<String> = []) {
        func cell(_ field: ImportField) -> String {
            guard let index = columns[field], index < row.cells.count else { return "" }
            return PlanImporter.unneutralise(cellText(row.cells[index], letter: letter, rowLetters: rowLetters)).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let id = givenID ?? cell(.id)
        // The action cell's plain paragraphs are its text; its bulleted or numbered ones, sub-points.
        let paragraphs = actionParagraphs ?? columns[.action].map { row.cells[safe: $0].paragraphs } ?? []
        let textParagraphs = paragraphs.filter { $0.listLevel == nil }.map(\.text)
        let bullets = paragraphs.filter { $0.listLevel != nil }.map(\.text)
        let text = PlanImporter.unneutralise(textParagraphs.joined(separator: "\n")).trimmingCharacters(in: .whitespacesAndNewlines)
        var rowProblems: [String] = []
        if id.isEmpty { rowProblems.append("no id") }
        if text.isEmpty { rowProblems.append(bullets.isEmpty ? "no action text" : "no action text above its bullets") }
        if row.cells.count > layout.header.count,
           row.cells[layout.header.count...].contains(where: { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }) {
            rowProblems.append("more cells (\(row.cells.count)) than the header has columns (\(layout.header.count))")
        }
        var (themeID, themeTitle) = (theme.id, theme.title)
        var themeGiven = theme.given
        if columns[.theme] != nil {
            (themeID, themeTitle) = PlanImporter.theme(cell(.theme))
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
            if let parsed = CalendarDate(iso: dateText) { date = parsed } else { rowProblems.append("status date \"\(dateText)\" is not YYYY-MM-DD") }
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
