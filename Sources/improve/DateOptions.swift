import PlanKit

/// Dates given as option values, read by ``DateInput`` against the reader's
/// today, and its refusals put in words that name the option, the value and
/// what to write instead.
extension ParsedArguments {
    /// What DATE may be, for help: one line for the tool's help and the manual.
    static let dateForms = "DATE is 2019-07-31, 31/07/2019 or 31/7/19 (day/month/year), 31 Jul 2019, today, yesterday, "
        + "tomorrow, eom, eoq, or +3d/+2w/+1m/-1w from today; where a deadline is asked for, also a month "
        + "(2019-07, Jul 2019), ongoing or tbc."

    /// A day given as an option's (or an argument's) value, in the years improve accepts.
    static func day(_ text: String, for name: String, today: CalendarDate, command: CommandDescriptor) throws(CLIError) -> CalendarDate {
        do {
            return try DateInput.day(text, today: today)
        } catch {
            throw .usage("invalid value '\(shown(text))' for \(name): \(sentence(error, wanting: .day))", command: command)
        }
    }

    /// A deadline given as an option's value: a day, a month, ongoing or tbc, in the years improve accepts.
    static func deadline(_ text: String, for name: String, today: CalendarDate, command: CommandDescriptor) throws(CLIError) -> Deadline {
        do {
            return try DateInput.deadline(text, today: today)
        } catch {
            throw .usage("invalid value '\(shown(text))' for \(name): \(sentence(error, wanting: .deadline))", command: command)
        }
    }

    /// The inspection a new plan responds to, from --inspectorate, --inspection-date (a day or a month) and --rating.
    func inspection(for purpose: String, today: CalendarDate, command: CommandDescriptor) throws(CLIError) -> Inspection {
        let name = NewCommand.inspectionDate.name
        let text = try required(NewCommand.inspectionDate, for: purpose)
        let date: PlanDate
        switch try Self.deadline(text, for: name, today: today, command: command) {
        case .day(let day): date = .day(day)
        case .month(let month): date = .month(month)
        case .ongoing, .toBeConfirmed:
            throw .usage("invalid value '\(Self.shown(text))' for \(name): an inspection took place on a day or in a month; write 2018-10-15 or 2018-10",
                         command: command)
        }
        let inspection = Inspection(inspectorate: try self[NewCommand.inspectorate] ?? "HMI Probation", date: date, rating: try self[NewCommand.rating])
        // A plan answers an inspection that has taken place: one still to come would leave the plan out of every answer until then.
        guard inspection.firstDay <= today else {
            throw .usage("invalid value '\(Self.shown(text))' for \(name): \(inspection.firstDay) is after today; give the day or month the inspection took place",
                         command: command)
        }
        return inspection
    }

    /// What a value read as a day or as a deadline is.
    enum DateWanted {
        case day, deadline
    }

    /// A refused value as a message quotes it: on one line, and no longer than a date could be
    /// (a pasted paragraph is not echoed whole).
    static func shown(_ text: String) -> String {
        let line = text.replacingEvery("\n", with: "⏎").replacingEvery("\r", with: "")
        return line.count > 40 ? String(line.prefix(39)) + "…" : line
    }

    /// Why a typed date was refused and what to write instead, after "invalid value '…' for --option: ".
    static func sentence(_ error: DateInputError, wanting wanted: DateWanted) -> String {
        func dayName(_ date: CalendarDate) -> String { "\(date.day) \(date.calendarMonth.shortName)" }
        func slashed(_ date: CalendarDate) -> String { "\(date.day < 10 ? "0" : "")\(date.day)/\(date.month < 10 ? "0" : "")\(date.month)/\(date.year)" }
        switch error {
        case .unreadable:
            let forms = "a day (2019-07-31, 31/07/2019, 31 Jul 2019, today, +2w)"
            return wanted == .day ? "not a date; write \(forms)" : "not a date; write \(forms), a month (2019-07, Jul 2019), ongoing or tbc"
        case .noSuchMonth(let month):
            return "there is no month \(month)"
        case .noSuchDay(let day, let month):
            if day < 1 { return "there is no day \(day)" }
            return "\(month.shortName) has \(CalendarMonth.numberOfDays(year: month.year, month: month.month)) days, not \(day)"
        case .noYearZero:
            return "there is no year 0"
        case .otherOrder(.monthDayYear, let date):
            return "reads as month/day; write \(slashed(date)) (day/month/year) or \(date)"
        case .otherOrder(.yearMonthDay, let date):
            return "reads as year/month/day; write \(date) or \(slashed(date)) (day/month/year)"
        case .ambiguous(let dayFirst, let yearFirst):
            return "it could be \(dayName(dayFirst)) (day/month/year) or \(yearFirst) (year/month/day); "
                + "write \(slashed(dayFirst)) or \(yearFirst)"
        case .outsideYears(let deadline):
            return CalendarDate.implausible(deadline.description)
        case .notADay(.month(let month)):
            return "a month, not a day; write its first or last day (\(month.firstDay) or \(month.lastDay))"
        case .notADay(let deadline):
            return "\(deadline) is not a day; write a day (2019-07-31, 31/07/2019, 31 Jul 2019, today, +2w)"
        }
    }
}
