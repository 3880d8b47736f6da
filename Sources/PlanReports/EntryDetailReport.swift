import PlanJSON
import PlanKit

/// All about one action, or one recommendation with the actions that answer
/// it, as `improve show` prints it.
public struct EntryDetailReport: Sendable {
    public var entry: PlanEntry
    public var asOf: CalendarDate
    /// What a withdrawn action's line ends with to say how to put it back (the command line names
    /// its command here; the library names none).
    public var withdrawnHint = "not counted"

    public init(entry: PlanEntry, asOf: CalendarDate) {
        switch entry {
        case .action(let plan, let action): self.entry = .action(plan.asItStood(on: asOf), action.asItStood(on: asOf))
        case .recommendation(let plan, let rec): self.entry = .recommendation(plan.asItStood(on: asOf), rec)
        }
        self.asOf = asOf
    }

    /// Writes the entry as labelled, wrapped paragraphs.
    ///
    /// - Parameters:
    ///   - width: the line width to wrap at.
    ///   - style: colours for RAG statuses.
    ///   - output: the stream to write to.
    public func writeText<Target: TextOutputStream>(width: Int, style: TextStyle, to output: inout Target) {
        var writer = Writer(width: max(40, width), style: style, withdrawnHint: withdrawnHint)
        switch entry {
        case .action(let plan, let action): writer.action(action, of: plan, asOf: asOf)
        case .recommendation(let plan, let recommendation): writer.recommendation(recommendation, of: plan, asOf: asOf)
        }
        output.write(writer.text)
    }

    /// The entry as JSON (see docs/commands.md, "JSON output for scripts"): for an action,
    /// `{"asOf", "plan", "kind": "action", "action": {…as in the plan file…}, "position": {…}}`;
    /// for a recommendation, `{"asOf", "plan", "kind": "recommendation", "recommendation", "actions": [rows]}`.
    public var jsonValue: JSONValue {
        switch entry {
        case .action(let plan, let action):
            let row = ActionRow(plan: plan, action: action, asOf: asOf)
            return .object([
                JSONMember("asOf", .string(asOf.description)),
                JSONMember("plan", .string(plan.id)),
                JSONMember("kind", .string("action")),
                JSONMember("action", action.jsonValue),
                JSONMember("position", ActionListReport.jsonValue(of: row)),
            ])
        case .recommendation(let plan, let recommendation):
            return .object([
                JSONMember("asOf", .string(asOf.description)),
                JSONMember("plan", .string(plan.id)),
                JSONMember("kind", .string("recommendation")),
                JSONMember("recommendation", recommendation.jsonValue),
                JSONMember("actions", .array(plan.actions(answering: recommendation.id).map {
                    ActionListReport.jsonValue(of: ActionRow(plan: plan, action: $0, asOf: asOf))
                })),
            ])
        }
    }
}

private struct Writer {
    let width: Int
    let style: TextStyle
    let withdrawnHint: String
    var text = ""
    let labelWidth = 18

    init(width: Int, style: TextStyle, withdrawnHint: String) {
        self.width = width
        self.style = style
        self.withdrawnHint = withdrawnHint
    }

    mutating func line(_ string: String = "") { text += string + "\n" }

    /// Plan text is made safe for the terminal before it is laid out.
    func safe(_ string: String) -> String { TextTable.plain(string) }

