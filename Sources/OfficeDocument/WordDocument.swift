/// The tables of a Word document (`.docx`, WordprocessingML), each with the
/// paragraphs written before it, as a reader of the page sees them.
public struct WordDocument: Sendable {
    public var tables: [DocumentTable]
    /// The paragraphs after the last table.
    public var trailingParagraphs: [String]

    /// Reads a `.docx` file's bytes.
    public init(bytes: [UInt8]) throws(OfficeFailure) {
        let (archive, mainPart) = try OfficePackage.open(bytes, expected: .word)
        // The main part is found through the package's relationships, as Word does; word/document.xml otherwise.
        let main = mainPart ?? "word/document.xml"
        guard let root = try OfficePackage.xml(archive, main) else { throw .damaged("the package has no \(main)") }
        let folder = main.split(separator: "/").dropLast().joined(separator: "/")
        let styles = try OfficePackage.xml(archive, (folder.isEmpty ? "" : folder + "/") + "styles.xml")
        var reader = BodyReader(listStyles: Self.listStyles(styles))
        guard let body = root.first("body") else { throw .damaged("\(main) has no body") }
        reader.read(body)
        if reader.cellCount > Workbook.cellLimit {
            let rows = reader.tables.reduce(0) { $0 + $1.rows.count }
            throw .tooManyCells(part: main, rows: rows, columns: reader.cellCount / max(1, rows))
        }
        tables = reader.tables
        trailingParagraphs = reader.pending
    }

    /// The ids of paragraph styles that number or bullet their paragraphs (directly or through the styles they are based on).
    static func listStyles(_ styles: XMLElement?) -> Set<String> {
        guard let styles else { return [] }
        var basedOn: [String: String] = [:]
        var numbered: Set<String> = []
        for style in styles.elements("style") where style.attribute("type") == "paragraph" {
            guard let id = style.attribute("styleId") else { continue }
            if let parent = style.first("basedOn")?.attribute("val") { basedOn[id] = parent }
            if let numId = style.first("pPr")?.first("numPr")?.first("numId")?.attribute("val"), numId != "0" { numbered.insert(id) }
        }
        var result: Set<String> = []
        for id in basedOn.keys.sorted() + numbered.sorted() {
            var current: String? = id
            var seen: Set<String> = []
            while let style = current, !seen.contains(style) {
                if numbered.contains(style) { result.insert(id); break }
                seen.insert(style)
                current = basedOn[style]
            }
        }
        return result
    }

    struct BodyReader {
        let listStyles: Set<String>
        var tables: [DocumentTable] = []
        var pending: [String] = []
        /// Cells spread so far; past the limit no more are made (merged cells multiply them).
        var cellCount = 0
        /// How far each numbered list has counted, per level.
        var numberCounts: [String: [Int]] = [:]
        /// The number Word shows on the latest numbered paragraph without words.
        var emptyNumbered: String?

        mutating func read(_ container: XMLElement) {
            for child in container.elements {
                switch child.name {
                case "p":
                    let paragraph = self.paragraph(child)
                    if !paragraph.text.isEmpty { pending.append(paragraph.text) }
                case "tbl":
                    tables.append(table(child, name: "table \(tables.count + 1)", headings: pending))
                    pending = []
                case "sdt": if let content = child.first("sdtContent") { read(content) }
                case "customXml", "smartTag", "ins": read(child)
                default: break
                }
            }
        }

        /// A paragraph's text and whether it is a list item. Runs, hyperlinks, fields' results and
        /// tracked insertions count; deleted text, hidden text, drawings and text boxes do not.
        mutating func paragraph(_ element: XMLElement) -> DocumentParagraph {
            var text = ""
            func collect(_ node: XMLElement) {
                for child in node.elements {
                    switch child.name {
                    case "t": text += child.text
                    case "tab", "ptab": text += "\t"
                    case "br", "cr": text += "\n"
                    case "noBreakHyphen": text += "-"
                    case "pPr", "rPr", "del", "drawing", "pict", "object", "AlternateContent", "instrText", "delText", "fldData": break
                    // Hidden text (a run marked vanish) is not on the page.
                    case "r" where child.first("rPr")?.first("vanish").map { $0.attribute("val") != "0" && $0.attribute("val") != "false" } == true: break
                    default: collect(child)
                    }
                }
            }
            collect(element)
            var level: Int?
            let properties = element.first("pPr")
            if let numbering = properties?.first("numPr"), let numID = numbering.first("numId")?.attribute("val"), numID != "0" {
                let depth = min(max(Int(numbering.first("ilvl")?.attribute("val") ?? "0") ?? 0, 0), 8)
                level = depth
                // Counted per list and level as Word counts (1, 2, …; 1.1 below), for a cell that holds only the number.
                var counts = numberCounts[numID] ?? []
                while counts.count <= depth { counts.append(0) }
                counts[depth] += 1
                counts.removeSubrange((depth + 1)...)
                numberCounts[numID] = counts
                if text.allSatisfy(\.isWhitespace) { emptyNumbered = counts.map(String.init).joined(separator: ".") }
            } else if let style = properties?.first("pStyle")?.attribute("val"), listStyles.contains(style) || style.hasPrefix("ListBullet") || style.hasPrefix("ListNumber") {
                level = 0
            }
            var paragraph = DocumentParagraph(line: text)
            if paragraph.listLevel == nil { paragraph.listLevel = level }
            return paragraph
        }

