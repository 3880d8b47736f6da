import FoundationEssentials
import OfficeDocument
import PlanKit

/// What holds across a document's tables while they are read: the theme in force, the sections met,
/// and the recommendations read from their own words.
struct ReadingContext {
    var theme: TableReader.ThemeInForce?
    /// Section rows read as themes so far, which number the unnumbered ones.
    var sections = 0
    /// Recommendations given by their words without a number, by text, so that a repeated one is the same.
    var recommendationsByText: [String: String] = [:]
    /// Every recommendation id read from words, so that one numbered by its place takes a free number.
    var recommendationIDs: Set<String> = []
    /// Themes a theme column names in words alone, by their words (``TableReader/themesByWords``).
    var themesByWords: [String: String] = [:]
}

/// The structure of a table beyond its header: section rows (themes, or the recommendation the rows below
/// answer), a recommendation column in the inspectorate's words, rows that share an id or a recommendation
/// with the row above (merged down, left blank, repeated), and action cells of bullets. docs/import.md, "Layouts".
extension TableReader {
    /// The theme rows are read under: from a heading, a section row, or the default.
    typealias ThemeInForce = (id: String, title: String?, given: Bool, recommendations: [String])

    /// What the rows below may share with the row above: its id cell and the recommendations it answers.
    private struct Above {
        var idText: String?
        /// The row (in ``rows``) that gave the id cell, lettered too once another row shares it.
        var idRow: Int?
        var recommendations: [String] = []
    }

    /// Reads the table's rows, keeping in `context` the theme in force at its end (for the tables after it).
    mutating func read(context: inout ReadingContext) {
        themesByWords = context.themesByWords
        defer { context.themesByWords = themesByWords }
        let heading = headingTheme()
        var theme: ThemeInForce = heading.map { ($0.id, $0.title, true, $0.recommendations) } ?? context.theme ?? ("1", nil, false, [])
        var themeOfLastAction: ThemeInForce?
        let firstRow = rows.count
        let tableRows = logicalRows()
        let lettered = tableRows.contains { row in columns[.action].map { TableReader.lettered(row.cells[safe: $0]).isEmpty == false } ?? false }
        let wordsColumn = recommendationColumnHoldsWords(tableRows)
        // How many cells an action's row usually fills: a row of one cell under the actions is a section only
        // where rows usually fill more (a continuation row of a merged table fills only its action).
        let filled = tableRows.map { row in row.cells.filter { !$0.continuesLeft && !$0.continuesAbove && !$0.text.trimmingWhitespace().isEmpty }.count }.sorted()
        typicalFilled = filled.isEmpty ? 0 : filled[filled.count / 2]
        var above = Above()
        var sectionRecommendation = recommendationAbove()
        for row in tableRows {
            // The header again (a table continued on the next page, tables stacked in one sheet): no action.
            if repeatsHeader(row) {
                above = Above()
                continue
            }
            if let section = sectionText(row) {
                // A footnote or a key under the actions ("Key: RED – …", "Note: …") is no section.
                if TableReader.isFootnote(section) { continue }
                // "Linked HMIP Recommendations: 3, 5" under a theme's row: the theme answers them, as a paragraph
                // before a Word table says it.
                if let colon = section.firstIndex(where: { ":–—".contains($0) }),
                   section[..<colon].range(ofPattern: "^\\s*(linked|links?|related)\\b.*recommendations?\\s*$", ignoringCase: true) != nil {
                    let references = PlanImporter.links(String(section[section.index(after: colon)...])).0
                    if !references.isEmpty { theme.recommendations = references }
                    continue
                }
                if let (id, words) = TableReader.recommendationReference(section, bareNumber: false) {
                    sectionRecommendation = id
                    if !words.isEmpty, recommendationTexts[id] == nil { recommendationTexts[id] = words }
                } else {
                    theme = sectionTheme(section, context: &context)
                    sectionRecommendation = nil
                    // Blank theme cells below a section row are under it, not under the theme cell above it.
                    themeCellAbove = nil
                }
                above = Above()
                continue
            }
            // A row without words of its own (a spacer, shaded or not, or only cells merged from above) is no action.
            if row.cells.allSatisfy({ $0.continuesAbove || $0.text.trimmingWhitespace().isEmpty }) { continue }
            let before = rows.count
            if lettered {
                readLettered(row, theme: theme)
            } else {
                readRow(row, theme: theme, above: &above, wordsColumn: wordsColumn, sectionRecommendation: sectionRecommendation,
                        context: &context)
            }
            if rows.count > before { themeOfLastAction = theme }
        }
        // Ids that share a prefix of letters ("LM 1" … "LM 17") name their theme by it, under the heading's title.
        let prefixes = rows[firstRow...].map { TableReader.letterPrefix(of: $0.action.id) }
        if heading != nil, let prefix = prefixes.first ?? nil, prefixes.allSatisfy({ $0 == prefix }) {
            for index in rows.indices.dropFirst(firstRow) where rows[index].themeID == heading?.id {
                rows[index].themeID = prefix
                rows[index].action.theme = prefix
            }
            if theme.id == heading?.id { theme.id = prefix }
            if themeOfLastAction?.id == heading?.id { themeOfLastAction?.id = prefix }
        }
        // A section row under the last action (a footnote, a notes row) does not carry over to the next table.
        let end = themeOfLastAction ?? theme
        context.theme = end.given ? end : nil
    }

