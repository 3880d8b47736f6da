/// A date as a person types it for a command: read into the plan's own
/// values (a day, a month, ongoing, tbc), which a plan file then writes as ISO.
///
/// People write dates the way their letters and spreadsheets do, not as ISO,
/// so besides `2019-07-31` and `2019-07` this reads:
///
/// - `31/07/2019`, `31/7/19`: day/month/year, the order UK councils write.
///   A two-digit year is 1970–2069, as imported deadlines read it.
/// - `31 Jul 2019`, `31st July 2019` (a day), `Jul 2019`, `July 2019` (a month).
/// - `today`, `yesterday`, `tomorrow`, `eom` and `eoq` (the last day of this
///   month and of this quarter: March, June, September, December, which are
///   the financial year's quarter ends too).
/// - `+3d`, `+2w`, `+1m`, `+1y`, `-1w`: days, weeks, months or years from
///   today; a month on from 31 Jan is the last day of February.
/// - `ongoing` and `tbc`, where a deadline is asked for.
///
/// Case does not matter. A slashed date is refused rather than guessed when
/// another common order reads it differently: `07/31/2019` reads only as
/// month/day; `01/02/03`, all numbers written with two digits and none above
/// 12, is also the year/month/day 2001-02-03 (see ``DateInputError``). Today is the reader's,
/// given by the caller, so that the answer never depends on the clock here.
public enum DateInput {
    /// Reads a deadline: a day, a month, `ongoing` or `tbc`.
    ///
    /// - Throws: ``DateInputError`` saying why the text is not one.
    public static func deadline(_ text: String, today: CalendarDate) throws(DateInputError) -> Deadline {
        let deadline = try written(text).resolved(today: today)
        guard deadline.isPlausible else { throw .outsideYears(deadline) }
        return deadline
    }

    /// Reads a day. A month is refused (``DateInputError/notADay(_:)``): which
    /// of its days is meant depends on the question (`--since` would want the
    /// first, `--as-of` the last), so the person says which.
    ///
    /// - Throws: ``DateInputError`` saying why the text is not a day.
    public static func day(_ text: String, today: CalendarDate) throws(DateInputError) -> CalendarDate {
        let deadline = try self.deadline(text, today: today)
        guard case .day(let day) = deadline else { throw .notADay(deadline) }
        return day
    }

    /// Whether the text is written as a date at all, even one that is refused
    /// (`31/02/2019`, `01/02/03`): a command line that may or may not give a
    /// date after an option takes such a token as the date, so that a mistake
    /// in it is reported as one rather than as a stray argument.
    public static func isWrittenAsDate(_ text: String) -> Bool {
        do {
            _ = try written(text)
            return true
        } catch {
            return error != .unreadable
        }
    }

    /// A date as written, before it is read against today.
    enum Written: Equatable {
        case deadline(Deadline)
        /// Days, weeks, months or years from today (`today` is 0 days).
        case fromToday(Int, RelativeUnit)
        case endOfMonth
        case endOfQuarter

        func resolved(today: CalendarDate) -> Deadline {
            switch self {
            case .deadline(let deadline): return deadline
            case .fromToday(let count, .days): return .day(today.adding(days: count))
            case .fromToday(let count, .weeks): return .day(today.adding(days: count * 7))
            case .fromToday(let count, .months): return .day(today.addingMonths(count))
            case .fromToday(let count, .years): return .day(today.addingMonths(count * 12))
            case .endOfMonth: return .day(today.calendarMonth.lastDay)
            case .endOfQuarter:
                return .day(CalendarMonth(year: today.year, month: (today.month + 2) / 3 * 3)!.lastDay)
            }
        }
    }

    enum RelativeUnit: Equatable {
        case days, weeks, months, years
    }

    /// The longest count a relative date may have (`+99999d`): enough to reach
    /// past every year improve accepts, short enough that arithmetic never overflows.
    static let longestCount = 5

