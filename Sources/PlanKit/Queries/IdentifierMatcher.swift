import FoundationEssentials

/// Forgiving matching of action and recommendation ids as people type them.
///
/// Case, spaces, hyphens and underscores don't matter: `lm7`, `LM7`, `lm-7`
/// and `LM 7` all name `LM 7`, and `hmip8` names `HMIP 8`. Nor do the forms
/// Unicode keeps for compatibility (NFKC): a full-width `ＬＭ７` or one typed
/// with a no-break space names `LM 7` too, as does one with a Cyrillic `М`.
/// Invisible characters, which an id may not hold (``refusedCharacter(in:)``),
/// are left out of the comparison.
public enum IdentifierMatcher {
    /// The id reduced to what matters when matching: its compatibility forms folded as NFKC folds them
    /// to ASCII (``asciiCompatibilityForms``),
    /// lowercase, without spaces (any), dashes (any), underscores or
    /// invisible characters.
    public static func normalise(_ id: String) -> String {
        // Ids are almost always ASCII: one pass over the bytes, without Unicode folding or case mapping,
        // left for the Unicode path at the first byte that is not ASCII.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(id.utf8.count)
        var ascii = true
        for byte in id.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                bytes.append(byte + 32)
            } else if byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
                // Not a space, a control character, DEL, a hyphen or an underscore.
                bytes.append(byte)
            }
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        var key = String.UnicodeScalarView()
        var folded = String.UnicodeScalarView()
        for scalar in id.unicodeScalars {
            if let form = asciiCompatibilityForms[scalar.value] { folded.append(contentsOf: form.unicodeScalars) } else { folded.append(scalar) }
        }
        for scalar in String(folded).lowercased().unicodeScalars {
            let properties = scalar.properties
            if scalar == "_" || properties.isWhitespace || properties.generalCategory == .dashPunctuation || isRefused(scalar) { continue }
            key.append(lookalikes[scalar.value] ?? scalar)
        }
        return String(key)
    }

    /// Greek and Cyrillic letters that look like Latin ones, in either case (`М` is
    /// U+041C CYRILLIC CAPITAL LETTER EM), lowercase, as the Latin letter they pass for:
    /// an id typed with one is the id it reads as. NFKC leaves them apart, as letters of
    /// their own scripts.
    static let lookalikes: [UInt32: Unicode.Scalar] = {
        let pairs: [(String, String)] = [
            ("авекмнорстухіјѕԁԛԝ", "abekmhopctyxijsdqw"),  // Cyrillic
            ("αβεζηικμνορτυχ", "abezhikmnoptyx"),  // Greek
        ]
        var table: [UInt32: Unicode.Scalar] = [:]
        for (letters, latin) in pairs {
            for (letter, ascii) in zip(letters.unicodeScalars, latin.unicodeScalars) { table[letter.value] = ascii }
        }
        return table
    }()

    /// Whether `typed` names `id`.
    public static func matches(_ typed: String, _ id: String) -> Bool {
        normalise(typed) == normalise(id)
    }

    /// The first character an id may not hold, or `nil` when it holds none.
    ///
    /// Refused are the characters that show as nothing, or as something
    /// other than themselves, so that two ids reading alike on every page
    /// would differ: control characters (C0, DEL, C1: tab, escape, line
    /// breaks), format characters (zero-width space and joiners, the soft
    /// hyphen, bidirectional controls such as U+202E, the byte order mark
    /// U+FEFF), line and paragraph separators, and the other characters
    /// Unicode says to ignore when displaying (variation selectors, fillers).
    /// Spaces of other widths (a no-break space) are visible and allowed; they
    /// compare as a space.
    public static func refusedCharacter(in id: String) -> Unicode.Scalar? {
        if id.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        return id.unicodeScalars.first(where: isRefused)
    }

    static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value < 0x20 || scalar.value == 0x7F }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return properties.isDefaultIgnorableCodePoint
        }
    }

    /// A character as messages name it: `U+200B (ZERO WIDTH SPACE)`, `U+001B (ESCAPE)`, `U+0085 (a control character)`.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        // Control characters have no Unicode name; the common ones are named as people know them.
        let controls: [UInt32: String] = [0x00: "NULL", 0x09: "TAB", 0x0A: "LINE FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE"]
        let name = scalar.properties.name ?? scalar.properties.nameAlias ?? controls[scalar.value]
        return "\(code(scalar)) (\(name ?? "a control character"))"
    }

    /// The id with each refused character written as its code (`LM 1<U+200B>`), so that a message shows where it is.
    public static func visible(_ id: String) -> String {
        guard refusedCharacter(in: id) != nil else { return id }
        var text = ""
        for scalar in id.unicodeScalars {
            if isRefused(scalar) { text += "<\(code(scalar))>" } else { text.unicodeScalars.append(scalar) }
        }
        return text
    }

    /// The id without its refused characters: what to write instead.
    public static func withoutRefused(_ id: String) -> String {
        var text = String.UnicodeScalarView()
        for scalar in id.unicodeScalars where !isRefused(scalar) { text.append(scalar) }
        return String(text)
    }

    static func code(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The ids a mistyped id most likely meant, best first, at most three.
    ///
    /// An id that the typed text extends or shortens at the end (`LM 71` and
    /// `LM 7`) or that swaps two neighbouring characters (`LM 71` and `LM 17`)
    /// is a strong match; failing those, ids within one or two edits are offered.
    ///
    /// - Parameters:
    ///   - typed: the id as typed.
    ///   - ids: the ids that exist, in plan order.
    /// - Returns: up to three suggestions, in plan order within each strength.
    public static func suggestions(for typed: String, among ids: [String]) -> [String] {
        let wanted = normalise(typed)
        guard !wanted.isEmpty else { return [] }
        let normalised = ids.map(normalise)
        var strong: [String] = []
        for (id, candidate) in zip(ids, normalised) where candidate != wanted {
            let extends = candidate.count >= 2 && wanted.hasPrefix(candidate) && wanted.count - candidate.count == 1
            let shortens = wanted.count >= 2 && candidate.hasPrefix(wanted) && candidate.count - wanted.count == 1
            let swapped = candidate.count == wanted.count && EditDistance.distance(candidate, wanted) == 1
                && Set(candidate) == Set(wanted) && candidate.sorted() == wanted.sorted()
            if extends || shortens || swapped { strong.append(id) }
        }
        if !strong.isEmpty { return Array(strong.prefix(3)) }
        let limit = wanted.count <= 3 ? 1 : 2
        let near = zip(ids, normalised)
            .map { ($0, EditDistance.distance($1, wanted)) }
            .filter { $0.1 <= limit && $0.1 > 0 }
            .sorted { $0.1 < $1.1 }
        return Array(near.prefix(3).map(\.0))
    }
}
