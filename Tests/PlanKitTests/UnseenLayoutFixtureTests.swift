import Foundation
import Testing
@testable import PlanInterchange
@testable import PlanKit
import TestSupport

/// Issue 25's layouts written by hand, one small real-looking table per item (1, 3, 4, 5, 6 and 9), each imported
/// on the first try without flags and checked against rules R1–R5 (`docs/import.md`): the exact actions, ids,
/// recommendations and themes.
@Suite("Layouts no import has seen, by hand (issue 25)")
struct UnseenLayoutFixtureTests {
    static let importer = PlanImporter(planID: "u", title: "Unseen", organisation: "Council",
                                       inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2019-06")!),
                                       statusDate: CalendarDate(iso: "2020-04-30")!)

    /// The file of a table in a format: a Word document (after a heading paragraph), an Excel workbook of
    /// inline strings, or a CSV as Excel writes it (a merge is a blank cell there).
    static func file(_ grid: [[FixtureCell]], _ format: Layout.Format) throws -> [UInt8] {
        let width = grid.map { $0.reduce(0) { $0 + $1.span } }.max() ?? 0
        switch format {
        case .docx:
            return try WordFixture.document(body: WordFixture.paragraph("Improvement plan") + WordFixture.table(grid: grid, columns: width))
        case .xlsx:
            let sheet = SheetFixture.sheet(grid: grid, sharedStrings: false)
            return try SheetFixture.workbook(sheets: [("Plan", sheet.xml)], styles: sheet.styles)
        case .csv:
            let lines = grid.map { row in
                row.flatMap { [$0.mergeDown == .covered ? "" : $0.text] + Array(repeating: "", count: $0.span - 1) }
                    .map(LayoutTable.quoted).joined(separator: ",")
            }
            return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        }
    }

    static func run(_ bytes: [UInt8], _ format: Layout.Format, _ change: (inout ImportRequest) -> Void = { _ in }) throws -> ImportOutcome {
        var request = ImportRequest(input: "plan.\(format.rawValue)", importer: importer)
        change(&request)
        return try PlanImporter.run(request, read: { _ in bytes })
    }

    /// Each action as one line: id | text | leads | deadline | recommendations (themes are checked where a
    /// table gives them).
    static func lines(_ plan: Plan) -> [String] {
        plan.actions.map { action in
            [action.id, action.text, action.leads.joined(separator: ", "), action.deadline?.description ?? "-",
             action.recommendations.joined(separator: ", ")].joined(separator: " | ")
        }
    }

    static func status(_ action: Action) -> String? { action.history.last { $0.status != nil }?.status }

    static func cells(_ texts: String...) -> [FixtureCell] { texts.map { FixtureCell($0) } }

    // MARK: Item 1: several actions answer one recommendation

