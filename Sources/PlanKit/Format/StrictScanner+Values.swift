
/// The values of a plan file, read by the strict scanner: each is what the
/// format wants, or the scanner stops.
extension StrictScanner {
    mutating func text() throws(ScanStop) -> String? {
        let value = try string()
        if !PlanFormat.isText(value) { throw ScanStop() }
        return value
    }

    mutating func deadline() throws(ScanStop) -> Deadline? {
        guard let deadline = Deadline(planText: try string()), deadline.isPlausible else { throw ScanStop() }
        return deadline
    }

    mutating func day() throws(ScanStop) -> CalendarDate? {
        guard let day = CalendarDate(iso: try string()), day.isPlausible else { throw ScanStop() }
        return day
    }

    mutating func dayOrMonth() throws(ScanStop) -> PlanDate? {
        guard let text = try text(), let date = PlanDate(iso: text), date.isPlausible else { throw ScanStop() }
        return date
    }

    mutating func colour() throws(ScanStop) -> RAGColour? {
        guard let name = try text(), let colour = RAGColour(rawValue: name) else { throw ScanStop() }
        return colour
    }

    mutating func integer(hint: String) throws(ScanStop) -> Int? {
        skipWhitespace()
        var value = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
            if digits > 9 { throw ScanStop() }
        }
        // Leading zeros, signs, fractions and exponents are left to the diagnosing scanner.
        guard digits > 0, !(digits > 1 && bytes[index - digits] == UInt8(ascii: "0")),
              index == bytes.count || !".eE".utf8.contains(bytes[index]) else { throw ScanStop() }
        return value
    }

    mutating func flag() throws(ScanStop) -> Bool? {
        skipWhitespace()
        guard index < bytes.count else { throw ScanStop() }
        let isTrue = bytes[index] == UInt8(ascii: "t")
        do {
            try json.expectLiteral(isTrue ? "true" : "false")
        } catch {
            throw ScanStop()
        }
        return isTrue
    }

    /// An object's key: a string without escapes, as the bytes it is in the
    /// file. A key with an escape or a control character stops the scanner.
    mutating func key() throws(ScanStop) -> Key {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw ScanStop() }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { throw ScanStop() }
            end += 1
        }
        guard end < bytes.count else { throw ScanStop() }
        index = end + 1
        return Key(start: bytes.baseAddress! + start, length: end - start)
    }

    /// A JSON string, read by the strict JSON reader (escapes decoded, control
    /// characters and lone surrogates refused).
    mutating func string() throws(ScanStop) -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw ScanStop() }
        do {
            return try json.parseString()
        } catch {
            throw ScanStop()
        }
    }

    mutating func skipWhitespace() { json.skipWhitespace() }
}
