import Foundation
import OfficeDocument
import Testing
import TestSupport
@testable import PlanKit
@testable import PlanInterchange

/// How `improve import` reads the words inside cells (issue 25, items 2, 7, 8): the lettering of a
/// recommendation's actions in one cell, completion written in words, and deadlines in words.
@Suite("The words inside a council's cells")
struct CellReadingTests {
    func importer() -> PlanImporter {
        PlanImporter(planID: "c", title: "Cells", organisation: "O",
                     inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2019-11")!), statusDate: date("2020-01-31"))
    }

    /// The plan a Word document of these tables gives.
    func word(_ tables: [[[String]]]) throws -> PlanImporter.Result {
        try importer().importDocument(WordFixture.document(tables: tables), file: "t.docx", source: .word)
    }

    func csv(_ text: String) throws -> PlanImporter.Result {
        try importer().importPlan(text, file: "t.csv")
    }

    /// The overdue actions of a plan on a day, as `improve overdue` lists them.
    func overdue(_ plan: Plan, asOf: String) throws -> [String] {
        var query = ActionQuery(asOf: date(asOf))
        query.overdueOnly = true
        return try query.run(on: [plan]).filter(\.isOverdue).map(\.action.id).sorted()
    }

    // MARK: Item 1 – lettering styles

    /// Every way a council letters the actions of one recommendation, as a label for the action at `place` (0 = first).
    static let styles: [(name: String, label: @Sendable (Int) -> String)] = [
        ("A:", { "\(letter($0)): " }),
        ("a)", { "\(letter($0).lowercased())) " }),
        ("A.", { "\(letter($0)). " }),
        ("A -", { "\(letter($0)) - " }),
        ("(a)", { "(\(letter($0).lowercased())) " }),
        ("(1a)", { "(1\(letter($0).lowercased())) " }),
        ("1a.", { "1\(letter($0).lowercased()). " }),
        ("1a)", { "1\(letter($0).lowercased())) " }),
        ("a.", { "\(letter($0).lowercased()). " }),
        ("i)", { "\(roman($0 + 1))) " }),
        ("(ii)", { "(\(roman($0 + 1))) " }),
        ("iii.", { "\(roman($0 + 1)). " }),
    ]

    static func letter(_ place: Int) -> String { String(UnicodeScalar(UInt8(65 + place))) }
    static func roman(_ value: Int) -> String {
        ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"][value]
    }

    @Test(arguments: styles.indices)
    func everyLetteringStyleGivesTheRowsNumberAndACapitalLetter(style: Int) throws {
        let label = Self.styles[style].label
        let cell = { (words: [String]) in words.enumerated().map { label($0.offset) + $0.element }.joined(separator: "\n") }
        let result = try word([[
            ["ID", "Action", "Lead", "Deadline"],
            ["1", "The board will:\n" + cell(["meet monthly", "publish minutes", "review the terms"]),
             cell(["Jo Bloggs", "Sam Patel", "Head of Service"]), cell(["March 2020", "June 2020", "Sep 2020"])],
        ]])
        let actions = result.plan.actions
        #expect(actions.map(\.id) == ["1A", "1B", "1C"], "\(Self.styles[style].name)")
        #expect(actions.map(\.text) == ["meet monthly", "publish minutes", "review the terms"])
        // Leads and deadlines lettered the same way are matched by letter.
        #expect(actions.map(\.leads) == [["Jo Bloggs"], ["Sam Patel"], ["Head of Service"]], "\(Self.styles[style].name)")
        #expect(actions.map(\.deadline) == ["2020-03", "2020-06", "2020-09"].map { Deadline(planText: $0) })
        #expect(result.plan.recommendations.map(\.text) == ["The board will:"])
        #expect(result.letteredRows == 1 && result.letteredActions == 3)
    }

    /// A CSV or Excel cell holds its lines in one paragraph: they are lettered as a Word cell's paragraphs are.
    @Test func aSpreadsheetsCellsAreLetteredLineByLine() throws {
        let result = try csv("""
        ID,Action,Lead,Deadline
        1,"The board will:
        (a) meet monthly
        (b) publish minutes","(a) Jo Bloggs
        (b) Sam Patel","(a) March 2020
        (b) June 2020"
        2,"i) agree a budget
        ii) spend it
        iii) report on it","i) Treasurer
        ii) Chair",Dec 2020
        3,"1a. Market Street office to open","1a. Market Street",Dec 2020
        4,"a) plan
        b) do","a. N. Other",Dec 2020
        """)
        let plan = result.plan
        #expect(plan.actions.map(\.id) == ["1A", "1B", "2A", "2B", "2C", "3", "4A", "4B"])
        #expect(plan.actions.map(\.leads) == [["Jo Bloggs"], ["Sam Patel"], ["Treasurer"], ["Chair"], [], ["1a. Market Street"], ["a. N. Other"], ["a. N. Other"]])
        #expect(plan.action(id: "1B")?.deadline == Deadline(planText: "2020-06") && plan.action(id: "2C")?.deadline == Deadline(planText: "2020-12"))
        #expect(plan.action(id: "3")?.text == "1a. Market Street office to open")
        #expect(plan.recommendations.first { $0.id == "Recommendation 1" }?.text == "The board will:")
    }

    @Test func romanNumeralsInOrderAreTheActionsPlacesButAfterLettersIIsTheNinth() {
        func letters(_ text: String) -> [[String]] { TableReader.lettered(DocumentCell(paragraphs: text.split(separator: "\n").map { DocumentParagraph(text: String($0)) })).map(\.letters) }
        #expect(letters("i) one\nii) two\niii) three") == [["A"], ["B"], ["C"]])
        #expect(letters("(i) one\n(ii) two\n(iii) three\n(iv) four") == [["A"], ["B"], ["C"], ["D"]])
        #expect(letters("I. One thing to do\nII. Another thing to do") == [["A"], ["B"]])
        #expect(letters("a) 1\nb) 2\nc) 3\nd) 4\ne) 5\nf) 6\ng) 7\nh) 8\ni) 9") == "ABCDEFGHI".map { [String($0)] })
        #expect(letters("i) one\nj) two") == [["I"], ["J"]])
        // Out of order numerals are not roman, and "ii" is no letter: one label is not a lettered cell.
        #expect(letters("ii) two\ni) one").isEmpty)
        // A lead cell in a roman row is read in roman: i) is the first action's.
        let lettering = TableReader.lettering(DocumentCell(paragraphs: ["i) one", "ii) two"].map { DocumentParagraph(text: $0) }))
        #expect(lettering.roman && lettering.number == nil)
        #expect(TableReader.letters(of: CellLabel("i) Jo Bloggs")!, in: RowLabelling(roman: true, numbers: ["1"])) == ["A"])
        #expect(TableReader.letters(of: CellLabel("i) Jo Bloggs")!, in: RowLabelling(roman: false, numbers: ["1"])) == ["I"])
    }

    @Test func aLabelsNumberNamesARowWithoutOneAndTheRowsOwnNumberWins() throws {
        let result = try word([[
            ["ID", "Action", "Lead"],
            ["", "(2a) meet monthly\n(2b) publish minutes", "(2a) Jo Bloggs\n(2b) Sam Patel"],
            ["3", "4a. agree a budget\n4b. spend it", "Chair"],
        ]])
        #expect(result.plan.actions.map(\.id) == ["2A", "2B", "3A", "3B"])
        #expect(result.plan.actions.map(\.recommendations) == [["Recommendation 2"], ["Recommendation 2"], ["Recommendation 3"], ["Recommendation 3"]])
        #expect(result.plan.actions.map(\.leads) == [["Jo Bloggs"], ["Sam Patel"], ["Chair"], ["Chair"]])
        #expect(result.plan.actions.map(\.text) == ["meet monthly", "publish minutes", "agree a budget", "spend it"])
    }

    @Test func namesInitialsAddressesAndYearsAreNotLabels() throws {
        #expect(CellLabel("a. N. Other") == nil && CellLabel("A. N. Other") == nil)
        #expect(CellLabel("i.e. the manager") == nil && CellLabel("i. e. the manager") == nil)
        #expect(CellLabel("A. Patel") == nil && CellLabel("C. Brown – Head of Service") == nil)
        #expect(CellLabel("2020. Review the plan") == nil && CellLabel("(2021) budget agreed") == nil && CellLabel("2019a. x") == nil)
        #expect(CellLabel("1st. meeting") == nil && CellLabel("12th March") == nil && CellLabel("Action: do it") == nil)
        #expect(CellLabel("(1a) meet")?.number == "1" && CellLabel("1a. Market Street")?.strong == false)
        let result = try word([[
            ["ID", "Action", "Lead"],
            // A number-carrying label for another recommendation is an address, every letter's.
            ["3", "(a) meet monthly\n(b) publish minutes", "1a. Market Street"],
            // Initials and "i.e." in a lead cell are the lead's words.
            ["4", "a. agree a budget\nb. spend it", "a. N. Other"],
            ["5", "i) plan\nii) do", "i.e. the manager"],
            // One label alone is the action's own wording; numbered years are not letters.
            ["6", "a) Maintain the register", "Ann"],
            ["7", "2019. Review\n2020. Review again", "Ann"],
        ]])
        let plan = result.plan
        #expect(plan.actions.map(\.id) == ["3A", "3B", "4A", "4B", "5A", "5B", "6", "7"])
        #expect(plan.action(id: "3A")?.leads == ["1a. Market Street"] && plan.action(id: "3B")?.leads == ["1a. Market Street"])
        #expect(plan.action(id: "4B")?.leads == ["a. N. Other"] && plan.action(id: "5A")?.leads == ["i.e. the manager"])
        #expect(plan.action(id: "6")?.text == "a) Maintain the register")
        #expect(plan.action(id: "7")?.text == "2019. Review\n2020. Review again")
    }

    /// Random lettered rows: every style, 2 to 6 actions, each with a lead and deadline cell lettered the
    /// same way or not at all, some with an intro, some without an id (the label's number naming it).
    @Test func generatedLetteredRowsReadBackEveryActionLeadAndDeadline() throws {
        var random = SeededGenerator(test: "generatedLetteredRowsReadBackEveryActionLeadAndDeadline")
        var rows: [[String]] = [["ID", "Action", "Lead", "Deadline"]]
        var expected: [(id: String, text: String, lead: String, deadline: String)] = []
        var cells = 0
        for number in 1...90 {
            let style = Int.random(in: 0..<Self.styles.count, using: &random)
            let count = Int.random(in: 2...6, using: &random)
            let numbered = Self.styles[style].name.hasPrefix("(1") || Self.styles[style].name.hasPrefix("1")
            let withoutID = numbered && Bool.random(using: &random)
            // A numbered label carries the row's number.
            let label: (Int) -> String = { place in
                let written = Self.styles[style].label(place)
                return numbered ? written.replacingOccurrences(of: "1", with: "\(number)") : written
            }
            let letteredLead = Bool.random(using: &random), letteredDeadline = Bool.random(using: &random)
            let texts = (0..<count).map { "do thing \(number) \($0)" }
            let leads = (0..<count).map { "Officer \(number) \($0)" }
            let months = (0..<count).map { "\(CalendarMonth.shortNames[($0 + number) % 12]) 2021" }
            let intro = Bool.random(using: &random) ? "The board will:\n" : ""
            rows.append([
                withoutID ? "" : "\(number)",
                intro + texts.indices.map { label($0) + texts[$0] }.joined(separator: "\n"),
                letteredLead ? leads.indices.map { label($0) + leads[$0] }.joined(separator: "\n") : "Officer \(number)",
                letteredDeadline ? months.indices.map { label($0) + months[$0] }.joined(separator: "\n") : "Dec 2021",
            ])
            cells += 3
            for place in 0..<count {
                expected.append(("\(number)\(Self.letter(place))", texts[place], letteredLead ? leads[place] : "Officer \(number)",
                                 letteredDeadline ? months[place] : "Dec 2021"))
            }
        }
        #expect(cells >= 200)
        let plan = try word([rows]).plan
        #expect(plan.actions.map(\.id) == expected.map(\.id), "seed \(random.seed)")
        for (action, wanted) in zip(plan.actions, expected) {
            #expect(action.text == wanted.text, "\(action.id), seed \(random.seed)")
            #expect(action.leads == [wanted.lead], "\(action.id), seed \(random.seed)")
            #expect(action.deadline == (try? DeadlineCell(wanted.deadline))?.deadline, "\(action.id), seed \(random.seed)")
        }
    }

    // MARK: Item 7 – completion in words

    @Test(arguments: ["Action completed.", "Completed March 2013", "Complete – evidence on file", "Achieved – new panel in place",
                      "Achieved.", "Done: minutes published", "Signed off by the Board in May", "ACTION COMPLETE",
                      "12/03/2013 – Action completed", "Completed- staff trained", "Achieved\nMinutes on the shared drive"])
    func aCellThatStartsBySayingItIsDoneIsComplete(text: String) {
        #expect(RAGScheme.saysComplete(text))
    }

    @Test(arguments: ["Completion of the audit is due in May", "Complete the audit by May", "Completely new approach agreed",
                      "Not yet completed", "Partially achieved", "Audit due.\nAction completed.", "Doneness", "Work to be completed by May"])
    func wordsThatDoNotSayItIsDoneAreAComment(text: String) {
        #expect(!RAGScheme.saysComplete(text))
    }

    @Test func theLatestDatedParagraphOfALogOfUpdatesIsTheOneRead() {
        #expect(RAGScheme.saysComplete("01/02/2013 – audit started\n12/03/2013 – Action completed"))
        #expect(!RAGScheme.saysComplete("12/03/2013 – Action completed\n01/04/2013 – reopened after review"))
        #expect(RAGScheme.saysComplete("Mar 2013: Completed\nJan 2013: started"))
    }

    @Test func completionInAStatusOrCommentCellIsTheCompleteLevelAndNeverOverdue() throws {
        let result = try csv("""
        ID,Action,Deadline,RAG,Comment
        1,Status cell,Mar 2013,Action completed.,
        2,Comment cell,Mar 2013,,Completed March 2013 – panel met
        3,Dash,Mar 2013,Complete – evidence on file,
        4,Done,Mar 2013,,"Done: minutes published
        Next review in June"
        5,Signed,Mar 2013,Signed off by the Board,
        6,Noun,Mar 2013,,Completion of the audit is due in May
        7,Order,Mar 2013,Complete the audit by May,
        8,Coded,Mar 2013,AMBER – completed phase one,
        9,Later paragraph,Mar 2013,,"Audit due.
        Action completed."
        """)
        let plan = result.plan
        func status(_ id: String) -> String? { plan.action(id: id)?.history.last?.status }
        for id in ["1", "2", "3", "4", "5"] { #expect(status(id) == "GREEN", "\(id)") }
        // The cell's whole words are the comment.
        #expect(plan.action(id: "2")?.history.last?.comment == "Completed March 2013 – panel met")
        #expect(plan.action(id: "4")?.history.last?.comment == "Done: minutes published\nNext review in June")
        #expect(status("6") == nil && status("7") == nil && status("9") == nil)
        // A level's code wins over the words after it.
        #expect(status("8") == "AMBER")
        // Done is never overdue; the rest are.
        #expect(try overdue(plan, asOf: "2020-03-01") == ["6", "7", "8", "9"])
    }

    @Test func completionInAWordDocumentsProgressCell() throws {
        let result = try word([[
            ["Ref", "Action", "Timescale", "Progress"],
            ["1", "Agree terms of reference", "Mar 2013", "Action completed. Terms agreed at the May board."],
            ["2", "Publish minutes", "Mar 2013", "Completion of the minutes is due in May"],
        ]])
        #expect(result.plan.action(id: "1")?.history.last?.status == "GREEN")
        #expect(result.plan.action(id: "1")?.history.last?.comment == "Action completed. Terms agreed at the May board.")
        #expect(result.plan.action(id: "2")?.history.last?.status == nil)
        #expect(try overdue(result.plan, asOf: "2020-03-01") == ["2"])
    }

    @Test func theProgressScaleRecordsItsOwnCompleteLevel() throws {
        var importer = importer()
        importer.scheme = .progress
        let plan = try importer.importPlan("ID,Action,RAG\n1,x,Action completed.\n2,y,Some progress\n", file: "p.csv").plan
        #expect(plan.action(id: "1")?.history.last?.status == "DONE" && plan.action(id: "2")?.history.last?.status == "SOME")
    }

    // MARK: Item 8 – deadlines in words

    @Test(arguments: ["When funding is agreed", "Immediate", "Immediately", "Autumn 2020", "6 months", "N/A", "Quarterly",
                      "Within 6-8 weeks of approval", "End of March", "Q3", "Soon"])
    func aDeadlineInWordsIsKeptWithoutADate(text: String) throws {
        let cell = try DeadlineCell(text)
        #expect(cell.deadline == nil && cell.deadlineText == text && cell.milestones.isEmpty)
    }

    @Test(arguments: ["31/13/2020", "Feb 30 2021", "31st Febuary 2019", "Phase 2", "Autumn 1850", "30/2"])
    func aBrokenDateIsStillRefused(text: String) {
        #expect(throws: DeadlineCell.Unreadable.self) { try DeadlineCell(text) }
    }

    @Test func ongoingAndTbcKeepTheirOwnDeadlines() throws {
        #expect(try DeadlineCell("Ongoing").deadline == .ongoing && DeadlineCell("TBC").deadline == .toBeConfirmed)
    }

    @Test func deadlinesInWordsKeepTheirRowsAreNotedAndAreNeverOverdue() throws {
        let csv = """
        ID,Action,Deadline
        1,Dated,Mar 2019
        2,Funding,When funding is agreed
        3,Now,Immediate
        4,Season,Autumn 2020
        5,Length,6 months
        6,Not applicable,N/A
        7,Recurring,Quarterly
        8,Done,Achieved
        """
        let result = try self.csv(csv)
        let plan = result.plan
        #expect(plan.actions.count == 8)
        #expect(result.deadlinesInWords == ["2", "3", "4", "5", "6", "7"], "a completion word is a status, not a deadline in words")
        #expect(plan.action(id: "2")?.deadlineText == "When funding is agreed" && plan.action(id: "2")?.deadline == nil)
        #expect(PlanValidator.problems(in: plan, file: "x", latestRecordable: testToday.latestRecordable).filter { $0.severity == .error }.isEmpty)
        #expect(try overdue(plan, asOf: "2025-01-01") == ["1"])
        // The run's notes list them.
        let outcome = try PlanImporter.run(ImportRequest(input: "t.csv", importer: importer())) { _ in Array(csv.utf8) }
        #expect(outcome.notes.contains(.deadlinesInWords(ids: ["2", "3", "4", "5", "6", "7"])))
    }

    @Test func aWordDocumentsDeadlineInWordsKeepsItsLetteredRow() throws {
        let result = try word([[
            ["ID", "Action", "Timescale"],
            ["1", "a) agree funding\nb) recruit", "a) When funding is agreed\nb) Sep 2020"],
            ["2", "Start at once", "Immediately"],
        ]])
        #expect(result.plan.actions.map(\.id) == ["1A", "1B", "2"])
        #expect(result.deadlinesInWords == ["1A", "2"])
        #expect(result.plan.action(id: "1A")?.deadlineText == "When funding is agreed")
        #expect(result.plan.action(id: "1B")?.deadline == Deadline(planText: "2020-09"))
    }
}
