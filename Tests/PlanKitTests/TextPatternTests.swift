import Foundation
@testable import PlanKit
import Testing
import TestSupport

/// ``TextPattern`` (Swift's Regex) against NSRegularExpression (ICU), which it replaced in the readers of
/// deadline cells and documents (issue 28): the patterns the readers use, on the inputs that tell their
/// edges apart, must match in the same places.
@Suite("Patterns on Swift's Regex match where ICU's matched")
struct TextPatternTests {
    /// A pattern as the readers write it for ``TextPattern``, and as it was written for NSRegularExpression
    /// (the same, or with the lookbehind ``TextPattern`` takes as `notAfter`).
    struct Case {
        var ours: TextPattern
        var icu: NSRegularExpression
        var name: String

        init(_ name: String, _ pattern: String, ignoringCase: Bool = false, lookbehind: String? = nil) {
            self.name = name
            ours = TextPattern(pattern, ignoringCase: ignoringCase, notAfter: lookbehind.map { CharacterClass(charactersIn: $0).union(.decimalDigits) })
            let icuPattern = lookbehind.map { "(?<![\\d\(NSRegularExpression.escapedPattern(for: $0))])" + pattern } ?? pattern
            icu = try! NSRegularExpression(pattern: icuPattern, options: ignoringCase ? [.caseInsensitive] : [])
        }
    }

    static let month = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept(?:ember)?|Sep|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    static let cases: [Case] = [
        Case("date", "(?:(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+|-))?\(month)\\.?(?:\\s+'?|-)(\\d{4}|\\d{2})(?!\\d)|(\\d{4})-(\\d{2})(?:-(\\d{2}))?|(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})(?!\\d)",
             ignoringCase: true),
        Case("durations", "\\d{1,3}(?:\\s*(?:-|–|to)\\s*\\d{1,3})?\\s*(?:days?|weeks?|wks?|months?|mths?|years?|yrs?)\\b",
             ignoringCase: true, lookbehind: "/."),
        Case("years", "\\d{4}(?![\\d/.:-]?\\d)", lookbehind: "/.:-"),
        Case("quarters", "\\bQ[1-4]\\b", ignoringCase: true),
        Case("separator", "\\s*[–—-]+\\s*(?:(from)|(before|by))?\\s*$", ignoringCase: true),
        Case("done", "^\\s*\\(done (\\d{4}-\\d{2}-\\d{2})\\)"),
        Case("theme", "^(theme|objective|part|priority|section)\\s+([0-9]+[A-Za-z]?|[A-Za-z]|[IVX]+|one|two|three|four|five|six|seven|eight|nine|ten)\\b(?!')",
             ignoringCase: true),
        Case("footnote", "^\\s*(key|note|notes|nb|n\\.b\\.|source|sources|please note)\\b\\s*[:.–—-]|^\\s*[*†]", ignoringCase: true),
        Case("recommendation", "^\\s*(?:(HMIP|Recommendation|Rec|R)\\.?\\s*)?(\\d{1,2}(?:\\.\\d{1,2})?)(?![\\d/])\\s*[.:)–—-]?\\s*", ignoringCase: true),
        Case("reference", "\\b(HMIP|Recommendation|Rec)\\.?\\s*(\\d+)", ignoringCase: true),
        Case("completion", "^(?:(?:this\\s+|the\\s+|all\\s+)?actions?\\s+(?:(?:is|are|was|were|has\\s+been|have\\s+been|now)\\s+)?|fully\\s+|now\\s+)?"
             + "(?:(?:completed|achieved|done|signed[\\s-]+off)(?=$|[\\s.:;,!–—-])|complete(?=\\s*$|\\s*[.:;,!–—-]))", ignoringCase: true),
        Case("label", "^(\\d{1,3})?([A-Za-z]+)((?:\\s*[/,&]\\s*[A-Za-z]+)*)\\s*([:.)–-])\\s+"),
        Case("whole word", "\\b(bi|semi)[- ]?annual(ly)?\\b"),
        Case("lock timeout", "^[0-9]{1,4}(\\.[0-9]+)?$"),
    ]

