import PlanKit
import PlanReports

/// The words of a lead's reminder: its subject, its text part and its HTML part, with the `improve update`
/// line under each action that records progress on it.
struct ReminderWording {
    var asOf: CalendarDate
    var newSince: CalendarDate
    var dueBy: CalendarDate
    var staleDays: Int

    /// `Improvement plan: 3 overdue (1 new), 2 due by 2019-04-24, 1 with no update for 60 days`.
    func subject(_ reminder: LeadReminder) -> String {
        "Improvement plan: " + counts(reminder, newWord: "new")
    }

    func counts(_ reminder: LeadReminder, newWord: String) -> String {
        var parts: [String] = []
        let overdue = reminder.overdueCount, new = reminder.count(.newlyOverdue)
        if overdue > 0 { parts.append("\(overdue) overdue" + (new > 0 ? " (\(new) \(newWord))" : "")) }
        let soon = reminder.count(.dueSoon)
        if soon > 0 { parts.append("\(soon) due by \(dueBy)") }
        let stale = reminder.count(.stale)
        if stale > 0 { parts.append("\(stale) with no update for \(staleDays) days") }
        return parts.joined(separator: ", ")
    }

    func heading(_ section: RemindedAction.Section) -> String {
        switch section {
        case .newlyOverdue: return "Newly overdue (not overdue on \(newSince))"
        case .overdue: return "Overdue"
        case .dueSoon: return "Due by \(dueBy)"
        case .stale: return "No update for \(staleDays) days or more"
        }
    }

    /// A word as a shell reads it back: bare when plain, else in double quotes, else in single quotes.
    static func quoted(_ word: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=+,@%")
        if !word.isEmpty, word.allSatisfy(plain.contains) { return word }
        if !word.contains(where: { "\"$`\\!".contains($0) }) { return "\"\(word)\"" }
        return "'" + word.replacingEvery("'", with: "'\\''") + "'"
    }

    /// The command lines that record progress: a status and comment, and each milestone listed done.
    func updateLines(_ action: RemindedAction) -> [String] {
        // The options as update declares them: a line shown is a line update takes.
        var start = "improve \(UpdateCommand.descriptor.name) \(Self.quoted(action.action.id))"
        if let file = action.planFile { start += " \(CommonOptions.plan) \(Self.quoted(file))" }
        let status = action.status.map { " \(UpdateCommand.status) \(Self.quoted($0.code))" } ?? ""
        var lines = [start + status + " \(UpdateCommand.comment) \"…\""]
        for item in action.items {
            if let number = item.milestoneNumber { lines.append(start + " \(UpdateCommand.milestone) \(number) \(UpdateCommand.done)") }
        }
        return lines
    }

    func days(_ count: Int) -> String { "\(count) \(count == 1 ? "day" : "days")" }

    /// What an item says: `Deadline: Mar 2019 (10 days overdue)`, `Milestone 1, Skills audit: Feb 2019 (due in 3 days)`.
    func itemLine(_ item: RemindedAction.Item) -> String {
        let when = item.daysOverdue > 0 ? "\(days(item.daysOverdue)) overdue" + (item.section == .newlyOverdue ? ", new" : "")
            : item.daysOverdue == 0 ? "due today" : "due in \(days(-item.daysOverdue))"
        let what = item.milestone.map { "Milestone \(item.milestoneNumber.map(String.init) ?? "?"), \($0)" } ?? "Deadline"
        return "\(what): \(item.deadline.displayText) (\(when))"
    }

    func statusText(_ action: RemindedAction) -> String {
        guard let status = action.status else { return "no status recorded" }
        return status.label.isEmpty || status.label == status.code ? "status \(status.code)" : "status \(status.code) (\(status.label))"
    }

    func positionLine(_ action: RemindedAction) -> String {
        if let position = action.position, let day = action.positionDate { return "Latest position (\(day)): \(position)" }
        return "Latest position: none recorded"
    }

    func staleLine(_ action: RemindedAction) -> String? {
        guard let days = action.staleDays, let last = action.lastUpdate else { return nil }
        return "No update for \(self.days(days)) (last \(last))"
    }

    func sections(_ reminder: LeadReminder) -> [(RemindedAction.Section, [RemindedAction])] {
        RemindedAction.Section.allCases.compactMap { section in
            let actions = reminder.actions.filter { $0.section == section }
            return actions.isEmpty ? nil : (section, actions)
        }
    }

    func text(_ reminder: LeadReminder) -> String {
        var lines = [
            "Improvement plan actions led by \(reminder.lead), as of \(asOf)",
            "",
        ]
        lines += TextTable.wrap(counts(reminder, newWord: "new since \(newSince)") + ". Each action is listed once, with the command line that records progress on it (run it where the plans are, with your own comment).", width: 72)
        for (section, actions) in sections(reminder) {
            lines += ["", "\(heading(section)): \(actions.count)", ""]
            for action in actions {
                lines.append("* \(action.planID) \(action.action.id), \(statusText(action))")
                lines += TextTable.wrap(action.action.text, width: 70).map { "  " + $0 }
                // The action's own deadline, when only milestones of it are listed.
                if !action.items.contains(where: { $0.milestone == nil }), let deadline = action.deadline {
                    lines.append("  Deadline: \(deadline.displayText)")
                }
                lines += action.items.map { "  " + itemLine($0) }
                if let stale = staleLine(action) { lines.append("  " + stale) }
                lines += TextTable.wrap(positionLine(action), width: 70).map { "  " + $0 }
                lines.append("  To record progress:")
                lines += updateLines(action).map { "    " + $0 }
                lines.append("")
            }
            lines.removeLast()
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Plan text for the HTML part, escaped as the HTML pack escapes it (and its control characters removed).
    static func escaped(_ text: String) -> String {
        ReportDocument.htmlEscape(text)
    }

    func html(_ reminder: LeadReminder) -> String {
        let e = Self.escaped
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(e(subject(reminder)))</title>
        </head>
        <body style="font-family: sans-serif">
        <h1>Improvement plan actions led by \(e(reminder.lead))</h1>
        <p>As of \(asOf): \(e(counts(reminder, newWord: "new since \(newSince)"))). Each action is listed once, with the command line that records progress on it (run it where the plans are, with your own comment).</p>

        """
        for (section, actions) in sections(reminder) {
            html += "<h2>\(e(heading(section))): \(actions.count)</h2>\n<ul>\n"
            for action in actions {
                html += "<li>\n<p><strong>\(e(action.planID)) \(e(action.action.id))</strong>, \(e(statusText(action)))</p>\n"
                html += "<p>\(e(action.action.text))</p>\n<ul>\n"
                if !action.items.contains(where: { $0.milestone == nil }), let deadline = action.deadline {
                    html += "<li>Deadline: \(e(deadline.displayText))</li>\n"
                }
                for item in action.items { html += "<li>\(e(itemLine(item)))</li>\n" }
                if let stale = staleLine(action) { html += "<li>\(e(stale))</li>\n" }
                html += "<li>\(e(positionLine(action)))</li>\n</ul>\n"
                html += "<p>To record progress:</p>\n<pre>\(updateLines(action).map(e).joined(separator: "\n"))</pre>\n</li>\n"
            }
            html += "</ul>\n"
        }
        html += "</body>\n</html>\n"
        return html
    }
}
