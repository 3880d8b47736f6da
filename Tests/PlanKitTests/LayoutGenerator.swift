import Foundation
import TestSupport

/// A council's way of laying out a table of actions: one value of each feature, picked from a seed.
///
/// The generator (``LayoutGenerator``) writes a small plan made of the example plans' real texts in the
/// layout and imports it; the import must give back the source, action for action (issue 25, rules R1–R5 of
/// `docs/import.md`). Every feature is an enum so that the run can count how many layouts had each value
/// and how many of those failed.
struct Layout: CustomStringConvertible {
    enum Format: String, CaseIterable { case docx, xlsx, csv }
    /// The columns in the usual order (id, recommendation, theme, action, lead, deadline, status) or shuffled.
    enum ColumnOrder: String, CaseIterable { case usual, shuffled }
    /// The headers: the plainest word for each column, a synonym councils use, or a synonym with a blank header
    /// over the id column (R5).
    enum Headers: String, CaseIterable { case plain, synonyms, blankOverID }
    /// Where the recommendation an action answers is written: a column of its words (without or with its number,
    /// R3), a column of references to it (`HMIP 3`), a section row above its actions that names it
    /// (`Recommendation 2: The board should …`, `R2 …`; a section of a bare number and words is a theme, R4), or nowhere.
    enum Recommendation: String, CaseIterable { case words, numberedWords, references, sectionRows, absent }
    /// How the rows after a recommendation's first action show the recommendation (or the shared number): one
    /// cell merged down over them, the value repeated, or blank cells (R2, R3).
    enum Continuation: String, CaseIterable { case merged, repeated, blank }
    /// The id column: the source's own ids, none (R2 numbers them), or the recommendation's number shared by
    /// its actions (R2 letters them).
    enum IDs: String, CaseIterable { case own, absent, sharedNumber }
    /// A shared number column's numbers: whole (`3`) or with a point (`1.3`, as `2.12` in R2).
    enum SharedNumbers: String, CaseIterable { case whole, dotted }
    /// How deadlines are written: `March 2020`, `31/03/2020`, `31 March 2020`, a spreadsheet's date serial,
    /// or half of them in words (`Ongoing`, `When funding is agreed`), which keep their wording and no date.
    enum Dates: String, CaseIterable { case monthText, slashText, longText, serial, someWords }
    /// How statuses are written: RED/AMBER/GREEN, a cell's fill colour alone, the progress scale in words,
    /// or a completion sentence (`Action completed. …`) for the actions that are done.
    enum Statuses: String, CaseIterable { case words, fillOnly, progressScale, completionSentences }
    /// Themes: none, section rows (R4), or a column.
    enum Themes: String, CaseIterable { case none, sectionRows, column }
    /// How a theme's section row words it (R4): `Theme 2: Title`, `2. Title`, `2 – Title`, `Objective 2 Title`,
    /// or the title alone (numbered by its place among the sections).
    enum ThemeWording: String, CaseIterable { case themeColon, numberDot, numberDash, objective, titleOnly }
    /// A section or title row: merged across the table, or only its first cell filled.
    enum SectionRows: String, CaseIterable { case mergedAcross, firstCellOnly }
    enum TitleRows: String, CaseIterable { case none, one, two }
    /// What follows the table: nothing, a footnote after it (a paragraph, or a row after a blank row), or a
    /// notes row straight under its last row.
    enum Footnote: String, CaseIterable { case none, afterTable, notesRow }
    /// An Excel workbook's text: inline strings or shared strings.
    enum Strings: String, CaseIterable { case inline, shared }

    let seed: UInt64
    var format: Format
    var columnOrder: ColumnOrder
    var headers: Headers
    var recommendation: Recommendation
    /// `nil` when no column continues over a recommendation's actions (no recommendation column, no shared number).
    var continuation: Continuation?
    var ids: IDs
    /// `nil` unless the ids are a shared number column.
    var sharedNumbers: SharedNumbers?
    var dates: Dates
    var statuses: Statuses
    var themes: Themes
    /// `nil` unless themes are section rows.
    var themeWording: ThemeWording?
    /// `nil` when the layout has no section or title rows.
    var sectionRows: SectionRows?
    var titleRows: TitleRows
    var footnote: Footnote
    /// `nil` for a Word document or CSV.
    var strings: Strings?

