import OfficeDocument
import PlanKit

/// The board pack as a Word document: the same sections as the HTML pack,
/// laid out for committee papers.
extension ReportDocument {
    /// A table with more columns than this goes on landscape pages: the RAG
    /// table (nine columns in a four-level scheme) cannot be read on a portrait A4 page.
    static let portraitColumns = 6

    /// The document as a ``WordDraft``: the title as Heading 1, each plan as
    /// Heading 2 and each section as Heading 3 (Word's own heading styles, so
    /// the navigation pane and screen readers list them); tables with their
    /// header row marked to repeat on every page; a status cell shaded in a
    /// light tint of its colour with its word kept in bold (never colour
    /// alone); a chart with its summary as alternative text, before the table
    /// that gives its numbers; and wide tables in landscape sections.
    public var wordDraft: WordDraft {
        var blocks = wordOpening
        var orientation = WordDraft.Orientation.portrait
        for section in sections { blocks += Self.wordBlocks(section, orientation: &orientation) }
        return WordDraft(blocks: blocks, title: Self.plain(title))
    }

    /// The title (Heading 1) and subtitle every Word pack starts with.
    var wordOpening: [WordDraft.Block] {
        [.heading(level: 1, text: Self.plain(title)), .paragraph([.init(Self.plain(subtitle))])]
    }

    /// One section's blocks, after a change of page orientation if its table needs one.
    static func wordBlocks(_ section: Section, orientation: inout WordDraft.Orientation) -> [WordDraft.Block] {
        var blocks: [WordDraft.Block] = []
        let table = section.table.flatMap { $0.rows.isEmpty ? nil : $0 }
        let wanted: WordDraft.Orientation = (table?.headers.count ?? 0) > Self.portraitColumns ? .landscape : .portrait
        if wanted != orientation {
            blocks.append(.section(wanted))
            orientation = wanted
        }
        blocks.append(.heading(level: min(section.level + 1, 3), text: Self.plain(section.title)))
        blocks += section.paragraphs.map { .paragraph([.init(Self.plain($0))]) }
        if let chart = section.chart { blocks.append(.chart(Self.wordChart(chart))) }
        if let table { blocks.append(.table(Self.wordTable(table, caption: section.title))) }
        return blocks
    }

    /// The document (its title and subtitle) with the sections of `plans` after them, as a `.docx`: the
    /// bytes of ``wordDraft``'s, with each plan's sections turned into Word's XML and let go in turn, so
    /// that a pack of many plans is never held as a whole Word draft (`report --format docx`).
    ///
    /// - Throws: `OfficeWriteError` when the writer refuses a chart.
    public func docx(plans: inout [[Section]]) throws(OfficeWriteError) -> [UInt8] {
        let charts = plans.reduce(0) { $0 + $1.count { $0.chart != nil } }
        let opening = WordDraft(blocks: wordOpening, title: Self.plain(title))
        return try opening.docx(chartCount: charts) { (writer: inout WordDraft.BlockWriter<ZipPart>) throws(OfficeWriteError) in
            var orientation = WordDraft.Orientation.portrait
            for index in plans.indices {
                let sections = plans[index]
                plans[index] = []
                for section in sections {
                    for block in Self.wordBlocks(section, orientation: &orientation) { try writer.write(block) }
                }
            }
        }
    }

    /// A report table as a Word table: header cells bold, a coloured cell
    /// shaded and bold with its own words, the columns that hold long text
    /// (``Table/flexibleColumns``) three times as wide as the others.
    static func wordTable(_ table: Table, caption: String) -> WordDraft.Table {
        let header = table.headers.map { WordDraft.Cell(plain($0), isBold: true) }
        let rows = table.rows.map { row in
            row.map { cell in
                WordDraft.Cell(plain(cell.text), shading: cell.colour.map(shading), isBold: cell.colour != nil)
            }
        }
        let weights = table.headers.indices.map { table.flexibleColumns.contains($0) ? 3.0 : 1.0 }
        return WordDraft.Table(caption: plain(caption), header: header, rows: rows, columnWeights: weights)
    }

    /// A section's chart as a native Word chart, its summary the alternative text.
    static func wordChart(_ chart: Chart) -> WordDraft.Chart {
        let kind: WordDraft.Chart.Kind = chart.kind == .stackedBars ? .stackedBars : .stackedColumns
        return WordDraft.Chart(kind: kind, title: plain(chart.title), categories: chart.categories.map(plain),
                               series: chart.series.map {
                                   WordDraft.Chart.Series(name: plain($0.label), colour: $0.colour.map(rgb) ?? noStatusColour,
                                                          values: $0.values.map(Double.init))
                               },
                               categoryAxisTitle: plain(chart.categoryAxisTitle), valueAxisTitle: plain(chart.valueAxisTitle),
                               description: plain(chart.summary))
    }

    /// The grey of "no status" in a chart, as the HTML bars draw it.
    static let noStatusColour = RGBColour(red: 0xCC, green: 0xCC, blue: 0xCC)

    /// A status colour as an sRGB colour.
    static func rgb(_ colour: RAGColour) -> RGBColour {
        RGBColour(hex: String(colour.hex.dropFirst())) ?? noStatusColour
    }

    /// The fill of a cell of that status: the colour mixed half and half with
    /// white, so that black text on it keeps a contrast of at least 4.5:1
    /// (WCAG AA) while the hue still says which status it is; the cell's own
    /// word says it too.
    static func shading(_ colour: RAGColour) -> RGBColour {
        let full = rgb(colour)
        func tint(_ channel: UInt8) -> UInt8 { UInt8((Int(channel) + 255) / 2) }
        return RGBColour(red: tint(full.red), green: tint(full.green), blue: tint(full.blue))
    }
}
