import FoundationEssentials

/// A deadline cell as improvement plans write them, read into a deadline,
/// the words that say more, and milestones.
///
/// Reads `Feb 2019`, `Sept 2019`, `31st Mar 2019`, `7th Feb 2019`,
/// `31/03/2019`, ISO forms (`2019-02`, `2019-03-31`), `Mar 2019 then ongoing`,
/// `Ongoing`, `Achieved`, `Tbc`, `Jun 2019 and then biannually`, and cells
/// holding several milestones (`Skills audit complete – Feb 2019 New Workforce
/// Development Strategy – Apr 2019`, or one `Title – date` per line, each
/// optionally followed by `(done 2019-02-20)`). A cell that names a time in words without a date
/// (`When funding is agreed`, `Immediate`, `Autumn 2020`, `6 months`) is kept as the deadline's wording.
public struct DeadlineCell: Equatable, Sendable {
    public var deadline: Deadline?
    /// The cell's words, kept when they say more than the date.
    public var deadlineText: String?
    /// What the words after the date say follows it (`then ongoing`, `and then biannually`).
    public var afterDeadline: AfterDeadline?
    public var milestones: [Milestone]

    /// Why a cell could not be read.
    public struct Unreadable: Error, Equatable, Sendable {
        public var message: String

        public init(message: String) { self.message = message }
    }

    private static let monthPattern =
        "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept(?:ember)?|Sep|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
    /// A date as plans write it: `31st Mar 2019`, `Feb 2019`, `2019-02`, `2019-03-31`, `31/03/2019`.
    /// Two-digit years (`Mar-20`, `31/3/20`) are this century's; days may be written with `/`, `.` or `-`.
    private static let datePattern =
        "(?:(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+|-))?\(monthPattern)\\.?(?:\\s+'?|-)(\\d{4}|\\d{2})(?!\\d)|(\\d{4})-(\\d{2})(?:-(\\d{2}))?|(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})(?!\\d)"
    private static let dateRegex = TextPattern(datePattern, ignoringCase: true)
    private static let doneRegex = TextPattern("^\\s*\\(done (\\d{4}-\\d{2}-\\d{2})\\)")
    private static let separatorRegex = TextPattern("\\s*[–—-]+\\s*(?:(from)|(before|by))?\\s*$", ignoringCase: true)
    /// The patterns the words between and after dates are read with, compiled once.
    private enum Between {
        static let span = TextPattern("^(-|–|—|to|until)$", ignoringCase: true)
        static let revised = TextPattern("\\b(revised|extended|moved|changed|now|rescheduled|deferred|slipped|put back|brought forward)\\b",
                                         ignoringCase: true)
        static let from = TextPattern("\\bfrom\\s*$", ignoringCase: true)
        static let thenOngoing = TextPattern("^\\s*then ongoing", ignoringCase: true)
        static let titleDash = TextPattern(" [–—-] ")
        static let monthSpanEnd = TextPattern("\\s[–—-]\\s*\(monthPattern)\\.?$", ignoringCase: true)
        static let afterDate = TextPattern("^([0-9]|st\\b|nd\\b|rd\\b|th\\b|,\\s*[0-9])", ignoringCase: true)
    }

