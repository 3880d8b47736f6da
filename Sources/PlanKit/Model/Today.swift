import FoundationEssentials

/// Today as a command sees it: the local date, and the moment the clock was
/// read to find it.
///
/// The library never reads the clock itself: whoever runs a command reads it
/// once at the start (``reading()``) and hands the reading to everything that
/// judges a date against today, so that one command judges one day from
/// start to end, and a test can fix the day it runs on.
public struct Today: Sendable, Hashable {
    /// The local date.
    public var date: CalendarDate
    /// The moment the clock was read (for the easternmost time zones' date,
    /// and for when a change was recorded).
    public var moment: Date

    public init(date: CalendarDate, moment: Date) {
        self.date = date
        self.moment = moment
    }

    /// The clock as it reads now: for a program's entry point, never for the library.
    public static func reading() -> Today {
        let moment = Date()
        return Today(date: CalendarDate.localDate(at: moment), moment: moment)
    }

    /// The latest day a history entry may carry when read today
    /// (see ``CalendarDate/latestRecordable(readerToday:now:)``).
    public var latestRecordable: CalendarDate { CalendarDate.latestRecordable(readerToday: date, now: moment) }
}
