import Testing
@testable import PlanKit

@Suite("Terminal tables")
struct TextTableTests {
    func rendered(_ table: TextTable, width: Int? = nil, indent: String = "") -> [String] {
        var text = ""
        table.render(width: width, style: TextStyle(usesColour: false), indent: indent, to: &text)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func columnsAlignByCharactersNotBytes() {
        var table = TextTable(headers: ["ID", "WHAT"])
        table.rows = [[.init("Café"), .init("é → ü")], [.init("LM 7"), .init("plain")], [.init("x"), .init("last")]]
        let lines = rendered(table, indent: "  ")
        #expect(lines == ["  ID    WHAT", "  Café  é → ü", "  LM 7  plain", "  x     last", ""])
    }

    @Test func theFlexibleColumnIsShortenedToTheWidth() {
        var table = TextTable(headers: ["ID", "WHAT"], flexibleColumn: 1)
        table.rows = [[.init("1.1"), .init("Évaluation des résultats pour les enfants et les familles")]]
        let lines = rendered(table, width: 24)
        #expect(lines[1] == "1.1  Évaluation des rés…")
        #expect(lines[1].count == 24)
    }

    @Test func wideCharactersTakeTwoColumnsAndMarksNone() {
        #expect(TextTable.characterCount("汉字") == 4)
        #expect(TextTable.characterCount("e\u{301}") == 1)
        #expect(TextTable.characterCount("a\u{200B}b") == 2)
        var table = TextTable(headers: ["ID", "WHAT"], flexibleColumn: 1)
        table.rows = [[.init("1.1"), .init(String(repeating: "汉字", count: 30))]]
        let lines = rendered(table, width: 30)
        #expect(lines.dropLast().allSatisfy { TextTable.characterCount($0) <= 30 }, "\(lines)")
        table.wrapsCells = true
        let wrapped = rendered(table, width: 30)
        #expect(wrapped.dropLast().allSatisfy { TextTable.characterCount($0) <= 30 }, "\(wrapped)")
        #expect(wrapped.count > 3)
    }

    @Test func controlCharactersBecomeSpaces() {
        #expect(TextTable.plain("a\u{1B}[31mb\tc\r\nd") == "ab c  d", "the escape sequence goes whole")
        #expect(TextTable.plain("plain text") == "plain text")
        #expect(TextTable.plain("caf\u{E9}\u{85}x") == "caf\u{E9} x")
    }
}
