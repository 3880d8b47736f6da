/// A syntax error in a JSON document, with where it was found.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, in words (`expected ',' or '}' after an object member`).
    public var message: String
    /// The 1-based line of the error.
    public var line: Int
    /// The 1-based column of the error, counted in characters (Unicode scalars).
    public var column: Int

    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 JSON reader over UTF-8 bytes.
///
/// The reader checks that the whole document is valid UTF-8 before parsing
/// (reporting the first bad byte's line and column), rejects everything
/// RFC 8259 does not allow (trailing commas, comments, leading zeros, control
/// characters in strings, lone surrogates), and limits nesting depth so that
/// hostile input cannot exhaust the stack. A leading UTF-8 byte order mark is
/// skipped, since Windows editors often write one.
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 256

    /// Parses a complete JSON document.
    ///
    /// - Parameter bytes: the document's bytes, expected to be UTF-8.
    /// - Returns: the document's value.
    /// - Throws: ``JSONSyntaxError`` for invalid UTF-8, an empty document, or
    ///   any syntax error, with its line and column.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var result: Result<JSONValue, JSONSyntaxError> = .failure(
            JSONSyntaxError(message: "empty document", line: 1, column: 1))
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            result = Result { () throws(JSONSyntaxError) -> JSONValue in try reader.parseDocument() }
        }
        return try result.get()
    }

    /// Whether the bytes are valid UTF-8.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { Reader(bytes: $0).firstInvalidUTF8Offset() == nil }
    }

    /// Parses a complete JSON document and notes where each of its values
    /// starts, so that messages about a value can give its line and column.
    ///
    /// - Throws: as ``parse(_:)-([UInt8])``.
    public static func parseWithPositions(_ bytes: [UInt8]) throws(JSONSyntaxError) -> (value: JSONValue, positions: JSONPositions) {
        var result: Result<(JSONValue, JSONPositions), JSONSyntaxError> = .failure(
            JSONSyntaxError(message: "empty document", line: 1, column: 1))
        bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            reader.recordsPositions = true
            result = Result { () throws(JSONSyntaxError) -> (JSONValue, JSONPositions) in
                let value = try reader.parseDocument()
                return (value, JSONPositions(bytes: bytes, nodes: reader.nodes))
            }
        }
        return try result.get()
    }

    /// Parses a complete JSON document held in a string.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// The cursor of the strict reader; plan scanners read strings, literals and
