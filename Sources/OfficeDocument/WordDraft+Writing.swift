/// Writing a Word document as a `.docx` file (WordprocessingML, ECMA-376):
/// real heading styles (so the navigation pane and screen readers find them),
/// bulleted lists from a numbering part, tables whose header row repeats on
/// each page and is marked as a header, captions, A4 pages with 2 cm margins,
/// landscape sections, page breaks, and native charts with alternative text.
///
/// A heading level below 1 is written as the Title style, above 3 as Heading 3.
extension WordDraft {
    /// A4 in twentieths of a point (210 × 297 mm), and the 2 cm margins all round.
    public static let pageWidth = 11_906
    public static let pageHeight = 16_838
    public static let margin = 1_134

    /// The width text may take on a page of this orientation, in twips.
    static func textWidth(_ orientation: Orientation) -> Int {
        (orientation == .portrait ? pageWidth : pageHeight) - 2 * margin
    }

    /// The `.docx` file's bytes.
    ///
    /// - Throws: `OfficeWriteError.chartShape` for a chart whose series do not match its categories.
    public func docx() throws(OfficeWriteError) -> [UInt8] {
        var chartCount = 0
        for case .chart in blocks { chartCount += 1 }
        return try docx(chartCount: chartCount) { (_: inout BlockWriter<ZipPart>) throws(OfficeWriteError) in }
    }

    /// The `.docx` file's bytes: this draft's blocks, then those `more` writes, each turned into XML
    /// and compressed as it is written, so that a caller can make its blocks as they are written and
    /// let each go (a board pack of 100,000 actions). `chartCount` is how many charts there are in all:
    /// the package names every chart part before the document's XML.
    ///
    /// - Throws: `OfficeWriteError.chartShape` for a chart whose series do not match its categories.
    public func docx(chartCount: Int, more: (inout BlockWriter<ZipPart>) throws(OfficeWriteError) -> Void) throws(OfficeWriteError) -> [UInt8] {
        var zip = ZipWriter()
        var overrides: [(part: String, type: String)] = [
            ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
            ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
            ("/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"),
            ("/word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"),
        ]
        for index in 0..<chartCount {
            overrides.append(("/word/charts/chart\(index + 1).xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"))
        }
        zip.add("[Content_Types].xml", text: OfficePackageWriting.contentTypes(overrides: overrides))
        zip.add("_rels/.rels", text: OfficePackageWriting.packageRelationships(main: "word/document.xml"))
        zip.add("docProps/app.xml", text: OfficePackageWriting.appProperties())
        zip.add("docProps/core.xml", text: OfficePackageWriting.coreProperties(title: title, creator: creator))
        var charts: [String] = []
        try zip.add("word/document.xml") { (part: inout ZipPart) throws(OfficeWriteError) in
            var writer = BlockWriter(output: part, orientation: orientation)
            part = ZipPart()  // the writer's copy is the only one, so it grows in place
            defer { part = writer.output }  // given back even when a chart is refused
            try writeDocumentXML(to: &writer, more: more)
            charts = writer.charts
        }
        precondition(charts.count == chartCount, "WordDraft: \(charts.count) charts written, \(chartCount) announced")
        var relationships: [(id: String, type: String, target: String)] = [
            ("rId1", "\(OfficePackageWriting.officeRelationship)/styles", "styles.xml"),
            ("rId2", "\(OfficePackageWriting.officeRelationship)/settings", "settings.xml"),
            ("rId3", "\(OfficePackageWriting.officeRelationship)/numbering", "numbering.xml"),
        ]
        for index in charts.indices {
            relationships.append(("rIdChart\(index + 1)", "\(OfficePackageWriting.officeRelationship)/chart", "charts/chart\(index + 1).xml"))
        }
        zip.add("word/_rels/document.xml.rels", text: OfficePackageWriting.relationships(relationships))
        zip.add("word/styles.xml", text: Self.stylesXML)
        zip.add("word/settings.xml", text: Self.settingsXML)
        zip.add("word/numbering.xml", text: Self.numberingXML)
        for (index, chart) in charts.enumerated() { zip.add("word/charts/chart\(index + 1).xml", text: chart) }
        return zip.finish()
    }

    /// `word/document.xml`, written a block at a time (a board pack's is hundreds of megabytes).
    func writeDocumentXML<Target: TextOutputStream>(to writer: inout BlockWriter<Target>,
                                                    more: (inout BlockWriter<Target>) throws(OfficeWriteError) -> Void) throws(OfficeWriteError) {
        var document = XMLText.declaration
        document += "<w:document xmlns:w=\"\(Self.wordNamespace)\" xmlns:r=\"\(OfficePackageWriting.officeRelationship)\""
        document += " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
        document += " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
        document += " xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"><w:body>"
        writer.output.write(document)
        for block in blocks { try writer.write(block) }
        try more(&writer)
        writer.output.write(Self.sectionProperties(writer.orientation) + "</w:body></w:document>")
    }

    /// Writes blocks as `word/document.xml` holds them, keeping what runs on from one block to the next:
    /// the page orientation, and the charts (each its own part, numbered in order).
    public struct BlockWriter<Target: TextOutputStream> {
        var output: Target
        var orientation: Orientation
        var charts: [String] = []