    /// Reads a cell.
    ///
    /// - Throws: ``Unreadable`` with the reason and the forms that are understood.
    public init(_ raw: String) throws(Unreadable) {
        let text = raw.trimmingWhitespace()
        deadline = nil
        deadlineText = nil
        afterDeadline = nil
        milestones = []
        if text.isEmpty { return }
        let lower = text.lowercased()
        if let exact = Deadline(planText: text) {
            deadline = exact
            return
        }
        if RAGScheme.isCompletionWord(text) {
            deadlineText = text
            return
        }
        if lower.hasPrefix("ongoing"), lower.contains("review"), case let found = Self.dates(in: text), found.count == 1, let review = found.first {
            // "Ongoing – review Jun 2019": work that goes on, with its review due by the date.
            deadline = try Self.deadline(from: review, in: text)
            deadlineText = text
            afterDeadline = .ongoing
            return
        }
        if lower.hasPrefix("ongoing") {
            deadline = .ongoing
            deadlineText = lower == "ongoing" ? nil : text
            return
        }
        if lower.hasPrefix("tbc") || lower.hasPrefix("to be confirmed") || lower.hasPrefix("tba") {
            deadline = .toBeConfirmed
            deadlineText = ["tbc", "tba", "to be confirmed"].contains(lower) ? nil : text
            return
        }
        if let whole = Self.wholeCellForm(text) {
            deadline = whole.deadline
            deadlineText = text
            afterDeadline = whole.after
            return
        }
        let matches = Self.dates(in: text)
        guard let first = matches.first else {
            // No date: words that name a time without one ("When funding is agreed", "Immediate", "Autumn 2020",
            // "6 months", "N/A") are kept as the deadline's wording; a broken date ("Feb 30 2021") is not.
            guard Self.isWording(text) else { throw Self.unreadable(text) }
            deadlineText = text
            return
        }

        // Two dates: a span ("Jan 2021 - Mar 2021") is due by its end; a date revised, extended or moved
        // ("Dec 2020, revised to Mar 2021") by the new one, which "from" puts first ("Jun 2021, moved from
        // Mar 2021"). The words are kept.
        if matches.count == 2, first.range.lowerBound == text.startIndex {
            let between = String(text[first.range.upperBound..<matches[1].range.lowerBound])
            let after = text[matches[1].range.upperBound...]
                .trimming(.whitespacesAndNewlines.union(CharacterClass(charactersIn: ".)]")))
            let span = Between.span.matches(between.trimming(.whitespaces))
            let revised = Between.revised.matches(between)
            let from = Between.from.matches(between)
            if span, after.isEmpty {
                let dates = [try Self.deadline(from: first, in: text), try Self.deadline(from: matches[1], in: text)]
                deadline = dates.max { ($0.lastDay?.dayNumber ?? Int.min) < ($1.lastDay?.dayNumber ?? Int.min) }
                deadlineText = text
                return
            }
            if revised {
                deadline = try Self.deadline(from: from ? first : matches[1], in: text)
                deadlineText = text
                return
            }
        }

        // One date at the start: the deadline, with any words after it kept.
        if first.range.lowerBound == text.startIndex {
            let rest = text[first.range.upperBound...].trimming(.whitespaces)
            guard matches.count == 1 || !rest.contains(where: { $0 == "–" || $0 == "—" }) else { throw Self.unreadable(text) }
            deadline = try Self.deadline(from: first, in: text)
            deadlineText = rest.isEmpty ? nil : text
            afterDeadline = AfterDeadline(wording: rest)
            return
        }

        // Otherwise milestones: each date preceded by "title –".
        var start = text.startIndex
        for (index, match) in matches.enumerated() where match.range.lowerBound >= start {
            let before = String(text[start..<match.range.lowerBound])
            guard let dash = Self.separatorRegex.firstMatch(in: before) else {
                // A date inside a title ("Review in 2015 …") is part of the text.
                continue
            }
            var title = before[..<dash.range.lowerBound].trimmingWhitespace()
            if index > 0, title.isEmpty { throw Self.unreadable(text) }
            var end = match.range.upperBound
            var completed: CalendarDate?
            if let done = Self.doneRegex.firstMatch(in: text[end...]) {
                completed = done.group(1, in: text).flatMap(CalendarDate.init(iso:))
                end = done.range.upperBound
            }
            // Words that follow a date on the same milestone ("then ongoing") stay with it.
            var words: String?
            let next = matches[(index + 1)...].first { $0.range.lowerBound >= end }
            let nextStart = next?.range.lowerBound ?? text.endIndex
            let tail = end < nextStart ? String(text[end..<nextStart]) : ""
            if next == nil {
                let trimmed = tail.trimmingWhitespace()
                if !trimmed.isEmpty { words = trimmed }
            } else if let thenRange = Between.thenOngoing.firstMatch(in: tail)?.range {
                words = tail[thenRange].trimming(.whitespaces)
                end = text.utf8.index(end, offsetBy: tail.utf8.distance(from: tail.startIndex, to: thenRange.upperBound))
            }
            // Lines before the dated one that say "Title – words" are milestones without a date
            // ("Options paper – Action superseded by …"); other lines are the title's own.
            var lines = title.split(separator: "\n").map { $0.trimming(.whitespaces) }.filter { !$0.isEmpty }
            title = lines.popLast() ?? ""
            var titleLines: [String] = []
            for line in lines {
                if let dash = Between.titleDash.firstMatch(in: line)?.range {
                    // Its words may still hold a date ("Ongoing - review Jun 2019").
                    let words = line[dash.upperBound...].trimming(.whitespaces)
                    let inner = try? DeadlineCell(words)
                    milestones.append(Milestone(title: line[..<dash.lowerBound].trimming(.whitespaces),
                                                deadline: inner?.milestones.isEmpty == true ? inner?.deadline : nil, deadlineText: words))
                    titleLines = []
                } else {
                    titleLines.append(line)
                }
            }
            title = (titleLines + [title]).joined(separator: " ")
            title = title.trimming(CharacterClass(charactersIn: " /;,"))
            var dateText = String(text[match.range])
            // "Induction delivery period – May - Jun 2019": a span of months, due by its end.
            if let span = Between.monthSpanEnd.firstMatch(in: title)?.range {
                let start = title[span].drop { $0 == " " || $0 == "–" || $0 == "—" || $0 == "-" }
                dateText = "\(start) - \(dateText)"
                words = words.map { $0.isEmpty ? "" : $0 } ?? ""
                title = title[..<span.lowerBound].trimming(.whitespaces)
            }
            guard !title.isEmpty else { throw Self.unreadable(text) }
            var date = try Self.deadline(from: match, in: text)
            if dash.range(1) != nil {
                // "– from Apr 2019": ongoing work that starts then.
                date = .ongoing
                dateText = "from " + dateText
                words = words ?? ""
            } else if let by = dash.group(2, in: before) {
                // "– before 31st May 2019": due by the date, in the plan's words.
                dateText = by + " " + dateText
                words = words ?? ""
            }
            milestones.append(Milestone(title: title, deadline: date,
                                        deadlineText: words.map { $0.isEmpty ? dateText : "\(dateText) \($0)" }, completed: completed))
            start = end
        }
        if milestones.isEmpty, matches.count == 1 {
            // One date inside words ("To continue until Apr 2019"): the deadline, with the words kept.
            deadline = try Self.deadline(from: first, in: text)
            deadlineText = text
            return
        }
        guard !milestones.isEmpty else { throw Self.unreadable(text) }
    }