    /// The layout a seed gives: each feature picked in turn, then made to agree (``normalise()``).
    init(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        self.seed = seed
        format = Format.allCases.randomElement(using: &random)!
        columnOrder = ColumnOrder.allCases.randomElement(using: &random)!
        headers = Headers.allCases.randomElement(using: &random)!
        recommendation = Recommendation.allCases.randomElement(using: &random)!
        continuation = Continuation.allCases.randomElement(using: &random)!
        ids = IDs.allCases.randomElement(using: &random)!
        sharedNumbers = SharedNumbers.allCases.randomElement(using: &random)!
        dates = Dates.allCases.randomElement(using: &random)!
        statuses = Statuses.allCases.randomElement(using: &random)!
        themes = Themes.allCases.randomElement(using: &random)!
        themeWording = ThemeWording.allCases.randomElement(using: &random)!
        sectionRows = SectionRows.allCases.randomElement(using: &random)!
        titleRows = TitleRows.allCases.randomElement(using: &random)!
        footnote = Footnote.allCases.randomElement(using: &random)!
        strings = Strings.allCases.randomElement(using: &random)!
        normalise()
    }

    /// Makes the values agree: what a format cannot hold becomes the nearest it can (a merge in CSV is a
    /// blank cell, a date serial outside Excel is `31/03/2020`, a fill in CSV is the word), and a feature
    /// that does not apply is `nil` (or takes its first value when it comes to apply).
    mutating func normalise() {
        if format == .csv, continuation == .merged { continuation = .blank }
        if format != .xlsx, dates == .serial { dates = .slashText }
        if format == .csv, statuses == .fillOnly { statuses = .words }
        if format == .csv, sectionRows == .mergedAcross { sectionRows = .firstCellOnly }
        // Recommendations as sections are the only sections: themes then come from a column or not at all.
        if recommendation == .sectionRows, themes == .sectionRows { themes = .column }
        if ids == .absent, headers == .blankOverID { headers = .synonyms }
        let continues = [.words, .numberedWords].contains(recommendation) || ids == .sharedNumber
        continuation = continues ? continuation ?? .repeated : nil
        let sections = recommendation == .sectionRows || themes == .sectionRows || titleRows != .none || footnote == .notesRow
        sectionRows = sections ? sectionRows ?? .firstCellOnly : nil
        strings = format == .xlsx ? strings ?? .inline : nil
        themeWording = themes == .sectionRows ? themeWording ?? .themeColon : nil
        sharedNumbers = ids == .sharedNumber ? sharedNumbers ?? .whole : nil
    }

    /// The plainest layout of a format: only what the importer read before issue 25 (an id column, its
    /// plainest headers, references to recommendations, month names, RAG words, no title or section rows).
    static func plain(seed: UInt64, format: Format) -> Layout {
        var layout = Layout(seed: seed)
        layout.format = format
        layout.columnOrder = .usual
        layout.headers = .plain
        layout.recommendation = .references
        layout.ids = .own
        layout.dates = .monthText
        layout.statuses = .words
        layout.themes = .none
        layout.titleRows = .none
        layout.footnote = .none
        layout.continuation = nil
        layout.sectionRows = nil
        layout.strings = nil
        layout.themeWording = nil
        layout.sharedNumbers = nil
        layout.normalise()
        return layout
    }

    /// Sets a feature by name and value (`ids`, `absent`); false when there is no such feature or value.
    mutating func set(_ name: String, _ value: String) -> Bool {
        switch name {
        case "format": guard let v = Format(rawValue: value) else { return false }; format = v
        case "columnOrder": guard let v = ColumnOrder(rawValue: value) else { return false }; columnOrder = v
        case "headers": guard let v = Headers(rawValue: value) else { return false }; headers = v
        case "recommendation": guard let v = Recommendation(rawValue: value) else { return false }; recommendation = v
        case "continuation": guard let v = Continuation(rawValue: value) else { return false }; continuation = v
        case "ids": guard let v = IDs(rawValue: value) else { return false }; ids = v
        case "dates": guard let v = Dates(rawValue: value) else { return false }; dates = v
        case "statuses": guard let v = Statuses(rawValue: value) else { return false }; statuses = v
        case "themes": guard let v = Themes(rawValue: value) else { return false }; themes = v
        case "sectionRows": guard let v = SectionRows(rawValue: value) else { return false }; sectionRows = v
        case "titleRows": guard let v = TitleRows(rawValue: value) else { return false }; titleRows = v
        case "footnote": guard let v = Footnote(rawValue: value) else { return false }; footnote = v
        case "strings": guard let v = Strings(rawValue: value) else { return false }; strings = v
        case "themeWording": guard let v = ThemeWording(rawValue: value) else { return false }; themeWording = v
        case "sharedNumbers": guard let v = SharedNumbers(rawValue: value) else { return false }; sharedNumbers = v
        default: return false
        }
        return true
    }