        public mutating func write(_ block: Block) throws(OfficeWriteError) {
            switch block {
            case .heading(let level, let text):
                let style = level < 1 ? "Title" : "Heading\(min(level, 3))"
                output.write("<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/></w:pPr>\(WordDraft.runs([Run(text)]))</w:p>")
            case .paragraph(let runs):
                output.write("<w:p>\(WordDraft.runs(runs))</w:p>")
            case .bullet(let runs):
                output.write("<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>")
                output.write("\(WordDraft.runs(runs))</w:p>")
            case .table(let table):
                WordDraft.writeTableXML(table, width: WordDraft.textWidth(orientation), to: &output)
            case .chart(let chart):
                charts.append(try chart.chartXML())
                output.write(chart.drawingXML(number: charts.count, width: WordDraft.textWidth(orientation)))
            case .pageBreak:
                output.write("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>")
            case .section(let next):
                // A section ends with a paragraph holding its properties; the next starts on a new page.
                output.write("<w:p><w:pPr>\(WordDraft.sectionProperties(orientation))</w:pPr></w:p>")
                orientation = next
            }
        }
    }

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// A4 in this orientation, with the margins.
    static func sectionProperties(_ orientation: Orientation) -> String {
        let size = orientation == .portrait
            ? "<w:pgSz w:w=\"\(pageWidth)\" w:h=\"\(pageHeight)\"/>"
            : "<w:pgSz w:w=\"\(pageHeight)\" w:h=\"\(pageWidth)\" w:orient=\"landscape\"/>"
        return "<w:sectPr>\(size)<w:pgMar w:top=\"\(margin)\" w:right=\"\(margin)\" w:bottom=\"\(margin)\" w:left=\"\(margin)\""
            + " w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>"
    }

    /// Runs of text: bold and italic as run properties, line breaks as `w:br`, tabs as `w:tab`.
    static func runs(_ runs: [Run], bold: Bool = false) -> String {
        var xml = ""
        for run in runs {
            let properties = (run.isBold || bold ? "<w:b/>" : "") + (run.isItalic ? "<w:i/>" : "")
            xml += "<w:r>" + (properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>")
            let lines = XMLText.cleaned(run.text).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() {
                if index > 0 { xml += "<w:br/>" }
                let pieces = line.split(separator: "\t", omittingEmptySubsequences: false)
                for (position, piece) in pieces.enumerated() {
                    if position > 0 { xml += "<w:tab/>" }
                    if !piece.isEmpty { xml += "<w:t xml:space=\"preserve\">\(XMLText.escaped(String(piece)))</w:t>" }
                }
            }
            xml += "</w:r>"
        }
        return xml
    }

    /// A caption paragraph (kept with the table), then the table: fixed column widths from the weights,
    /// borders, the header row repeated on each page and marked as a header, cell shading.
    /// A table with neither header nor rows is left out (its caption stays).
    /// Written a row at a time.
    static func writeTableXML<Target: TextOutputStream>(_ table: Table, width: Int, to output: inout Target) {
        let columns = max(table.header.count, table.rows.map(\.count).max() ?? 0, 1)
        var weights = (table.columnWeights ?? []).map { $0.isFinite && $0 > 0 ? $0 : 0 }
        if weights.count != columns || weights.allSatisfy({ $0 == 0 }) { weights = [Double](repeating: 1, count: columns) }
        let total = weights.reduce(0, +)
        let widths = weights.map { max(Int(Double(width) * $0 / total), 300) }
        var xml = ""
        let caption = XMLText.cleaned(table.caption)
        if !caption.isEmpty {
            xml += "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/><w:keepNext/></w:pPr>\(runs([Run(caption)]))</w:p>"
        }
        // Word calls a table without rows damaged: a table with neither header nor rows leaves only its caption.
        guard !table.header.isEmpty || !table.rows.isEmpty else { output.write(xml); return }
        xml += "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>"
        let line = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\""
        xml += "<w:tblBorders><w:top \(line)/><w:left \(line)/><w:bottom \(line)/><w:right \(line)/>"
        xml += "<w:insideH \(line)/><w:insideV \(line)/></w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        xml += "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>"
        if !caption.isEmpty { xml += "<w:tblCaption w:val=\"\(XMLText.attribute(caption))\"/>" }
        xml += "</w:tblPr><w:tblGrid>"
        for width in widths { xml += "<w:gridCol w:w=\"\(width)\"/>" }
        xml += "</w:tblGrid>"
        if !table.header.isEmpty {
            xml += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            for column in 0..<columns {
                xml += cellXML(column < table.header.count ? table.header[column] : Cell(""), width: widths[column], bold: true)
            }
            xml += "</w:tr>"
        }
        output.write(xml)
        for row in table.rows {
            var xml = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for column in 0..<columns {
                xml += cellXML(column < row.count ? row[column] : Cell(""), width: widths[column], bold: false)
            }
            output.write(xml + "</w:tr>")
        }
        // A paragraph after the table, so two tables in a row stay two tables.
        output.write("</w:tbl><w:p/>")
    }

    static func cellXML(_ cell: Cell, width: Int, bold: Bool) -> String {
        var xml = "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if let shading = cell.shading { xml += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(shading)\"/>" }
        xml += "</w:tcPr>"
        let lines = XMLText.cleaned(cell.text).split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            xml += "<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr>\(runs(line.isEmpty ? [] : [Run(String(line))], bold: cell.isBold || bold))</w:p>"
        }
        return xml + "</w:tc>"
    }
}
