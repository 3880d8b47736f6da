/// The one boundary between plan text and a terminal.
///
/// Plan text can hold anything a JSON string can: escape sequences that set a
/// window title, clear the screen or plant a link, C1 controls, and
/// bidirectional overrides (U+202E) that make text read backwards. Every text
/// written for people (stdout in text format, and every message on stderr) is
/// passed through ``clean(_:)`` by the command line's output, whatever part of
/// it came from a plan. Styles are not escape sequences until then:
/// ``TextStyle`` marks styled text with private-use characters, and only
/// those marks, and only for the styles improve uses, become escapes here.
/// JSON, CSV, HTML and calendars keep their own escaping and are not cleaned.
public enum TerminalText {
    /// Opens a style mark: its SGR parameters follow, then ``markEnd``.
    static let markStart: Unicode.Scalar = "\u{F8F0}"
    static let markEnd: Unicode.Scalar = "\u{F8F1}"

    /// The SGR parameters a mark may carry: reset, bold and the RAG colours.
    static let styles: Set<String> = Set(["0", "1"] + RAGColour.allCases.map(\.ansiCode))

    /// A style mark, turned into `ESC [ parameters m` by ``clean(_:)``.
    static func mark(_ parameters: String) -> String { "\(markStart)\(parameters)\(markEnd)" }

    /// The text without control characters (C0 but newline and tab, DEL, C1),
    /// bidirectional controls or escape sequences, with style marks made SGR escapes.
    public static func clean(_ text: String) -> String {
        // Most output holds nothing to remove: one pass over its bytes says so.
        if !mayHoldUnsafe(text) { return text }
        var result = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == markStart {
                var parameters = ""
                while let next = scalars.next(), next != markEnd {
                    parameters.unicodeScalars.append(next)
                    if parameters.unicodeScalars.count > 3 { break }
                }
                if styles.contains(parameters) { result.append(contentsOf: "\u{1B}[\(parameters)m".unicodeScalars) }
                continue
            }
            if isUnsafe(scalar) { continue }
            result.append(scalar)
        }
        return String(result)
    }

    /// Whether the text's UTF-8 may hold a character ``isUnsafe(_:)`` removes
    /// or a style mark: a control byte, or the lead bytes of C1 controls
    /// (C2 80–9F), bidirectional controls (D8 9C, E2 80 8E–8F, E2 80 AA–AE,
    /// E2 81 A6–A9) and marks (EF A3 B0–B1). Other text, accented letters and
    /// dashes included, passes untouched without being decoded.
    static func mayHoldUnsafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            let count = bytes.count
            var index = 0
            while index < count {
                let byte = bytes[index]
                index += 1
                // Printable ASCII and most other lead and continuation bytes need no look.
                if byte >= 0x20, byte != 0x7F, byte != 0xC2, byte != 0xD8, byte != 0xE2, byte != 0xEF { continue }
                if byte == 0x09 || byte == 0x0A { continue }
                if byte < 0x20 || byte == 0x7F { return true }
                let next = index < count ? bytes[index] : 0
                let third = index + 1 < count ? bytes[index + 1] : 0
                switch byte {
                case 0xC2 where (0x80...0x9F).contains(next): return true
                case 0xD8 where next == 0x9C: return true
                case 0xE2 where next == 0x80 && (third == 0x8E || third == 0x8F || (0xAA...0xAE).contains(third)): return true
                case 0xE2 where next == 0x81 && (0xA6...0xA9).contains(third): return true
                case 0xEF where next == 0xA3 && (third == 0xB0 || third == 0xB1): return true
                default: continue
                }
            }
            return false
        }
    }

    /// Whether a character must not reach a terminal.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true  // C0 (ESC among them), DEL, C1
        case 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0x200E, 0x200F: return true  // bidirectional controls
        case 0xF8F0, 0xF8F1: return true  // a style mark out of place
        default: return false
        }
    }
}
