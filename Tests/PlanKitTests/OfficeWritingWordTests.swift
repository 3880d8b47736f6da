import Foundation
import Testing
@testable import OfficeDocument
import TestSupport

/// A document like a board pack: a title, headings, runs, bullets, a table
/// with a caption, a chart on a landscape page, and back to portrait.
func sampleDocument() -> WordDraft {
    let red = RGBColour(red: 0xC0, green: 0, blue: 0), amber = RGBColour(red: 0xFF, green: 0xC0, blue: 0), green = RGBColour(red: 0x00, green: 0x80, blue: 0x3C)
    let table = WordDraft.Table(
        caption: "Table 1: Actions by lead", header: ["ID", "Action", "Status"],
        rows: [["1.1", "Train staff\non risk", WordDraft.Cell("Red", shading: red, isBold: true)],
               ["1.2", "Audit & <review>", WordDraft.Cell("Green", shading: green)],
               ["1.3", "Short row"]],
        columnWeights: [1, 4, 1.5])
    let chart = WordDraft.Chart(
        kind: .stackedBars, title: "RAG by theme", categories: ["Governance", "Safety"],
        series: [.init(name: "Red", colour: red, values: [2, 0]), .init(name: "Amber", colour: amber, values: [1, 3]),
                 .init(name: "Green", colour: green, values: [4, 5])],
        categoryAxisTitle: "Theme", valueAxisTitle: "Actions",
        description: "Governance: 2 red, 1 amber, 4 green. Safety: 3 amber, 5 green.")
    let trend = WordDraft.Chart(kind: .stackedColumns, title: "Trend", categories: ["Jan", "Feb"],
                                series: [.init(name: "Open", colour: amber, values: [5, 4])], description: "Open actions: 5 in January, 4 in February.")
    return WordDraft(blocks: [
        .heading(level: 0, text: "Board pack"),
        .heading(level: 1, text: "Summary"),
        .paragraph([WordDraft.Run("Plain, "), WordDraft.Run("bold", isBold: true), WordDraft.Run(" and "), WordDraft.Run("italic", isItalic: true)]),
        .bullet([WordDraft.Run("First point")]),
        .bullet([WordDraft.Run("Second\u{1} point")]),
        .heading(level: 2, text: "Actions"),
        .table(table),
        .pageBreak,
        .heading(level: 3, text: "Detail"),
        .section(.landscape),
        .chart(chart),
        .section(.portrait),
        .chart(trend),
        .paragraph([WordDraft.Run("The end")]),
    ], title: "Board pack", creator: "improve test")
}

@Suite struct OfficeWritingWordTests {
    @Test func theProjectsOwnReaderReadsTheTableBack() throws {
        let document = try WordDocument(bytes: sampleDocument().docx())
        let table = try #require(document.tables.first)
        #expect(document.tables.count == 1)
        #expect(table.rows.first?.cells.map(\.text) == ["ID", "Action", "Status"])
        #expect(table.rows[1].cells.map(\.text) == ["1.1", "Train staff\non risk", "Red"])
        #expect(table.rows[1].cells[2].fill == RGBColour(hex: "C00000"))
        #expect(table.rows[2].cells[1].text == "Audit & <review>")
        #expect(table.rows[3].cells.map(\.text) == ["1.3", "Short row", ""])
        #expect(document.trailingParagraphs.contains("The end"))
    }

