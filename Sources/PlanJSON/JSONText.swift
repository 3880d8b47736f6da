/// Facts about the text of JSON strings.
public enum JSONText {
    /// Whether a text is empty or only whitespace as JSON Schema patterns
    /// read `\s` (ECMA-262: tab, line feed, vertical tab, form feed, carriage
    /// return, space, no-break space, U+1680, U+2000–U+200A, line and
    /// paragraph separators, U+202F, U+205F, U+3000 and the byte order mark),
    /// so that a plan's reader and its schema agree on what is blank.
    public static func isBlank(_ text: String) -> Bool {
        // Almost every text starts with a printable ASCII character.
        if let first = text.utf8.first, first > 0x20, first < 0x80 { return false }
        return text.unicodeScalars.allSatisfy(isSpace)
    }

    /// Whether a character is whitespace as ECMA-262 `\s` reads it.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }
}