    /// One row of a table whose actions are a row each (or a bullet each): its id, made when the row shares
    /// its id cell or has none, and the recommendations it answers, shared with the rows it continues.
    private mutating func readRow(_ row: DocumentRow, theme: ThemeInForce, above: inout Above, wordsColumn: Bool,
                                  sectionRecommendation: String?, context: inout ReadingContext) {
        let idCell = columns[.id].map { row.cells[safe: $0] }
        let idText = idCell.map { PlanImporter.unneutralise($0.text.trimmingWhitespace()) } ?? ""
        // The id cell: the row's own, or shared with the row above (merged down, blank under a filled one, repeated).
        var ownID: String?
        var sharedID: String?
        if idCell != nil {
            if let previous = above.idText, idText.isEmpty || idCell!.continuesAbove || idText == previous {
                sharedID = previous
            } else if !idText.isEmpty {
                ownID = idText
            }
        }
        // The recommendations: the row's own cell, else (for a row that continues the one above) the one above's.
        let linkCell = columns[.links].map { row.cells[safe: $0] }
        let linkText = linkCell.map { $0.text.trimmingWhitespace() } ?? ""
        var recommendations: [String]?
        if !linkText.isEmpty, !(linkCell!.continuesAbove && ownID == nil) {
            if wordsColumn, PlanImporter.links(linkText).1.isEmpty == false || TableReader.recommendationReference(linkText).map({ !$0.words.isEmpty }) == true {
                recommendations = [recommendation(fromWords: linkText, context: &context)]
            } else if ownID == nil {
                recommendations = PlanImporter.links(linkText).0
            }
        } else if ownID == nil || wordsColumn && linkText.isEmpty, !above.recommendations.isEmpty {
            recommendations = above.recommendations
        } else if linkCell?.continuesAbove == true, !above.recommendations.isEmpty {
            recommendations = above.recommendations
        }
        if (recommendations ?? []).isEmpty, linkText.isEmpty, let sectionRecommendation { recommendations = [sectionRecommendation] }
        let number = recommendations?.first.map(TableReader.number(ofRecommendation:))
        // The id, and how it was made when the row gives none of its own.
        let made: MadeID?
        let id: String
        if let ownID {
            made = nil
            id = ownID
        } else if let sharedID {
            made = .shared(sharedID)
            id = sharedID
            if let first = above.idRow, rows.indices.contains(first), rows[first].madeID == nil { rows[first].madeID = .shared(sharedID) }
        } else if let number {
            made = .fromRecommendation(number)
            id = number
        } else if columns[.id] == nil {
            made = .inOrder
            id = "0"
        } else {
            made = nil
            id = ""
        }
        // An action cell of bullets only: each bullet an action, lettered as actions sharing a number are.
        let bullets = columns[.action].map { TableReader.bulletItems(row.cells[safe: $0]) } ?? []
        let start = rows.count
        if bullets.count >= 2 {
            let bulletMade: MadeID? = made == nil && !id.isEmpty ? .shared(id) : made
            for bullet in bullets {
                let count = rows.count
                read(row, letter: nil, id: id, theme: theme, recommendations: recommendations, actionParagraphs: [DocumentParagraph(text: bullet)])
                if rows.count > count { rows[count].madeID = bulletMade }
            }
            if rows.count > start { letteredRows += 1; letteredActions += rows.count - start }
        } else {
            read(row, letter: nil, id: id, theme: theme, recommendations: recommendations)
            if rows.count > start { rows[start].madeID = made }
        }
        if let ownID {
            above = Above(idText: ownID, idRow: rows.count > start ? start : nil, recommendations: rows.count > start ? rows[start].action.recommendations : [])
        } else {
            if rows.count > start { above.recommendations = rows[start].action.recommendations }
            if sharedID == nil { above.idText = nil; above.idRow = nil }
        }
    }

