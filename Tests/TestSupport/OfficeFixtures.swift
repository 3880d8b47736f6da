import Foundation

/// Minimal Word documents for tests, written as WordprocessingML by hand so
/// that one test can hold exactly the structure it is about.
public enum WordFixture {
    public static let namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// Escapes text for XML.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A paragraph; `list` makes it a numbered list item.
    public static func paragraph(_ text: String, list: Bool = false) -> String {
        let properties = list ? "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>" : ""
        return "<w:p>\(properties)<w:r><w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r></w:p>"
    }

    /// A table of plain cells, one paragraph per line of each cell's text; a cell written `#RRGGBB|text`
    /// is shaded in that colour.
    public static func table(_ rows: [[String]]) -> String {
        "<w:tbl><w:tblGrid>" + String(repeating: "<w:gridCol/>", count: rows.map(\.count).max() ?? 0) + "</w:tblGrid>"
            + rows.map { row in
                "<w:tr>" + row.map { cell in
                    var text = Substring(cell)
                    var properties = ""
                    if text.hasPrefix("#"), let bar = text.firstIndex(of: "|") {
                        properties = "<w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(text.dropFirst().prefix(upTo: bar))\"/></w:tcPr>"
                        text = text[text.index(after: bar)...]
                    }
                    return "<w:tc>\(properties)" + text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph(String($0)) }.joined() + "</w:tc>"
                }.joined() + "</w:tr>"
            }.joined() + "</w:tbl>"
    }

    /// A `.docx` package whose body is `body` (raw WordprocessingML).
    public static func document(body: String) throws -> [UInt8] {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<w:document xmlns:w=\"\(namespace)\"><w:body>\(body)</w:body></w:document>"
        return try ZipBuilder(entries: [
            .init(name: "[Content_Types].xml", data: Array("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8)),
            .init(name: "word/document.xml", data: Array(xml.utf8)),
        ]).bytes()
    }

    /// A `.docx` package of plain tables, each after a paragraph naming it.
    public static func document(tables: [[[String]]]) -> [UInt8] {
        (try? document(body: tables.map(table).joined(separator: paragraph("")))) ?? []
    }
}

/// Minimal Excel workbooks for tests, from a sheet's XML and optional styles and shared strings.
public enum SheetFixture {
    public static let namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    public static func workbook(sheets: [(name: String, xml: String)], styles: String? = nil, sharedStrings: [String] = [],
                                date1904: Bool = false) throws -> [UInt8] {
        let relationships = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
        let workbook = "<workbook xmlns=\"\(namespace)\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + (date1904 ? "<workbookPr date1904=\"1\"/>" : "")
            + "<sheets>" + sheets.indices.map { "<sheet name=\"\(sheets[$0].name)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined()
            + "</sheets></workbook>"
        var entries: [ZipBuilder.Entry] = [
            .init(name: "[Content_Types].xml", data: Array("<Types/>".utf8)),
            .init(name: "xl/workbook.xml", data: Array(workbook.utf8)),
            .init(name: "xl/_rels/workbook.xml.rels", data: Array("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(relationships)</Relationships>".utf8)),
        ]
        for (index, sheet) in sheets.enumerated() {
            entries.append(.init(name: "xl/worksheets/sheet\(index + 1).xml",
                                 data: Array("<worksheet xmlns=\"\(namespace)\">\(sheet.xml)</worksheet>".utf8)))
        }
        if let styles { entries.append(.init(name: "xl/styles.xml", data: Array("<styleSheet xmlns=\"\(namespace)\">\(styles)</styleSheet>".utf8))) }
        if !sharedStrings.isEmpty {
            entries.append(.init(name: "xl/sharedStrings.xml", data: Array(("<sst xmlns=\"\(namespace)\">" + sharedStrings.joined() + "</sst>").utf8)))
        }
        return try ZipBuilder(entries: entries).bytes()
    }
}
