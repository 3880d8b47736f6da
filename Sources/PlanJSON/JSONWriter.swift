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
        String(decoding: bytes(from: value), as: UTF8.self)
    }

    /// The value as pretty-printed UTF-8 JSON, ending in a newline.
    public static func bytes(from value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        append(value, indent: 0, to: &out)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// The value as it is written nested `indent` levels deep, without the
    /// indentation of its first line or a final newline.
    package static func bytes(from value: JSONValue, indent: Int) -> [UInt8] {
        var out: [UInt8] = []
        append(value, indent: indent, to: &out)
        return out
    }

    /// Writes the value as pretty-printed JSON text, ending in a newline.
    ///
    /// - Parameters:
    ///   - value: the value to write.
    ///   - output: the stream that receives the text.
    public static func write<Target: TextOutputStream>(_ value: JSONValue, to output: inout Target) {
        output.write(string(from: value))
    }

    /// The value as compact JSON text on one line, without a newline.
    public static func compactString(from value: JSONValue) -> String {
        var out: [UInt8] = []
        appendCompact(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func append(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        switch value {
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            for (position, element) in elements.enumerated() {
                appendIndent(indent + 1, to: &out)
                append(element, indent: indent + 1, to: &out)
                if position != elements.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            appendIndent(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out.append(UInt8(ascii: "{"))
                out.append(UInt8(ascii: "}"))
                return
            }
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            for (position, member) in members.enumerated() {
                appendIndent(indent + 1, to: &out)
                appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                append(member.value, indent: indent + 1, to: &out)
                if position != members.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            appendIndent(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        default:
            appendCompact(value, to: &out)
        }
    }

    private static func appendCompact(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let digits): out.append(contentsOf: digits.utf8)
        case .string(let string): appendString(string, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                appendCompact(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                appendCompact(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func appendIndent(_ level: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// A string with only the escapes JSON requires: `"`, `\\` and control characters.
    ///
    /// Runs of bytes that need no escape are copied in one go.
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                runStart = index + 1
                appendEscape(byte, to: &out)
            }
            if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            out.append(contentsOf: "u00".utf8)
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
    }
}