    @Test func thePartsCarryHeadingsHeaderRowsCaptionsPagesAndCharts() throws {
        let archive = try ZipArchive(bytes: sampleDocument().docx())
        func part(_ name: String) throws -> String { String(decoding: try #require(try archive.contents(of: name), "no \(name)"), as: UTF8.self) }
        let body = try part("word/document.xml")
        #expect(body.contains("<w:pStyle w:val=\"Title\"/>") && body.contains("<w:pStyle w:val=\"Heading1\"/>"))
        #expect(body.contains("<w:pStyle w:val=\"Heading3\"/>"))
        #expect(body.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"))
        #expect(body.contains("<w:tblCaption w:val=\"Table 1: Actions by lead\"/>"))
        #expect(body.contains("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"C00000\"/>"))
        #expect(body.contains("<w:br w:type=\"page\"/>"))
        #expect(body.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(body.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"))
        #expect(body.contains("descr=\"Governance: 2 red, 1 amber, 4 green. Safety: 3 amber, 5 green.\""))
        #expect(!body.contains("\u{1}"))
        // Column widths follow the weights 1 : 4 : 1.5 of the text width (9,638 twips in portrait).
        #expect(body.contains("<w:gridCol w:w=\"1482\"/><w:gridCol w:w=\"5931\"/><w:gridCol w:w=\"2224\"/>"))
        let styles = try part("word/styles.xml")
        #expect(styles.contains("<w:name w:val=\"heading 2\"/>") && styles.contains("<w:outlineLvl w:val=\"1\"/>"))
        #expect(try part("word/numbering.xml").contains("<w:numFmt w:val=\"bullet\"/>"))
        let chart = try part("word/charts/chart1.xml")
        #expect(chart.contains("<c:barDir val=\"bar\"/>") && chart.contains("<c:grouping val=\"stacked\"/>"))
        #expect(chart.contains("<a:t>RAG by theme</a:t>") && chart.contains("<a:t>Theme</a:t>") && chart.contains("<a:t>Actions</a:t>"))
        #expect(chart.contains("<a:srgbClr val=\"FFC000\"/>") && chart.contains("<c:showVal val=\"1\"/>") && chart.contains("<c:legendPos val=\"b\"/>"))
        #expect(try part("word/charts/chart2.xml").contains("<c:barDir val=\"col\"/>"))
        let types = try part("[Content_Types].xml")
        #expect(types.contains("/word/charts/chart2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml"))
        #expect(try part("word/_rels/document.xml.rels").contains("Target=\"charts/chart1.xml\""))
        #expect(try part("docProps/core.xml").contains("<dc:title>Board pack</dc:title>"))
    }

    @Test func aChartWhoseSeriesDoNotMatchItsCategoriesIsRefused() {
        let chart = WordDraft.Chart(kind: .stackedColumns, title: "T", categories: ["a", "b"],
                                    series: [.init(name: "S", colour: RGBColour(red: 0, green: 0, blue: 0), values: [1])], description: "d")
        #expect(throws: OfficeWriteError.chartShape(chart: "T", series: "S", values: 1, categories: 2)) {
            try WordDraft(blocks: [.chart(chart)]).docx()
        }
    }

    @Test func writingTwiceGivesTheSameBytes() throws {
        #expect(try sampleDocument().docx() == sampleDocument().docx())
    }

    @Test func pythonDocxSeesStylesHeaderRowsShadingSectionsAndTheChart() throws {
        guard ExternalTool.isAvailable(module: "docx") else {
            return ExternalTool.skip("pythonDocxSeesStylesHeaderRowsShadingSectionsAndTheChart", "python3 with python-docx is not installed")
        }
        let folder = try writingFolder("docx-python")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pack.docx")
        try Data(sampleDocument().docx()).write(to: file)
        let script = """
        import sys, docx
        from docx.oxml.ns import qn
        d = docx.Document(sys.argv[1])
        print('title', d.core_properties.title, '|', d.core_properties.author)
        for p in d.paragraphs:
            if p.style.name.startswith(('Heading', 'Title', 'List', 'caption', 'Caption')):
                print('para', p.style.name, '|', p.text)
        t = d.tables[0]
        print('header', t.rows[0]._tr.trPr.find(qn('w:tblHeader')) is not None, t.rows[1]._tr.trPr.find(qn('w:tblHeader')) is not None)
        print('shading', t.cell(1, 2)._tc.tcPr.find(qn('w:shd')).get(qn('w:fill')))
        print('bold', [r.bold for r in t.cell(0, 0).paragraphs[0].runs])
        for s in d.sections:
            print('section', s.orientation, s.page_width.twips if hasattr(s.page_width, 'twips') else s.page_width, s.page_height.twips if hasattr(s.page_height, 'twips') else s.page_height)
        print('shapes', len(d.inline_shapes), [str(s.type).split('.')[-1].split(' ')[0] for s in d.inline_shapes])
        runs = [r for r in d.paragraphs[2].runs]
        print('runs', [(r.text, r.bold, r.italic) for r in runs])
        """
        let outcome = try #require(ExternalTool.python(script, files: [file.path]))
        #expect(outcome.succeeded, "\(outcome.errors)")
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("title Board pack | improve test"))
        #expect(lines.contains("para Title | Board pack"))
        #expect(lines.contains("para Heading 1 | Summary"))
        #expect(lines.contains("para Heading 2 | Actions"))
        #expect(lines.contains("para Heading 3 | Detail"))
        #expect(lines.contains("para List Bullet | Second point"))
        #expect(lines.contains("header True False"))
        #expect(lines.contains("shading C00000"))
        #expect(lines.contains("bold [True]"))
        #expect(lines.filter { $0.hasPrefix("section") }.count == 3)
        #expect(lines.contains { $0.hasPrefix("section PORTRAIT") && $0.hasSuffix("11906 16838") })
        #expect(lines.contains { $0.hasPrefix("section LANDSCAPE") && $0.hasSuffix("16838 11906") })
        #expect(lines.contains { $0.hasPrefix("shapes 2") && $0.contains("CHART") })
        #expect(lines.contains("runs [('Plain, ', None, None), ('bold', True, None), (' and ', None, None), ('italic', None, True)]"))
        if !outcome.succeeded || lines.isEmpty { print(outcome.output) }
    }

    @Test func libreOfficePrintsItOnA4WithTheChartTitles() throws {
        guard ExternalTool.office != nil, ExternalTool.find("pdfinfo") != nil else {
            return ExternalTool.skip("libreOfficePrintsItOnA4WithTheChartTitles", "LibreOffice (soffice) or pdfinfo is not installed")
        }
        let folder = try writingFolder("docx-soffice")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pack.docx")
        try Data(sampleDocument().docx()).write(to: file)
        let pdf = try #require(ExternalTool.convert(file, to: "pdf", in: folder), "LibreOffice did not convert the document")
        let info = try #require(ExternalTool.run("pdfinfo", ["-l", "10", pdf.path]))
        let pageSizes = info.output.split(separator: "\n").filter { $0.contains("size:") }
        print(pageSizes.joined(separator: "\n"))
        // Portrait A4 is 595.3 × 841.9 points; the landscape section's page is turned.
        #expect(pageSizes.contains { $0.contains("595.") && $0.contains("x 841.") })
        #expect(pageSizes.contains { $0.contains("841.") && $0.contains("x 595.") })
        if ExternalTool.find("pdftotext") != nil, let text = ExternalTool.run("pdftotext", [pdf.path, "-"])?.output {
            #expect(text.contains("RAG by theme") && text.contains("Governance") && text.contains("Board pack"))
        } else {
            ExternalTool.skip("libreOfficePrintsItOnA4WithTheChartTitles (text)", "pdftotext is not installed")
        }
    }
}