    static let samples = [
        "", "Feb 2019", "31st Mar 2019", "7th Feb 2019 – then ongoing", "31/03/2019", "2019-03-31", "2019-3-31", "1.1.10",
        "Mar-20", "Mar '20", "Sept 20", "June 30th 2019", "March 31, 2020", "6 months", "/6 days", "12/6 weeks", "1234 days",
        "5 - 6 days", "/5 - 6 days", "6-8 weeks", "Autumn 2020", "2019/20", "20190", "1:2019", "Q3", "Q3 2020/21", "FAQ3",
        "Skills audit – from", "Review – before ", "Title –\n", "Title –\n\n", "title – by\r\n", "(done 2019-02-20) then",
        "Theme 2: Title", "Theme 2's words", "Objective iv – x", "Key: RED – late", "Note - x", "* footnote", "NB: x",
        "Recommendation 3: words", "HMIP 3 – words", "Rec. 2.12 words", "R3 words", "2. The board should", "3/4 words",
        "HMIP 8 HMIP 3", "rec 2, Recommendation 4", "Completed March 2013", "Action completed.", "Complete the audit",
        "complete", "complete\n", "Fully achieved!", "A: text", "1a. text", "iii) text", "A/ B: text", "biannually", "semi-annual",
        "Zoë – Feb 2019", "Ｆｅｂ 2019", "Feb ٢٠١٩", "12.5", "12.", "9999", "10000", "Dec 2020, revised to Mar 2021",
    ]

    /// Where the matches are, and their groups, as UTF-16 offsets (NSRange's terms).
    static func icuMatches(_ regex: NSRegularExpression, in text: String) -> [[NSRange]] {
        regex.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)).map { match in
            (0..<match.numberOfRanges).map { match.range(at: $0) }
        }
    }

    static func ourMatches(_ pattern: TextPattern, in text: String) -> [[NSRange]] {
        pattern.matches(in: text).map { match in
            (0..<match.groupCount).map { group in match.range(group).map { NSRange($0, in: text) } ?? NSRange(location: NSNotFound, length: 0) }
        }
    }

    @Test func everyReaderPatternMatchesWhereICUMatched() {
        for pattern in Self.cases {
            for text in Self.samples {
                #expect(Self.ourMatches(pattern.ours, in: text) == Self.icuMatches(pattern.icu, in: text), "\(pattern.name) in \(text.debugDescription)")
            }
        }
    }

    @Test func randomTextsMatchAlike() {
        var generator = SeededGenerator(test: "randomTextsMatchAlike")
        let pieces = ["Feb", "Sept", " ", "  ", "2019", "20", "/", ".", "-", "–", "3", "12", "st", "Q", "days", "weeks", "to", "from",
                      "by", "\n", "HMIP", "Rec", ":", ")", "(done 2019-02-20)", "é", "'", "Theme", "x"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for pattern in Self.cases {
                #expect(Self.ourMatches(pattern.ours, in: text) == Self.icuMatches(pattern.icu, in: text),
                        "seed \(generator.seed): \(pattern.name) in \(text.debugDescription)")
            }
        }
    }

    @Test func endOfTextIsICUsEnd() {
        let end = TextPattern("end$")
        #expect(end.matches("the end"))
        #expect(end.matches("the end\n"), "before one line end that ends the text, as ICU")
        #expect(end.matches("the end\r\n"))
        #expect(!end.matches("the end\n\n"))
        #expect(!end.matches("the end x"))
        #expect(TextPattern("[$]").matches("5$"), "a $ in a class is the character")
        #expect(TextPattern("\\$5").matches("$5"))
        #expect(TextPattern.icuEnds("a$|[b$]\\$") == "a(?=\\R?\\z)|[b$]\\$")
    }

    @Test func substringsAreSearchedBetweenTheirEnds() {
        let text = "xx12ab"
        let middle = text.dropFirst(2).dropLast(1)
        #expect(middle.range(ofPattern: "^\\d+(?=a$)").map { String(text[$0]) } == "12")
        #expect(text.range(ofPattern: "^\\d+") == nil)
        #expect("Title - Feb 2019 - Mar".lastRange(ofPattern: " [–—-] ").map { "Title - Feb 2019 - Mar"[$0.upperBound...] } == "Mar")
        #expect(" - - ".lastRange(ofPattern: " [–—-] ").map { " - - ".distance(from: " - - ".startIndex, to: $0.lowerBound) } == 2,
                "the last match may overlap an earlier one, as a backwards search finds it")
        #expect("no dash".lastRange(ofPattern: " [–—-] ") == nil)
        #expect("Review by 6 months".range(ofPattern: "MONTHS", ignoringCase: true) != nil)
    }

    @Test func lookbehindIsReadBeforeEachPlaceTried() {
        let durations = Self.cases.first { $0.name == "durations" }!.ours
        #expect(durations.matches(in: "/5 - 6 days").map { "/5 - 6 days"[$0.range] } == ["6 days"],
                "a refused start is passed over and the search goes on inside it")
        #expect(durations.replacingMatches(in: "after 6 weeks or 2 months", with: " ") == "after   or  ")
        #expect(durations.matches(in: "1234 days").isEmpty)
        let years = Self.cases.first { $0.name == "years" }!.ours
        #expect(years.matches(in: "2019 20202021").map { "2019 20202021"[$0.range] } == ["2019"])
    }
}
