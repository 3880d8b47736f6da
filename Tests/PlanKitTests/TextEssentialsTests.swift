import Foundation
@testable import PlanKit
import PlanReports
import Testing
import TestSupport

/// The library's own text functions, which replaced Foundation's ICU-backed ones (issue 28), checked against
/// Foundation itself: the tests may import it, so what the shipped binary no longer has is the reference.
@Suite("Text functions without ICU give what Foundation gave")
struct TextEssentialsTests {
    static let classes: [(name: String, ours: CharacterClass, foundation: CharacterSet)] = [
        ("whitespaces", .whitespaces, .whitespaces),
        ("whitespacesAndNewlines", .whitespacesAndNewlines, .whitespacesAndNewlines),
        ("newlines", .newlines, .newlines),
        ("decimalDigits", .decimalDigits, .decimalDigits),
        ("punctuationCharacters", .punctuationCharacters, .punctuationCharacters),
        ("alphanumerics", .alphanumerics, .alphanumerics),
        ("charactersIn \". )\"", CharacterClass(charactersIn: ". )"), CharacterSet(charactersIn: ". )")),
        ("whitespaces + punctuation", CharacterClass.whitespacesAndNewlines.union(.punctuationCharacters),
         CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)),
    ]

    /// Scalars at the edges of the classes: spaces of every kind, line ends, marks, digits of other scripts.
    static let alphabet: [Unicode.Scalar] = ["a", "Z", "é", "e", "\u{301}", " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}",
                                             "\u{A0}", "\u{2007}", "\u{2028}", "\u{2029}", "\u{3000}", "\u{200B}", "\u{FEFF}",
                                             "1", "٣", "१", ".", ",", ")", "–", "—", "'", "’", "§", "€", "😀", "ß", "İ"]

    @Test func trimmingMatchesFoundationForEveryClass() {
        var generator = SeededGenerator(test: "trimmingMatchesFoundationForEveryClass")
        var texts = ["", " ", " a ", "\r\n x \t", "\u{A0}Zoë\u{2028}", " e\u{301} ", "\u{85}x\u{3000}", "x\u{200B}", "..a.b..", "٣ 1 ٣"]
        for _ in 0..<400 {
            let scalars = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Self.alphabet.randomElement(using: &generator)! }
            texts.append(String(String.UnicodeScalarView(scalars)))
        }
        for text in texts {
            for (name, ours, foundation) in Self.classes {
                #expect(text.trimming(ours) == text.trimmingCharacters(in: foundation),
                        "seed \(generator.seed): \(name) of \(text.unicodeScalars.map { String($0.value, radix: 16) })")
                #expect(text.containsAny(of: ours) == (text.rangeOfCharacter(from: foundation) != nil), "seed \(generator.seed): \(name)")
            }
            #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func foldedSearchMatchesNamesWhateverTheirCase() {
        #expect("Zoë Smith".containsFolded("zoë"))
        #expect("Zoë Smith".containsFolded("ZOË SM"))
        #expect("Zoe\u{308}".containsFolded("zoë"), "a letter and a combining mark are the letter written whole")
        #expect("Zoë".containsFolded("Zoe\u{308}"))
        #expect(!"Zoë".containsFolded("zoe"), "accents are kept")
        #expect(!"Zoe".containsFolded("zoë"))
        #expect("Straße".containsFolded("STRASSE"), "ß folds to ss")
        #expect("STRASSE".containsFolded("straße"))
        #expect("Strasse".containsFolded("STRAẞE"), "capital ẞ folds to ss")
        #expect("ΟΔΟΣ".containsFolded("οδος"), "Σ folds to σ")
        #expect("οδος".containsFolded("ΟΔΟΣ"))
        #expect("İstanbul".folded == "i\u{307}stanbul", "dotted capital I folds to i and a combining dot")
        #expect("ISTANBUL".containsFolded("istanbul"), "no Turkish rule: I folds to i")
        #expect(!"ıstanbul".containsFolded("istanbul"), "dotless ı is its own letter")
        #expect(!"Anyone".containsFolded(""), "empty words are in no text, as for localizedCaseInsensitiveContains")
        #expect(!"".containsFolded(""))
        #expect(!"".containsFolded("a"))
        #expect("Head of Service".folded == "head of service")
        // Where Foundation's answer is plain, the two agree.
        for (text, words) in [("Zoë Smith", "zoë"), ("Zoë", "zoe"), ("J. Bloggs", "BLOGGS"), ("Head of Youth Justice", "youth j"),
                              ("Anyone", ""), ("Σωκράτης", "ΣΩΚ"), ("", "a")] {
            #expect(text.containsFolded(words) == text.localizedCaseInsensitiveContains(words), "\(text) / \(words)")
        }
    }

    @Test func replacingEveryMatchesFoundation() {
        for (text, target, replacement) in [("a\r\nb\nc", "\n", " "), ("a\r\nb", "\r\n", "\n"), ("'it's'", "'", "'\\''"),
                                            ("2019-03-31", "-", ""), ("aaa", "aa", "b"), ("", "x", "y"), ("x", "", "y"),
                                            ("e\u{301}e", "e", "E"), ("\\\"", "\\", "\\\\")] {
            #expect(text.replacingEvery(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement),
                    "\(text.debugDescription) \(target.debugDescription)")
        }
    }

    @Test func paddingMatchesFoundation() {
        for (text, length) in [("", 4), ("1", 4), ("abcd", 4), ("abcdef", 4), ("→ id", 14), ("Zoë", 5), ("😀x", 3)] {
            #expect(text.padded(toLength: length) == text.padding(toLength: length, withPad: " ", startingAt: 0), "\(text) \(length)")
        }
    }

    @Test func numericOrderMatchesFoundation() {
        var generator = SeededGenerator(test: "numericOrderMatchesFoundation")
        var ids = ["HMIP 2", "HMIP 10", "HMIP 1", "Recommendation 3", "Recommendation 12", "Recommendation 003", "Rec 1.10",
                   "Rec 1.9", "1.2", "1.10", "a", "", "10", "9", "HMIP", "hmip 2", "09", "9a", "09a", "a01", "a1"]
        let pieces = ["HMIP ", "Rec ", "1", "2", "10", "09", ".", "a", "B"]
        for _ in 0..<200 { ids.append((0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()) }
        for left in ids {
            for right in ids where left != right {
                let foundation = left.compare(right, options: .numeric) == .orderedAscending
                #expect(left.precedesNumerically(right) == foundation, "seed \(generator.seed): \(left) < \(right)")
            }
        }
    }

    @Test func pathPartsMatchNSString() {
        // Not paths with `//`, on which NSString is not consistent (or, for `a//`, stops the program).
        let paths = ["", "/", "a", "a/", "/a", "/a/b", "plans/plan.json", "plans/plan.JSON", ".hidden", "a/.hidden",
                     "plan.", "a.b/c", "x.tar.gz", "../x.json", "./x", "/tmp/out/", "folder with space/name.csv"]
        for path in paths {
            let ns = path as NSString
            #expect(PathText.lastComponent(of: path) == ns.lastPathComponent, "lastComponent \(path)")
            #expect(PathText.extensionName(of: path) == ns.pathExtension, "extension \(path)")
            #expect(PathText.deletingExtension(of: path) == ns.deletingPathExtension, "deletingExtension \(path)")
            for name in ["x.json", "", "sub/y.csv"] {
                #expect(PathText.appending(name, to: path) == ns.appendingPathComponent(name), "\(path) + \(name)")
            }
        }
        // swift-corelibs-foundation's deletingLastPathComponent stops the program on some short paths (`a/`, `/a`),
        // so the parents are Darwin's, written out.
        for (path, parent) in [("", ""), ("/", "/"), ("a", ""), ("a/", ""), ("/a", "/"), ("/a/b", "/a"), ("plans/plan.json", "plans"),
                               ("../x.json", ".."), ("./x", "."), ("folder with space/name.csv", "folder with space")] {
            #expect(PathText.parent(of: path) == parent, "parent of \(path)")
        }
        #expect(PathText.parent(of: "plans/") == "")
        #expect(PathText.parent(of: "/tmp/out/") == "/tmp")
        #expect(PathText.parent(of: "a//b/") == "a")
        #expect(PathText.parent(of: "a//") == "")
        #expect(PathText.lastComponent(of: "a//b/") == "b")
        #expect(PathText.appending("x", to: "a/") == "a/x")
    }

    @Test func mailDatesAndTimestampsMatchFoundationsFormatters() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let iso = ISO8601DateFormatter()
        let isoMilliseconds = ISO8601DateFormatter()
        isoMilliseconds.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let moments = [0, 1_554_795_000, 1_554_795_000.9994, 1_554_795_059.5, 951_782_400, 4_102_444_799.123, 1_700_000_000.0005]
            .map { Date(timeIntervalSince1970: $0) }
        for moment in moments {
            for offset in [0, 3600, -19_800, 50_400, -36_000] {
                formatter.timeZone = TimeZone(secondsFromGMT: offset)!
                #expect(MailMessage.dateText(moment, timeZone: TimeZone(secondsFromGMT: offset)!) == formatter.string(from: moment), "\(moment) \(offset)")
            }
            formatter.timeZone = .current
            #expect(MailMessage.dateText(moment) == formatter.string(from: moment), "\(moment) in the local time zone")
            #expect(TimestampText.iso8601(moment) == iso.string(from: moment))
            #expect(TimestampText.iso8601(moment, milliseconds: true) == isoMilliseconds.string(from: moment), "\(moment.timeIntervalSince1970)")
        }
    }

    @Test func idsFoldTheCompatibilityFormsNFKCFoldsToASCII() {
        // Every form in the table is NFKC's; every scalar NFKC folds to ASCII (in the planes ids are typed
        // from) is in the table.
        for scalar in (0x80...0x2FFFF).compactMap(Unicode.Scalar.init) {
            let text = String(scalar)
            let nfkc = text.precomposedStringWithCompatibilityMapping
            let table = IdentifierMatcher.asciiCompatibilityForms[scalar.value]
            if let table { #expect(table == nfkc, "U+\(String(scalar.value, radix: 16))") }
            if nfkc != text, nfkc.unicodeScalars.allSatisfy(\.isASCII) {
                #expect(table == nfkc, "U+\(String(scalar.value, radix: 16)) folds to \(nfkc.debugDescription)")
            }
        }
    }
}
