import Glibc

/// The JSON values and structure plan files are read from.
extension FastPlanReader {
    // MARK: Values

    mutating func deadline() throws(Bailout) -> Deadline {
        guard let deadline = Deadline(planText: try text()) else { throw Bailout() }
        return deadline
    }

    mutating func day() throws(Bailout) -> CalendarDate {
        guard let day = CalendarDate(iso: try text()) else { throw Bailout() }
        return day
    }

    /// A non-blank string.
    mutating func text() throws(Bailout) -> String {
        let value = try string()
        if PlanDecoder.isBlank(value) { throw Bailout() }
        return value
    }

    /// A string without escapes, as the bytes it is in the file (see ``Key``).
    /// A string with an escape or a control character gives up.
    mutating func key() throws(Bailout) -> Key {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Bailout() }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { throw Bailout() }
            end += 1
        }
        guard end < bytes.count else { throw Bailout() }
        index = end + 1
        return Key(start: bytes.baseAddress! + start, length: end - start)
    }

    /// Passes over a non-blank string without keeping it.
    mutating func skipText() throws(Bailout) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Bailout() }
        let isText: Bool
        do {
            isText = try json.skipString()
        } catch {
            throw Bailout()
        }
        if !isText { throw Bailout() }
    }

    mutating func texts() throws(Bailout) -> [String] {
        try array { reader throws(Bailout) in try reader.text() }
    }

    mutating func integer() throws(Bailout) -> Int {
        skipWhitespace()
        var value = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
            if digits > 9 { throw Bailout() }
        }
        // Leading zeros, signs, fractions and exponents are left to the full reader.
        guard digits > 0, !(digits > 1 && bytes[index - digits] == UInt8(ascii: "0")),
              index == bytes.count || !".eE".utf8.contains(bytes[index]) else { throw Bailout() }
        return value
    }

    mutating func boolean() throws(Bailout) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw Bailout() }
        let isTrue = bytes[index] == UInt8(ascii: "t")
        do {
            try json.expectLiteral(isTrue ? "true" : "false")
        } catch {
            throw Bailout()
        }
        return isTrue
    }

    /// A JSON string, read by the strict JSON reader (escapes decoded, control
    /// characters and lone surrogates refused).
    mutating func string() throws(Bailout) -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Bailout() }
        do {
            return try json.parseString()
        } catch {
            throw Bailout()
        }
    }

    // MARK: Structure

    /// Reads an object, handing each member's key to `member`, which must read
    /// the value. A repeated key gives up.
    mutating func object(_ member: (inout FastPlanReader, Key) throws(Bailout) -> Void) throws(Bailout) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Bailout() }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        // The keys of every object being read, innermost last: one buffer for
        // the whole file instead of an allocation per object.
        let firstKey = seenKeys.count
        defer { seenKeys.removeSubrange(firstKey...) }
        while true {
            let key = try self.key()
            if seenKeys[firstKey...].contains(key) { throw Bailout() }
            seenKeys.append(key)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Bailout() }
            index += 1
            try member(&self, key)
            skipWhitespace()
            guard index < bytes.count else { throw Bailout() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw Bailout() }
            index += 1
            return
        }
    }

    /// Reads an array, with `element` reading each value.
    mutating func array<T>(_ element: (inout FastPlanReader) throws(Bailout) -> T) throws(Bailout) -> [T] {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw Bailout() }
        index += 1
        skipWhitespace()
        var values: [T] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return values
        }
        while true {
            values.append(try element(&self))
            skipWhitespace()
            guard index < bytes.count else { throw Bailout() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw Bailout() }
            index += 1
            return values
        }
    }

    mutating func skipWhitespace() { json.skipWhitespace() }
}
