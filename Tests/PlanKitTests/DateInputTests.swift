import Testing
import TestSupport
@testable import PlanKit

@Suite("Dates as people type them")
struct DateInputTests {
    /// A fixed today for every test: a Wednesday in the middle of a 31-day month.
    static let today = day(2019, 7, 17)

    static func day(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)!
    }

    static func month(_ year: Int, _ month: Int) -> CalendarMonth {
        CalendarMonth(year: year, month: month)!
    }

    static func read(_ text: String, today: CalendarDate = today) -> Result<Deadline, DateInputError> {
        Result { () throws(DateInputError) in try DateInput.deadline(text, today: today) }
    }

    @Test(arguments: [
        ("2019-07-31", Deadline.day(day(2019, 7, 31))),
        ("2019-07", .month(month(2019, 7))),
        ("31/07/2019", .day(day(2019, 7, 31))),
        ("1/2/2019", .day(day(2019, 2, 1))),
        ("01/02/2019", .day(day(2019, 2, 1))),
        ("31/7/19", .day(day(2019, 7, 31))),
        ("1/2/03", .day(day(2003, 2, 1))),
        ("5/11/69", .day(day(2069, 11, 5))),
        ("19/07/19", .day(day(2019, 7, 19))),
        ("29/2/2020", .day(day(2020, 2, 29))),
        ("31 Jul 2019", .day(day(2019, 7, 31))),
        ("31 July 2019", .day(day(2019, 7, 31))),
        ("31st July 2019", .day(day(2019, 7, 31))),
        ("2 sept 2019", .day(day(2019, 9, 2))),
        ("1 Sep. 2019", .day(day(2019, 9, 1))),
        ("Jul 2019", .month(month(2019, 7))),
        ("July 2019", .month(month(2019, 7))),
        ("MAY 2020", .month(month(2020, 5))),
        ("today", .day(day(2019, 7, 17))),
        ("Yesterday", .day(day(2019, 7, 16))),
        ("TOMORROW", .day(day(2019, 7, 18))),
        ("eom", .day(day(2019, 7, 31))),
        ("EOQ", .day(day(2019, 9, 30))),
        ("+3d", .day(day(2019, 7, 20))),
        ("+2w", .day(day(2019, 7, 31))),
        ("+1m", .day(day(2019, 8, 17))),
        ("+1y", .day(day(2020, 7, 17))),
        ("-1w", .day(day(2019, 7, 10))),
        ("-0d", .day(day(2019, 7, 17))),
        ("+1D", .day(day(2019, 7, 18))),
        ("ongoing", .ongoing),
        ("Ongoing", .ongoing),
        ("tbc", .toBeConfirmed),
    ])
    func readsEveryForm(text: String, expected: Deadline) throws {
        #expect(try DateInput.deadline(text, today: Self.today) == expected, "\(text)")
    }

    @Test func relativeDatesAcrossMonthEndsLeapYearsAndYearEnds() throws {
        func day(_ text: String, on today: CalendarDate) throws -> CalendarDate { try DateInput.day(text, today: today) }
        // A month on from 31 Jan is February's last day, in a common and a leap year.
        #expect(try day("+1m", on: Self.day(2019, 1, 31)) == Self.day(2019, 2, 28))
        #expect(try day("+1m", on: Self.day(2020, 1, 31)) == Self.day(2020, 2, 29))
        #expect(try day("-1m", on: Self.day(2019, 3, 31)) == Self.day(2019, 2, 28))
        #expect(try day("+1y", on: Self.day(2020, 2, 29)) == Self.day(2021, 2, 28))
        // Across the year's end, both ways.
        #expect(try day("tomorrow", on: Self.day(2019, 12, 31)) == Self.day(2020, 1, 1))
        #expect(try day("yesterday", on: Self.day(2020, 1, 1)) == Self.day(2019, 12, 31))
        #expect(try day("+2w", on: Self.day(2019, 12, 25)) == Self.day(2020, 1, 8))
        #expect(try day("-1w", on: Self.day(2020, 1, 3)) == Self.day(2019, 12, 27))
        #expect(try day("+1m", on: Self.day(2019, 12, 31)) == Self.day(2020, 1, 31))
        // Leap days.
        #expect(try day("+1d", on: Self.day(2020, 2, 28)) == Self.day(2020, 2, 29))
        #expect(try day("+1d", on: Self.day(2019, 2, 28)) == Self.day(2019, 3, 1))
        // The end of the month and of the quarter, on its first and last days.
        #expect(try day("eom", on: Self.day(2020, 2, 1)) == Self.day(2020, 2, 29))
        #expect(try day("eom", on: Self.day(2019, 2, 28)) == Self.day(2019, 2, 28))
        #expect(try day("eoq", on: Self.day(2019, 1, 1)) == Self.day(2019, 3, 31))
        #expect(try day("eoq", on: Self.day(2019, 4, 1)) == Self.day(2019, 6, 30))
        #expect(try day("eoq", on: Self.day(2019, 9, 30)) == Self.day(2019, 9, 30))
        #expect(try day("eoq", on: Self.day(2019, 12, 31)) == Self.day(2019, 12, 31))
        #expect(try day("eoq", on: Self.day(2019, 11, 5)) == Self.day(2019, 12, 31))
    }

    @Test func aSlashedDateReadTwoWaysNamesBothReadings() {
        #expect(Self.read("01/02/03") == .failure(.ambiguous(dayMonthYear: Self.day(2003, 2, 1), yearMonthDay: Self.day(2001, 2, 3))))
        #expect(Self.read("12/05/11") == .failure(.ambiguous(dayMonthYear: Self.day(2011, 5, 12), yearMonthDay: Self.day(2012, 5, 11))))
        // A number above 12 tells the orders apart: day/month/year, as councils write it.
        #expect(Self.read("31/07/19") == .success(.day(Self.day(2019, 7, 31))))
        #expect(Self.read("12/05/20") == .success(.day(Self.day(2020, 5, 12))))
        // Without leading zeros, or with a four-digit year, the year can only be last.
        #expect(Self.read("1/2/03") == .success(.day(Self.day(2003, 2, 1))))
        #expect(Self.read("01/2/03") == .success(.day(Self.day(2003, 2, 1))))
        #expect(Self.read("01/02/2003") == .success(.day(Self.day(2003, 2, 1))))
        // Both orders giving the same day is no ambiguity.
        #expect(Self.read("19/07/19") == .success(.day(Self.day(2019, 7, 19))))
    }

    @Test func ordinalsAsEnglishWritesThemAndAnySpaceBetweenWords() {
        for (text, day) in [("1st Jul 2019", 1), ("2nd Jul 2019", 2), ("3rd Jul 2019", 3), ("11th Jul 2019", 11),
                            ("12th Jul 2019", 12), ("13th Jul 2019", 13), ("21st Jul 2019", 21), ("22nd Jul 2019", 22), ("31st Jul 2019", 31)] {
            #expect(Self.read(text) == .success(.day(Self.day(2019, 7, day))), "\(text)")
        }
        for text in ["31th July 2019", "2st Jul 2019", "11st Jul 2019", "3th Jul 2019"] {
            #expect(Self.read(text) == .failure(.unreadable), "\(text)")
        }
        #expect(Self.read("31\u{00A0}Jul\u{00A0}2019") == .success(.day(Self.day(2019, 7, 31))))
    }

    @Test func aSlashedDateInAnotherOrderIsRefusedWithItsReading() {
        #expect(Self.read("07/31/2019") == .failure(.otherOrder(.monthDayYear, Self.day(2019, 7, 31))))
        #expect(Self.read("7/31/19") == .failure(.otherOrder(.monthDayYear, Self.day(2019, 7, 31))))
        #expect(Self.read("12/13/2019") == .failure(.otherOrder(.monthDayYear, Self.day(2019, 12, 13))))
        #expect(Self.read("45/01/15") == .failure(.otherOrder(.yearMonthDay, Self.day(2045, 1, 15))))
    }

    @Test func impossibleDaysAreRefusedSayingWhy() {
        // Read day first, as meant: February has no 30th, not "year/month/day 2030-02-19".
        #expect(Self.read("30/02/19") == .failure(.noSuchDay(30, in: Self.month(2019, 2))))
        #expect(Self.read("31/02/03") == .failure(.noSuchDay(31, in: Self.month(2003, 2))))
        #expect(Self.read("31/02/2019") == .failure(.noSuchDay(31, in: Self.month(2019, 2))))
        #expect(Self.read("29/02/2019") == .failure(.noSuchDay(29, in: Self.month(2019, 2))))
        #expect(Self.read("29/2/2100") == .failure(.noSuchDay(29, in: Self.month(2100, 2))))
        #expect(Self.read("2019-02-30") == .failure(.noSuchDay(30, in: Self.month(2019, 2))))
        #expect(Self.read("31 Apr 2019") == .failure(.noSuchDay(31, in: Self.month(2019, 4))))
        #expect(Self.read("0/1/2019") == .failure(.noSuchDay(0, in: Self.month(2019, 1))))
        #expect(Self.read("13/13/2019") == .failure(.noSuchMonth(13)))
        #expect(Self.read("2019-13") == .failure(.noSuchMonth(13)))
        #expect(Self.read("2019-00-10") == .failure(.noSuchMonth(0)))
        #expect(Self.read("0000-01-01") == .failure(.noYearZero))
    }

    @Test func datesOutsideTheYearsImproveAcceptsAreRefused() {
        #expect(Self.read("1989-12-31") == .failure(.outsideYears(.day(Self.day(1989, 12, 31)))))
        #expect(Self.read("2101-01") == .failure(.outsideYears(.month(Self.month(2101, 1)))))
        #expect(Self.read("1/2/75") == .failure(.outsideYears(.day(Self.day(1975, 2, 1)))))
        #expect(Self.read("+100y") == .failure(.outsideYears(.day(Self.day(2119, 7, 17)))))
        #expect(Self.read("-99999d") == .failure(.outsideYears(.day(Self.today.adding(days: -99_999)))))
        #expect(Self.read("1990-01-01") == .success(.day(Self.day(1990, 1, 1))))
        #expect(Self.read("31/12/2100") == .success(.day(Self.day(2100, 12, 31))))
    }

    @Test(arguments: ["", " ", "2019-7-31", "19-07-31", " 2019-07-31", "2019-07-31 ", "2019/07/31", "31/07", "07/2019",
                      "1/2/3", "31/07/019", "31-07-2019", "31.07.2019", "+3", "3d", "+d", "+1q", "+123456d", "Jul 19",
                      "31 Jul", "Ju 2019", "Julyy 2019", "31 Jul 2019 x", "31x Jul 2019", "next week", "now", "tbc!", "２０19-07-31"])
    func textInNoFormIsUnreadable(text: String) {
        #expect(Self.read(text) == .failure(.unreadable), "\(text)")
        #expect(!DateInput.isWrittenAsDate(text), "\(text)")
    }

    @Test func aDayIsAskedForAndAMonthOrUndatedDeadlineIsRefused() throws {
        #expect(try DateInput.day("31/07/2019", today: Self.today) == Self.day(2019, 7, 31))
        func refusal(_ text: String) -> DateInputError? {
            do { _ = try DateInput.day(text, today: Self.today); return nil } catch { return error }
        }
        #expect(refusal("2019-07") == .notADay(.month(Self.month(2019, 7))))
        #expect(refusal("Jul 2019") == .notADay(.month(Self.month(2019, 7))))
        #expect(refusal("ongoing") == .notADay(.ongoing))
        #expect(refusal("tbc") == .notADay(.toBeConfirmed))
        // Implausibility is said before the month is refused: it is the first thing to fix.
        #expect(refusal("1066-10") == .outsideYears(.month(Self.month(1066, 10))))
    }

    @Test func whatIsWrittenAsADateIsKnownWithoutToday() {
        for text in ["yesterday", "-1w", "+3d", "2019-07-31", "31/07/2019", "31 Jul 2019", "eom",
                     "31/02/2019", "01/02/03", "07/31/2019", "1066-10-01", "ongoing"] {
            #expect(DateInput.isWrittenAsDate(text), "\(text)")
        }
        for text in ["lm8", "LM 7", "3.10", "-h", "--reopen", "x"] {
            #expect(!DateInput.isWrittenAsDate(text), "\(text)")
        }
    }

    /// Random days in the years improve accepts, written in every form a day
    /// is accepted in, read back as the same day.
    @Test func everyAcceptedFormOfARandomDayReadsBackAsThatDay() throws {
        var random = SeededGenerator(test: "everyAcceptedFormOfARandomDayReadsBackAsThatDay")
        let names = ["January", "February", "March", "April", "May", "June", "July",
                     "August", "September", "October", "November", "December"]
        let first = Self.day(1990, 1, 1).dayNumber, last = Self.day(2100, 12, 31).dayNumber
        for _ in 0..<500 {
            let date = CalendarDate(dayNumber: Int.random(in: first...last, using: &random))
            let today = CalendarDate(dayNumber: Int.random(in: first...last, using: &random))
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
            let name = names[date.month - 1]
            var forms = [
                date.description,
                "\(two(date.day))/\(two(date.month))/\(date.year)",
                "\(date.day)/\(date.month)/\(date.year)",
                "\(date.day) \(name.prefix(3)) \(date.year)",
                "\(date.day) \(name) \(date.year)",
                "\(date.day) \(name.uppercased()) \(date.year)",
                date.days(until: today) > 0 ? "-\(date.days(until: today))d" : "+\(today.days(until: date))d",
            ]
            // A two-digit year, for the years it stands for (1970–2069): read as the day, except that
            // with two digits everywhere it may also be year/month/day, and then both readings are named.
            if date.year < 2070 {
                let short = "\(date.day)/\(date.month)/\(two(date.year % 100))"
                switch Self.read(short, today: today) {
                case .success(let read):
                    #expect(read == .day(date), "\(short): seed \(random.seed)")
                case .failure(.ambiguous(let dayFirst, let yearFirst)):
                    #expect(dayFirst == date && date.day >= 10 && date.month >= 10 && date.day <= 12 && date.year % 100 <= 12,
                            "\(short): seed \(random.seed)")
                    #expect(yearFirst.year % 100 == date.day && yearFirst.day == date.year % 100, "\(short): seed \(random.seed)")
                case .failure(let error):
                    Issue.record("\(short) refused (\(error)): seed \(random.seed)")
                }
            }
            for form in forms {
                let read = Self.read(form, today: today)
                #expect(read == .success(.day(date)), "\(form) (today \(today)): seed \(random.seed)")
            }
            // The month a day falls in, in each form a month is.
            for form in [date.calendarMonth.description, date.calendarMonth.shortName, "\(name) \(date.year)"] {
                #expect(Self.read(form, today: today) == .success(.month(date.calendarMonth)), "\(form): seed \(random.seed)")
            }
            // Weeks and months from today land where the calendar says.
            let weeks = Int.random(in: -20...20, using: &random), months = Int.random(in: -30...30, using: &random)
            let byWeeks = today.adding(days: weeks * 7), byMonths = today.addingMonths(months)
            if byWeeks.isPlausible {
                #expect(Self.read("\(weeks < 0 ? "-" : "+")\(abs(weeks))w", today: today) == .success(.day(byWeeks)), "seed \(random.seed)")
            }
            if byMonths.isPlausible {
                #expect(Self.read("\(months < 0 ? "-" : "+")\(abs(months))m", today: today) == .success(.day(byMonths)), "seed \(random.seed)")
            }
        }
    }
}