    /// The layout of one feature value on the plainest layout of `format`, with what the value needs to show at
    /// all (a continuation needs a shared number column, section-row styles need theme sections, a fill or a
    /// serial a format that holds it); `nil` when the value cannot be shown in the format.
    static func isolating(_ name: String, _ value: String, seed: UInt64, format: Format) -> Layout? {
        combining([(name, value)], seed: seed, format: format)
    }

    /// The plainest layout of `format` with the given feature values and what they need to show (as
    /// ``isolating(_:_:seed:format:)``); `nil` when they cannot all be shown together in the format.
    static func combining(_ settings: [(name: String, value: String)], seed: UInt64, format: Format) -> Layout? {
        var layout = plain(seed: seed, format: format)
        for (name, value) in settings {
            guard layout.set(name, value) else { return nil }
            switch name {
            case "continuation" where ![.words, .numberedWords].contains(layout.recommendation): layout.ids = .sharedNumber
            case "sharedNumbers": layout.ids = .sharedNumber
            case "sectionRows" where layout.recommendation != .sectionRows, "themeWording": layout.themes = .sectionRows
            default: break
            }
        }
        layout.normalise()
        let shown = Dictionary(layout.features.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        return settings.allSatisfy { shown[$0.name] == $0.value } ? layout : nil
    }

    /// The text that replays a layout made by ``combining(_:seed:format:)``.
    static func replay(_ settings: [(name: String, value: String)], seed: UInt64, format: Format) -> String {
        "\(seed) plain format=\(format.rawValue)" + settings.filter { $0.name != "format" }.map { " \($0.name)=\($0.value)" }.joined()
    }

    /// A layout from its replay text: a seed (`1234`), optionally followed by `plain` (the plainest layout of
    /// the seed's format) and `feature=value` settings, as the run prints them for isolated feature values.
    init?(replay text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
        guard let first = words.first, let seed = UInt64(first) else { return nil }
        self.init(seed: seed)
        for word in words.dropFirst() {
            if word == "plain" { self = Layout.plain(seed: seed, format: format); continue }
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, set(parts[0], parts[1]) else { return nil }
            if parts[0] == "continuation", ids != .sharedNumber, ![.words, .numberedWords].contains(recommendation) { ids = .sharedNumber }
            if parts[0] == "sectionRows", themes != .sectionRows, recommendation != .sectionRows { themes = .sectionRows }
            if parts[0] == "themeWording", themes != .sectionRows { themes = .sectionRows }
            if parts[0] == "sharedNumbers" { ids = .sharedNumber }
        }
        normalise()
    }

    /// Each feature's name and value, in the order they are picked (`n/a` where the feature does not apply).
    var features: [(name: String, value: String)] {
        [("format", format.rawValue), ("columnOrder", columnOrder.rawValue), ("headers", headers.rawValue),
         ("recommendation", recommendation.rawValue), ("continuation", continuation?.rawValue ?? "n/a"),
         ("ids", ids.rawValue), ("sharedNumbers", sharedNumbers?.rawValue ?? "n/a"), ("dates", dates.rawValue),
         ("statuses", statuses.rawValue), ("themes", themes.rawValue), ("themeWording", themeWording?.rawValue ?? "n/a"),
         ("sectionRows", sectionRows?.rawValue ?? "n/a"), ("titleRows", titleRows.rawValue), ("footnote", footnote.rawValue),
         ("strings", strings?.rawValue ?? "n/a")]
    }

    /// Every value each feature can take, for the closing count (`n/a` last where a feature may not apply).
    static let allFeatureValues: [(name: String, values: [String])] = [
        ("format", Format.allCases.map(\.rawValue)), ("columnOrder", ColumnOrder.allCases.map(\.rawValue)),
        ("headers", Headers.allCases.map(\.rawValue)), ("recommendation", Recommendation.allCases.map(\.rawValue)),
        ("continuation", Continuation.allCases.map(\.rawValue) + ["n/a"]), ("ids", IDs.allCases.map(\.rawValue)),
        ("sharedNumbers", SharedNumbers.allCases.map(\.rawValue) + ["n/a"]),
        ("dates", Dates.allCases.map(\.rawValue)), ("statuses", Statuses.allCases.map(\.rawValue)),
        ("themes", Themes.allCases.map(\.rawValue)), ("themeWording", ThemeWording.allCases.map(\.rawValue) + ["n/a"]),
        ("sectionRows", SectionRows.allCases.map(\.rawValue) + ["n/a"]),
        ("titleRows", TitleRows.allCases.map(\.rawValue)), ("footnote", Footnote.allCases.map(\.rawValue)),
        ("strings", Strings.allCases.map(\.rawValue) + ["n/a"]),
    ]

    var description: String {
        "layout \(seed) (" + features.filter { $0.value != "n/a" }.map { "\($0.name)=\($0.value)" }.joined(separator: " ") + ")"
    }
}