    private static func deadline(from match: TextMatch, in text: String) throws(Unreadable) -> Deadline {
        func group(_ index: Int) -> String? { match.group(index, in: text) }
        let written = String(text[match.range])
        if let monthName = group(2), let year = group(3).flatMap(fullYear) {
            let month = monthNumber(monthName)!
            if let day = group(1).flatMap(Int.init) {
                guard let date = CalendarDate(year: year, month: month, day: day) else {
                    throw Unreadable(message: "\"\(written)\" is not a date")
                }
                return .day(date)
            }
            return .month(CalendarMonth(year: year, month: month)!)
        }
        if let year = group(4).flatMap(Int.init), let month = group(5).flatMap(Int.init) {
            if let day = group(6).flatMap(Int.init) {
                guard let date = CalendarDate(year: year, month: month, day: day) else {
                    throw Unreadable(message: "\"\(written)\" is not a date")
                }
                return .day(date)
            }
            guard let calendarMonth = CalendarMonth(year: year, month: month) else {
                throw Unreadable(message: "\"\(written)\" is not a month")
            }
            return .month(calendarMonth)
        }
        if let day = group(7).flatMap(Int.init), let month = group(8).flatMap(Int.init), let year = group(9).flatMap(fullYear),
           let date = CalendarDate(year: year, month: month, day: day) {
            return .day(date)
        }
        throw Unreadable(message: "\"\(written)\" is not a date (day/month/year)")
    }

