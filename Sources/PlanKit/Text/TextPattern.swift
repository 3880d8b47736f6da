import Synchronization

/// A regular expression the readers of plans and documents search text with, on the standard library's
/// `Regex` rather than Foundation's `NSRegularExpression`, which needs ICU (issue 28: the shipped binary
/// imports only FoundationEssentials).
///
/// Patterns are written as they were for `NSRegularExpression`; two things ICU did are kept here:
/// - `$` outside a class matches at the end, or before a line end that ends the text (ICU's default);
///   Swift's `$` matches only at the very end.
/// - `\b` is the simple word boundary (a word character on one side, none on the other), not Unicode's
///   word segmentation.
/// Swift's `Regex` has no lookbehind, so a pattern that began `(?<![…])` gives the class to `notAfter`:
/// a match is refused when the scalar before it is in the class, and the search goes on from the next
/// character, as ICU's would. Such a pattern must not itself start with `^` or `\b`, which would be read
/// at the place the search restarts.
///
/// Matching is by `Character` (Swift's default), where ICU's was by scalar: a letter with a combining
/// accent is one character to `.` and `[…]`.
public struct TextPattern: @unchecked Sendable {
    // `Regex` is immutable once built; the compiled program is shared read-only.
    private let regex: Regex<AnyRegexOutput>
    private let notAfter: CharacterClass?

    /// - Parameters:
    ///   - pattern: ICU-style syntax (`\\d`, `(?:…)`, `(?=…)`, `(?!…)`, classes, `^`, `$`, `\\b`); no lookbehind.
    ///   - ignoringCase: whether letters match either case.
    ///   - notAfter: scalars that may not come just before a match (in place of a leading `(?<![…])`).
    public init(_ pattern: String, ignoringCase: Bool = false, notAfter: CharacterClass? = nil) {
        // The patterns are the program's own, so one that does not compile is a programming error.
        var regex = try! Regex(Self.icuEnds(pattern)).wordBoundaryKind(.simple)
        if ignoringCase { regex = regex.ignoresCase() }
        self.regex = regex
        self.notAfter = notAfter
    }

    /// The first match in the text, or nil.
    public func firstMatch(in text: String) -> TextMatch? { firstMatch(in: text[...]) }

    /// The first match in the text, or nil; `^` and `$` are the substring's ends.
    public func firstMatch(in text: Substring) -> TextMatch? {
        guard notAfter != nil else { return (try? regex.firstMatch(in: text)).flatMap { $0.map(TextMatch.init) } }
        return search(text, from: text.startIndex)
    }

    /// Whether the pattern matches anywhere in the text.
    public func matches(_ text: some StringProtocol) -> Bool { firstMatch(in: Substring(text)) != nil }

    /// Every match, left to right, none overlapping.
    public func matches(in text: String) -> [TextMatch] {
        guard notAfter != nil else { return text.matches(of: regex).map(TextMatch.init) }
        var found: [TextMatch] = []
        var from = text.startIndex
        while let match = search(text[...], from: from) {
            found.append(match)
            guard !match.range.isEmpty else {
                guard match.range.upperBound < text.endIndex else { break }
                from = text.index(after: match.range.upperBound)
                continue
            }
            from = match.range.upperBound
        }
        return found
    }

    /// The match that starts last, searching back from the end as `.backwards` did; nil when none.
    public func lastMatch(in text: String) -> TextMatch? { lastMatch(in: text[...]) }

    /// The match that starts last in a substring; `^` and `$` are its ends.
    public func lastMatch(in text: Substring) -> TextMatch? {
        var start = text.endIndex
        while true {
            if let found = (try? regex.prefixMatch(in: text[start...])).flatMap({ $0 }), !refused(at: start, in: text) {
                return TextMatch(found)
            }
            guard start > text.startIndex else { return nil }
            start = text.index(before: start)
        }
    }

    /// The text with every match replaced.
    public func replacingMatches(in text: String, with replacement: String) -> String {
        var result = ""
        var copied = text.startIndex
        for match in matches(in: text) {
            result += text[copied..<match.range.lowerBound]
            result += replacement
            copied = match.range.upperBound
        }
        return result + text[copied...]
    }

    /// The first match starting at `from` or after whose start `notAfter` allows. The regex searches
    /// `text[from...]`, which is right only because such patterns do not look before their start.
    private func search(_ text: Substring, from: String.Index) -> TextMatch? {
        var from = from
        while let found = (try? regex.firstMatch(in: text[from...])).flatMap({ $0 }) {
            let start = found.range.lowerBound
            guard refused(at: start, in: text) else { return TextMatch(found) }
            guard start < text.endIndex else { return nil }
            from = text.index(after: start)
        }
        return nil
    }

    /// Whether the scalar before `start` is one a match may not follow.
    private func refused(at start: String.Index, in text: Substring) -> Bool {
        guard let notAfter, start > text.startIndex else { return false }
        return notAfter.contains(text.unicodeScalars[text.unicodeScalars.index(before: start)])
    }

    /// The pattern with each `$` outside a class made ICU's: the end, or before one line end that ends the text.
    static func icuEnds(_ pattern: String) -> String {
        var result = ""
        var escaped = false, inClass = false
        for character in pattern {
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
            } else if character == "$" {
                result += "(?=\\R?\\z)"
                continue
            }
            result.append(character)
        }
        return result
    }
}

/// Where a ``TextPattern`` matched, and its groups.
public struct TextMatch: Sendable {
    /// The whole match.
    public let range: Range<String.Index>
    private let groups: [Range<String.Index>?]

    init(_ match: Regex<AnyRegexOutput>.Match) {
        range = match.range
        groups = match.output.map(\.range)
    }

    /// The number of groups and the whole match (group 0).
    public var groupCount: Int { groups.count }

    /// Where a group matched (1 for the first); nil when it took no part in the match.
    public func range(_ group: Int) -> Range<String.Index>? { group < groups.count ? groups[group] : nil }

    /// The text a group matched in the text searched; nil when it took no part.
    public func group(_ group: Int, in text: some StringProtocol) -> String? {
        range(group).map { String(text[$0]) }
    }
}

extension StringProtocol where SubSequence == Substring {
    /// Where a pattern (see ``TextPattern``) first matches in the text, as Foundation's
    /// `range(of:options: .regularExpression)` gave it: `^` and `$` are this text's ends. The pattern is
    /// compiled on its first use and kept.
    public func range(ofPattern pattern: String, ignoringCase: Bool = false) -> Range<String.Index>? {
        TextPattern.compiled(pattern, ignoringCase: ignoringCase).firstMatch(in: self[...])?.range
    }

    /// Where a pattern last matches, searching back from the end (`options: [.regularExpression, .backwards]`).
    public func lastRange(ofPattern pattern: String, ignoringCase: Bool = false) -> Range<String.Index>? {
        TextPattern.compiled(pattern, ignoringCase: ignoringCase).lastMatch(in: self[...])?.range
    }
}

extension TextPattern {
    private static let cache = Mutex<[String: TextPattern]>([:])

    /// The pattern compiled once for the whole run: the readers ask for the same few patterns for every cell.
    static func compiled(_ pattern: String, ignoringCase: Bool) -> TextPattern {
        let key = (ignoringCase ? "i:" : "s:") + pattern
        if let known = cache.withLock({ $0[key] }) { return known }
        let compiled = TextPattern(pattern, ignoringCase: ignoringCase)
        cache.withLock { $0[key] = compiled }
        return compiled
    }
}
