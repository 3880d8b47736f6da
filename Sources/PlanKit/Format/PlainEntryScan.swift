import PlanJSON

import Glibc

/// Recognises, straight from the bytes, a plain history entry (a date and any
/// of the other plain fields: a status, who and a comment) written in the
/// declared key order (``HistoryEntryField/isPlain``).
///
/// ``StrictScanner`` checks the entries a command leaves out (see
/// ``PositionWindow``) without keeping them; in a long-running portfolio that
/// is most of the file, so the writer's layout gets this direct scan. It
/// accepts only what the decoder would accept with the same result: the plain
/// keys in declared order (any whitespace), the date first, strings without
/// escapes or control characters that start with a printable ASCII character,
/// and a real `YYYY-MM-DD` date. Anything else answers `nil` and is read by
/// the decoder, which also stops at what is wrong.
enum PlainEntryScan {
    /// The plain fields' keys, the date's first, then the others in declared order.
    private struct Keys: @unchecked Sendable {
        let date: UnsafeBufferPointer<UInt8>
        let others: [(field: HistoryEntryField, key: UnsafeBufferPointer<UInt8>)]

        init() {
            func bytes(_ field: HistoryEntryField) -> UnsafeBufferPointer<UInt8> {
                let key = Array(field.key.utf8)
                let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: key.count)
                _ = storage.initialize(from: key)
                return UnsafeBufferPointer(storage)
            }
            date = bytes(.date)
            others = HistoryEntryField.allCases.filter { $0.isPlain && $0 != .date }.map { ($0, bytes($0)) }
        }
    }

    /// Made once and kept for the life of the process.
    private static let keys = Keys()

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
        /// `"key":`, and the space after it.
        func member(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
            let mark = index
            skipSpace()
            let length = key.count
            guard index + length + 2 < count, base[index] == UInt8(ascii: "\""),
                  memcmp(base + index + 1, key.baseAddress!, length) == 0, base[index + length + 1] == UInt8(ascii: "\"")
            else {
                index = mark
                return false
            }
            index += length + 2
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

        let plain = Self.keys
        guard member(plain.date), let text = plainString(), text.count == 10,
              base[text.lowerBound + 4] == UInt8(ascii: "-"), base[text.lowerBound + 7] == UInt8(ascii: "-"),
              let year = CalendarDate.number(bytes, at: text.lowerBound, width: 4),
              let month = CalendarDate.number(bytes, at: text.lowerBound + 5, width: 2),
              let day = CalendarDate.number(bytes, at: text.lowerBound + 8, width: 2),
              let date = CalendarDate(year: year, month: month, day: day), date.isPlausible else { return nil }
        var status: Range<Int>?, recordsSomething = false
        var next = separator()
        for (field, key) in plain.others {
            guard next == UInt8(ascii: ","), member(key) else { continue }
            guard let range = plainString() else { return nil }
            if field == .status { status = range }
            if field.records { recordsSomething = true }
            next = separator()
        }
        guard next == UInt8(ascii: "}"), recordsSomething else { return nil }
        return Entry(end: index, date: date, status: status)
    }
}
