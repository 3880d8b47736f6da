extension StringProtocol {
    /// The text with its case folded, the key every "name contains these words" search compares
    /// (`--lead`, `list --search`, `log --by`, a reminder's lead).
    ///
    /// Folded as upper case then lower case, by the standard library's Unicode case mappings, which
    /// is Unicode's full case folding for nearly every letter: `ß`, `ẞ` and `SS` all fold to `ss`,
    /// final `ς` to `σ`, `Σ` to `σ`; `İ` (Turkish dotted capital I) folds to `i` with a combining dot
    /// (U+0069 U+0307), so it is not the plain `i`; dotless `ı` stays itself, as in Unicode's folding;
    /// and no locale's rules apply (Turkish `I` folds to `i`).
    /// Accents are kept: `Zoë` does not fold to `Zoe`. It replaced Foundation's
    /// `localizedCaseInsensitiveContains`, which needs ICU (issue 28); the results are the same for
    /// the names plans hold.
    public var folded: String {
        // ASCII text folds by lower case alone; most names and searches are ASCII.
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }
        var result = ""
        for character in self {
            // Upper case would make a dotless ı the plain I, and ẞ has no other case than ß.
            if character == "ı" { result.append(character); continue }
            result += character.uppercased().lowercased()
        }
        return result.replacingEvery("ß", with: "ss")
    }

    /// Whether the text holds `words`, case folded (see ``folded``), compared by character, so an
    /// accent written as one scalar or as a letter and a combining mark is the same. Empty `words`
    /// are in no text, as they were in none for `localizedCaseInsensitiveContains`.
    public func containsFolded(_ words: some StringProtocol) -> Bool {
        guard !words.isEmpty else { return false }
        let key = words.folded
        return folded.firstRange(of: key) != nil
    }
}
