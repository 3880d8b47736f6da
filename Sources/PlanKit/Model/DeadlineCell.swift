import Foundation

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
    private static let dateRegex = try! NSRegularExpression(pattern: datePattern, options: [.caseInsensitive])
    private static let doneRegex = try! NSRegularExpression(pattern: "^\\s*\\(done (\\d{4}-\\d{2}-\\d{2})\\)", options: [])
    private static let separatorRegex = try! NSRegularExpression(pattern: "\\s*[–—-]+\\s*(?:(from)|(before|by))?\\s*$", options: [.caseInsensitive])

    /// Reads a cell.
    ///
    /// - Throws: ``Unreadable`` with the reason and the forms that are understood.
    public init(_ raw: String) throws(Unreadable) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
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
            deadline = try Self.deadline(from: review, in: text as NSString)
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
        let nsText = text as NSString
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
        if matches.count == 2, first.range.location == 0 {
            let between = nsText.substring(with: NSRange(location: first.range.location + first.range.length,
                                                         length: matches[1].range.location - first.range.location - first.range.length))
            let after = nsText.substring(from: matches[1].range.location + matches[1].range.length)
                .trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".)]")))
            let span = between.trimmingCharacters(in: .whitespaces).range(of: "^(-|–|—|to|until)$", options: [.regularExpression, .caseInsensitive]) != nil
            let revised = between.range(of: "\\b(revised|extended|moved|changed|now|rescheduled|deferred|slipped|put back|brought forward)\\b",
                                        options: [.regularExpression, .caseInsensitive]) != nil
            let from = between.range(of: "\\bfrom\\s*$", options: [.regularExpression, .caseInsensitive]) != nil
            if span, after.isEmpty {
                let dates = [try Self.deadline(from: first, in: nsText), try Self.deadline(from: matches[1], in: nsText)]
                deadline = dates.max { ($0.lastDay?.dayNumber ?? Int.min) < ($1.lastDay?.dayNumber ?? Int.min) }
                deadlineText = text
                return
            }
            if revised {
                deadline = try Self.deadline(from: from ? first : matches[1], in: nsText)
                deadlineText = text
                return
            }
        }

        // One date at the start: the deadline, with any words after it kept.
        if first.range.location == 0 {
            let rest = nsText.substring(from: first.range.location + first.range.length).trimmingCharacters(in: .whitespaces)
            guard matches.count == 1 || !rest.contains(where: { $0 == "–" || $0 == "—" }) else { throw Self.unreadable(text) }
            deadline = try Self.deadline(from: first, in: nsText)
            deadlineText = rest.isEmpty ? nil : text
            afterDeadline = AfterDeadline(wording: rest)
            return
        }

        // Otherwise milestones: each date preceded by "title –".
        var start = 0
        for (index, match) in matches.enumerated() where match.range.location >= start {
            let before = nsText.substring(with: NSRange(location: start, length: match.range.location - start))
            let beforeNS = before as NSString
            guard let dash = Self.separatorRegex.firstMatch(in: before, range: NSRange(location: 0, length: beforeNS.length)) else {
                // A date inside a title ("Review in 2015 …") is part of the text.
                continue
            }
            var title = beforeNS.substring(to: dash.range.location).trimmingCharacters(in: .whitespacesAndNewlines)
            if index > 0, title.isEmpty { throw Self.unreadable(text) }
            var end = match.range.location + match.range.length
            var completed: CalendarDate?
            let after = nsText.substring(from: end)
            if let done = Self.doneRegex.firstMatch(in: after, range: NSRange(location: 0, length: (after as NSString).length)) {
                completed = CalendarDate(iso: (after as NSString).substring(with: done.range(at: 1)))
                end += done.range.length
            }
            // Words that follow a date on the same milestone ("then ongoing") stay with it.
            var words: String?
            let next = matches[(index + 1)...].first { $0.range.location >= end }
            let nextStart = next?.range.location ?? nsText.length
            let tail = nsText.substring(with: NSRange(location: end, length: max(0, nextStart - end)))
            if next == nil {
                let trimmed = tail.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { words = trimmed }
            } else if let thenRange = tail.range(of: "^\\s*then ongoing", options: [.regularExpression, .caseInsensitive]) {
                words = String(tail[thenRange]).trimmingCharacters(in: .whitespaces)
                end += (String(tail[thenRange]) as NSString).length
            }
            // Lines before the dated one that say "Title – words" are milestones without a date
            // ("Options paper – Action superseded by …"); other lines are the title's own.
            var lines = title.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            title = lines.popLast() ?? ""
            var titleLines: [String] = []
            for line in lines {
                if let dash = line.range(of: " [–—-] ", options: .regularExpression) {
                    // Its words may still hold a date ("Ongoing - review Jun 2019").
                    let words = String(line[dash.upperBound...]).trimmingCharacters(in: .whitespaces)
                    let inner = try? DeadlineCell(words)
                    milestones.append(Milestone(title: String(line[..<dash.lowerBound]).trimmingCharacters(in: .whitespaces),
                                                deadline: inner?.milestones.isEmpty == true ? inner?.deadline : nil, deadlineText: words))
                    titleLines = []
                } else {
                    titleLines.append(line)
                }
            }
            title = (titleLines + [title]).joined(separator: " ")
            title = title.trimmingCharacters(in: CharacterSet(charactersIn: " /;,"))
            var dateText = nsText.substring(with: match.range)
            // "Induction delivery period – May - Jun 2019": a span of months, due by its end.
            if let span = title.range(of: "\\s[–—-]\\s*\(Self.monthPattern)\\.?$", options: [.regularExpression, .caseInsensitive]) {
                let start = title[span].drop { $0 == " " || $0 == "–" || $0 == "—" || $0 == "-" }
                dateText = "\(start) - \(dateText)"
                words = words.map { $0.isEmpty ? "" : $0 } ?? ""
                title = String(title[..<span.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
            guard !title.isEmpty else { throw Self.unreadable(text) }
            var date = try Self.deadline(from: match, in: nsText)
            if dash.range(at: 1).location != NSNotFound {
                // "– from Apr 2019": ongoing work that starts then.
                date = .ongoing
                dateText = "from " + dateText
                words = words ?? ""
            } else if dash.range(at: 2).location != NSNotFound {
                // "– before 31st May 2019": due by the date, in the plan's words.
                dateText = beforeNS.substring(with: dash.range(at: 2)) + " " + dateText
                words = words ?? ""
            }
            milestones.append(Milestone(title: title, deadline: date,
                                        deadlineText: words.map { $0.isEmpty ? dateText : "\(dateText) \($0)" }, completed: completed))
            start = end
        }
        if milestones.isEmpty, matches.count == 1 {
            // One date inside words ("To continue until Apr 2019"): the deadline, with the words kept.
            deadline = try Self.deadline(from: first, in: nsText)
            deadlineText = text
            return
        }
        guard !milestones.isEmpty else { throw Self.unreadable(text) }
    }

    private static func deadline(from match: NSTextCheckingResult, in text: NSString) throws(Unreadable) -> Deadline {
        func group(_ index: Int) -> String? {
            let range = match.range(at: index)
            return range.location == NSNotFound ? nil : text.substring(with: range)
        }
        let written = text.substring(with: match.range)
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
    static func dates(in text: String) -> [NSTextCheckingResult] {
        let ns = text as NSString
        return dateRegex.matches(in: text, range: NSRange(location: 0, length: ns.length)).filter { match in
            let start = match.range.location, end = match.range.location + match.range.length
            let before = start > 0 ? ns.substring(with: NSRange(location: start - 1, length: 1)) : " "
            let after = ns.substring(from: end)
            if before.rangeOfCharacter(from: .decimalDigits) != nil || before == "." || before == "/" { return false }
            if after.range(of: "^([0-9]|st\\b|nd\\b|rd\\b|th\\b|,\\s*[0-9])", options: [.regularExpression, .caseInsensitive]) != nil { return false }
            let written = ns.substring(with: match.range)
            // A numeric day with a two-digit year: only d/m/yy.
            if match.range(at: 9).location != NSNotFound, match.range(at: 9).length == 2, written.contains(".") || written.contains("-") { return false }
            if match.range(at: 9).location != NSNotFound, after.hasPrefix(".") || after.hasPrefix("-") { return false }
            // A month with a two-digit year: "Mar-20", "Mar '20", or the text's last word ("Sept 20").
            if match.range(at: 3).location != NSNotFound, match.range(at: 3).length == 2 {
                let separator = ns.substring(with: NSRange(location: match.range(at: 3).location - 1, length: 1))
                if separator != "-", separator != "'", !after.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).isEmpty { return false }
            }
            return true
        }
    }

    /// Forms a whole cell is written in that name a period, not a date: a financial year's quarter
    /// (`Q2 2020/21`: July to September 2020, due by its end), a calendar quarter (`Q1 2020`), a financial
    /// year (`2020/21`: due by March 2021), a span of months (`Apr-Jun 2020`, `June/July 2020`), and
    /// recurring work from a date (`Quarterly from April 2020`).
    static func wholeCellForm(_ text: String) -> (deadline: Deadline, after: AfterDeadline?)? {
        func captures(_ regex: NSRegularExpression) -> [String]? {
            let ns = text as NSString
            guard let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: ns.length)) else { return nil }
            return (1..<match.numberOfRanges).map { match.range(at: $0).location == NSNotFound ? "" : ns.substring(with: match.range(at: $0)) }
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
        static func regex(_ pattern: String) -> NSRegularExpression {
            try! NSRegularExpression(pattern: "^" + pattern + "$", options: [.caseInsensitive])
        }
        static let financialQuarter = regex("(?:Q|Quarter)\\s*([1-4])\\s*(?:of\\s+)?(?:FY\\s*)?(\\d{4}|\\d{2})\\s*[/-]\\s*(\\d{2}|\\d{4})")
        static let calendarQuarter = regex("(?:Q|Quarter)\\s*([1-4])\\s+(\\d{4})")
        static let financialYear = regex("(?:FY\\s*|financial year\\s*|end of\\s+)?(\\d{4})\\s*[/-]\\s*(\\d{2}|\\d{4})")
        static let monthSpan = regex("\(monthPattern)\\.?\\s*(?:-|–|/|to)\\s*\(monthPattern)\\.?\\s+(\\d{4}|\\d{2})")
        static let durations = try! NSRegularExpression(pattern: "(?<![\\d/.])\\d{1,3}(?:\\s*(?:-|–|to)\\s*\\d{1,3})?\\s*(?:days?|weeks?|wks?|months?|mths?|years?|yrs?)\\b",
                                                         options: [.caseInsensitive])
        static let years = try! NSRegularExpression(pattern: "(?<![\\d/.:-])\\d{4}(?![\\d/.:-]?\\d)", options: [])
        static let quarters = try! NSRegularExpression(pattern: "\\bQ[1-4]\\b", options: [.caseInsensitive])
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
        var rest = text as NSString
        for regex in [WholeCell.durations, WholeCell.years, WholeCell.quarters] {
            rest = regex.stringByReplacingMatches(in: rest as String, range: NSRange(location: 0, length: rest.length), withTemplate: " ") as NSString
        }
        let years = CalendarDate.plausibleYears
        for match in WholeCell.years.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)) {
            guard let year = Int((text as NSString).substring(with: match.range)), years.contains(year) else { return false }
        }
        return (rest as String).rangeOfCharacter(from: .decimalDigits) == nil
    }

    private static func unreadable(_ text: String) -> Unreadable {
        Unreadable(message: "cannot read the deadline \"\(text)\"; write a month (Feb 2019), a day (31st Mar 2019), Ongoing, Tbc, Achieved, or milestones (Skills audit complete – Feb 2019)")
    }
}
