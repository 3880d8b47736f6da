import PlanKit
/// Where two versions of a text differ, word by word, with a little of the
/// text around the change.
///
/// An edit often adds a few words to a long text (`…, by team.`); cutting
/// both versions to their first 40 characters then shows the same words on
/// both sides, and nobody can see what changed. This keeps what the versions
/// share at either end out of sight but for a few words of context, so the
/// summary of an edit (`edit`'s answer, `log`, `show`'s history) shows the
/// words that differ.
public struct WordDifference: Sendable, Equatable {
    /// A few words before the change (`…` first when the text goes on before them).
    public var before: String
    /// What the old text had in place of ``added``.
    public var removed: String
    /// What the new text has in place of ``removed``.
    public var added: String
    /// A few words after the change (`…` last when the text goes on after them).
    public var after: String

    /// The difference between two texts, or `nil` when they are the same.
    ///
    /// - Parameter context: how many words to keep on either side of the change.
    public init?(from old: String, to new: String, context: Int = 3) {
        let oldTokens = Self.tokens(old), newTokens = Self.tokens(new)
        guard oldTokens != newTokens else { return nil }
        var prefix = 0
        while prefix < min(oldTokens.count, newTokens.count), oldTokens[prefix] == newTokens[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(oldTokens.count, newTokens.count) - prefix,
              oldTokens[oldTokens.count - 1 - suffix] == newTokens[newTokens.count - 1 - suffix] { suffix += 1 }
        removed = oldTokens[prefix..<(oldTokens.count - suffix)].joined()
        added = newTokens[prefix..<(newTokens.count - suffix)].joined()
        // Context: back from the change, and on from it, until `context` words are taken.
        var start = prefix, words = 0
        while start > 0, words < context {
            start -= 1
            if Self.isWord(oldTokens[start]) { words += 1 }
        }
        before = (start > 0 ? "…" : "") + oldTokens[start..<prefix].joined()
        var end = oldTokens.count - suffix
        words = 0
        while end < oldTokens.count, words < context {
            if Self.isWord(oldTokens[end]) { words += 1 }
            end += 1
        }
        after = oldTokens[(oldTokens.count - suffix)..<end].joined() + (end < oldTokens.count ? "…" : "")
    }

    /// The change in words, for a field called `name`, changed parts cut at `limit` characters:
    /// `text: added ", by team" in "…the partnership, by team."`,
    /// `text: removed "…" from "…"`, or `text "…old words…" → "…new words…"`.
    public func summary(of name: String, limit: Int = 40) -> String {
        let removedWords = removed.trimmingWhitespace, addedWords = added.trimmingWhitespace
        // In what changed, a line break and a tab are shown (⏎, ⇥): they may be all that changed,
        // and a summary on one line would otherwise show them as nothing, or as a space.
        func cut(_ text: String) -> String {
            StatusChange.shortened(text.replacingEvery("\r\n", with: "\n")
                .replacingEvery("\n", with: "⏎").replacingEvery("\t", with: "⇥"), to: limit)
        }
        if removedWords.isEmpty, addedWords.isEmpty {
            return "\(name): spacing \"\(cut(removed))\" → \"\(cut(added))\" in \"\(before.oneLine)…\(after.oneLine)\""
        }
        // Line breaks in the context read as spaces, as the shortened texts' do.
        let (before, after) = (before.split(whereSeparator: \.isNewline).joined(separator: " "),
                               after.split(whereSeparator: \.isNewline).joined(separator: " "))
        switch (removedWords.isEmpty, addedWords.isEmpty) {
        case (true, false): return "\(name): added \"\(cut(addedWords))\" in \"\(before)\(cut(added))\(after)\""
        case (false, true): return "\(name): removed \"\(cut(removedWords))\" from \"\(before)\(cut(removed))\(after)\""
        default: return "\(name) \"\(before)\(cut(removed))\(after)\" → \"\(before)\(cut(added))\(after)\""
        }
    }

    /// Runs of letters and digits (with apostrophes inside words), runs of
    /// white space, and each other character alone: a change of punctuation is
    /// a change of one token, not of the word it is attached to.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = "", currentKind = 0
        for character in text {
            let kind = character.isLetter || character.isNumber || (character == "'" && currentKind == 1) ? 1
                : character.isWhitespace ? 2 : 3
            if kind == currentKind, kind != 3 {
                current.append(character)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = String(character)
                currentKind = kind
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    static func isWord(_ token: String) -> Bool { token.first.map { $0.isLetter || $0.isNumber } ?? false }
}

extension String {
    /// The text with line breaks read as spaces.
    fileprivate var oneLine: String { split(whereSeparator: \.isNewline).joined(separator: " ") }

    /// The text without white space at either end.
    fileprivate var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
