/// A chart as a native Word chart: a DrawingML chart part
/// (`word/charts/chartN.xml`) holding its own values, and the inline drawing
/// in the text that shows it, whose `descr` is the alternative text.
///
/// Each segment carries a data label with its value (zeros left blank), in
/// black or white by the lightness of its colour, so the chart reads without
/// telling colours apart. The values are kept in the chart's caches; no
/// workbook is embedded, so Word draws the chart but "Edit Data" has nothing
/// to open.
extension WordDraft.Chart {
    static let namespaces = "xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\""
        + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
        + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    /// The chart part.
    func chartXML() throws(OfficeWriteError) -> String {
        for entry in series where entry.values.count != categories.count {
            throw .chartShape(chart: title, series: entry.name, values: entry.values.count, categories: categories.count)
        }
        let horizontal = kind == .stackedBars
        var xml = XMLText.declaration + "<c:chartSpace \(Self.namespaces)><c:roundedCorners val=\"0\"/><c:chart>"
        if !title.isEmpty { xml += "<c:title>\(Self.rich(title, size: 1400))<c:overlay val=\"0\"/></c:title>" }
        xml += "<c:autoTitleDeleted val=\"\(title.isEmpty ? 1 : 0)\"/><c:plotArea><c:layout/>"
        xml += "<c:barChart><c:barDir val=\"\(horizontal ? "bar" : "col")\"/><c:grouping val=\"stacked\"/><c:varyColors val=\"0\"/>"
        let last = categories.count + 1
        for (index, entry) in series.enumerated() {
            let column = Workbook.columnName(index + 2)
            xml += "<c:ser><c:idx val=\"\(index)\"/><c:order val=\"\(index)\"/>"
            xml += "<c:tx><c:strRef><c:f>Sheet1!$\(column)$1</c:f>\(Self.stringCache([entry.name]))</c:strRef></c:tx>"
            xml += "<c:spPr><a:solidFill><a:srgbClr val=\"\(entry.colour)\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
            let labelColour = Self.labelColour(on: entry.colour)
            xml += "<c:dLbls><c:numFmt formatCode=\"General;-General;;\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
            xml += "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"900\" b=\"1\"><a:solidFill><a:srgbClr val=\"\(labelColour)\"/>"
            xml += "</a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang=\"en-GB\"/></a:p></c:txPr><c:dLblPos val=\"ctr\"/>"
            xml += "<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/>"
            xml += "<c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
            xml += "<c:cat><c:strRef><c:f>Sheet1!$A$2:$A$\(last)</c:f>\(Self.stringCache(categories))</c:strRef></c:cat>"
            xml += "<c:val><c:numRef><c:f>Sheet1!$\(column)$2:$\(column)$\(last)</c:f><c:numCache><c:formatCode>General</c:formatCode>"
            xml += "<c:ptCount val=\"\(entry.values.count)\"/>"
            for (point, value) in entry.values.enumerated() where value.isFinite {
                xml += "<c:pt idx=\"\(point)\"><c:v>\(SpreadsheetDraft.number(value))</c:v></c:pt>"
            }
            xml += "</c:numCache></c:numRef></c:val></c:ser>"
        }
        xml += "<c:gapWidth val=\"60\"/><c:overlap val=\"100\"/><c:axId val=\"500000001\"/><c:axId val=\"500000002\"/></c:barChart>"
        xml += "<c:catAx><c:axId val=\"500000001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/>"
        xml += "<c:axPos val=\"\(horizontal ? "l" : "b")\"/>"
        if !categoryAxisTitle.isEmpty { xml += "<c:title>\(Self.rich(categoryAxisTitle, size: 1000))<c:overlay val=\"0\"/></c:title>" }
        xml += "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
        xml += "<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"500000002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/>"
        xml += "<c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>"
        xml += "<c:valAx><c:axId val=\"500000002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling><c:delete val=\"0\"/>"
        xml += "<c:axPos val=\"\(horizontal ? "b" : "l")\"/><c:majorGridlines/>"
        if !valueAxisTitle.isEmpty { xml += "<c:title>\(Self.rich(valueAxisTitle, size: 1000))<c:overlay val=\"0\"/></c:title>" }
        xml += "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
        xml += "<c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"500000001\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>"
        xml += "</c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>"
        xml += "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart></c:chartSpace>"
        return xml
    }

    /// Black or white, whichever contrasts more with a fill (by WCAG relative luminance:
    /// black on amber and yellow, white on red, green and blue).
    static func labelColour(on fill: RGBColour) -> String {
        func linear(_ channel: UInt8) -> Double {
            let value = Double(channel) / 255
            guard value > 0.039_28 else { return value / 12.92 }
            // x^2.4, near enough as x^2.375 = x² · x^¼ · x^⅛ (square roots only: this module has no Foundation).
            let x = (value + 0.055) / 1.055
            let fourth = x.squareRoot().squareRoot()
            return x * x * fourth * fourth.squareRoot()
        }
        let luminance = 0.2126 * linear(fill.red) + 0.7152 * linear(fill.green) + 0.0722 * linear(fill.blue)
        // Contrast with black (L + 0.05) / 0.05 beats contrast with white 1.05 / (L + 0.05) above L ≈ 0.179.
        return luminance > 0.179 ? "000000" : "FFFFFF"
    }

    /// A title's rich text.
    static func rich(_ text: String, size: Int) -> String {
        "<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"\(size)\" b=\"1\"/></a:pPr>"
            + "<a:r><a:rPr lang=\"en-GB\" sz=\"\(size)\" b=\"1\"/><a:t>\(XMLText.escaped(text))</a:t></a:r></a:p></c:rich></c:tx>"
    }

    static func stringCache(_ texts: [String]) -> String {
        var xml = "<c:strCache><c:ptCount val=\"\(texts.count)\"/>"
        for (index, text) in texts.enumerated() { xml += "<c:pt idx=\"\(index)\"><c:v>\(XMLText.escaped(text))</c:v></c:pt>" }
        return xml + "</c:strCache>"
    }

    /// The paragraph showing chart `number`, as wide as the text, with the description as its alternative text.
    func drawingXML(number: Int, width: Int) -> String {
        let emuWidth = width * 635  // 914,400 EMU an inch, 1,440 twips an inch
        let perCategory = kind == .stackedBars ? 330_000 : 0
        // At most 13.9 cm: on a landscape A4 page (17 cm of text) the chart stays on the page of its
        // heading, with its caption and the first rows of its table (at 55% of the width it took a page alone).
        let height = min(max(emuWidth * 40 / 100, 1_400_000 + perCategory * categories.count), 5_000_000)
        var xml = "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
        xml += "<wp:extent cx=\"\(emuWidth)\" cy=\"\(height)\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
        xml += "<wp:docPr id=\"\(number)\" name=\"Chart \(number)\" title=\"\(XMLText.attribute(title))\" descr=\"\(XMLText.attribute(description))\"/>"
        xml += "<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
        xml += "<c:chart r:id=\"rIdChart\(number)\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        return xml
    }
}
