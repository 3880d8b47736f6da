/// Writes JSON values as deterministic, human-readable text.
///
/// Objects are written with their members in the order they hold, two spaces
/// of indentation per level, one member or element per line (an empty array
/// as `[` and `]` on lines of their own, so that adding its first element only
/// adds lines), and a final newline; the same value always gives the same bytes, so that `git diff`
/// on a plan file shows only what changed. Strings are written as UTF-8 with
/// only the escapes JSON requires (`"`, `\`, control characters).
public enum JSONWriter {
    /// The value as pretty-printed JSON text, ending in a newline.
    public static func string(from value: JSONValue) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    /// Writes the value as pretty-printed JSON text, ending in a newline.
    ///
    /// - Parameters:
    ///   - value: the value to write.
    ///   - output: the stream that receives the text.
    public static func write<Target: TextOutputStream>(_ value: JSONValue, to output: inout Target) {
        var text = ""
        text.reserveCapacity(4096)
        append(value, indent: 0, to: &text)
        text.append("\n")
        output.write(text)
    }

    /// The value as compact JSON text on one line, without a newline.
    public static func compactString(from value: JSONValue) -> String {
        var text = ""
        appendCompact(value, to: &text)
        return text
    }

    private static func append(_ value: JSONValue, indent: Int, to text: inout String) {
        switch value {
        case .array(let elements):
            text.append("[\n")
            for (position, element) in elements.enumerated() {
                appendIndent(indent + 1, to: &text)
                append(element, indent: indent + 1, to: &text)
                text.append(position == elements.count - 1 ? "\n" : ",\n")
            }
            appendIndent(indent, to: &text)
            text.append("]")
        case .object(let members):
            if members.isEmpty { text.append("{}"); return }
            text.append("{\n")
            for (position, member) in members.enumerated() {
                appendIndent(indent + 1, to: &text)
                appendString(member.key, to: &text)
                text.append(": ")
                append(member.value, indent: indent + 1, to: &text)
                text.append(position == members.count - 1 ? "\n" : ",\n")
            }
            appendIndent(indent, to: &text)
            text.append("}")
        default:
            appendCompact(value, to: &text)
        }
    }

    private static func appendCompact(_ value: JSONValue, to text: inout String) {
        switch value {
        case .null: text.append("null")
        case .bool(let flag): text.append(flag ? "true" : "false")
        case .number(let digits): text.append(digits)
        case .string(let string): appendString(string, to: &text)
        case .array(let elements):
            text.append("[")
            for (position, element) in elements.enumerated() {
                if position > 0 { text.append(",") }
                appendCompact(element, to: &text)
            }
            text.append("]")
        case .object(let members):
            text.append("{")
            for (position, member) in members.enumerated() {
                if position > 0 { text.append(",") }
                appendString(member.key, to: &text)
                text.append(":")
                appendCompact(member.value, to: &text)
            }
            text.append("}")
        }
    }

    private static func appendIndent(_ level: Int, to text: inout String) {
        for _ in 0..<level { text.append("  ") }
    }

    private static func appendString(_ string: String, to text: inout String) {
        text.append("\"")
        var needsEscaping = false
        for byte in string.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            needsEscaping = true
            break
        }
        if !needsEscaping {
            text.append(string)
            text.append("\"")
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text.append("\\\"")
            case "\\": text.append("\\\\")
            case "\n": text.append("\\n")
            case "\r": text.append("\\r")
            case "\t": text.append("\\t")
            case "\u{08}": text.append("\\b")
            case "\u{0C}": text.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let digits = String(scalar.value, radix: 16, uppercase: true)
                    text.append("\\u" + String(repeating: "0", count: 4 - digits.count) + digits)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text.append("\"")
    }
}