    /// Whether the recommendation column holds the recommendations' own words (most of its filled cells are
    /// words that are not references, "Better assessments"), rather than references to them (`HMIP 3`, `1, 2`).
    func recommendationColumnHoldsWords(_ tableRows: [DocumentRow]) -> Bool {
        guard let index = columns[.links] else { return false }
        let cells = tableRows.map { $0.cells[safe: index] }.filter { !$0.continuesAbove && !$0.continuesLeft }
            .map { $0.text.trimmingWhitespace() }.filter { !$0.isEmpty }
        let sentences = cells.filter { cell in
            cell.split(whereSeparator: \.isWhitespace).count >= 2 && cell.contains(where: \.isLetter) && !PlanImporter.links(cell).1.isEmpty
        }
        return !cells.isEmpty && sentences.count * 2 > cells.count
    }

    /// The recommendation a cell of its words is: by the reference or number it starts with ("Recommendation 3:",
    /// "HMIP 3 –", "2.12", "R3"), else the same words met before, else the next number free; its words are kept.
    mutating func recommendation(fromWords text: String, context: inout ReadingContext) -> String {
        var id: String
        var words = text
        if let (reference, rest) = TableReader.recommendationReference(text) {
            id = reference
            words = rest
        } else if let known = context.recommendationsByText[text] {
            return known
        } else {
            var place = context.recommendationIDs.count + 1
            while context.recommendationIDs.contains("Recommendation \(place)") { place += 1 }
            id = "Recommendation \(place)"
            context.recommendationsByText[text] = id
        }
        if context.recommendationIDs.insert(id).inserted { recommendationsFromWords += 1 }
        if recommendationTexts[id] == nil, !words.isEmpty { recommendationTexts[id] = words }
        return id
    }

    /// A recommendation named at the start of a cell or a section row: `Recommendation 3: …`, `HMIP 3 – …`,
    /// `Rec. 3 …`, `R3 …`, or a number (`2.`, `2.12`, `3)`) followed by words; the id and the words after it.
    static func recommendationReference(_ text: String, bareNumber: Bool = true) -> (id: String, words: String)? {
        guard let match = recommendationStart.firstMatch(in: text) else { return nil }
        let kind = match.group(1, in: text)?.lowercased() ?? ""
        let number = match.group(2, in: text) ?? ""
        let words = text[match.range.upperBound...].trimmingWhitespace()
        // A bare number is a recommendation's only when words follow it ("2. The board should …"), not a date or a count.
        if kind.isEmpty, !bareNumber || words.split(whereSeparator: \.isWhitespace).count < 3 { return nil }
        return (kind == "hmip" ? "HMIP \(number)" : "Recommendation \(number)", words)
    }

    private static let recommendationStart = TextPattern(
        "^\\s*(?:(HMIP|Recommendation|Rec|R)\\.?\\s*)?(\\d{1,2}(?:\\.\\d{1,2})?)(?![\\d/])\\s*[.:)–—-]?\\s*", ignoringCase: true)

    /// The number of a recommendation's id (`3` of `HMIP 3`, `2.12` of `Recommendation 2.12`), which made ids start with.
    static func number(ofRecommendation id: String) -> String {
        id.split(separator: " ").last.map(String.init) ?? id
    }

    /// A section row's text: a row merged across the table, a row whose only words name a theme, or a row
    /// whose only filled cell is its first (when the first column is not the actions'). Nil for any other row.
    func sectionText(_ row: DocumentRow) -> String? {
        let own = row.cells.enumerated().filter { _, cell in
            !cell.continuesLeft && !cell.continuesAbove && !cell.text.trimmingWhitespace().isEmpty
        }
        let text: String?
        if row.spansAllColumns {
            text = row.cells.first?.text
        } else if own.count == 1, TableReader.namesTheme(own[0].element.text) {
            text = own[0].element.text
        } else if own.count == 1, own[0].offset == 0, max(row.cells.count, layout.header.count) >= 2,
                  columns[.action] != 0 || typicalFilled >= 3 && !row.cells.contains(where: \.continuesAbove)
                    || TableReader.isFootnote(own[0].element.text) {
            text = own[0].element.text
        } else {
            text = nil
        }
        let words = text?.replacingEvery("\n", with: " ").trimmingWhitespace() ?? ""
        return words.isEmpty ? (row.spansAllColumns ? "" : nil) : words
    }

