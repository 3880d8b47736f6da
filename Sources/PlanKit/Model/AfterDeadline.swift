/// What follows an action's deadline when the plan says more than a date:
/// "31st Mar 2019 then ongoing" (delivered by the date, then monitored with
/// no end) or "Jun 2019 and then biannually" (a review at the date and every
/// six months after it).
///
/// Neither is overdue for ever once its first date passes. Ongoing work is
/// due at its deadline, and once a position is recorded on or after that day
/// it is being monitored: nothing more falls due, and its status says how it
/// goes. A recurring action is due at each review in turn: the first review
/// whose period holds no position recorded yet (``Action/reviewDue(asOf:)``).
public enum AfterDeadline: Hashable, Sendable, CustomStringConvertible {
    case ongoing
    case every(months: Int)

    /// The longest review period a plan file may give, in months.
    public static let longestPeriod = 99

    /// Reads the plan file's words exactly: `ongoing`, `every month` or
    /// `every N months` with N from 2 to 99 (the schema's pattern).
    public init?(_ text: String) {
        if text == "ongoing" {
            self = .ongoing
        } else if text == "every month" {
            self = .every(months: 1)
        } else if text.hasPrefix("every "), text.hasSuffix(" months"),
                  case let number = text.dropFirst(6).dropLast(7),
                  number.count <= 2, number.allSatisfy(\.isASCII), !number.hasPrefix("0"),
                  let months = Int(number), (2...Self.longestPeriod).contains(months) {
            self = .every(months: months)
        } else {
            return nil
        }
    }

    /// Reads what a plan's deadline wording says follows the date
    /// (`then ongoing`, `– ongoing`, `and then biannually`, `quarterly`), or
    /// `nil` when it says neither.
    public init?(wording: String) {
        let lower = wording.lowercased()
        func has(_ word: String) -> Bool { Self.wordPatterns[word]!.matches(lower) }
        // "No longer ongoing", "not ongoing": words that say it does not go on.
        if has("(no longer|not|no more|never|nor)( be)? (ongoing|recurring|repeated)") { return nil }
        if has("(bi|semi)[- ]?annual(ly)?") || has("half[- ]?yearly") || has("(6|six)[- ]?monthly") || has("every (6|six) months")
            || has("twice (a|per|each) year") {
            self = .every(months: 6)
        } else if has("quarterly") || has("every (3|three) months") || has("(3|three)[- ]?monthly") {
            self = .every(months: 3)
        } else if has("monthly") || has("every month") {
            self = .every(months: 1)
        } else if has("annually") || has("yearly") || has("every year") || has("every 12 months") {
            self = .every(months: 12)
        } else if has("ongoing") {
            self = .ongoing
        } else {
            return nil
        }
    }

    /// Each phrase `init(wording:)` looks for, as a whole-word pattern compiled once.
    private static let wordPatterns: [String: TextPattern] = Dictionary(uniqueKeysWithValues: [
        "(no longer|not|no more|never|nor)( be)? (ongoing|recurring|repeated)",
        "(bi|semi)[- ]?annual(ly)?",
        "half[- ]?yearly",
        "(6|six)[- ]?monthly",
        "every (6|six) months",
        "twice (a|per|each) year",
        "quarterly",
        "every (3|three) months",
        "(3|three)[- ]?monthly",
        "monthly",
        "every month",
        "annually",
        "yearly",
        "every year",
        "every 12 months",
        "ongoing",
    ].map { ($0, TextPattern("\\b\($0)\\b")) })

    /// The words a plan file writes.
    public var description: String {
        switch self {
        case .ongoing: return "ongoing"
        case .every(let months): return months == 1 ? "every month" : "every \(months) months"
        }
    }

    /// The words a table shows after the deadline (`then ongoing`, `then every 6 months`).
    public var displayText: String { "then \(description)" }
}

extension Action {
    /// The day of the latest entry on or before `asOf` that records a
    /// position – a status or a progress note, not a lead change.
    func latestPositionDate(asOf: CalendarDate) -> CalendarDate? {
        self.history.last { $0.date <= asOf && !$0.isEdit && ($0.status != nil || $0.comment != nil) }?.date
    }

    /// For a recurring action, the review due next on `asOf`: the first of
    /// its deadline and the dates a whole number of periods after it whose
    /// period (see ``reviewPeriod(_:after:)``) has not seen a position
    /// recorded on or before `asOf` – so each progress note answers the
    /// review it was recorded for, even before the review's last day.
    ///
    /// The one place a recurring action's due day is worked out: `show`,
    /// `list`, `overdue`, `summary` and the board pack all ask here.
    ///
    /// `nil` for an action that does not recur or has no dated deadline.
    public func reviewDue(asOf: CalendarDate) -> CalendarDate? {
        guard case .every(let months) = self.afterDeadline, let deadline = finalDeadline, deadline.lastDay != nil else { return nil }
        let recorded = latestPositionDate(asOf: asOf)
        var count = 0
        while true {
            let period = Self.reviewPeriod(count * months, after: deadline)
            guard let recorded, period.lowerBound <= recorded, period.upperBound.year < 9999 else { return period.upperBound }
            count += 1
        }
    }

    /// The days a review answers for: the deadline moved on by some months,
    /// as precise as the deadline is. A month's deadline (`Jun 2019`) is a
    /// review held some time that month, due by its last day, so a position
    /// recorded any day of the month answers it; a day's deadline is a review
    /// on that day, answered on or after it.
    static func reviewPeriod(_ months: Int, after deadline: Deadline) -> ClosedRange<CalendarDate> {
        switch deadline {
        case .month(let month):
            let moved = month.lastDay.addingMonths(months).calendarMonth
            return moved.firstDay...moved.lastDay
        default:
            let day = deadline.lastDay!.addingMonths(months)
            return day...day
        }
    }

    /// The day by which the action is next due on `asOf`: the review due for
    /// a recurring action; the deadline's last day for ongoing work until a
    /// position is recorded on or after it, then `nil` (it is being
    /// monitored); otherwise the final deadline's last day.
    public func dueDate(asOf: CalendarDate) -> CalendarDate? {
        guard let last = finalDeadline?.lastDay else { return nil }
        switch self.afterDeadline {
        case nil: return last
        case .ongoing:
            if let recorded = latestPositionDate(asOf: asOf), recorded >= last { return nil }
            return last
        case .every: return reviewDue(asOf: asOf)
        }
    }
}