    /// The dates in a text, without what only looks like one: a two-digit year is read only after `/`
    /// (`31/3/20`), `-` or `'` (`Mar-20`), or as a cell's last word (`Sept 20`), never inside a number
    /// (`2019-3-31`, `1.1.10`), and never before `st`/`th` or a comma (`June 30th 2019`, `March 31, 2020`).
    static func dates(in text: String) -> [TextMatch] {
        dateRegex.matches(in: text).filter { match in
            // The scalar before the match (UTF-16's unit before, as it was read: no date follows a digit, "." or "/").
            let before = match.range.lowerBound > text.startIndex
                ? text.unicodeScalars[text.unicodeScalars.index(before: match.range.lowerBound)] : " "
            let after = text[match.range.upperBound...]
            if CharacterClass.decimalDigits.contains(before) || before == "." || before == "/" { return false }
            if Between.afterDate.firstMatch(in: after) != nil { return false }
            let written = text[match.range]
            // A numeric day with a two-digit year: only d/m/yy.
            if let year = match.range(9), text[year].utf16.count == 2, written.contains(".") || written.contains("-") { return false }
            if match.range(9) != nil, after.hasPrefix(".") || after.hasPrefix("-") { return false }
            // A month with a two-digit year: "Mar-20", "Mar '20", or the text's last word ("Sept 20").
            if let year = match.range(3), text[year].utf16.count == 2 {
                let separator = text.unicodeScalars[text.unicodeScalars.index(before: year.lowerBound)]
                if separator != "-", separator != "'", !after.trimming(.whitespacesAndNewlines.union(.punctuationCharacters)).isEmpty { return false }
            }
            return true
        }
    }

    /// Forms a whole cell is written in that name a period, not a date: a financial year's quarter
    /// (`Q2 2020/21`: July to September 2020, due by its end), a calendar quarter (`Q1 2020`), a financial
    /// year (`2020/21`: due by March 2021), a span of months (`Apr-Jun 2020`, `June/July 2020`), and
    /// recurring work from a date (`Quarterly from April 2020`).
    static func wholeCellForm(_ text: String) -> (deadline: Deadline, after: AfterDeadline?)? {
        func captures(_ regex: TextPattern) -> [String]? {
            guard let match = regex.firstMatch(in: text) else { return nil }
            return (1..<match.groupCount).map { match.group($0, in: text) ?? "" }
        }
        func month(_ year: Int, _ month: Int) -> Deadline? { CalendarMonth(year: year, month: month).map { .month($0) } }
        let year = fullYear
        // Financial year quarters: Q1 April–June … Q4 January–March of the year after.
        if let parts = captures(WholeCell.financialQuarter),
           let quarter = Int(parts[0]), let start = year(parts[1]), let end = year(parts[2]), end % 100 == (start + 1) % 100 {
            return month(quarter == 4 ? start + 1 : start, [6, 9, 12, 3][quarter - 1]).map { ($0, nil) }
        }
        if let parts = captures(WholeCell.calendarQuarter), let quarter = Int(parts[0]), let year = year(parts[1]) {
            return month(year, quarter * 3).map { ($0, nil) }
        }
        if let parts = captures(WholeCell.financialYear),
           let start = year(parts[0]), let end = year(parts[1]), end % 100 == (start + 1) % 100 {
            return month(start + 1, 3).map { ($0, nil) }
        }
        if let parts = captures(WholeCell.monthSpan), let year = year(parts[2]), let end = monthNumber(parts[1]) {
            return month(year, end).map { ($0, nil) }
        }
        if let parts = captures(WholeCell.recurringFrom), let year = year(parts[2]), let start = monthNumber(parts[1]), let due = month(year, start) {
            return (due, AfterDeadline(wording: parts[0]))
        }
        return nil
    }

