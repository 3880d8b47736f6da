/// Compact JSON made pretty afterwards: a list that holds many values before writing them (sorted
/// across files) keeps each as ``JSONWriter/compactString(from:)`` gives it, a quarter smaller than
/// indented, and indents it only as it writes it.
extension JSONWriter {
    /// The pretty text of the value whose compact text is `compact` (``compactString(from:)``), nested
    /// `indent` levels deep: the same bytes as ``bytes(from:indent:)`` of the value.
    package static func indenting(compact: String, indent: Int) -> String {
        var out: [UInt8] = []
        var compact = compact
        compact.withUTF8 { bytes in
            out.reserveCapacity(bytes.count + bytes.count / 2)
            let (quote, backslash) = (UInt8(ascii: "\""), UInt8(ascii: "\\"))
            var depth = indent
            // Runs of bytes that are not punctuation (strings whole, numbers, literals) are copied in one go.
            var index = 0, runStart = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == quote {
                    index += 1
                    while index < bytes.count {
                        let next = bytes[index]
                        index += next == backslash ? 2 : 1
                        if next == quote { break }
                    }
                    continue
                }
                guard byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "[")
                    || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":") else {
                    index += 1
                    continue
                }
                if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                index += 1
                let closes = index < bytes.count && (byte == UInt8(ascii: "{") && bytes[index] == UInt8(ascii: "}")
                    || byte == UInt8(ascii: "[") && bytes[index] == UInt8(ascii: "]"))
                switch byte {
                case UInt8(ascii: "{") where closes:
                    // An empty object stays `{}`.
                    out.append(contentsOf: "{}".utf8)
                    index += 1
                case UInt8(ascii: "[") where closes:
                    // An empty array is `[` and `]` on lines of their own.
                    out.append(byte)
                    appendNewLine(depth, to: &out)
                    out.append(UInt8(ascii: "]"))
                    index += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    out.append(byte)
                    depth += 1
                    appendNewLine(depth, to: &out)
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    appendNewLine(depth, to: &out)
                    out.append(byte)
                case UInt8(ascii: ","):
                    out.append(byte)
                    appendNewLine(depth, to: &out)
                default:
                    out.append(contentsOf: ": ".utf8)
                }
                runStart = index
            }
            if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendNewLine(_ depth: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }
}
