import Foundation
import Testing
@testable import OfficeDocument
import TestSupport

/// Random workbooks and documents, written and read back with the project's own readers.
@Suite struct OfficeWritingRoundTripTests {
    /// Text of every awkward kind: XML's special characters, accents and emoji, tabs, line breaks
    /// (\r\n too), control characters (dropped), spaces at the ends.
    static func text(_ generator: inout SeededGenerator) -> String {
        let pieces = ["a", "Z", " ", "&", "<", ">", "\"", "'", "é", "ß", "日本", "👍🏽", "\t", "\n", "\r\n", "\u{1}", "\u{B}", "1.5", ",", "]]>"]
        return (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    /// What the reader gives back for a written text: control characters gone, \r\n as \n, blank lines and
    /// the spaces at each line's ends dropped (the reader's own tidying of cell text into paragraphs).
    static func expected(_ text: String) -> String {
        XMLText.cleaned(text).split(separator: "\n").map { DocumentParagraph(line: String($0)).text }.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    @Test func randomCellsReadBackAsWritten() throws {
        var generator = SeededGenerator(test: "randomCellsReadBackAsWritten")
        for round in 0..<20 {
            let columns = Int.random(in: 1...6, using: &generator)
            var rows: [[SpreadsheetDraft.Cell]] = [(0..<columns).map { SpreadsheetDraft.Cell(text: "H\($0)") }]
            var expected: [[String]] = [(0..<columns).map { "H\($0)" }]
            for _ in 0..<Int.random(in: 1...30, using: &generator) {
                var row: [SpreadsheetDraft.Cell] = [], texts: [String] = []
                for _ in 0..<columns {
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0:
                        let text = Self.text(&generator)
                        row.append(SpreadsheetDraft.Cell(text: text)); texts.append(Self.expected(text))
                    case 1:
                        let number = Double(Int.random(in: -100_000...100_000, using: &generator)) / 100
                        row.append(SpreadsheetDraft.Cell(.number(number))); texts.append(SpreadsheetDraft.number(number))
                    case 2:
                        let (y, m, d) = (Int.random(in: 1901...2099, using: &generator), Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator))
                        row.append(SpreadsheetDraft.Cell(.date(year: y, month: m, day: d)))
                        texts.append(String(format: "%04d-%02d-%02d", y, m, d))
                    default:
                        row.append(SpreadsheetDraft.Cell(.empty)); texts.append("")
                    }
                }
                rows.append(row)
                expected.append(texts)
            }
            let draft = SpreadsheetDraft(sheets: [SpreadsheetDraft.Sheet(name: "S\(round)", rows: rows)])
            let table = try Workbook(bytes: draft.xlsx()).table
            // The reader leaves out wholly blank rows and pads short ones.
            let read = table.rows.map { row in (0..<columns).map { $0 < row.cells.count ? row.cells[$0].text : "" } }
            #expect(read == expected.filter { $0.contains { !$0.isEmpty } }, "round \(round), seed \(generator.seed)")
        }
    }

    @Test func aLargeWorkbookIsWrittenAndReadBack() throws {
        let rows = (1...5_000).map { row in
            [SpreadsheetDraft.Cell(text: "A\(row)"), SpreadsheetDraft.Cell(text: "An action about topic \(row % 97) to finish"),
             SpreadsheetDraft.Cell(.number(Double(row))), SpreadsheetDraft.Cell(.date(year: 2026, month: row % 12 + 1, day: row % 28 + 1)),
             SpreadsheetDraft.Cell(text: ["Red", "Amber", "Green"][row % 3], style: SpreadsheetDraft.CellStyle(isLocked: false))]
        }
        let start = Date()
        let bytes = try SpreadsheetDraft(sheets: [SpreadsheetDraft.Sheet(name: "Actions", rows: rows, isProtected: true)]).xlsx()
        print("5,000 rows: \(bytes.count) bytes in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
        let table = try Workbook(bytes: bytes).table
        #expect(table.rows.count == 5_000)
        #expect(table.rows.last?.cells.map(\.text) == ["A5000", "An action about topic 53 to finish", "5000", "2026-09-17", "Green"])
        #expect(bytes.count < 200_000)
    }

    @Test func randomDocumentTablesReadBackAsWritten() throws {
        var generator = SeededGenerator(test: "randomDocumentTablesReadBackAsWritten")
        for round in 0..<10 {
            let columns = Int.random(in: 1...5, using: &generator)
            let header = (0..<columns).map { WordDraft.Cell("Heading \($0)") }
            let rows = (0..<Int.random(in: 1...15, using: &generator)).map { _ in
                (0..<columns).map { _ in WordDraft.Cell("x" + Self.text(&generator)) }
            }
            let draft = WordDraft(blocks: [.heading(level: 1, text: "Table \(round)"), .table(WordDraft.Table(caption: "Caption", header: header, rows: rows))])
            let table = try #require(try WordDocument(bytes: draft.docx()).tables.first)
            #expect(table.rows.count == rows.count + 1, "round \(round), seed \(generator.seed)")
            for (index, row) in rows.enumerated() where index + 1 < table.rows.count {
                #expect(table.rows[index + 1].cells.map(\.text) == row.map { Self.expected($0.text) }, "round \(round), seed \(generator.seed)")
            }
        }
    }
}
