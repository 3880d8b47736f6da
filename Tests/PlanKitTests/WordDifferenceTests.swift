import Testing
@testable import PlanKit
@testable import PlanReports

@Suite("The words an edit changed")
struct WordDifferenceTests {
    let long = "Carry out full skills audit of all staff in YOT to identify gaps in skills and training needs."

    @Test func wordsAddedAtTheEndAreShownWithTheirContext() throws {
        let difference = try #require(WordDifference(from: long, to: String(long.dropLast()) + ", by team."))
        #expect(difference.removed == "" && difference.added == ", by team")
        #expect(difference.summary(of: "text") == "text: added \", by team\" in \"…and training needs, by team.\"")
    }

    @Test func wordsRemovedAreShownFromTheOldText() throws {
        let difference = try #require(WordDifference(from: "Audit all staff, by team, this year.", to: "Audit all staff this year."))
        #expect(difference.summary(of: "text") == "text: removed \", by team,\" from \"Audit all staff, by team, this year.\"")
    }

    @Test func wordsReplacedInTheMiddleShowBothSides() throws {
        let difference = try #require(WordDifference(from: long, to: long.replacingOccurrences(of: "training needs", with: "learning needs")))
        #expect(difference.summary(of: "text") == "text \"…in skills and training needs.\" → \"…in skills and learning needs.\"")
        let early = try #require(WordDifference(from: long, to: long.replacingOccurrences(of: "audit", with: "review")))
        #expect(early.summary(of: "success measure") == "success measure \"…out full skills audit of all staff…\" → \"…out full skills review of all staff…\"")
    }

    @Test func lineBreaksAndTabsThatChangedAreShown() throws {
        let paragraph = try #require(WordDifference(from: "Alpha beta iota.", to: "Alpha beta iota.\nNew paragraph"))
        #expect(paragraph.summary(of: "text") == "text: added \"New paragraph\" in \"Alpha beta iota.⏎New paragraph\"")
        let joined = try #require(WordDifference(from: "Omega gamma\ndelta.", to: "Omega gamma delta."))
        #expect(joined.summary(of: "text") == "text: spacing \"⏎\" → \" \" in \"Omega gamma…delta.\"")
        let tab = try #require(WordDifference(from: "a, b, c", to: "a,\tb, c"))
        #expect(tab.summary(of: "text").contains("\" \" → \"⇥\""), "\(tab.summary(of: "text"))")
    }

    @Test func theSameTextHasNoDifference() {
        #expect(WordDifference(from: long, to: long) == nil)
    }

    @Test func aLongChangeIsCutButItsContextKept() throws {
        let added = String(repeating: "more words here ", count: 10)
        let difference = try #require(WordDifference(from: "Start. End.", to: "Start. \(added)End."))
        let summary = difference.summary(of: "text", limit: 40)
        #expect(summary.hasPrefix("text: added \"more words here more words here more…\" in \"Start. more words"))
        #expect(summary.count < 140)
    }
}
