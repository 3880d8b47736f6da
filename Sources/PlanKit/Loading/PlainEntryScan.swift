import Glibc

/// Recognises, straight from the bytes, a plain history entry (a date and any
/// of a status, who and a comment) written in the plan format's key order.
///
/// ``FastPlanReader`` checks the entries a command leaves out (see
/// ``HistoryReading``) without keeping them; in a long-running portfolio that
/// is most of the file, so the usual layout gets this direct scan. It accepts
/// only what the general reader would accept with the same result: keys in the
/// order `date`, `status`, `by`, `comment` (any whitespace), strings without
/// escapes or control characters that start with a printable ASCII character,
/// and a real `YYYY-MM-DD` date. Anything else answers `nil` and is read the
/// general way, which also reports what is wrong.
enum PlainEntryScan {
    /// A recognised entry: where it ends, its date, and where its status lies.
    struct Entry {
        var end: Int
        var date: CalendarDate
        var status: Range<Int>?
    }

    /// The plain entry whose `{` is at `start`, or `nil`.
    static func entry(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Entry? {
        guard let base = bytes.baseAddress, start < bytes.count, base[start] == UInt8(ascii: "{") else { return nil }
        let count = bytes.count
        var index = start + 1

        func skipSpace() {
            while index < count {
                switch base[index] {
                case 0x20, 0x0D, 0x09: index += 1
                case 0x0A:
                    index += 1
                    // The indentation after a line break: eight spaces at a time.
                    while index + 8 <= count,
                          UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) == 0x2020_2020_2020_2020 {
                        index += 8
                    }
                default: return
                }
            }
        }
        /// `"name":` (its quotes included in `name`), and the space after it.
        func member(_ name: StaticString) -> Bool {
            let mark = index
            skipSpace()
            let length = name.utf8CodeUnitCount
            guard index + length < count, memcmp(base + index, name.utf8Start, length) == 0 else {
                index = mark
                return false
            }
            index += length
            skipSpace()
            guard index < count, base[index] == UInt8(ascii: ":") else {
                index = mark
                return false
            }
            index += 1
            skipSpace()
            return true
        }
        /// A string that is plainly not blank, and where its contents lie.
        func plainString() -> Range<Int>? {
            guard index < count, base[index] == UInt8(ascii: "\"") else { return nil }
            let first = index + 1
            let position = Reader.endOfPlainRun(in: bytes, from: first)
            guard position < count, base[position] == UInt8(ascii: "\""), position > first,
                  base[first] > 0x20, base[first] < 0x80 else { return nil }
            index = position + 1
            return first..<position
        }
        /// The `,` or `}` after a value.
        func separator() -> UInt8? {
            skipSpace()
            guard index < count else { return nil }
            index += 1
            return base[index - 1]
        }

        guard member("\"date\""), let text = plainString(), text.count == 10,
              base[text.lowerBound + 4] == UInt8(ascii: "-"), base[text.lowerBound + 7] == UInt8(ascii: "-"),
              let year = CalendarDate.number(bytes, at: text.lowerBound, width: 4),
              let month = CalendarDate.number(bytes, at: text.lowerBound + 5, width: 2),
              let day = CalendarDate.number(bytes, at: text.lowerBound + 8, width: 2),
              let date = CalendarDate(year: year, month: month, day: day) else { return nil }
        var status: Range<Int>?, recordsSomething = false
        var next = separator()
        if next == UInt8(ascii: ","), member("\"status\"") {
            guard let range = plainString() else { return nil }
            status = range
            recordsSomething = true
            next = separator()
        }
        if next == UInt8(ascii: ","), member("\"by\"") {
            guard plainString() != nil else { return nil }
            next = separator()
        }
        if next == UInt8(ascii: ","), member("\"comment\"") {
            guard plainString() != nil else { return nil }
            recordsSomething = true
            next = separator()
        }
        guard next == UInt8(ascii: "}"), recordsSomething else { return nil }
        return Entry(end: index, date: date, status: status)
    }
}
