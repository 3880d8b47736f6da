/// Facts about the text of JSON strings.
public enum JSONText {
    /// Whether a text is empty or only whitespace, checked byte by byte for ASCII.
    public static func isBlank(_ text: String) -> Bool {
        // Almost every text starts with a printable ASCII character.
        if let first = text.utf8.first, first > 0x20, first < 0x80 { return false }
        for byte in text.utf8 {
            if byte >= 0x80 { return text.allSatisfy(\.isWhitespace) }
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
        }
        return true
    }
}
