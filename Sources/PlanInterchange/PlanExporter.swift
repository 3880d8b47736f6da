import FoundationEssentials
import PlanKit

/// Writes plans as spreadsheets (CSV) and calendars (iCalendar).
public enum PlanExporter {
    /// The action export's columns; `improve import` reads them all back.
    /// The action's fields with a column of their own after the status columns
    /// (the success measure and the like): every declared field with a header
    /// that the export does not place by hand, in declared order.
    static let textColumns: [ActionField] = ActionField.allCases.filter { field in
        field.facts.csvHeader != nil
            && ![.theme, .id, .recommendations, .text, .leads, .deadline, .deadlineText, .milestones].contains(field)
    }

    public static let actionColumns = [
        "Plan", header(.theme), "Theme title", header(.id), header(.recommendations), header(.text), header(.leads),
        header(.deadline), header(.deadlineText), header(.milestones), "RAG", "Status date", "Comment on current position",
    ] + textColumns.map(header)

    static func header(_ field: ActionField) -> String { field.facts.csvHeader ?? field.key }

    /// One row per action (RFC 4180: CRLF, quoted where needed, formula-safe).
    ///
    /// - Parameters:
    ///   - plans: the plans to export.
    ///   - asOf: statuses and comments as recorded by this day.
    ///   - byteOrderMark: start with a UTF-8 BOM, which Excel needs to read UTF-8.
    public static func actionsCSV(_ plans: [Plan], asOf: CalendarDate, byteOrderMark: Bool = false) -> String {
        csv([actionColumns] + actionRows(plans, asOf: asOf), byteOrderMark: byteOrderMark)
    }

    /// The start of ``actionsCSV(_:asOf:byteOrderMark:)``, its header: with
    /// ``actionsCSV(of:asOf:)`` for each plan after it, the same text written a plan at a time.
    public static func actionsCSVHeader(byteOrderMark: Bool = false) -> String {
        csv([actionColumns], byteOrderMark: byteOrderMark)
    }

    /// One plan's rows of ``actionsCSV(_:asOf:byteOrderMark:)``, without the header.
    public static func actionsCSV(of plan: Plan, asOf: CalendarDate) -> String {
        CSVText.rows(actionRows([plan], asOf: asOf))
    }

    /// One row of ``actionColumns`` per action, as the CSV writes them (and the Word and Excel exports type them).
    static func actionRows(_ plans: [Plan], asOf: CalendarDate) -> [[String]] {
        var rows: [[String]] = []
        for plan in plans.map({ $0.asItStood(on: asOf) }) {
            for action in plan.actions {
                let entry = action.statusEntry(asOf: asOf)
                rows.append([
                    plan.id, action.theme, plan.theme(id: action.theme)?.title ?? "", action.id,
                    (plan.recommendationIDs(for: action) + action.otherLinks).joined(separator: ", "), action.text,
                    action.leads.joined(separator: "; "), action.deadline?.description ?? "", action.deadlineText ?? "",
                    action.milestones.map(milestoneLine).joined(separator: "\n"),
                    entry?.status ?? "", entry?.date.description ?? "",
                    action.latestComment(asOf: asOf)?.comment ?? "",
                ] + textColumns.map { $0.facts.value.texts(of: action.fields).joined(separator: "\n") })
            }
        }
        return rows
    }

    /// One row per milestone.
    public static func milestonesCSV(_ plans: [Plan], asOf: CalendarDate, byteOrderMark: Bool = false) -> String {
        csv([milestoneColumns] + milestoneRows(plans, asOf: asOf), byteOrderMark: byteOrderMark)
    }

    /// The milestone export's columns.
    static let milestoneColumns = ["Plan", "Theme", "ID", "Action", "Milestone", "Deadline", "Deadline wording", "Completed", "Lead", "RAG"]

    /// The start of ``milestonesCSV(_:asOf:byteOrderMark:)``, its header (see ``actionsCSVHeader(byteOrderMark:)``).
    public static func milestonesCSVHeader(byteOrderMark: Bool = false) -> String {
        csv([milestoneColumns], byteOrderMark: byteOrderMark)
    }

    /// One plan's rows of ``milestonesCSV(_:asOf:byteOrderMark:)``, without the header.
    public static func milestonesCSV(of plan: Plan, asOf: CalendarDate) -> String {
        CSVText.rows(milestoneRows([plan], asOf: asOf))
    }

    /// One row of ``milestoneColumns`` per milestone.
    static func milestoneRows(_ plans: [Plan], asOf: CalendarDate) -> [[String]] {
        var rows: [[String]] = []
        for plan in plans.map({ $0.asItStood(on: asOf) }) {
            for action in plan.actions {
                for milestone in action.milestones {
                    rows.append([
                        plan.id, action.theme, action.id, action.text, milestone.title, milestone.deadline?.description ?? "",
                        milestone.deadlineText ?? "", milestone.completed?.description ?? "",
                        action.leads.joined(separator: "; "), action.statusEntry(asOf: asOf)?.status ?? "",
                    ])
                }
            }
        }
        return rows
    }

    /// A milestone as the Milestones column writes it: `Title – 2019-02 (done 2019-02-20)`.
    static func milestoneLine(_ milestone: Milestone) -> String {
        var line = "\(milestone.title) – \(milestone.deadline?.description ?? "none")"
        if let completed = milestone.completed { line += " (done \(completed))" }
        return line
    }

    static func csv(_ rows: [[String]], byteOrderMark: Bool) -> String {
        (byteOrderMark ? "\u{FEFF}" : "") + CSVText.rows(rows)
    }

