import Testing
@testable import PlanKit

@Suite("Reading deadline cells as plans write them")
struct DeadlineCellTests {
    func month(_ text: String) -> Deadline { Deadline(planText: text)! }

    @Test(arguments: [
        ("Feb 2019", "2019-02", nil as String?),
        ("Sept 2019", "2019-09", nil),
        ("31st Mar 2019", "2019-03-31", nil),
        ("7th Feb 2019", "2019-02-07", nil),
        ("2019-04", "2019-04", nil),
        ("31/03/2019", "2019-03-31", nil),
        ("Mar 2019 then ongoing", "2019-03", "Mar 2019 then ongoing"),
        ("Jun 2019 and then biannually", "2019-06", "Jun 2019 and then biannually"),
        ("Ongoing", "ongoing", nil),
        ("Ongoing - review Jun 2019", "2019-06", "Ongoing - review Jun 2019"),
        ("Ongoing – links with 3.1", "ongoing", "Ongoing – links with 3.1"),
        ("Tbc", "tbc", nil),
        ("Tbc (roll out due Summer 2016)", "tbc", "Tbc (roll out due Summer 2016)"),
        // Forms councils' own documents use: short years, dots and dashes, quarters, financial years, spans, revisions.
        ("31/3/20", "2020-03-31", nil),
        ("31.03.2020", "2020-03-31", nil),
        ("31-03-2020", "2020-03-31", nil),
        ("Mar-20", "2020-03", nil),
        ("Sept 20", "2020-09", nil),
        ("Q2 2020/21", "2020-09", "Q2 2020/21"),
        ("Q4 2019-20", "2020-03", "Q4 2019-20"),
        ("Quarter 1 2020", "2020-03", "Quarter 1 2020"),
        ("2020/21", "2021-03", "2020/21"),
        ("Apr-Jun 2020", "2020-06", "Apr-Jun 2020"),
        ("June/July 2020", "2020-07", "June/July 2020"),
        ("Jan 2021 - Mar 2021", "2021-03", "Jan 2021 - Mar 2021"),
        ("Dec 2020\nrevised to Mar 2021", "2021-03", "Dec 2020\nrevised to Mar 2021"),
        ("Dec 2020 (revised to Mar 2021).", "2021-03", "Dec 2020 (revised to Mar 2021)."),
        ("Jun 2021, extended from Mar 2021", "2021-06", "Jun 2021, extended from Mar 2021"),
        ("Mar 2021 - Jan 2021", "2021-03", "Mar 2021 - Jan 2021"),
        ("31/12/99", "1999-12-31", nil),
        ("Mar '20", "2020-03", nil),
        ("2020-21", "2021-03", "2020-21"),
        ("Q3 19/20", "2019-12", "Q3 19/20"),
        // Two-digit years mean the same in every form: 99 is 1999 in a quarter as in a day.
        ("Q1 99/00", "1999-06", "Q1 99/00"),
    ])
    func readsASingleDeadline(cell: String, deadline: String, words: String?) throws {
        let read = try DeadlineCell(cell)
        #expect(read.deadline == Deadline(planText: deadline))
        #expect(read.deadlineText == words)
        #expect(read.milestones.isEmpty)
    }

    /// What only looks like a date with a two-digit year stays unreadable, as before two-digit years were read.
    @Test(arguments: ["June 30th 2019", "March 31, 2020", "2019-3-31", "May 15 cases reviewed", "1.2.10"])
    func lookalikesAreNotDates(cell: String) {
        #expect(throws: DeadlineCell.Unreadable.self) { try DeadlineCell(cell) }
    }

    @Test func aNumberedMilestoneTitleIsATitle() throws {
        let read = try DeadlineCell("1.1.10 Policy review – Mar 2019")
        #expect(read.milestones == [Milestone(title: "1.1.10 Policy review", deadline: month("2019-03"))])
    }

    @Test func recurringWorkFromADateRecurs() throws {
        let read = try DeadlineCell("Quarterly from April 2020")
        #expect(read.deadline == month("2020-04") && read.afterDeadline == .every(months: 3))
        #expect(throws: DeadlineCell.Unreadable.self) { try DeadlineCell("Q5 2020/21") }
        #expect(throws: DeadlineCell.Unreadable.self) { try DeadlineCell("2020/23") }
    }

    @Test func milestoneLinesMaySpanMonthsSayBeforeOrHaveNoDate() throws {
        let read = try DeadlineCell("Induction delivery period – May - Jun 2019\nReview meeting to be held – before 31st May 2019\nOptions paper – Action superseded by review\nProgress review – Jun 2019")
        #expect(read.milestones == [
            Milestone(title: "Induction delivery period", deadline: month("2019-06"), deadlineText: "May - Jun 2019"),
            Milestone(title: "Review meeting to be held", deadline: month("2019-05-31"), deadlineText: "before 31st May 2019"),
            Milestone(title: "Options paper", deadline: nil, deadlineText: "Action superseded by review"),
            Milestone(title: "Progress review", deadline: month("2019-06")),
        ])
    }

    @Test func achievedKeepsItsWordsWithoutADeadline() throws {
        let read = try DeadlineCell("Achieved")
        #expect(read.deadline == nil)
        #expect(read.deadlineText == "Achieved")
    }

    @Test func readsMilestonesOnOneLine() throws {
        let read = try DeadlineCell("Skills audit complete – Feb 2019 New Workforce Development Strategy – Apr 2019")
        #expect(read.deadline == nil)
        #expect(read.milestones == [
            Milestone(title: "Skills audit complete", deadline: month("2019-02")),
            Milestone(title: "New Workforce Development Strategy", deadline: month("2019-04")),
        ])
    }

    @Test func readsMilestonesOnSeveralLinesWithDaysAndCompletion() throws {
        let read = try DeadlineCell("""
        High level data in place – 15th Feb 2019 (done 2019-02-14)
        Assessing available local services – 31st Mar 2019 then ongoing
        Communication of options to officers - Sept 2019
        """)
        #expect(read.milestones.map(\.title) == ["High level data in place", "Assessing available local services", "Communication of options to officers"])
        #expect(read.milestones[0].deadline == month("2019-02-15"))
        #expect(read.milestones[0].completed == date("2019-02-14"))
        #expect(read.milestones[1].deadlineText == "31st Mar 2019 then ongoing")
        #expect(read.milestones[2].deadline == month("2019-09"))
    }

    @Test(arguments: ["Feb 30 2021", "31st Febuary 2019", "Phase 2", "30th Feb 2019", "2019-13", "– Feb 2019 – Mar 2019"])
    func refusesWhatItCannotRead(cell: String) {
        #expect(throws: DeadlineCell.Unreadable.self) { try DeadlineCell(cell) }
    }
}
