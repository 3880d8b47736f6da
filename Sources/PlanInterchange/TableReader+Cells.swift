import FoundationEssentials
import OfficeDocument
import PlanKit

/// A label that starts a paragraph of a cell and names the letters it is about: `A:`, `A/ B:`, `a)`, `(a)`,
/// `a.`, `A -`, a recommendation's number and letter (`(1a)`, `1a.`, `1a)`), or a roman numeral (`i)`, `(ii)`,
/// `iii.`), with the words after it.
struct CellLabel: Equatable {
    /// The letters or numerals as written (`a`, `B`, `ii`).
    var tokens: [String]
    /// The recommendation's number a `(1a)` or `1a.` label carries.
    var number: String?
    /// The words after the label.
    var rest: String
    /// A label ending `:` or `)` (or in brackets), which only a label can be; a weak one (`A.`, `A -`, `1a.`)
    /// could be an initial or an address too ("J. Smith"), so that it counts only for a letter the row has.
    var strong: Bool

    /// The capital letters the label names: in a roman cell a numeral is the letter of its place
    /// (`i` → A, `ii` → B, `iii` → C); otherwise each token must be one letter. Nil when it can name none.
    func letters(roman: Bool) -> [String]? {
        var letters: [String] = []
        for token in tokens {
            if roman, number == nil, let value = CellLabel.romanValue(token), value <= 26 {
                letters.append(String(UnicodeScalar(UInt8(64 + value))))
            } else if token.count == 1 {
                letters.append(token.uppercased())
            } else {
                return nil
            }
        }
        return letters
    }

    /// The value of a roman numeral written in small or capital letters alike (`iv` → 4), up to 39; nil otherwise.
    static func romanValue(_ token: String) -> Int? {
        let lower = token.lowercased()
        guard token == lower || token == token.uppercased() else { return nil }
        return romanNumerals[lower]
    }

    private static let romanNumerals: [String: Int] = {
        var numerals: [String: Int] = [:]
        let ones = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
        for value in 1...39 { numerals[String(repeating: "x", count: value / 10) + ones[value % 10]] = value }
        return numerals
    }()

    /// `(a) text`, `(1a): text`, `(ii) text`.
    private static let bracketed = TextPattern(
        "^\\(\\s*(\\d{1,3})?([A-Za-z]+)((?:\\s*[/,&]\\s*[A-Za-z]+)*)\\s*\\)\\s*[:.–-]?\\s+")
    /// `A: text`, `A/ B: text`, `a) text`, `a. text`, `A - text`, `1a. text`, `iii) text`.
    private static let plain = TextPattern(
        "^(\\d{1,3})?([A-Za-z]+)((?:\\s*[/,&]\\s*[A-Za-z]+)*)\\s*([:.)–-])\\s+")

    /// The label a paragraph starts with; nil when it starts with none.
    init?(_ text: String) {
        let bracketed = CellLabel.bracketed.firstMatch(in: text)
        guard let match = bracketed ?? CellLabel.plain.firstMatch(in: text) else { return nil }
        func group(_ index: Int) -> String? { match.group(index, in: text) }
        number = group(1)
        tokens = [group(2)!] + (group(3) ?? "").split(whereSeparator: { "/,& ".contains($0) }).map(String.init)
        // Each token is a letter or a roman numeral; one carrying a number is one letter ("1a", not "1st").
        guard tokens.allSatisfy({ $0.count == 1 || CellLabel.romanValue($0) != nil }), number == nil || tokens == [tokens[0]] && tokens[0].count == 1 else {
            return nil
        }
        strong = bracketed != nil || group(4) == ":" || group(4) == ")"
        let rest = String(text[match.range.upperBound...])
        if !strong {
            // "A. N. Other", "i. e." and "A. Patel" are names and words: a weak label is followed by more than an
            // initial, and by more than one capitalised word.
            if rest.range(ofPattern: "^[A-Za-z]\\.( |$)") != nil { return nil }
            if rest.range(ofPattern: "^[A-Z][a-z'’-]+\\s*($|[–—(,-])") != nil { return nil }
        }
        self.rest = rest.trimming(.whitespaces)
    }
}

/// How a lettered row's Action cell labels its letters, which its other cells are read by.
struct RowLabelling {
    /// Whether the labels are roman numerals in order (i, ii, iii: A, B, C).
    var roman: Bool
    /// The numbers a label may carry in the row (`(1a)`): the row's and the Action cell's own.
    var numbers: Set<String>
}