    /// Reads the form of the text, without today.
    static func written(_ typed: String) throws(DateInputError) -> Written {
        let text = typed.lowercased()
        switch text {
        case "ongoing": return .deadline(.ongoing)
        case "tbc": return .deadline(.toBeConfirmed)
        case "today": return .fromToday(0, .days)
        case "yesterday": return .fromToday(-1, .days)
        case "tomorrow": return .fromToday(1, .days)
        case "eom": return .endOfMonth
        case "eoq": return .endOfQuarter
        default: break
        }
        if let sign = text.first, sign == "+" || sign == "-" {
            return try relative(text)
        }
        if text.contains("/") { return .deadline(.day(try slashed(text))) }
        if text.contains("-") { return .deadline(try iso(text)) }
        return .deadline(try named(text))
    }

    /// `+3d`, `-1w`, `+1m`, `+2y`.
    static func relative(_ text: String) throws(DateInputError) -> Written {
        let digits = text.dropFirst().dropLast()
        guard let unitLetter = text.last, !digits.isEmpty, digits.count <= longestCount,
              digits.allSatisfy(\.isASCIIDigit), let count = Int(digits) else { throw .unreadable }
        let units: [Character: RelativeUnit] = ["d": .days, "w": .weeks, "m": .months, "y": .years]
        guard let unit = units[unitLetter] else { throw .unreadable }
        return .fromToday(text.hasPrefix("-") ? -count : count, unit)
    }

    /// `YYYY-MM-DD` or `YYYY-MM`, as a plan file writes them.
    static func iso(_ text: String) throws(DateInputError) -> Deadline {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              [[4, 2], [4, 2, 2]].contains(parts.map(\.count)) else { throw .unreadable }
        let year = Int(parts[0])!, month = Int(parts[1])!
        if parts.count == 2 { return .month(try calendarMonth(year: year, month: month)) }
        return .day(try day(year: year, month: month, day: Int(parts[2])!))
    }

