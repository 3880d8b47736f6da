import FoundationEssentials
import Glibc

/// A day in the proleptic Gregorian calendar, with no time and no time zone.
///
/// Plan dates are calendar dates, never instants: `2019-02-28` is the same
/// day wherever the plan is read, so no date ever shifts with the time zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or returns `nil` if the day does not exist (`2019-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CalendarMonth.numberOfDays(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses an ISO 8601 calendar date, `YYYY-MM-DD`.
    ///
    /// - Returns: the date, or `nil` when the text is not of that form or the
    ///   day does not exist.
    public init?(iso text: String) {
        var text = text
        let parts = text.withUTF8 { bytes -> (Int, Int, Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let year = CalendarDate.number(bytes, at: 0, width: 4),
                  let month = CalendarDate.number(bytes, at: 5, width: 2),
                  let day = CalendarDate.number(bytes, at: 8, width: 2) else { return nil }
            return (year, month, day)
        }
        guard let parts else { return nil }
        self.init(year: parts.0, month: parts.1, day: parts.2)
    }

    /// Reads a fixed-width decimal field; `nil` unless every byte is a digit.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, width: Int) -> Int? {
        var value = 0
        for position in offset..<(offset + width) {
            let byte = bytes[position]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The local date at a moment, from the C library (cheap enough to ask
    /// once per plan checked). The moment is the caller's clock reading
    /// (``Today/reading()``): the library never reads the clock itself.
    public static func localDate(at moment: Date) -> CalendarDate {
        var now = time_t(moment.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&now, &parts) != nil,
              let date = CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
        else { return today(in: .current, now: moment) }
        return date
    }

    /// The latest day a history entry may carry when it is read now: the
    /// reader's tomorrow, or the day it already is on the easternmost clocks
    /// (UTC+14) when that is later.
    ///
    /// A change is recorded with its writer's local date (``localDate(at:)``), and
    /// local dates on the planet run from UTC−12 to UTC+14: a change made
    /// today in Kiribati can be dated a day, for two hours of each day two
    /// days, after a reader's today further west without being in the
    /// future. Recording and checking share the one clock; the check allows
    /// for the spread, and anything later is still refused.
    ///
    /// - Parameters:
    ///   - readerToday: the reader's local date.
    ///   - now: the moment of reading (the same clock reading as `readerToday`).
    public static func latestRecordable(readerToday: CalendarDate, now: Date) -> CalendarDate {
        max(readerToday.adding(days: 1), easternmostToday(now: now))
    }

    /// Today's date at UTC+14, from the C library as ``localDate(at:)`` is: asked once
    /// per plan read, where a Foundation calendar cost more than the rest of a
    /// small plan's checks. (UTC+14 has no summer time: a fixed offset is exact.)
    static func easternmostToday(now: Date) -> CalendarDate {
        var shifted = time_t(now.timeIntervalSince1970.rounded(.down)) + time_t(easternmostZone.secondsFromGMT())
        var parts = tm()
        guard gmtime_r(&shifted, &parts) != nil,
              let date = CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
        else { return today(in: easternmostZone, now: now) }
        return date
    }

    /// The time zone whose clocks are furthest ahead (Line Islands, UTC+14).
    static let easternmostZone = TimeZone(secondsFromGMT: 14 * 3600)!

    /// The date in the given time zone at the moment `now`.
    public static func today(in timeZone: TimeZone, now: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        // A Gregorian calendar always yields a valid day.
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String {
        "\(CalendarDate.pad(year, 4))-\(CalendarDate.pad(month, 2))-\(CalendarDate.pad(day, 2))"
    }

    /// The month this day falls in.
    public var calendarMonth: CalendarMonth { CalendarMonth(year: year, month: month)! }

    /// The number of days since 0001-01-01 (day 0); differences give day counts.
    public var dayNumber: Int {
        // Days before this year, then before this month, then the day.
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += CalendarMonth.numberOfDays(year: year, month: m) }
        return days + day - 1
    }

    /// The number of days from `self` to `other` (positive when `other` is later).
    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    /// The date `count` days later (earlier when negative), kept within the
    /// years a date can have (0001–9999): arithmetic never traps.
    public func adding(days count: Int) -> CalendarDate {
        CalendarDate(dayNumber: Swift.min(Swift.max(dayNumber &+ count, 0), CalendarDate.last.dayNumber))
    }

    /// The same day `count` months later (earlier when negative), or the
    /// month's last day when it is shorter (31 Jan + 1 month = 28 or 29 Feb),
    /// kept within the years a date can have.
    public func addingMonths(_ count: Int) -> CalendarDate {
        let index = Swift.min(Swift.max(year * 12 + (month - 1) + count, 12), 9999 * 12 + 11)
        let newYear = index / 12, newMonth = index % 12 + 1
        let day = Swift.min(self.day, CalendarMonth.numberOfDays(year: newYear, month: newMonth))
        return CalendarDate(year: newYear, month: newMonth, day: day)!
    }

    /// The last day a date can have.
    static let last = CalendarDate(year: 9999, month: 12, day: 31)!

    /// The years a plan's dates, and the days a command is asked about, may
    /// fall in. Dates outside it are refused as typing mistakes wherever they
    /// are read, and so no report ever reaches the ends of the calendar.
    public static let plausibleYears = 1990...2100

    /// Whether the date falls in ``plausibleYears``.
    public var isPlausible: Bool { CalendarDate.plausibleYears.contains(year) }

    /// Says why a date is not plausible, naming the range.
    public static func implausible(_ text: String) -> String {
        "\(text) is outside the years improve accepts (\(plausibleYears.lowerBound)–\(plausibleYears.upperBound))"
    }

    /// The date for a day number as ``dayNumber`` counts them.
    public init(dayNumber: Int) {
        // Walk years with 400-year cycles, then months.
        var remaining = max(0, dayNumber)
        var year = 1 + 400 * (remaining / 146_097)
        remaining %= 146_097
        while true {
            let length = CalendarMonth.isLeapYear(year) ? 366 : 365
            if remaining < length { break }
            remaining -= length
            year += 1
        }
        var month = 1
        while remaining >= CalendarMonth.numberOfDays(year: year, month: month) {
            remaining -= CalendarMonth.numberOfDays(year: year, month: month)
            month += 1
        }
        self.year = year
        self.month = month
        self.day = remaining + 1
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A calendar month, such as February 2019.
public struct CalendarMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Creates a month, or returns `nil` when the month number is not 1–12.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses an ISO 8601 month, `YYYY-MM`.
    public init?(iso text: String) {
        var text = text
        let parts = text.withUTF8 { bytes -> (Int, Int)? in
            guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
                  let year = CalendarDate.number(bytes, at: 0, width: 4),
                  let month = CalendarDate.number(bytes, at: 5, width: 2) else { return nil }
            return (year, month)
        }
        guard let parts else { return nil }
        self.init(year: parts.0, month: parts.1)
    }

    /// The month as `YYYY-MM`.
    public var description: String { "\(CalendarDate.pad(year, 4))-\(CalendarDate.pad(month, 2))" }

    /// The first day of the month.
    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }

    /// The last day of the month: the day a deadline of this month falls due.
    public var lastDay: CalendarDate {
        CalendarDate(year: year, month: month, day: CalendarMonth.numberOfDays(year: year, month: month))!
    }

    /// The month's short English name and year, as plans write it (`Feb 2019`).
    public var shortName: String { "\(CalendarMonth.shortNames[month - 1]) \(year)" }

    /// English month abbreviations, January first.
    public static let shortNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func numberOfDays(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }
}

extension CalendarDate {
    /// Why a date-like text (`2019-02-30`, `2019-13`) is not a real day or
    /// month, in words (`Feb 2019 has 28 days`, `there is no month 13`), or
    /// `nil` when it is not shaped like one at all.
    public static func reasonNotADate(_ text: String) -> String? {
        // Only digits and dashes, in the shape of a day or a month (no signs, no time zones).
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { part in
            part.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ? Int(part) : nil
        }
        if parts.count == 3, let year = parts[0], let month = parts[1], parts[2] != nil, text.utf8.count == 10 {
            if year == 0 { return "there is no year 0" }
            if !(1...12).contains(month) { return "there is no month \(month)" }
            return "\(CalendarMonth.shortNames[month - 1]) \(year) has \(CalendarMonth.numberOfDays(year: year, month: month)) days"
        }
        if parts.count == 2, let year = parts[0], let month = parts[1], text.utf8.count == 7 {
            if year == 0 { return "there is no year 0" }
            if !(1...12).contains(month) { return "there is no month \(month)" }
        }
        return nil
    }

    /// A value as a message quotes it: in quotes, shortened to its first 60
    /// characters (a 20 MB value is not echoed whole).
    public static func quoted(_ text: String) -> String {
        text.count <= 60 ? "\"\(text)\"" : "\"\(text.prefix(60))…\" (\(text.utf8.count) bytes)"
    }

    /// A plan file's words for a text that is not a date (`"2019-02-30" is not a date: Feb 2019 has 28 days`).
    static func whyNotADate(_ text: String) -> String {
        let isMonth = text.utf8.count == 7 && text.split(separator: "-").count == 2
        let reason = reasonNotADate(text)
        let what = isMonth && reason != nil ? "\(quoted(text)) is not a month" : "\(quoted(text)) is not a date"
        return what + (reason.map { ": \($0)" } ?? "")
    }
}