/// A lettered Action cell: its groups of paragraphs by letter, whether it is lettered in roman numerals,
/// and the recommendation's number its labels carry (`(1a)`, `(1b)`), when they all carry the same.
struct Lettering {
    var groups: [(letters: [String], paragraphs: [DocumentParagraph])]
    var roman: Bool
    var number: String?
}

extension TableReader {
    /// A cell's paragraphs, a line of one (a CSV or Excel cell's text, which holds its lines in one) each its own.
    static func lines(_ cell: DocumentCell) -> [DocumentParagraph] {
        cell.paragraphs.flatMap { paragraph -> [DocumentParagraph] in
            guard paragraph.text.contains(where: \.isNewline) else { return [paragraph] }
            return paragraph.text.split(whereSeparator: \.isNewline).map { DocumentParagraph(text: String($0), listLevel: paragraph.listLevel) }
        }
    }

    /// A paragraph's label read as letters (`A: text` → A, `A/ B/ C: text` → A, B and C, `(b) text` → B), the words
    /// after it, and whether it is strong (``CellLabel``); nil when the paragraph starts with none that names letters.
    static func letterLabel(_ text: String) -> (letters: [String], rest: String, strong: Bool)? {
        guard let label = CellLabel(text), let letters = label.letters(roman: false) else { return nil }
        return (letters, label.rest, label.strong)
    }

    /// The paragraphs of a lettered Action cell before its first letter ("The board will:").
    static func introduction(_ cell: DocumentCell) -> String {
        var intro: [String] = []
        for paragraph in lines(cell) {
            if paragraph.listLevel == nil, CellLabel(paragraph.text) != nil { break }
            intro.append(paragraph.text)
        }
        return intro.joined(separator: "\n").trimmingWhitespace()
    }

    /// A row per recommendation: each lettered paragraph of the action cell is an action.
    mutating func readLettered(_ row: DocumentRow, theme: ThemeInForce) {
        let actionCell = row.cells[safe: columns[.action]!]
        let lettering = TableReader.lettering(actionCell)
        let groups = lettering.groups
        let idText = columns[.id].map { row.cells[safe: $0].text.trimmingWhitespace() } ?? ""
        let linkText = columns[.links].map { row.cells[safe: $0].text.trimmingWhitespace() } ?? ""
        // The recommendation's number: the id cell's when it is one ("1", "1."), else the one the link cell names.
        let references = PlanImporter.links(linkText).0
        let idNumber = idText.trimming(CharacterClass(charactersIn: ". "))
        let plainNumber = !idNumber.isEmpty && idNumber.allSatisfy(\.isNumber) ? idNumber : nil
        // Else the one the labels carry ("(1a)", "(1b)"); a row's own number wins over theirs.
        let labelNumber = groups.isEmpty ? nil : lettering.number
        let number = plainNumber ?? references.first?.split(separator: " ").last.map(String.init) ?? labelNumber
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
        if recommendation == nil, references.isEmpty, let own = plainNumber ?? (idText.isEmpty ? labelNumber : nil) {
            recommendation = "Recommendation \(own)"
        }
        // Words above the letters ("The board will:") are the recommendation's when the row gives it no words,
        // else each lettered action's first line, so that nothing the cell says is lost.
        var intro = TableReader.introduction(actionCell)
        if !intro.isEmpty, let id = recommendation ?? references.first, recommendationTexts[id] == nil {
            recommendationTexts[id] = intro
            intro = ""
        }
        let labelling = RowLabelling(roman: lettering.roman, numbers: Set([prefix, lettering.number].compactMap { $0 }))
        // A cell lettered for an action the Action cell does not have ("C: Carol" with only A and B) is a mistake to show.
        let letters = Set(groups.flatMap(\.letters))
        for (field, index) in columns where field != .action {
            let stray = Set(TableReader.lines(row.cells[safe: index]).compactMap { paragraph -> [String]? in
                guard paragraph.listLevel == nil, let label = CellLabel(paragraph.text), label.strong,
                      let named = TableReader.letters(of: label, in: labelling) else { return nil }
                return named.filter { !letters.contains($0) }
            }.flatMap { $0 })
            if !stray.isEmpty {
                problems.append(ImportRowProblem(line: row.number, message: "the \(index < layout.header.count ? layout.header[index] : "column \(index + 1)") cell names \(stray.sorted().joined(separator: ", ")), "
                    + "but the Action cell has no action lettered so (it has \(letters.sorted().joined(separator: ", ")))", table: table.name))
                return
            }
        }
        letteredRows += 1
        rowLabelling = labelling
        defer { rowLabelling = nil }
        for group in groups {
            for letter in group.letters {
                letteredActions += 1
                read(row, letter: letter, id: prefix + letter, theme: theme, recommendations: recommendation.map { [$0] },
                     actionParagraphs: (intro.isEmpty ? [] : [DocumentParagraph(text: intro)]) + group.paragraphs, rowLetters: letters)
            }
        }
    }

