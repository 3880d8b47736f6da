import Foundation
import Testing
@testable import PlanInterchange
@testable import PlanKit
import TestSupport

/// Layouts a newcomer met on a first try (issue 25, the second pass): a theme column in words, a header repeated
/// down the table, a coloured status cell with words beside a comment column, a progress column of RAG words and
/// the team's own words, a header deep under an introduction, and Excel's d-mmm-yy dates.
extension UnseenLayoutFixtureTests {
    @Test(arguments: [Layout.Format.csv, .xlsx, .docx])
    func aThemeColumnInWordsIsNumberedByPlaceAndCarriedDown(format: Layout.Format) throws {
        let grid: [[FixtureCell]] = [
            Self.cells("Theme", "No.", "Action", "Lead", "Deadline"),
            Self.cells("Governance", "1", "Refresh the board's terms of reference", "Head of Service", "March 2020"),
            Self.cells("", "2", "Induct new board members", "Board Chair", "April 2020"),
            Self.cells("Education, training and employment", "3", "Audit education plans", "ETE Lead", "May 2020"),
            Self.cells("Governance", "4", "Review attendance", "Board Chair", "June 2020"),
            Self.cells("LM", "5", "Appoint a service manager", "Director", "July 2020"),
        ]
        let plan = try Self.run(Self.file(grid, format), format).plan
        #expect(plan.actions.map(\.theme) == ["1", "1", "2", "1", "LM"])
        #expect(plan.themes.map(\.title) == ["Governance", "Education, training and employment", "Theme LM"])
    }

    @Test(arguments: [Layout.Format.csv, .xlsx])
    func theHeaderRepeatedDownTheTableIsNoAction(format: Layout.Format) throws {
        let grid: [[FixtureCell]] = [
            Self.cells("No.", "Action", "Lead", "Deadline"),
            Self.cells("1", "Refresh the terms of reference", "Head of Service", "March 2020"),
            Self.cells("No.", "Action", "Lead", "Deadline"),
            Self.cells("2", "Induct new board members", "Board Chair", "April 2020"),
        ]
        let plan = try Self.run(Self.file(grid, format), format).plan
        #expect(plan.actions.map(\.id) == ["1", "2"])
    }

    @Test(arguments: [Layout.Format.xlsx, .docx])
    func aColouredStatusCellsWordsLeadTheCommentBesideIt(format: Layout.Format) throws {
        let grid: [[FixtureCell]] = [
            Self.cells("No.", "Action", "RAG", "Progress update"),
            Self.cells("1", "Refresh the terms of reference") + [FixtureCell("Delayed", fill: "FF0000")] + Self.cells("Chair away until May"),
            Self.cells("2", "Induct new board members") + [FixtureCell("AMBER - on hold")] + Self.cells("Waiting for nominations"),
        ]
        let plan = try Self.run(Self.file(grid, format), format).plan
        #expect(Self.status(plan.actions[0]) == "RED")
        #expect(plan.actions[0].history.last?.comment == "Delayed – Chair away until May")
        #expect(Self.status(plan.actions[1]) == "AMBER")
        #expect(plan.actions[1].history.last?.comment == "on hold – Waiting for nominations")
    }

    @Test func aProgressColumnOfRAGWordsAndTheTeamsOwnIsTheStatusWithANote() throws {
        let grid: [[FixtureCell]] = [
            Self.cells("No.", "Action", "Progress"),
            Self.cells("1", "Refresh the terms of reference", "Red"),
            Self.cells("2", "Induct new board members", "Amber"),
            Self.cells("3", "Review attendance", "Not started"),
            Self.cells("4", "Appoint a chair", "On hold"),
        ]
        let outcome = try Self.run(Self.file(grid, .csv), .csv)
        #expect(outcome.plan.actions.map(Self.status) == ["RED", "AMBER", nil, nil])
        #expect(outcome.plan.actions[2].history.last?.comment == "Not started")
        #expect(outcome.notes.contains(.statusWordsKept(count: 2, words: ["Not started", "On hold"], scheme: ["BLUE", "RED", "AMBER", "GREEN"])))
    }

    @Test func aHeaderUnderTwentyRowsOfIntroductionIsFound() throws {
        var grid: [[FixtureCell]] = [Self.cells("Youth Justice Improvement Plan 2020")]
        for line in 1...20 { grid.append(Self.cells("Introduction paragraph \(line) about the inspection and the board.")) }
        grid += [Self.cells("Ref", "Action", "Lead", "Deadline"), Self.cells("1", "Refresh the terms of reference", "Head of Service", "31-Mar-20")]
        let outcome = try Self.run(Self.file(grid, .csv), .csv)
        #expect(outcome.plan.actions.map(\.id) == ["1"])
        // Excel's d-mmm-yy: the day, not a milestone.
        #expect(outcome.plan.actions[0].deadline == .day(CalendarDate(iso: "2020-03-31")!))
        #expect(outcome.plan.title == "Youth Justice Improvement Plan 2020")
    }
}