    /// `D/M/YYYY` or `D/M/YY`, day first; refused when another order reads it differently.
    static func slashed(_ text: String) throws(DateInputError) -> CalendarDate {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), [2, 4].contains(parts[2].count)
        else { throw .unreadable }
        let first = Int(parts[0])!, second = Int(parts[1])!
        let year = parts[2].count == 4 ? Int(parts[2])! : DeadlineCell.fullYear(String(parts[2]))!
        let dayMonth = CalendarDate(year: year, month: second, day: first)
        // Year first is a reading only where the year could be written first: two digits
        // everywhere, as fixed-width year/month/day is (no one pads a year but not its month).
        let yearFirst = parts.allSatisfy { $0.count == 2 }
            ? CalendarDate(year: DeadlineCell.fullYear(String(parts[0]))!, month: second, day: Int(parts[2])!) : nil
        if let dayMonth {
            // Refused only where nothing tells the orders apart: every number 12 or less
            // (`01/02/03`). `31/07/19` is day/month/year, as a council writes it.
            if let yearFirst, yearFirst != dayMonth, [first, second, Int(parts[2])!].allSatisfy({ $0 <= 12 }) {
                throw .ambiguous(dayMonthYear: dayMonth, yearMonthDay: yearFirst)
            }
            return dayMonth
        }
        // Another order is named only where the numbers say so: a second number
        // above 12 is no month (07/31/2019), a first above 31 no day (45/01/15).
        // Otherwise the day/month/year reading is what was meant, and why it
        // is no day is the answer (30/02/19: February has no 30th).
        if first <= 12, second > 12, let monthDay = CalendarDate(year: year, month: first, day: second) {
            throw .otherOrder(.monthDayYear, monthDay)
        }
        if first > 31, let yearFirst { throw .otherOrder(.yearMonthDay, yearFirst) }
        return try day(year: year, month: second, day: first)
    }

    /// `31 Jul 2019`, `31st July 2019` (a day), `Jul 2019`, `July 2019` (a month).
    static func named(_ text: String) throws(DateInputError) -> Deadline {
        // Any space between words, a no-break one from a pasted document included.
        let words = text.split(whereSeparator: \.isWhitespace)
        // Spaces between the words, never around them (" 2019-07-31" is refused as ISO is).
        guard (2...3).contains(words.count), text.first?.isWhitespace == false, text.last?.isWhitespace == false,
              let year = words.last.flatMap({ $0.count == 4 && $0.allSatisfy(\.isASCIIDigit) ? Int($0) : nil }),
              let month = monthNumber(String(words[words.count - 2]))
        else { throw .unreadable }
        if words.count == 2 { return .month(try calendarMonth(year: year, month: month)) }
        var dayText = Substring(words[0])
        let suffix = dayText.suffix(2)
        if ["st", "nd", "rd", "th"].contains(suffix) { dayText = dayText.dropLast(2) }
        guard (1...2).contains(dayText.count), dayText.allSatisfy(\.isASCIIDigit), let number = Int(dayText) else { throw .unreadable }
        // An ordinal as English writes it: 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st.
        if dayText.count < words[0].count {
            let ordinal = (11...13).contains(number % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][number % 10] ?? "th"
            guard suffix == ordinal else { throw .unreadable }
        }
        return .day(try day(year: year, month: month, day: number))
    }

    /// A month's number from its English name, its three-letter abbreviation or `Sept`, with an optional full stop.
    static func monthNumber(_ word: String) -> Int? {
        let name = word.hasSuffix(".") ? String(word.dropLast()) : word
        guard name.count >= 3 else { return nil }
        let fullNames = ["january", "february", "march", "april", "may", "june", "july",
                         "august", "september", "october", "november", "december"]
        if name == "sept" { return 9 }
        return fullNames.firstIndex { $0 == name || $0.prefix(3) == name }.map { $0 + 1 }
    }

    static func calendarMonth(year: Int, month: Int) throws(DateInputError) -> CalendarMonth {
        guard year != 0 else { throw .noYearZero }
        guard let calendarMonth = CalendarMonth(year: year, month: month) else { throw .noSuchMonth(month) }
        return calendarMonth
    }

    static func day(year: Int, month: Int, day: Int) throws(DateInputError) -> CalendarDate {
        let calendarMonth = try self.calendarMonth(year: year, month: month)
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw .noSuchDay(day, in: calendarMonth)
        }
        return date
    }
}

/// The order a slashed date was written in, when it is not day/month/year.
public enum DateOrder: Sendable, Equatable {
    /// `07/31/2019`, as written in the United States.
    case monthDayYear
    /// `31/07/19` read as 2031-07-19.
    case yearMonthDay
}

/// Why typed text is not the date a command asks for: facts for the command
/// line to put in words, never words themselves.
public enum DateInputError: Error, Sendable, Equatable {
    /// Not written in any form improve reads.
    case unreadable
    /// A month number that is not 1–12 (`2019-13`, `31/13/2019`).
    case noSuchMonth(Int)
    /// A day the month does not have (`31/02/2019`).
    case noSuchDay(Int, in: CalendarMonth)
    /// Year 0 (`0000-01-01`), which the calendar does not have.
    case noYearZero
    /// A slashed date that is no day read day first, but is one read in
    /// another order (`07/31/2019` as month/day): the day it would be.
    case otherOrder(DateOrder, CalendarDate)
    /// A slashed date that is a different real day read day/month/year and
    /// year/month/day, every number written with two digits and none above 12
    /// (`01/02/03`: 1 Feb 2003 or 2001-02-03).
    case ambiguous(dayMonthYear: CalendarDate, yearMonthDay: CalendarDate)
    /// A date outside ``CalendarDate/plausibleYears``: what it was read as.
    case outsideYears(Deadline)
    /// A month, `ongoing` or `tbc` where a day is asked for: what it was read as.
    case notADay(Deadline)
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