    /// A cell's paragraphs grouped by the letters they start with (`A: …`, `A/ B: …`, `b) …`, `(c) …`, `(1d) …`,
    /// `ii) …`); the paragraphs after a lettered one belong to it, and those before the first letter are the
    /// intro, read by ``introduction(_:)``. Empty when the cell's paragraphs name fewer than two letters.
    static func lettered(_ cell: DocumentCell) -> [(letters: [String], paragraphs: [DocumentParagraph])] {
        lettering(cell).groups
    }

    /// A cell's lettering (``lettered(_:)``). Its labels are roman when they are numerals in order from one
    /// (i, ii, iii → A, B, C); in a cell of a), b) … i), `i` is the ninth letter.
    static func lettering(_ cell: DocumentCell) -> Lettering {
        let paragraphs = lines(cell)
        let labels = paragraphs.map { $0.listLevel == nil ? CellLabel($0.text) : nil }
        let tokens = labels.compactMap { $0?.number == nil ? $0?.tokens : nil }.flatMap { $0 }
        let values = tokens.map(CellLabel.romanValue)
        let roman = tokens.count >= 2 && tokens.count == labels.compactMap({ $0 }).flatMap(\.tokens).count
            && values.enumerated().allSatisfy { $0.element == $0.offset + 1 }
        var groups: [(letters: [String], paragraphs: [DocumentParagraph])] = []
        var found = false
        for (paragraph, label) in zip(paragraphs, labels) {
            if let label, let letters = label.letters(roman: roman) {
                found = true
                groups.append((letters, label.rest.isEmpty ? [] : [DocumentParagraph(text: label.rest)]))
            } else if groups.isEmpty {
                groups.append(([], [paragraph]))
            } else {
                groups[groups.count - 1].paragraphs.append(paragraph)
            }
        }
        // One labelled paragraph ("a) Maintain …") is an action's own wording; lettered actions come at least two to a cell.
        let letters = Set(groups.flatMap(\.letters))
        guard found, letters.count >= 2 else { return Lettering(groups: [], roman: false, number: nil) }
        let numbers = Set(labels.compactMap { $0?.number })
        let numbered = labels.compactMap { $0 }.allSatisfy { $0.number != nil }
        return Lettering(groups: groups.filter { !$0.letters.isEmpty }, roman: roman, number: numbered && numbers.count == 1 ? numbers.first : nil)
    }

    /// The letters a label in one of a lettered row's cells names, read as the row's Action cell is lettered
    /// (roman or not); nil when it names none, or carries another recommendation's number ("1a. Market
    /// Street" in row 3's Lead cell is an address).
    static func letters(of label: CellLabel, in labelling: RowLabelling?) -> [String]? {
        if let number = label.number, !(labelling?.numbers.contains(number) ?? false) { return nil }
        return label.letters(roman: labelling?.roman ?? false)
    }

    /// A cell's text for one letter of a lettered row: the paragraphs labelled with it (alone or shared)
    /// and the unlettered ones, which apply to every letter.
    func cellText(_ cell: DocumentCell, letter: String?, rowLetters: Set<String>) -> String {
        guard let letter else { return cell.text }
        var common: [DocumentParagraph] = []
        var mine: [DocumentParagraph] = []
        var current: [String]?
        for paragraph in TableReader.lines(cell) {
            if paragraph.listLevel == nil, let label = CellLabel(paragraph.text), let letters = TableReader.letters(of: label, in: rowLabelling),
               label.strong || letters.allSatisfy(rowLetters.contains) {
                current = letters
                if letters.contains(letter), !label.rest.isEmpty { mine.append(DocumentParagraph(text: label.rest)) }
            } else if let current {
                if current.contains(letter) { mine.append(paragraph) }
            } else {
                common.append(paragraph)
            }
        }
        return (common + mine).map(\.text).joined(separator: "\n")
    }
}
