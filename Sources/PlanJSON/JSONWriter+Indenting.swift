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
            var depth = indent
            func newLine() {
                out.append(UInt8(ascii: "\n"))
                out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
            }
            var index = 0
            var inString = false
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if inString {
                    out.append(byte)
                    if byte == UInt8(ascii: "\\"), index < bytes.count {
                        out.append(bytes[index])
                        index += 1
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    out.append(byte)
                case UInt8(ascii: "{") where index < bytes.count && bytes[index] == UInt8(ascii: "}"):
                    // An empty object stays `{}`.
                    out.append(contentsOf: "{}".utf8)
                    index += 1
                case UInt8(ascii: "[") where index < bytes.count && bytes[index] == UInt8(ascii: "]"):
                    // An empty array is `[` and `]` on lines of their own.
                    out.append(byte)
                    newLine()
                    out.append(UInt8(ascii: "]"))
                    index += 1
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    out.append(byte)
                    depth += 1
                    newLine()
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    newLine()
                    out.append(byte)
                case UInt8(ascii: ","):
                    out.append(byte)
                    newLine()
                case UInt8(ascii: ":"):
                    out.append(contentsOf: ": ".utf8)
                default:
                    out.append(byte)
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
