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
    /// R3), a column of references to it (`HMIP 3`), a section row above its actions (R4), or nowhere.
    enum Recommendation: String, CaseIterable { case words, numberedWords, references, sectionRows, absent }
    /// How the rows after a recommendation's first action show the recommendation (or the shared number): one
    /// cell merged down over them, the value repeated, or blank cells (R2, R3).
    enum Continuation: String, CaseIterable { case merged, repeated, blank }
    /// The id column: the source's own ids, none (R2 numbers them), or the recommendation's number shared by
    /// its actions (R2 letters them).
    enum IDs: String, CaseIterable { case own, absent, sharedNumber }
    /// How deadlines are written: `March 2020`, `31/03/2020`, `31 March 2020`, a spreadsheet's date serial,
    /// or half of them in words (`Ongoing`, `When funding is agreed`), which keep their wording and no date.
    enum Dates: String, CaseIterable { case monthText, slashText, longText, serial, someWords }
    /// How statuses are written: RED/AMBER/GREEN, a cell's fill colour alone, the progress scale in words,
    /// or a completion sentence (`Action completed. …`) for the actions that are done.
    enum Statuses: String, CaseIterable { case words, fillOnly, progressScale, completionSentences }
    /// Themes: none, section rows (R4), or a column.
    enum Themes: String, CaseIterable { case none, sectionRows, column }
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
    var dates: Dates
    var statuses: Statuses
    var themes: Themes
    /// `nil` when the layout has no section or title rows.
    var sectionRows: SectionRows?
    var titleRows: TitleRows
    var footnote: Footnote
    /// `nil` for a Word document or CSV.
    var strings: Strings?

    /// The layout a seed gives: each feature picked in turn, then the combinations a format cannot hold
    /// (a merge or fill in CSV, a date serial outside Excel) picked again among those it can.
    init(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        self.seed = seed
        let format = Format.allCases.randomElement(using: &random)!
        self.format = format
        columnOrder = ColumnOrder.allCases.randomElement(using: &random)!
        headers = Headers.allCases.randomElement(using: &random)!
        recommendation = Recommendation.allCases.randomElement(using: &random)!
        let continuation = Continuation.allCases.filter { $0 != .merged || format != .csv }.randomElement(using: &random)!
        ids = IDs.allCases.randomElement(using: &random)!
        dates = Dates.allCases.filter { $0 != .serial || format == .xlsx }.randomElement(using: &random)!
        statuses = Statuses.allCases.filter { $0 != .fillOnly || format != .csv }.randomElement(using: &random)!
        themes = Themes.allCases.randomElement(using: &random)!
        let sectionRows = SectionRows.allCases.filter { $0 != .mergedAcross || format != .csv }.randomElement(using: &random)!
        titleRows = TitleRows.allCases.randomElement(using: &random)!
        footnote = Footnote.allCases.randomElement(using: &random)!
        let strings = Strings.allCases.randomElement(using: &random)!
        // Recommendations as sections are the only sections: themes then come from a column or not at all.
        if recommendation == .sectionRows, themes == .sectionRows { themes = .column }
        if ids == .absent, headers == .blankOverID { headers = .synonyms }
        let continues = [.words, .numberedWords].contains(recommendation) || ids == .sharedNumber
        self.continuation = continues ? continuation : nil
        let sections = recommendation == .sectionRows || themes == .sectionRows || titleRows != .none || footnote == .notesRow
        self.sectionRows = sections ? sectionRows : nil
        self.strings = format == .xlsx ? strings : nil
    }

    /// Each feature's name and value, in the order they are picked (`n/a` where the feature does not apply).
    var features: [(name: String, value: String)] {
        [("format", format.rawValue), ("columnOrder", columnOrder.rawValue), ("headers", headers.rawValue),
         ("recommendation", recommendation.rawValue), ("continuation", continuation?.rawValue ?? "n/a"),
         ("ids", ids.rawValue), ("dates", dates.rawValue), ("statuses", statuses.rawValue), ("themes", themes.rawValue),
         ("sectionRows", sectionRows?.rawValue ?? "n/a"), ("titleRows", titleRows.rawValue), ("footnote", footnote.rawValue),
         ("strings", strings?.rawValue ?? "n/a")]
    }

    /// Every value each feature can take, for the closing count (`n/a` last where a feature may not apply).
    static let allFeatureValues: [(name: String, values: [String])] = [
        ("format", Format.allCases.map(\.rawValue)), ("columnOrder", ColumnOrder.allCases.map(\.rawValue)),
        ("headers", Headers.allCases.map(\.rawValue)), ("recommendation", Recommendation.allCases.map(\.rawValue)),
        ("continuation", Continuation.allCases.map(\.rawValue) + ["n/a"]), ("ids", IDs.allCases.map(\.rawValue)),
        ("dates", Dates.allCases.map(\.rawValue)), ("statuses", Statuses.allCases.map(\.rawValue)),
        ("themes", Themes.allCases.map(\.rawValue)), ("sectionRows", SectionRows.allCases.map(\.rawValue) + ["n/a"]),
        ("titleRows", TitleRows.allCases.map(\.rawValue)), ("footnote", Footnote.allCases.map(\.rawValue)),
        ("strings", Strings.allCases.map(\.rawValue) + ["n/a"]),
    ]

    var description: String {
        "layout \(seed) (" + features.filter { $0.value != "n/a" }.map { "\($0.name)=\($0.value)" }.joined(separator: " ") + ")"
    }
}
