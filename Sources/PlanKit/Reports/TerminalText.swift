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
        // Most output is printable ASCII, newlines and tabs: one pass over its bytes says so.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) { return text }
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
