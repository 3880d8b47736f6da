import PlanKit
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
        // Escape sequences go whole first; only then do style marks become escapes.
        var result = String.UnicodeScalarView()
        var scalars = removingEscapeSequences(text).unicodeScalars.makeIterator()
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

    /// The text without its escape sequences (see ``endOfEscape(_:introducer:after:)``);
    /// other characters, control characters included, are kept.
    static func removingEscapeSequences(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if scalar == "\u{1B}" || scalar == "\u{9B}" || scalar == "\u{9D}" || scalar == "\u{90}" {
                index = endOfEscape(scalars, introducer: scalar, after: index)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// Where an escape sequence that starts just before `start` ends, so that
    /// its parameters go with it: CSI (`ESC [`, C1 9B) up to its final byte;
    /// OSC, DCS and other strings (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _`,
    /// C1 9D, 90) up to BEL or `ESC \`; any other is `ESC`, its intermediate bytes and one final byte.
    /// A string never runs past the end of its line, so plan text cannot hide
    /// the output after it.
    static func endOfEscape(_ scalars: [Unicode.Scalar], introducer: Unicode.Scalar, after start: Int) -> Int {
        var index = start
        var kind = introducer
        if introducer == "\u{1B}" {
            guard index < scalars.count else { return index }
            let next = scalars[index]
            index += 1
            switch next {
            case "[": kind = "\u{9B}"
            case "]", "P", "X", "^", "_": kind = "\u{9D}"
            default:
                if next == "\n" { return index - 1 }
                // ESC, intermediate bytes 20–2F (`ESC ( B`), then one final byte.
                guard (0x20...0x2F).contains(next.value) else { return index }
                while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
                if index < scalars.count, (0x30...0x7E).contains(scalars[index].value) { index += 1 }
                return index
            }
        }
        if kind == "\u{9B}" {
            // Parameter bytes 30–3F, intermediate bytes 20–2F, then one final byte 40–7E.
            while index < scalars.count, (0x20...0x3F).contains(scalars[index].value) { index += 1 }
            if index < scalars.count, (0x40...0x7E).contains(scalars[index].value) { index += 1 }
            return index
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" { return index }
            index += 1
            if scalar == "\u{07}" || scalar == "\u{9C}" { return index }
            if scalar == "\u{1B}" {
                if index < scalars.count, scalars[index] == "\\" { index += 1 }
                return index
            }
        }
        return index
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
                // Printable ASCII, eight bytes at a time.
                index = TextTable.endOfPrintableASCII(bytes, from: index)
                guard index < count else { break }
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