    // MARK: iCalendar

    /// Deadlines and milestones as all-day events (RFC 5545).
    ///
    /// Each dated action deadline and milestone is one event on the day it
    /// falls due (a month's last day for a month). UIDs are built from the
    /// plan, action and milestone, so importing a later export updates events
    /// instead of duplicating them. Lines end in CRLF and are folded at 75
    /// octets without splitting a UTF-8 character; TEXT values are escaped.
    ///
    /// - Parameters:
    ///   - plans: the plans.
    ///   - asOf: the export's day (statuses as then, and the DTSTAMP).
    ///   - lead: only deadlines of actions with a lead containing this, ignoring case.
    ///   - openOnly: only what is not complete.
    public static func calendar(_ plans: [Plan], asOf: CalendarDate, lead: String? = nil, openOnly: Bool = false) -> String {
        calendarStart + plans.map { calendarEvents(of: $0, asOf: asOf, lead: lead, openOnly: openOnly) }.joined() + calendarEnd
    }

    /// The lines ``calendar(_:asOf:lead:openOnly:)`` starts with: with ``calendarEvents(of:asOf:lead:openOnly:)``
    /// for each plan and ``calendarEnd`` after them, the same calendar written a plan at a time.
    public static let calendarStart = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//improve//improvement plan deadlines//EN",
                                       "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:\(escapeText("Improvement plan deadlines"))"]
        .map(fold).joined()
    /// The line ``calendar(_:asOf:lead:openOnly:)`` ends with.
    public static let calendarEnd = fold("END:VCALENDAR")

    /// One plan's events of ``calendar(_:asOf:lead:openOnly:)``, folded, with their line ends.
    public static func calendarEvents(of plan: Plan, asOf: CalendarDate, lead: String? = nil, openOnly: Bool = false) -> String {
        var lines: [String] = []
        let stamp = "\(compact(asOf))T000000Z"
        do {  // the plan as it stood, in place of the plan as read
            let plan = plan.asItStood(on: asOf)
            for action in plan.actions {
                if let lead, !action.leads.contains(where: { $0.containsFolded(lead) }) { continue }
                let complete = action.isComplete(asOf: asOf, in: plan.ragScheme)
                if openOnly, complete { continue }
                // A withdrawn action has nothing falling due.
                if action.isWithdrawn(asOf: asOf) { continue }
                var description = action.text
                if !action.leads.isEmpty { description += "\nLead: " + action.leads.joined(separator: "; ") }
                if let status = action.status(asOf: asOf, in: plan.ragScheme) { description += "\nStatus: \(status.code)" }
                description += "\nPlan: \(plan.title)"
                func event(uid: String, summary: String, day: CalendarDate, rule: String? = nil) {
                    lines += [
                        "BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:\(stamp)",
                        "DTSTART;VALUE=DATE:\(compact(day))", "DTEND;VALUE=DATE:\(compact(day.adding(days: 1)))",
                    ] + (rule.map { ["RRULE:\($0)"] } ?? []) + [
                        "SUMMARY:\(escapeText(summary))", "DESCRIPTION:\(escapeText(description))",
                        "CATEGORIES:\(escapeText(plan.id))", "TRANSP:TRANSPARENT", "END:VEVENT",
                    ]
                }
                if let day = action.finalDeadline?.lastDay, action.deadline != nil || action.milestones.isEmpty {
                    if case .every(let months) = action.afterDeadline {
                        // A review at the deadline and every N months after, on the days improve counts:
                        // a month's deadline on each month's last day; a day after the 28th on that day
                        // or, in a shorter month, its last day (plain RFC 5545 would skip that month).
                        let lastDay = if case .month = action.finalDeadline { ";BYMONTHDAY=-1" }
                            else if day.day > 28 { ";BYMONTHDAY=" + (28...day.day).map(String.init).joined(separator: ",") + ";BYSETPOS=-1" }
                            else { "" }
                        event(uid: uid(plan.id, action.id, "deadline"), summary: "\(action.id) review: \(action.text)", day: day,
                              rule: "FREQ=MONTHLY;INTERVAL=\(months)\(lastDay)")
                    } else {
                        event(uid: uid(plan.id, action.id, "deadline"), summary: "\(action.id) due: \(action.text)", day: day)
                    }
                }
                for milestone in action.milestones {
                    guard let day = milestone.deadline?.lastDay else { continue }
                    if openOnly, milestone.completed.map({ $0 <= asOf }) ?? false { continue }
                    event(uid: uid(plan.id, action.id, "milestone:" + milestone.title),
                          summary: "\(action.id) milestone: \(milestone.title)", day: day)
                }
            }
        }
        return lines.map(fold).joined()
    }

    /// A UID stable across exports: a hash of what the event is for.
    static func uid(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "\u{1F}").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex + "@improve"
    }

    static func compact(_ date: CalendarDate) -> String { date.description.replacingEvery("-", with: "") }

    /// A TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma, line break.
    public static func escapeText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A content line folded at 75 octets (continuation lines start with a
    /// space), never inside a UTF-8 character, ending in CRLF.
    public static func fold(_ line: String) -> String {
        // Most lines are short: counted once in bytes, they need no folding.
        if line.utf8.count <= 75 { return line + "\r\n" }
        var out = ""
        var count = 0
        var limit = 75
        for character in line.unicodeScalars {
            let size = String(character).utf8.count
            if count + size > limit {
                out += "\r\n "
                count = 0
                limit = 74
            }
            out.unicodeScalars.append(character)
            count += size
        }
        return out + "\r\n"
    }
}