    /// A recommendation's number and words over its three actions: merged down (Word, Excel), left blank (CSV,
    /// Word) or repeated (CSV). The continuation rows are its further actions (R2: 2.12A, 2.12B, 2.12C; R3: each
    /// links to it), never duplicates or rows without an id.
    @Test(arguments: [(Layout.Format.docx, Layout.Continuation.merged), (.xlsx, .merged), (.csv, .blank), (.docx, .blank),
                      (.csv, .repeated), (.xlsx, .repeated)])
    func actionsUnderOneMergedOrBlankRecommendationAreItsLetteredActions(format: Layout.Format, continuation: Layout.Continuation) throws {
        func shared(_ text: String, _ place: Int) -> FixtureCell {
            switch continuation {
            case .merged: return FixtureCell(text, mergeDown: place == 0 ? .start : .covered)
            case .blank: return FixtureCell(place == 0 ? text : "")
            case .repeated: return FixtureCell(text)
            }
        }
        let recommendation = "2.12 Improve the quality and timeliness of assessments"
        let grid: [[FixtureCell]] = [
            Self.cells("No.", "Recommendation", "Action", "Lead", "Deadline"),
            [shared("2.12", 0), shared(recommendation, 0)] + Self.cells("Audit twenty assessments a quarter", "Practice Lead", "March 2020"),
            [shared("2.12", 1), shared(recommendation, 1)] + Self.cells("Run assessment workshops for all case managers", "Training Manager", "30/06/2020"),
            [shared("2.12", 2), shared(recommendation, 2)] + Self.cells("Report the audit findings to the board", "Head of Service", "September 2020"),
            Self.cells("2.13", "2.13 Strengthen management oversight of risk", "Introduce monthly risk panels", "Service Manager", "April 2020"),
        ]
        let plan = try Self.run(Self.file(grid, format), format).plan
        #expect(Self.lines(plan) == [
            "2.12A | Audit twenty assessments a quarter | Practice Lead | 2020-03 | Recommendation 2.12",
            "2.12B | Run assessment workshops for all case managers | Training Manager | 2020-06-30 | Recommendation 2.12",
            "2.12C | Report the audit findings to the board | Head of Service | 2020-09 | Recommendation 2.12",
            "2.13 | Introduce monthly risk panels | Service Manager | 2020-04 | Recommendation 2.13",
        ])
        #expect(plan.recommendations.map(\.id) == ["Recommendation 2.12", "Recommendation 2.13"])
        #expect(plan.recommendations.map(\.text) == ["Improve the quality and timeliness of assessments", "Strengthen management oversight of risk"])
    }

    /// Without an id column, the actions under one merged recommendation take its number and a letter (R2:
    /// 3A, 3B), and an action alone keeps the number (4).
    @Test(arguments: [Layout.Format.docx, .xlsx])
    func withoutIdsTheActionsOfAMergedRecommendationTakeItsNumberAndALetter(format: Layout.Format) throws {
        let recommendation = "3. Work with children is reviewed regularly by managers"
        let grid: [[FixtureCell]] = [
            Self.cells("Inspection recommendation", "Actions required", "Responsible officer", "Target date"),
            [FixtureCell(recommendation, mergeDown: .start)] + Self.cells("Introduce monthly case audits", "Team Manager", "May 2020"),
            [FixtureCell(recommendation, mergeDown: .covered)] + Self.cells("Add audit findings to supervision records", "Service Manager", "July 2020"),
            Self.cells("4. Victims are offered restorative work", "Contact every victim within ten days", "Victim Lead", "June 2020"),
        ]
        let plan = try Self.run(Self.file(grid, format), format).plan
        #expect(Self.lines(plan) == [
            "3A | Introduce monthly case audits | Team Manager | 2020-05 | Recommendation 3",
            "3B | Add audit findings to supervision records | Service Manager | 2020-07 | Recommendation 3",
            "4 | Contact every victim within ten days | Victim Lead | 2020-06 | Recommendation 4",
        ])
    }

    // MARK: Item 3: no id column at all

    /// A row per recommendation whose action cell is only bullets: each bullet is an action, named by the
    /// recommendation's number (R2: 1A, 1B; 2A, 2B, 2C) and linked to it (R3).
    @Test(arguments: Layout.Format.allCases)
    func aRowPerRecommendationOfBulletsGivesAnActionPerBullet(format: Layout.Format) throws {
        let grid: [[FixtureCell]] = [
            Self.cells("Recommendation", "Actions", "Lead", "Timescale"),
            Self.cells("1. Board members understand their role in holding the service to account",
                       "• Deliver an induction for every board member\n• Agree a board development plan", "Board Chair", "June 2020"),
            Self.cells("2. Case managers plan for the safety of victims",
                       "• Revise the victim safety planning template\n• Audit victim safety plans every quarter\n• Train staff in the revised template",
                       "Victim Lead", "September 2020"),
        ]
        let plan = try Self.run(Self.file(grid, format), format).plan
        #expect(Self.lines(plan) == [
            "1A | Deliver an induction for every board member | Board Chair | 2020-06 | Recommendation 1",
            "1B | Agree a board development plan | Board Chair | 2020-06 | Recommendation 1",
            "2A | Revise the victim safety planning template | Victim Lead | 2020-09 | Recommendation 2",
            "2B | Audit victim safety plans every quarter | Victim Lead | 2020-09 | Recommendation 2",
            "2C | Train staff in the revised template | Victim Lead | 2020-09 | Recommendation 2",
        ])
        #expect(plan.recommendations.map(\.text) == ["Board members understand their role in holding the service to account",
                                                      "Case managers plan for the safety of victims"])
    }

    /// A table of recommendation / desired outcome / detail / RAG: no Action header and no id. "Detail" is the
    /// actions, "Desired outcome" their outcomes; each action takes its recommendation's place as its id (R2, R3:
    /// words without a number are numbered by their place).
    @Test(arguments: Layout.Format.allCases)
    func aTableOfRecommendationOutcomeDetailAndRAGIsReadByWhatItHolds(format: Layout.Format) throws {
        let grid: [[FixtureCell]] = [
            Self.cells("Recommendation", "Desired outcome", "Detail", "RAG"),
            Self.cells("Improve the timeliness of assessments", "Every assessment is completed within twenty working days",
                       "Introduce a weekly tracker of assessments due, reviewed by team managers in supervision", "AMBER"),
            Self.cells("Involve children in writing their own plans", "Children say they helped to write their plan",
                       "Case managers complete plans with the child present and record the child's own words", "GREEN"),
        ]
        let outcome = try Self.run(Self.file(grid, format), format)
        let plan = outcome.plan
        #expect(Self.lines(plan) == [
            "1 | Introduce a weekly tracker of assessments due, reviewed by team managers in supervision |  | - | Recommendation 1",
            "2 | Case managers complete plans with the child present and record the child's own words |  | - | Recommendation 2",
        ])
        #expect(plan.actions.map(Self.status) == ["AMBER", "GREEN"])
        #expect(plan.actions.map(\.outcomes) == [["Every assessment is completed within twenty working days"],
                                                 ["Children say they helped to write their plan"]])
        #expect(plan.recommendations.map(\.text) == ["Improve the timeliness of assessments", "Involve children in writing their own plans"])
        #expect(!outcome.notes.contains { if case .columnNotRead = $0 { true } else { false } }, "\(outcome.notes)")
    }

    // MARK: Item 4: the recommendation is a column in the inspectorate's words

    /// A recommendation column under the headers inspectorates and reports use: its words are the plan's
    /// recommendations (ids from the number each cell starts with) and every action links to its own.
    @Test(arguments: ["Recommendation", "Finding", "Area for improvement", "Inspection recommendation", "Priority for improvement"])
    func aRecommendationColumnInTheInspectoratesWordsGivesRecommendationsAndLinks(header: String) throws {
        let grid: [[FixtureCell]] = [
            Self.cells("ID", header, "Action", "Lead", "Deadline"),
            Self.cells("1.1", "1. Strengthen partnership oversight of the service", "Refresh the board's terms of reference", "Board Chair", "March 2020"),
            Self.cells("1.2", "1. Strengthen partnership oversight of the service", "Add partner attendance to the board's dashboard", "Performance Manager", "April 2020"),
            Self.cells("2.1", "2. Improve the quality of out-of-court work", "Review the out-of-court disposal panel's decisions", "Police Lead", "May 2020"),
        ]
        let outcome = try Self.run(Self.file(grid, .csv), .csv)
        #expect(Self.lines(outcome.plan) == [
            "1.1 | Refresh the board's terms of reference | Board Chair | 2020-03 | Recommendation 1",
            "1.2 | Add partner attendance to the board's dashboard | Performance Manager | 2020-04 | Recommendation 1",
            "2.1 | Review the out-of-court disposal panel's decisions | Police Lead | 2020-05 | Recommendation 2",
        ])
        #expect(outcome.plan.recommendations.map(\.id) == ["Recommendation 1", "Recommendation 2"])
        #expect(outcome.plan.recommendations.map(\.text) == ["Strengthen partnership oversight of the service", "Improve the quality of out-of-court work"])
        #expect(outcome.notes.contains(.recommendationsFromWords(count: 2)))
        #expect(!outcome.notes.contains { if case .recommendationsWithoutText = $0 { true } else { false } })
    }

    // MARK: Item 5: section rows

    /// Section rows, merged across the table in Word and Excel or only their first cell filled in Excel and CSV,
    /// give the same themes in every format (R4): `Theme 1: Title`, `2 – Title` by their numbers, and words alone
    /// by their place among the sections.
    @Test(arguments: [(Layout.Format.docx, true), (.xlsx, true), (.docx, false), (.xlsx, false), (.csv, false)])
    func sectionRowsAreTheSameThemesInWordExcelAndCSV(format: Layout.Format, mergedAcross: Bool) throws {
        func section(_ text: String) -> [FixtureCell] {
            mergedAcross ? [FixtureCell(text, span: 5)] : [FixtureCell(text)] + Self.cells("", "", "", "")
        }
        let grid: [[FixtureCell]] = [
            Self.cells("Ref", "Action", "Lead", "Deadline", "RAG"),
            section("Theme 1: Governance and leadership"),
            Self.cells("1.1", "Refresh the board's terms of reference", "Board Chair", "March 2020", "GREEN"),
            Self.cells("1.2", "Agree a partnership performance dashboard", "Performance Manager", "April 2020", "AMBER"),
            section("2 – Quality of practice"),
            Self.cells("2.1", "Audit the quality of pre-sentence reports", "Practice Lead", "June 2020", "RED"),
            section("Working with victims"),
            Self.cells("3.1", "Offer every victim a restorative intervention", "Victim Lead", "July 2020", "AMBER"),
        ]
        let plan = try Self.run(Self.file(grid, format), format).plan
        #expect(Self.lines(plan) == [
            "1.1 | Refresh the board's terms of reference | Board Chair | 2020-03 | ",
            "1.2 | Agree a partnership performance dashboard | Performance Manager | 2020-04 | ",
            "2.1 | Audit the quality of pre-sentence reports | Practice Lead | 2020-06 | ",
            "3.1 | Offer every victim a restorative intervention | Victim Lead | 2020-07 | ",
        ])
        #expect(plan.actions.map(\.theme) == ["1", "1", "2", "3"])
        #expect(plan.themes.map(\.id) == ["1", "2", "3"])
        #expect(plan.themes.map(\.title) == ["Governance and leadership", "Quality of practice", "Working with victims"])
        #expect(plan.actions.map(Self.status) == ["GREEN", "AMBER", "RED", "AMBER"])
    }

    // MARK: Item 6: common headers

    /// The headers councils write for leads, deadlines, updates, evidence and outcomes, and a blank header over
    /// the id column: every column is read, none is left unread.
    @Test(arguments: Layout.Format.allCases)
    func commonHeadersAndABlankHeaderOverTheIdsAreRead(format: Layout.Format) throws {
        let grid: [[FixtureCell]] = [
            Self.cells("", "Action", "Lead Officer / Agency", "Planned Completion Date", "Update", "Evidence", "Desired outcome"),
            Self.cells("YJ1", "Refresh the board's terms of reference", "Board Chair / Council", "31/03/2020", "Draft shared with partners",
                       "Board minutes, March 2020", "The board holds partners to account"),
            Self.cells("YJ2", "Audit the quality of pre-sentence reports", "Practice Lead", "30/06/2020", "Audit tool agreed",
                       "Audit report", "Reports meet national standards"),
        ]
        let outcome = try Self.run(Self.file(grid, format), format)
        #expect(Self.lines(outcome.plan) == [
            "YJ1 | Refresh the board's terms of reference | Board Chair, Council | 2020-03-31 | ",
            "YJ2 | Audit the quality of pre-sentence reports | Practice Lead | 2020-06-30 | ",
        ])
        #expect(outcome.plan.actions.map { $0.history.last?.comment } == ["Draft shared with partners", "Audit tool agreed"])
        #expect(outcome.plan.actions.map(\.evidence) == ["Board minutes, March 2020", "Audit report"])
        #expect(outcome.plan.actions.map(\.outcomes) == [["The board holds partners to account"], ["Reports meet national standards"]])
        #expect(!outcome.notes.contains { if case .columnNotRead = $0 { true } else { false } })
        #expect(!outcome.notes.contains { if case .columnWithoutHeader = $0 { true } else { false } })
        #expect(outcome.notes.contains { note in
            if case .columnReadByContent(_, let header, let field, _) = note { return header.isEmpty && field == "id" }
            return false
        })
    }

    /// "Responsible", "Owner" and "Target date", the other words for a lead and a deadline.
    @Test(arguments: ["Responsible", "Owner"])
    func responsibleOwnerAndTargetDateAreLeadsAndDeadlines(lead: String) throws {
        let grid: [[FixtureCell]] = [
            Self.cells("No.", "Action", lead, "Target date"),
            Self.cells("1", "Publish the youth justice plan", "Head of Service", "August 2020"),
        ]
        let plan = try Self.run(Self.file(grid, .csv), .csv).plan
        #expect(Self.lines(plan) == ["1 | Publish the youth justice plan | Head of Service | 2020-08 | "])
    }

    // MARK: Item 9: notes agree with each other and with the plan

    /// A Word document of a version table, then an action table under a title row: the notes name the table
    /// read with as many actions as the plan has, and the version table as skipped by its own first row, never
    /// the title row as a table's start.
    @Test func notesCountTheActionsThePlanHasAndNameNoTitleRowAsATablesStart() throws {
        let version = WordFixture.table([["Version", "Date", "Author"], ["1.2", "April 2020", "Head of Service"]])
        let actions = WordFixture.table(grid: [
            [FixtureCell("Youth Justice Improvement Plan 2020", span: 4)],
            Self.cells("Ref", "Action", "Lead", "Deadline"),
            Self.cells("1", "Refresh the board's terms of reference", "Board Chair", "March 2020"),
            Self.cells("2", "Audit the quality of pre-sentence reports", "Practice Lead", "June 2020"),
        ], columns: 4)
        let bytes = try WordFixture.document(body: version + WordFixture.paragraph("") + actions)
        let outcome = try Self.run(bytes, .docx)
        #expect(outcome.plan.actions.map(\.id) == ["1", "2"])
        let read = outcome.notes.compactMap { note -> [ImportNote.TableCount]? in if case .tablesRead(let tables) = note { tables } else { nil } }
        #expect(read == [[ImportNote.TableCount(name: "table 2", actions: 2)]])
        let skipped = outcome.notes.compactMap { note -> [String]? in if case .tableSkipped(_, let start) = note { start } else { nil } }
        #expect(skipped == [["Version", "Date", "Author"]])
        #expect(!skipped.joined().contains("Youth Justice Improvement Plan 2020"))
    }

    /// With `skipBadRows`, the table's note counts the actions written, not the rows read: the plan's two
    /// actions, with the third row (no action text) skipped.
    @Test func aSkippedRowIsNotCountedAmongATablesActions() throws {
        let grid: [[FixtureCell]] = [
            Self.cells("Ref", "Action", "Lead", "Deadline"),
            Self.cells("1", "Refresh the board's terms of reference", "Board Chair", "March 2020"),
            Self.cells("2", "", "Practice Lead", "June 2020"),
            Self.cells("3", "Offer every victim a restorative intervention", "Victim Lead", "July 2020"),
        ]
        let outcome = try Self.run(Self.file(grid, .docx), .docx) { $0.importer.skipBadRows = true }
        #expect(outcome.plan.actions.map(\.id) == ["1", "3"])
        #expect(outcome.skipped.count == 1)
        #expect(outcome.notes.contains(.tablesRead([ImportNote.TableCount(name: "table 1", actions: 2)])))
    }

    /// A `--map` of a column of sentences to `id` is refused, naming the column and the first row (counted as the
    /// sheet shows it, under a title row) that shows it.
    @Test func aColumnOfSentencesMappedToIdIsRefused() throws {
        let grid: [[FixtureCell]] = [
            Self.cells("Improvement plan", "", ""),
            Self.cells("Description", "Action", "Lead"),
            Self.cells("Improve the quality of assessments across the whole service", "Audit twenty assessments a quarter", "Practice Lead"),
            Self.cells("Strengthen the board's oversight of the partnership", "Refresh the board's terms of reference", "Board Chair"),
        ]
        #expect(throws: ImportError.mappedIDsAreSentences(file: "plan.csv", column: "Description", row: 3,
                                                          value: "Improve the quality of assessments across the whole service")) {
            try Self.run(Self.file(grid, .csv), .csv) { $0.importer.mapping["description"] = .id }
        }
    }
}
