import Testing
@testable import PlanKit
@testable import PlanReports

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

@Suite("Long overdue lists written a part at a time")
struct LongOverdueListTests {
    @Test func aLongGroupWrittenInPartsIsTheSameAsWrittenWhole() throws {
        let scheme = RAGScheme.default
        var items: [DeadlineItem] = []
        for number in 0..<5000 {
            let action = Action(id: "A \(number)", theme: "T", text: "Action number \(number) with a text of some length",
                                leads: ["YOT Manager"], deadline: Deadline(planText: "2019-0\(number % 9 + 1)"))
            items.append(DeadlineItem(planID: "p", themePosition: 0, themeHeading: "p · theme T", action: action,
                                      milestone: number % 3 == 0 ? Milestone(title: "Step \(number)", deadline: Deadline(planText: "2019-01")) : nil,
                                      deadline: Deadline(planText: "2019-01")!, daysOverdue: number % 400,
                                      status: number % 2 == 0 ? scheme.levels[1] : nil))
        }
        var report = OverdueReport(plan: try loadExample("blackpool-2019.json"), asOf: CalendarDate(iso: "2019-06-01")!)
        report.overdue = items
        var written = ""
        report.writeText(grouping: .lead, width: nil, style: TextStyle(usesColour: false), to: &written)
        // The same table built whole.
        var table = TextTable(headers: ["ID", "DEADLINE", "OVERDUE", "STATUS", "WHAT"], flexibleColumn: 4)
        table.rows = items.map { item in
            [.init(item.action.id), .init(item.deadline.displayText), .init("\(item.daysOverdue) \(item.daysOverdue == 1 ? "day" : "days")"),
             .init(item.status?.code ?? "-"), .init(item.what)]
        }
        var whole = ""
        table.render(width: nil, style: TextStyle(usesColour: false), indent: "  ", to: &whole)
        #expect(written == report.countLine + "\n\nYOT Manager\n" + whole)
    }
}