    /// The theme a section row names: `Theme 2: Title` and `Objective 2 …` as before, `2. Title` or `2 – Title`
    /// by its number, and any other words as a theme numbered by its place among the sections.
    func sectionTheme(_ text: String, context: inout ReadingContext) -> ThemeInForce {
        context.sections += 1
        if TableReader.namesTheme(text) {
            let (id, title) = PlanImporter.theme(text)
            return (id, title, true, [])
        }
        if let range = text.range(ofPattern: "^\\d{1,2}(\\.\\d{1,2})?(?![\\d/])\\s*[.:)–—-]?\\s+") {
            let id = text[range].filter { $0.isNumber || $0 == "." }.trimming(CharacterClass(charactersIn: "."))
            let title = text[range.upperBound...].trimming(.whitespaces)
            if !id.isEmpty, !title.isEmpty { return (id, title, true, []) }
        }
        if text.isEmpty { return ("\(context.sections)", nil, true, []) }
        return ("\(context.sections)", text, true, [])
    }

    /// The recommendation named just before a table without a recommendation column ("Recommendation 1: …" in a
    /// paragraph above it, or in a row above its header), which its actions answer; its words are kept.
    mutating func recommendationAbove() -> String? {
        guard columns[.links] == nil else { return nil }
        let above = table.rows.prefix(layout.headerIndex).map { row in
            row.cells.map(\.text).filter { !$0.trimmingWhitespace().isEmpty }.joined(separator: " ")
        }
        for text in (table.headings + above).reversed() {
            guard let (id, words) = TableReader.recommendationReference(text, bareNumber: false) else { continue }
            if !words.isEmpty, recommendationTexts[id] == nil { recommendationTexts[id] = words }
            return id
        }
        return nil
    }

    /// Whether a row is the header again: at least two of its cells, and most of the header's named cells, are
    /// the header's own words in the same places.
    func repeatsHeader(_ row: DocumentRow) -> Bool {
        let named = namedHeaderCells
        guard named.count >= 2 else { return false }
        var same = 0
        for (index, name) in named where index < row.cells.count {
            // Compared as written, any case: normalising every cell of a large sheet costs more than the rest of its reading.
            if row.cells[index].text.count == name.count, row.cells[index].text.lowercased() == name { same += 1 }
        }
        return same >= 2 && same * 2 > named.count
    }

    /// Whether a row's only words are a footnote, a key or a note under the table ("Key: RED – …", "Note: …", "* …").
    static func isFootnote(_ text: String) -> Bool {
        text.range(ofPattern: "^\\s*(key|note|notes|nb|n\\.b\\.|source|sources|please note)\\b\\s*[:.–—-]|^\\s*[*†]", ignoringCase: true) != nil
    }

    /// The bullets of an action cell that holds only bullets (list paragraphs, or lines that start `•`, `-`, `*`,
    /// `–` or `o`); empty when the cell has words that are not a bullet.
    static func bulletItems(_ cell: DocumentCell) -> [String] {
        var items: [String] = []
        for paragraph in cell.paragraphs {
            if paragraph.listLevel != nil {
                let text = paragraph.text.trimmingWhitespace()
                if !text.isEmpty { items.append(text) }
                continue
            }
            // A spreadsheet's cell is one paragraph of lines.
            for line in paragraph.text.split(separator: "\n") {
                let text = line.trimming(.whitespaces)
                if text.isEmpty { continue }
                guard let range = text.range(ofPattern: "^[•\\-*–o·▪◦]\\s+") else { return [] }
                items.append(String(text[range.upperBound...]))
            }
        }
        return items
    }

    /// The letter an action takes by its place among those sharing a number: A … Z, then AA, AB ….
    static func letter(_ place: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return place < 26 ? String(alphabet[place]) : letter(place / 26 - 1) + String(alphabet[place % 26])
    }
}
