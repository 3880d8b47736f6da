/// When an action or milestone is due.
///
/// Plans give deadlines as a day (`31st Mar 2019`), a month (`Feb 2019`, due
/// by the last day of February), as ongoing work, or as to be confirmed. In a
/// plan file they are written `2019-03-31`, `2019-02`, `ongoing` and `tbc`.
public enum Deadline: Hashable, Sendable, CustomStringConvertible {
    case day(CalendarDate)
    case month(CalendarMonth)
    case ongoing
    case toBeConfirmed

    /// Parses a deadline as a plan file writes it.
    ///
    /// - Returns: the deadline, or `nil` for anything else, including days that
    ///   do not exist (`2019-02-30`).
    public init?(planText text: String) {
        switch text {
        case "ongoing": self = .ongoing
        case "tbc": self = .toBeConfirmed
        default:
            if let day = CalendarDate(iso: text) {
                self = .day(day)
            } else if let month = CalendarMonth(iso: text) {
                self = .month(month)
            } else {
                return nil
            }
        }
    }

    /// The deadline as a plan file writes it.
    public var description: String {
        switch self {
        case .day(let date): return date.description
        case .month(let month): return month.description
        case .ongoing: return "ongoing"
        case .toBeConfirmed: return "tbc"
        }
    }

    /// The deadline as people read it: `31 Mar 2019`, `Feb 2019`, `ongoing`, `tbc`.
    public var displayText: String {
        switch self {
        case .day(let date): return "\(date.day) \(date.calendarMonth.shortName)"
        case .month(let month): return month.shortName
        case .ongoing: return "ongoing"
        case .toBeConfirmed: return "tbc"
        }
    }

    /// The last day on which the deadline is still met, or `nil` when it has none.
    public var lastDay: CalendarDate? {
        switch self {
        case .day(let date): return date
        case .month(let month): return month.lastDay
        case .ongoing, .toBeConfirmed: return nil
        }
    }

    /// Whether the deadline has passed on `asOf`: its last day is before that date.
    ///
    /// Ongoing and to-be-confirmed deadlines never pass.
    public func hasPassed(asOf: CalendarDate) -> Bool {
        guard let last = lastDay else { return false }
        return last < asOf
    }

    /// Orders deadlines for sorting: dated deadlines by their last day, then
    /// ongoing, then to be confirmed, then none.
    public static func sortKey(_ deadline: Deadline?) -> (Int, Int) {
        switch deadline {
        case .some(.day(let date)): return (0, date.dayNumber)
        case .some(.month(let month)): return (0, month.lastDay.dayNumber)
        case .some(.ongoing): return (1, 0)
        case .some(.toBeConfirmed): return (2, 0)
        case .none: return (3, 0)
        }
    }
}

/// A date that a plan may know to the day or only to the month, such as when
/// an inspection took place (`2018-10`).
public enum PlanDate: Hashable, Sendable, CustomStringConvertible {
    case day(CalendarDate)
    case month(CalendarMonth)

    /// Parses `YYYY-MM-DD` or `YYYY-MM`.
    public init?(iso text: String) {
        if let day = CalendarDate(iso: text) {
            self = .day(day)
        } else if let month = CalendarMonth(iso: text) {
            self = .month(month)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .day(let date): return date.description
        case .month(let month): return month.description
        }
    }
}

extension Deadline {
    /// Whether a dated deadline falls in ``CalendarDate/plausibleYears`` (an undated one always does).
    public var isPlausible: Bool {
        switch self {
        case .day(let date): return date.isPlausible
        case .month(let month): return CalendarDate.plausibleYears.contains(month.year)
        case .ongoing, .toBeConfirmed: return true
        }
    }
}

extension PlanDate {
    /// Whether the date falls in ``CalendarDate/plausibleYears``.
    public var isPlausible: Bool {
        switch self {
        case .day(let date): return date.isPlausible
        case .month(let month): return CalendarDate.plausibleYears.contains(month.year)
        }
    }
}