extension UnseenLayoutFixtureTests {
    /// A recommendation written before each Word table (a paragraph) or in a row above a table's header: the
    /// table's actions answer it, and its words are the recommendation's text.
    @Test func aRecommendationNamedAboveATableIsWhatItsActionsAnswer() throws {
        let first = WordFixture.table(grid: [
            Self.cells("No.", "Action", "Lead"),
            Self.cells("1.1", "Refresh the terms of reference", "Head of Service"),
            Self.cells("1.2", "Induct new board members", "Board Chair"),
        ], columns: 3)
        let second = WordFixture.table(grid: [
            [FixtureCell("Recommendation 2: Improve the quality of assessments", span: 3)],
            Self.cells("No.", "Action", "Lead"),
            Self.cells("2.1", "Audit assessments quarterly", "Practice Lead"),
        ], columns: 3)
        let bytes = try WordFixture.document(body: WordFixture.paragraph("Improvement plan")
            + WordFixture.paragraph("Recommendation 1: Strengthen the board's leadership") + first
            + WordFixture.paragraph("Progress is reported monthly.") + second)
        let plan = try Self.run(bytes, .docx).plan
        #expect(plan.actions.map(\.recommendations) == [["Recommendation 1"], ["Recommendation 1"], ["Recommendation 2"]])
        #expect(plan.recommendations.map(\.text) == ["Strengthen the board's leadership", "Improve the quality of assessments"])
        // A recommendation row above a header is no title row.
        #expect(plan.title == "Unseen")
    }
}

extension UnseenLayoutFixtureTests {
    /// A header of words no plan uses: read wholly by what its columns hold, each decision a note (and a header
    /// of short words over rows of short words is still no table: nothing there reads as actions).
    @Test func aHeaderOfUnknownWordsIsReadByWhatItsColumnsHold() throws {
        let grid: [[FixtureCell]] = [
            Self.cells("Foo", "Bar", "Baz", "Qux"),
            Self.cells("1", "Review the board membership and terms of reference", "Jo Smith", "Mar 2020"),
            Self.cells("2", "Audit the case files for quality assurance", "Ann Lee", "Apr 2020"),
        ]
        let outcome = try Self.run(Self.file(grid, .csv), .csv)
        #expect(Self.lines(outcome.plan) == ["1 | Review the board membership and terms of reference | Jo Smith | 2020-03 | ",
                                              "2 | Audit the case files for quality assurance | Ann Lee | 2020-04 | "])
        #expect(outcome.notes.contains(.columnReadByContent(place: "Bar", header: "Bar", field: "action", reason: "its cells are sentences")))
        let short: [[FixtureCell]] = [Self.cells("Ref", "Zorb", "Who"), Self.cells("1", "do x", "Ann Lee"), Self.cells("2", "do y", "Bob Ray")]
        #expect(throws: ImportError.self) { try Self.run(Self.file(short, .csv), .csv) }
    }
}

extension UnseenLayoutFixtureTests {
    /// Objectives as section rows over blank cells of an Objective column, each followed by a row of the
    /// recommendations it answers (Portsmouth's layout pasted into one sheet).
    @Test func sectionRowsOfObjectivesAndTheirLinkedRecommendations() throws {
        let grid: [[FixtureCell]] = [
            Self.cells("Objective", "No.", "Action", "Lead", "Date updated"),
            Self.cells("Objective 1 – An effective YOT Board", "", "", "", ""),
            Self.cells("Linked HMIP Recommendations: 1 & 2", "", "", "", ""),
            Self.cells("", "1.1", "Secure long-term chairing arrangements", "Chief Executive", "03/08/2021"),
            Self.cells("", "1.2", "Secure representation from health", "Director of Public Health", "3 Aug 2021"),
            Self.cells("Objective 2 – Staffing", "", "", "", ""),
            Self.cells("", "2.1", "Recruit case managers", "HR Manager", ""),
        ]
        let plan = try Self.run(Self.file(grid, .csv), .csv) { $0.importer.mapping["date updated"] = .statusDate }.plan
        #expect(plan.actions.map(\.theme) == ["1", "1", "2"])
        #expect(plan.themes.map(\.title) == ["An effective YOT Board", "Staffing"])
        #expect(plan.themes[0].recommendations == ["Recommendation 1", "Recommendation 2"])
    }

    @Test func aStatusDateColumnInDayMonthYearIsRead() throws {
        let grid: [[FixtureCell]] = [
            Self.cells("No.", "Action", "RAG", "Date updated"),
            Self.cells("1", "Secure chairing", "GREEN", "03/08/2021"),
            Self.cells("2", "Secure representation", "AMBER", "3 Aug 2021"),
        ]
        let plan = try Self.run(Self.file(grid, .csv), .csv) { $0.importer.mapping["date updated"] = .statusDate }.plan
        #expect(plan.actions.map { $0.history.last?.date.description } == ["2021-08-03", "2021-08-03"])
    }

    @Test func idsExcelTurnedIntoTheSameNumberSayHowToKeepThem() throws {
        let grid: [[FixtureCell]] = [
            Self.cells("No.", "Action"),
            Self.cells("1.1", "Secure chairing"),
            Self.cells("1.2", "Secure representation"),
            Self.cells("1.1", "Induct members"),
        ]
        do {
            _ = try Self.run(Self.file(grid, .csv), .csv)
            Issue.record("two actions with one id imported")
        } catch let ImportError.badRows(_, problems) {
            #expect(problems.first?.message == "the id 1.1 is also at row 2; give each action its own id (if Excel turned 1.10 into 1.1, format the ID column as Text and type the ids again)")
        }
    }
}