    /// Pieces of text set two spaces apart on lines of at most `width`
    /// columns; a piece too long for a line is wrapped at its spaces.
    static func flow(_ pieces: [String], width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for piece in pieces {
            let joined = current.isEmpty ? piece : current + "  " + piece
            if TextTable.characterCount(joined) <= width {
                current = joined
                continue
            }
            if !current.isEmpty { lines.append(current) }
            let wrapped = TextTable.wrap(piece, width: width)
            lines += wrapped.dropLast()
            current = wrapped.last ?? ""
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A paragraph wrapped to the width, each line indented.
    mutating func paragraph(_ string: String, indent: Int = 2, bullet: String? = nil) {
        let lead = String(repeating: " ", count: indent)
        let first = bullet.map { lead + $0 + " " } ?? lead
        let rest = String(repeating: " ", count: first.count)
        for (index, piece) in TextTable.wrap(safe(string), width: width - first.count).enumerated() {
            line((index == 0 ? first : rest) + piece)
        }
    }

    /// `Label:   value`, the value wrapped under itself.
    mutating func field(_ label: String, _ value: String) {
        let head = (label.isEmpty ? "" : label + ":").padding(to: labelWidth)
        let pieces = TextTable.wrap(safe(value), width: width - labelWidth)
        for (index, piece) in pieces.enumerated() {
            line((index == 0 ? head : String(repeating: " ", count: labelWidth)) + piece)
        }
    }

    /// A field's label or heading, as declared (``ActionField/facts``).
    func label(_ field: ActionField) -> String { field.facts.shown.label ?? field.key }

    mutating func heading(_ string: String) {
        line()
        line(style.bold(string))
    }

    func statusText(_ level: RAGLevel?) -> String {
        guard let level else { return "no status recorded" }
        return style.coloured(level.code, level.colour) + " (\(level.label))"
    }

    mutating func action(_ action: Action, of plan: Plan, asOf: CalendarDate) {
        let row = ActionRow(plan: plan, action: action, asOf: asOf)
        let theme = plan.theme(id: action.theme)
        line(style.bold(safe(action.id)) + "  \(plan.id)")
        if let theme { paragraph("Theme \(theme.id): \(theme.title)", indent: 0) }
        line()
        paragraph(action.text, indent: 0)
        for point in action.subPoints { paragraph(point, indent: 2, bullet: "•") }
        line()
        let recIDs = plan.recommendationIDs(for: action)
        if recIDs.isEmpty {
            field(label(.recommendations), "no recommendation")
        } else {
            for (index, id) in recIDs.enumerated() {
                let rec = plan.recommendation(id: id)
                let inherited = !action.recommendations.contains(id) ? " (through its theme)" : ""
                field(index == 0 ? label(.recommendations) : "", "\(id)\(inherited) – \(rec?.text ?? "")")
            }
        }
        if !action.otherLinks.isEmpty { field(label(.otherLinks), action.otherLinks.joined(separator: "; ")) }
        field(label(.leads), action.leads.isEmpty ? "none recorded" : action.leads.joined(separator: "; "))
        var deadline = row.deadline?.displayText ?? "none"
        if action.deadline == nil, row.deadline != nil { deadline += " (latest milestone)" }
        if let after = action.afterDeadline { deadline += " \(after.displayText)" }
        if let review = row.reviewDue { deadline += ", review due \(Deadline.day(review).displayText)" }
        if let days = row.daysOverdue { deadline += " – " + style.coloured("overdue by \(days) \(days == 1 ? "day" : "days")", .red) }
        field(label(.deadline), deadline)
        if let words = action.deadlineText { field(label(.deadlineText), words) }
        var status = statusText(row.status)
        if let entry = action.statusEntry(asOf: asOf) {
            status += " since \(entry.date)" + (entry.by.map { " by \($0)" } ?? "")
        }
        field("Status", status)
        if let withdrawal = row.withdrawal {
            field("Withdrawn", "on \(withdrawal.date)" + (withdrawal.by.map { " by \($0)" } ?? "") + ": \(withdrawal.comment ?? "")"
                  + " (\(withdrawnHint))")
        }
        if let note = action.latestComment(asOf: asOf)?.comment { field("Position", note) }
        // The texts shown as a line each, in declared order (success measure, dashboard reference).
        for shown in ActionField.allCases {
            guard case .line(let label) = shown.facts.shown, let value = shown.facts.value.texts(of: action.fields).first
            else { continue }
            field(label, value)
        }

        if !action.milestones.isEmpty {
            heading(label(.milestones))
            for (index, milestone) in action.milestones.enumerated() {
                var due = milestone.deadline?.displayText ?? "no date"
                if let words = milestone.deadlineText { due += " (\(words))" }
                var state = ""
                if let done = milestone.completed, done <= asOf {
                    state = " – done \(done)"
                } else if milestone.isOverdue(asOf: asOf) && !(row.status?.isComplete ?? false) && row.withdrawal == nil {
                    state = " – " + style.coloured("overdue", .red)
                }
                paragraph("\(milestone.title) – \(due)\(state)", indent: 2, bullet: "\(index + 1).")
            }
        }
        // The lists shown under a heading each, in declared order (impact, outcomes).
        for shown in ActionField.allCases {
            guard case .list(let title) = shown.facts.shown else { continue }
            let points = shown.facts.value.texts(of: action.fields)
            if points.isEmpty { continue }
            heading(title)
            for point in points { paragraph(point, bullet: "•") }
        }
        heading(label(.history))
        let history = action.history.filter { $0.date <= asOf }
        if history.isEmpty { line("  none recorded") }
        // Each entry in words: its status (from the one before), or what it changed.
        var previous: String?
        for entry in history {
            // The date and status, then what changed (in full) and who, wrapped under the text.
            var head = "\(entry.date)", shown = head.count
            if let code = entry.status {
                head += "  " + StatusChange.statusMove(from: previous, to: code) { style.coloured($0, plan.ragScheme.level(code: code)?.colour) }
                shown += 2 + StatusChange.statusMove(from: previous, to: code).count
                previous = code
            }
            var words = entry.changesInWords(limit: Int.max).map(safe)
            if entry.status == nil, words.isEmpty { words.append("note") }
            if let by = entry.by { words.append("by \(safe(by))") }
            let pieces = Self.flow(words, width: max(width - shown - 4, 20))
            line("  " + head + (pieces.first.map { "  " + $0 } ?? ""))
            for piece in pieces.dropFirst() { line(String(repeating: " ", count: 14) + piece) }
            if let comment = entry.comment { paragraph(comment, indent: 4) }
        }
    }

    mutating func recommendation(_ recommendation: Recommendation, of plan: Plan, asOf: CalendarDate) {
        line(style.bold(safe(recommendation.id)) + "  \(plan.id)")
        line()
        paragraph(recommendation.text, indent: 0)
        line()
        if let to = recommendation.addressedTo { field("Addressed to", to) }
        if let response = recommendation.plannedResponse { field("Planned response", response) }
        if let reference = recommendation.planReference { field("Plan reference", reference) }
        let actions = plan.actions(answering: recommendation.id)
        heading("Answered by \(actions.count) \(actions.count == 1 ? "action" : "actions")")
        if actions.isEmpty {
            line("  no action answers this recommendation")
            return
        }
        var table = TextTable(headers: ["ID", "STATUS", "DEADLINE", "ACTION"], flexibleColumn: 3)
        table.wrapsCells = true
        for action in actions {
            let row = ActionRow(plan: plan, action: action, asOf: asOf)
            table.rows.append([
                TextTable.Cell(action.id),
                TextTable.Cell(row.status?.code ?? "-", colour: row.status?.colour),
                TextTable.Cell(ActionListReport.deadlineCell(row), colour: row.isOverdue ? .red : nil),
                TextTable.Cell(action.text),
            ])
        }
        var rendered = ""
        table.render(width: width - 2, style: style, to: &rendered)
        for piece in rendered.split(separator: "\n", omittingEmptySubsequences: false).dropLast() { line("  " + piece) }
    }
}

extension String {
    func padding(to length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}

extension StatusChange {
    /// The status an entry records, from the one before: `AMBER → RED`,
    /// `none → AMBER` for the first, or `RED (unchanged)`; a new code passes through `styled`.
    static func statusMove(from previous: String?, to code: String, styled: (String) -> String = { $0 }) -> String {
        guard let previous else { return "none → " + styled(code) }
        return previous == code ? "\(code) (unchanged)" : "\(previous) → \(styled(code))"
    }

    /// What the entry changed besides its status, in words, texts shortened to about 40 characters.
    public var changesInWords: [String] { changesInWords(limit: 40) }

    /// What the entry changed besides its status, in words, texts cut at `limit` characters.
    public func changesInWords(limit: Int) -> [String] {
        let entry = self
        func shortened(_ text: String) -> String { Self.shortened(text, to: limit) }
        var words: [String] = []
        if let change = entry.deadlineChange {
            words.append("deadline \(change.from?.displayText ?? "none") → \(change.to.displayText) (\(change.reason))")
        }
        if let change = entry.milestoneChange {
            let name = "milestone \"\(shortened(change.title))\""
            if let day = change.completed {
                words.append(change.completedBefore.map { "\(name) done date \($0) → \(day)" } ?? "\(name) done on \(day)")
            }
            if change.reopened { words.append("\(name) reopened") }
            if change.added { words.append("\(name) added") }
            if let removed = change.removed {
                words.append("\(name) removed" + (removed.deadline.map { " (was due \($0.displayText))" } ?? ""))
            }
            if let old = change.renamedFrom { words.append("milestone \"\(shortened(old))\" renamed \"\(shortened(change.title))\"") }
            if let moved = change.deadlineChange {
                words.append("\(name) due \(moved.from?.displayText ?? "none") → \(moved.to.displayText) (\(moved.reason))")
            }
        }
        if let change = entry.leadChange {
            let added = change.to.filter { !change.from.contains($0) }, removed = change.from.filter { !change.to.contains($0) }
            if !removed.isEmpty, !added.isEmpty {
                words.append("lead \(removed.joined(separator: ", ")) → \(added.joined(separator: ", "))")
            } else if !added.isEmpty {
                words.append("lead added: \(added.joined(separator: ", "))")
            } else if !removed.isEmpty {
                words.append("lead removed: \(removed.joined(separator: ", "))")
            } else {
                words.append("leads reordered")
            }
        }
        if let edit = entry.textEdit {
            words.append(Self.words(for: edit, limit: limit))
        }
        switch entry.withdrawal {
        case .withdrawn: words.append("withdrawn")
        case .reinstated: words.append("reinstated")
        case nil: break
        }
        return words
    }

    /// An edit in words: `text "Old wor…" → "New words"`, `sub-point added: "…"`,
    /// `recommendation linked: 3`, `success measure removed`.
    static func words(for edit: TextEdit, limit: Int) -> String {
        let facts = edit.field.facts, name = facts.noun
        let quoted = { (texts: [String]) in texts.map { "\"\(shortened($0, to: limit))\"" }.joined(separator: ", ") }
        if facts.edit == .single {
            switch (edit.from.first, edit.to.first) {
            case (nil, _?): return "\(name) set: \(quoted(edit.to))"
            case (_?, nil): return "\(name) removed: \(quoted(edit.from))"
            case (let old?, let new?):
                // The words that differ, with a little context: two long texts cut to the
                // same length would often show the same words on both sides.
                if edit.from.count == 1, edit.to.count == 1, let difference = WordDifference(from: old, to: new),
                   !(difference.removed + difference.added).allSatisfy(\.isWhitespace) {
                    return difference.summary(of: name, limit: limit)
                }
                return "\(name) \(quoted(edit.from)) → \(quoted(edit.to))"
            case (nil, nil): return "\(name) \(quoted(edit.from)) → \(quoted(edit.to))"
            }
        }
        let added = edit.to.filter { !edit.from.contains($0) }, removed = edit.from.filter { !edit.to.contains($0) }
        let wording = facts.wording
        let listed = { (texts: [String]) in wording.quotesTexts ? quoted(texts) : texts.joined(separator: ", ") }
        var parts: [String] = []
        if !added.isEmpty { parts.append("\(name) \(wording.added): \(listed(added))") }
        if !removed.isEmpty { parts.append("\(name) \(wording.removed): \(listed(removed))") }
        return parts.isEmpty ? "\(name)s reordered" : parts.joined(separator: "; ")
    }

    /// A text cut to about 40 characters, at a word where it can be.
    static func shortened(_ text: String, to limit: Int = 40) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > limit else { return flat }
        let cut = flat.prefix(limit)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return (atWord.count > limit / 2 ? atWord : cut) + "…"
    }
}