    /// The whole-cell forms' patterns, compiled once rather than for every cell read.
    private enum WholeCell {
        static func regex(_ pattern: String) -> TextPattern {
            TextPattern("^" + pattern + "$", ignoringCase: true)
        }
        static let financialQuarter = regex("(?:Q|Quarter)\\s*([1-4])\\s*(?:of\\s+)?(?:FY\\s*)?(\\d{4}|\\d{2})\\s*[/-]\\s*(\\d{2}|\\d{4})")
        static let calendarQuarter = regex("(?:Q|Quarter)\\s*([1-4])\\s+(\\d{4})")
        static let financialYear = regex("(?:FY\\s*|financial year\\s*|end of\\s+)?(\\d{4})\\s*[/-]\\s*(\\d{2}|\\d{4})")
        static let monthSpan = regex("\(monthPattern)\\.?\\s*(?:-|–|/|to)\\s*\(monthPattern)\\.?\\s+(\\d{4}|\\d{2})")
        // `(?<![\\d/.])` and `(?<![\\d/.:-])` as they were, with `notAfter` (Swift's Regex has no lookbehind).
        static let durations = TextPattern("\\d{1,3}(?:\\s*(?:-|–|to)\\s*\\d{1,3})?\\s*(?:days?|weeks?|wks?|months?|mths?|years?|yrs?)\\b",
                                           ignoringCase: true, notAfter: .decimalDigits.union(CharacterClass(charactersIn: "/.")))
        static let years = TextPattern("\\d{4}(?![\\d/.:-]?\\d)", notAfter: .decimalDigits.union(CharacterClass(charactersIn: "/.:-")))
        static let quarters = TextPattern("\\bQ[1-4]\\b", ignoringCase: true)
        static let recurringFrom = regex("(monthly|quarterly|bi-?annually|six-monthly|half-yearly|annually|yearly)\\s+(?:from|starting|starting from|beginning)\\s+\(monthPattern)\\.?\\s+(\\d{4}|\\d{2})")
    }

    /// A written year; two digits are 1970–2069 (`99` is 1999, `20` 2020), in every form that has them.
    static func fullYear(_ text: String) -> Int? { Int(text).map { $0 < 70 ? 2000 + $0 : $0 < 100 ? 1900 + $0 : $0 } }

    /// A month's number from its name or abbreviation (`Sept`, `June`).
    static func monthNumber(_ name: String) -> Int? {
        CalendarMonth.shortNames.firstIndex { name.lowercased().hasPrefix($0.lowercased()) }.map { $0 + 1 }
    }

    /// Whether a cell without a date names a time in words rather than holding a broken date: its only
    /// numbers are years (`Autumn 2020`), lengths of time (`6 months`, `6-8 weeks`) or quarters (`Q3`);
    /// any other number (`Feb 30 2021`, `31/13`, `Phase 2`) makes it a date to correct.
    static func isWording(_ text: String) -> Bool {
        guard text.contains(where: \.isLetter) || text.lowercased() == "n/a" else { return false }
        var rest = text
        for regex in [WholeCell.durations, WholeCell.years, WholeCell.quarters] {
            rest = regex.replacingMatches(in: rest, with: " ")
        }
        let years = CalendarDate.plausibleYears
        for match in WholeCell.years.matches(in: text) {
            guard let year = Int(text[match.range]), years.contains(year) else { return false }
        }
        return !rest.containsAny(of: .decimalDigits)
    }

    private static func unreadable(_ text: String) -> Unreadable {
        Unreadable(message: "cannot read the deadline \"\(text)\"; write a month (Feb 2019), a day (31st Mar 2019), Ongoing, Tbc, Achieved, or milestones (Skills audit complete – Feb 2019)")
    }
}