        /// A cell's paragraphs (nested tables' paragraphs included, in order), blank ones left out.
        mutating func paragraphs(_ container: XMLElement) -> [DocumentParagraph] {
            var result: [DocumentParagraph] = []
            // A cell whose only content is an automatically numbered empty paragraph (an ID column numbered
            // by Word) reads as the number Word shows (1, 2, …; 1.1 below); an empty bullet elsewhere is nothing.
            let outer = emptyNumbered
            emptyNumbered = nil
            defer { emptyNumbered = outer }
            for child in container.elements {
                switch child.name {
                case "p":
                    // A line break inside a paragraph (Shift+Enter) starts a line a reader takes as a paragraph.
                    let paragraph = self.paragraph(child)
                    let lines = paragraph.text.split(separator: "\n")
                    if lines.count <= 1 {
                        if !paragraph.text.isEmpty { result.append(paragraph) }
                        continue
                    }
                    result.append(DocumentParagraph(text: String(lines[0]), listLevel: paragraph.listLevel))
                    for line in lines.dropFirst() {
                        let piece = DocumentParagraph(line: String(line))
                        if !piece.text.isEmpty { result.append(piece) }
                    }
                case "tbl":
                    for row in child.elements("tr") { for cell in row.elements("tc") { result += paragraphs(cell) } }
                case "sdt": if let content = child.first("sdtContent") { result += paragraphs(content) }
                case "customXml", "ins": result += paragraphs(child)
                default: break
                }
            }
            if result.isEmpty, let number = emptyNumbered { result = [DocumentParagraph(text: number)] }
            return result
        }

        /// The table on its grid: merged cells spread over the rows and columns they cover.
        mutating func table(_ element: XMLElement, name: String, headings: [String]) -> DocumentTable {
            func flatten(_ container: XMLElement, _ wanted: String) -> [XMLElement] {
                container.elements.flatMap { child -> [XMLElement] in
                    if child.name == wanted { return [child] }
                    if child.name == "sdt" { return child.first("sdtContent").map { flatten($0, wanted) } ?? [] }
                    if child.name == "customXml" { return flatten(child, wanted) }
                    return []
                }
            }
            let gridColumns = element.first("tblGrid")?.elements("gridCol").count ?? 0
            var rows: [DocumentRow] = []
            var previous: [DocumentCell] = []
            for (index, row) in flatten(element, "tr").enumerated() {
                var cells: [DocumentCell] = []
                let before = Int(row.first("trPr")?.first("gridBefore")?.attribute("val") ?? "") ?? 0
                cells += Array(repeating: DocumentCell(), count: max(0, min(before, 64)))
                var realCells = 0
                for cell in flatten(row, "tc") {
                    if cellCount + cells.count > Workbook.cellLimit { break }
                    let properties = cell.first("tcPr")
                    let span = max(1, min(Int(properties?.first("gridSpan")?.attribute("val") ?? "") ?? 1, 64))
                    let column = cells.count
                    var content = DocumentCell(paragraphs: paragraphs(cell), fill: Self.fill(properties))
                    if let merge = properties?.first("vMerge"), merge.attribute("val") != "restart", column < previous.count {
                        content = previous[column]
                        content.continuesAbove = true
                    }
                    realCells += 1
                    cells.append(content)
                    for _ in 1..<span {
                        var covered = DocumentCell(fill: content.fill, continuesAbove: content.continuesAbove, continuesLeft: true)
                        covered.paragraphs = []
                        cells.append(covered)
                    }
                }
                cellCount += cells.count
                if cellCount > Workbook.cellLimit { break }
                let width = max(gridColumns, cells.count)
                let spansAll = realCells == 1 && width > 1 && cells.count >= width && cells.dropFirst().allSatisfy(\.continuesLeft)
                rows.append(DocumentRow(number: index + 1, cells: cells, spansAllColumns: spansAll))
                previous = cells
            }
            return DocumentTable(name: name, headings: headings, rows: rows)
        }

        /// A cell's solid shading colour; "auto" and pattern-only shading have none.
        static func fill(_ properties: XMLElement?) -> RGBColour? {
            guard let shading = properties?.first("shd"), let fill = shading.attribute("fill") else { return nil }
            return RGBColour(hex: fill)
        }
    }
}