/// whitespace with it, so that a value is checked the same way on every path.
package struct Reader {
    package let bytes: UnsafeBufferPointer<UInt8>
    package var index = 0
    var depth = 0
    /// Where each value starts, when the caller asked (``JSONParser/parseWithPositions(_:)``).
    var nodes = JSONPositions.Nodes()
    var recordsPositions = false

    package init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if let bad = firstInvalidUTF8Offset() {
            throw error("the file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at byte offset \(bad)); save it as UTF-8", at: bad)
        }
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        if index == bytes.count { throw error("the document is empty; a plan file holds one JSON object") }
        let value = try parseValue()
        skipWhitespace()
        if index != bytes.count { throw error("unexpected \(describeCurrent()) after the end of the document") }
        return value
    }

    // MARK: Values

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard recordsPositions else { return try parseBareValue() }
        let node = nodes.starts.count
        nodes.starts.append(index)
        nodes.ends.append(0)
        let value = try parseBareValue()
        nodes.ends[node] = nodes.starts.count
        return value
    }

    mutating func parseBareValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of file; expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected \(describeCurrent()); expected a value")
        }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else {
                throw error(index < bytes.count && bytes[index] == UInt8(ascii: "}")
                    ? "trailing comma before '}'" : "unexpected \(describeCurrent()); expected a key in double quotes")
            }
            let key = try parseString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("unexpected \(describeCurrent()); expected ':' after the key \"\(key)\"") }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key, value))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "}")) { index += 1; break }
            throw error("unexpected \(describeCurrent()); expected ',' or '}' after the value of \"\(key)\"")
        }
        depth -= 1
        return .object(members)
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if peek(UInt8(ascii: "]")) { throw error("trailing comma before ']'") }
            elements.append(try parseValue())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) { index += 1; continue }
            if peek(UInt8(ascii: "]")) { index += 1; break }
            throw error("unexpected \(describeCurrent()); expected ',' or ']' in an array")
        }
        depth -= 1
        return .array(elements)
    }

    mutating func enterContainer() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maximumDepth {
            throw error("arrays and objects are nested more than \(JSONParser.maximumDepth) deep")
        }
    }

    package mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let start = index
        var matches = bytes.count - index >= count
        if matches {
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
                matches = false
                break
            }
        }
        guard matches else { throw error("unexpected \(describeCurrent()); expected a value (did you mean \(literal)?)", at: start) }
        index += count
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        if peek(UInt8(ascii: "-")) { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("invalid number: leading zeros are not allowed") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number: expected a digit in the exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    package mutating func parseString() throws(JSONSyntaxError) -> String {
        let quote = index
        index += 1
        let start = index
        // Fast path: no escapes, straight to the first quote, backslash or control character.
        index = Reader.endOfPlainRun(in: bytes, from: start)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character (U+\(hex4(UInt16(byte)))) in a string; write it as an escape such as \\n") }
            index += 1
        }
        guard index < bytes.count else { throw error("unterminated string", at: quote) }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            }
            if byte < 0x20 { throw error("control character (U+\(hex4(UInt16(byte)))) in a string; write it as an escape such as \\n") }
            if byte != UInt8(ascii: "\\") {
                scalars.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append(0x22)
            case UInt8(ascii: "\\"): scalars.append(0x5C)
            case UInt8(ascii: "/"): scalars.append(0x2F)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                let escapeStart = index - 2
                var code = UInt32(try readHex4())
                if (0xD800...0xDBFF).contains(code) {
                    guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw error("lone surrogate \\u\(hex4(UInt16(code))) in a string", at: escapeStart)
                    }
                    index += 2
                    let low = UInt32(try readHex4())
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw error("lone surrogate \\u\(hex4(UInt16(code))) in a string", at: escapeStart)
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw error("lone surrogate \\u\(hex4(UInt16(code))) in a string", at: escapeStart)
                }
                // Safe: surrogates were excluded above.
                scalars.append(contentsOf: Array(String(Unicode.Scalar(code)!).utf8))
            default:
                throw error("invalid escape '\\\(describe(escape))' in a string", at: index - 2)
            }
        }
        throw error("unterminated string", at: quote)
    }

    mutating func readHex4() throws(JSONSyntaxError) -> UInt16 {
        guard bytes.count - index >= 4 else { throw error("invalid \\u escape: expected four hex digits") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt16
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt16(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt16(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt16(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape: expected four hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: Helpers

    /// Whether any byte of a little-endian word is `"`, `\\` or below 0x20.
    /// The position of the first quote, backslash or control character at or
    /// after `start` (`bytes.count` when there is none), found eight bytes at a time.
    package static func endOfPlainRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        while position + 8 <= bytes.count {
            let special = specialBytes(UnsafeRawPointer(bytes.baseAddress! + position).loadUnaligned(as: UInt64.self))
            if special != 0 { return position + special.trailingZeroBitCount / 8 }
            position += 8
        }
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\"),
              bytes[position] >= 0x20 {
            position += 1
        }
        return position
    }

    /// A mask whose lowest set bit lies in the first byte of `word` (read
    /// little-endian) that is a quote, a backslash or a control character;
    /// zero when there is none. (Bits above the lowest may be set spuriously.)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs
        return below0x20 | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
    }

    func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    package mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0D, 0x09: index += 1
            case 0x0A:
                index += 1
                // The indentation after a line break: eight spaces at a time.
                while index + 8 <= bytes.count,
                      UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 {
                    index += 8
                }
            default: return
            }
        }
    }

    func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let byte = bytes[index]
        // A character of several bytes (a curly quote from a word processor) is named whole.
        if byte >= 0xC0 {
            var end = index + 1
            while end < bytes.count, end - index < 4, bytes[end] & 0xC0 == 0x80 { end += 1 }
            if let scalar = String(validating: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)?.unicodeScalars.first {
                let code = String(scalar.value, radix: 16, uppercase: true)
                return "'\(scalar)' (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code))"
            }
        }
        return "'\(describe(byte))'"
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
        return "\\u{\(String(byte, radix: 16))}"
    }

    func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        var counter = LineCounter()
        counter.advance(to: offset ?? index, in: bytes)
        return JSONSyntaxError(message: message, line: counter.line, column: counter.column)
    }

    /// The offset of the first byte that breaks UTF-8 validity, or `nil`.
    func firstInvalidUTF8Offset() -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            // Fast path: thirty-two, then eight ASCII bytes at a time.
            if i + 32 <= n {
                let base = UnsafeRawPointer(bytes.baseAddress! + i)
                let any = base.loadUnaligned(as: UInt64.self) | base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | base.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | base.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if any & 0x8080_8080_8080_8080 == 0 { i += 32; continue }
            }
            if i + 8 <= n {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let b1 = bytes[i + 1]
            guard b1 >= lower && b1 <= upper else { return i }
            for k in 2..<max(2, length) where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
