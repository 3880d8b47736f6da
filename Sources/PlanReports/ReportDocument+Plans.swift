import PlanKit
/// The summary and board pack laid out as report documents.
extension PlanSummary {
    /// The summary's sections for one plan, under a plan heading.
    public var sections: [ReportDocument.Section] {
        [headingSection, ragSection] + (trend.map { [trendSection($0)] } ?? []) + listSections + [recommendationsSection]
    }

    /// The trend as a section (see ``RAGTrend``).
    func trendSection(_ trend: RAGTrend) -> ReportDocument.Section {
        let basis = plan.boardMeetings.contains { $0 < asOf } ? "at each board meeting" : "at each month's end"
        return .init(title: "Trend", paragraphs: ["The RAG position \(basis), read from the history, to \(asOf)."],
                     table: trend.table(scheme: plan.ragScheme), key: "trend", chart: trend.chart(scheme: plan.ragScheme, basis: basis))
    }

    /// The plan's heading.
    var headingSection: ReportDocument.Section {
        var heading = ReportDocument.Section(level: 1, title: "\(plan.title) (\(plan.id))")
        heading.planID = plan.id
        return heading
    }

    /// The RAG table by theme or recommendation, with a bar per row.
    var ragSection: ReportDocument.Section {
        let scheme = plan.ragScheme
        let grouping = self.grouping == .theme ? "theme" : "recommendation"
        var table = ReportDocument.Table(
            headers: [grouping == "theme" ? "Theme" : "Recommendation", "Title"] + scheme.levels.map(\.code) + ["No status", "Total", "Complete"],
            flexibleColumn: 1)
        var bars: [ReportDocument.Bar] = []
        for counts in groups + [overall] {
            var row: [ReportDocument.Cell] = [.init(counts.id), .init(counts.title)]
            for (level, entry) in zip(scheme.levels, counts.byLevel) {
                row.append(.init("\(entry.count) (\(counts.percent(entry.count))%)", colour: entry.count > 0 ? level.colour : nil))
            }
            row += [.init("\(counts.noStatus) (\(counts.percent(counts.noStatus))%)"), .init("\(counts.total)"),
                    .init("\(counts.percentComplete)%")]
            table.rows.append(row)
            bars.append(ReportDocument.Bar(segments: zip(scheme.levels, counts.byLevel).map { ($0.code, $1.count, $0.colour) }
                                           + [("No status", counts.noStatus, nil)]))
        }
        table.bars = bars
        let set = withdrawn.isEmpty ? "" : " (\(withdrawn.count) withdrawn \(withdrawn.count == 1 ? "action is" : "actions are") not counted)"
        return .init(title: "RAG position by \(grouping)", paragraphs: [
            "\(overall.total) actions\(set): \(overall.percentComplete)% complete, \(overall.noStatus) with no status recorded.",
        ], table: table, key: "rag", chart: ragChart)
    }

    /// The actions with no status, the stale ones and those whose status contradicts their dates.
    var listSections: [ReportDocument.Section] {
        [Self.list("No status recorded", noStatus, empty: "Every action has a status recorded.", key: "no-status"),
         Self.list("Stale: no update for more than \(staleDays) days", stale, empty: "No stale actions.", key: "stale"),
         Self.list("Status contradicts the dates", contradictions, empty: "No contradictions.", key: "contradictions"),
         Self.list("Withdrawn actions", withdrawn, empty: "No action has been withdrawn.", key: "withdrawn")]
    }

    /// Each recommendation's position, from the actions that answer it.
    var recommendationsSection: ReportDocument.Section {
        var recTable = ReportDocument.Table(headers: ["Recommendation", "Position", "Actions", "Text"], flexibleColumns: [2, 3])
        // On a terminal, a line per recommendation too, so that the section reads as the lists above it.
        var oneLine = TextTable(headers: ["REC", "POSITION", "ACTIONS", "TEXT"], flexibleColumns: [1, 2, 3])
        // A position is what the line is read for: "no information" whole.
        oneLine.minimumWidths = [1: 14, 2: 8, 3: 16]
        for entry in recommendations {
            let colour: RAGColour? = switch entry.position {
            case .complete: .green
            case .atRisk: .red
            case .onTrack: .amber
            case .unanswered, .noInformation: .grey
            }
            oneLine.rows.append([.init(entry.recommendation.id), .init(entry.position.rawValue, colour: colour),
                                 .init(entry.actions.joined(separator: ", ")), .init(entry.recommendation.text)])
            recTable.rows.append([.init(entry.recommendation.id), .init(entry.position.rawValue, colour: colour),
                                  .init(entry.actions.joined(separator: ", ")), .init(entry.recommendation.text)])
        }
        recTable.oneLine = oneLine
        let unanswered = recommendations.filter { $0.position == .unanswered }.map(\.recommendation.id)
        return .init(title: "Recommendations", paragraphs: unanswered.isEmpty ? [] :
                     ["No action answers \(unanswered.joined(separator: ", "))."], table: recTable, key: "recommendations")
    }

    /// The keys of the lists of actions (``listSections``).
    static let listKeys: Set<String> = ["no-status", "stale", "contradictions", "withdrawn"]

    static func list(_ title: String, _ references: [ActionReference], empty: String, key: String) -> ReportDocument.Section {
        var table = ReportDocument.Table(headers: ["ID", "Status", "Note", "Action"], flexibleColumn: 3)
        // An empty list keeps its (empty) table, so that its CSV still names the columns.
        guard !references.isEmpty else { return .init(title: title, paragraphs: [empty], table: table, key: key) }
        var oneLine = TextTable(headers: ["ID", "STATUS", "LEAD", "NOTE", "ACTION"], flexibleColumns: [2, 3, 4])
        oneLine.minimumWidths = [2: 8, 3: 12, 4: 16]
        for ref in references {
            table.rows.append([.init(ref.action.id), .init(ref.status?.code ?? "-", colour: ref.status?.colour),
                               .init(ref.note), .init(ref.action.text)])
            oneLine.rows.append([.init(ref.action.id), .init(ref.status?.code ?? "-", colour: ref.status?.colour),
                                 TextTable.leadsCell(ref.action.leads), .init(ref.note), .init(ref.action.text)])
        }
        table.oneLine = oneLine
        return .init(title: "\(title) (\(references.count))", table: table, key: key)
    }

    /// The summary of several plans as one document; for one-line rows
    /// (`layout` `.oneLine`), a long list of actions is given as its ids, as
    /// the board pack gives it (see ``ReportDocument/Section/listingIDsWhenLong()``).
    public static func document(_ summaries: [PlanSummary], asOf: CalendarDate, layout: TableLayout = .wrapped) -> ReportDocument {
        ReportDocument(title: "RAG summary", subtitle: "As of \(asOf)", sections: summaries.flatMap { $0.sections(layout: layout) })
    }

    /// This plan's sections as ``document(_:asOf:layout:)`` holds them, so that a summary of many plans
    /// can be written a plan at a time: the whole document is its title, then each plan's sections in order.
    public func sections(layout: TableLayout) -> [ReportDocument.Section] {
        layout == .oneLine ? sections.map { $0.listingIDsWhenLong(keepingIDsWhole: true) } : sections
    }
}

extension ReportDocument.Section {
    /// Lists of actions longer than this are given as ids in a sentence.
    static let longList = 12

    /// The section with a list of actions longer than ``longList`` given as
    /// its ids in a sentence (`LM 1, LM 2, 1.1.`) under its title, which
    /// holds the count: a long list is looked up with `show`, not read.
    /// The one rule for the board pack and a terminal's summary; `keepingIDsWhole`
    /// joins the words of an id with no-break spaces, so that wrapping never parts `LM` from `13`.
    func listingIDsWhenLong(keepingIDsWhole: Bool = false) -> Self {
        guard key.map(PlanSummary.listKeys.contains) == true, let table, table.rows.count > Self.longList else { return self }
        let ids = table.rows.map { keepingIDsWhole ? $0[0].text.replacingEvery(" ", with: "\u{00A0}") : $0[0].text }
        return .init(title: title, paragraphs: ["\(ids.joined(separator: ", "))."], key: key)
    }
}

extension BoardReport {
    /// The board pack's sections for one plan, in the order a board reads
    /// them: the headline, the exceptions it must discuss, the progress
    /// recorded since the last board, deadlines changed and due, then the
    /// detail (the RAG table, the recommendations) and last the long lists.
    public var sections: [ReportDocument.Section] {
        var heading = summary.headingSection
        heading.paragraphs.append("Period: \(periodStart) to \(asOf), the days after \(since) (\(sinceReason)); every change below "
            + "is since the start of \(periodStart). Next board: \(next).")
        // The long lists last, given as ids in a sentence when long.
        let lists = summary.listSections.map { $0.listingIDsWhenLong() }
        return [heading, headlineSection, trendSection, exceptionsSection, progressSection, slipsSection, dueSection,
                summary.ragSection, summary.recommendationsSection] + lists
    }

    var headlineSection: ReportDocument.Section {
        let now = headline.now, then = headline.then
        var table = ReportDocument.Table(headers: ["Status", "Now", "Start of \(periodStart)", "Change"])
        let scheme = plan.ragScheme
        for (level, (count, before)) in zip(scheme.levels, zip(now.byLevel, then.byLevel)) {
            table.rows.append([.init(level.code, colour: level.colour), .init("\(count.count)"), .init("\(before.count)"),
                               .init(Self.signed(count.count - before.count))])
        }
        table.rows.append([.init("No status"), .init("\(now.noStatus)"), .init("\(then.noStatus)"),
                           .init(Self.signed(now.noStatus - then.noStatus))])
        // The headline's two figures, so that the table (and its CSV) holds them too.
        table.rows.append([.init("Complete (%)"), .init("\(now.percentComplete)"), .init("\(then.percentComplete)"),
                           .init(Self.signed(now.percentComplete - then.percentComplete))])
        table.rows.append([.init("Overdue"), .init("\(headline.overdue.count)"), .init("\(headline.overdueThen)"),
                           .init(Self.signed(headline.overdue.count - headline.overdueThen))])
        let moved = headline.changes.filter { $0.change != 0 }.map { "\(Self.signed($0.change)) \($0.label)" }
        var lines = [
            "\(now.total) actions: \(now.percentComplete)% complete (\(Self.signed(now.percentComplete - then.percentComplete)) points since \(periodStart)); "
                + "\(headline.overdue.count) overdue, \(headline.newlyOverdue.count) of them newly; \(exceptions.count) exceptions; "
                + "\(progress.count) progress \(progress.count == 1 ? "entry" : "entries") recorded in the period.",
            moved.isEmpty ? "No status changed since \(periodStart)." : "Since \(periodStart): \(moved.joined(separator: ", ")).",
        ]
        if !headline.newlyOverdue.isEmpty { lines.append("Newly overdue: \(headline.newlyOverdue.joined(separator: ", ")).") }
        lines.append("Actions with no status: \(summary.noStatus.count); stale (no update for more than \(summary.staleDays) days): "
            + "\(summary.stale.count), counting those never updated since the plan started; status contradicts the dates: "
            + "\(summary.contradictions.count) (listed at the end).")
        if !summary.contradictions.isEmpty { lines.append(Self.contradictionNote) }
        return .init(title: "Headline", paragraphs: lines, table: table, key: "headline")
    }

    var trendSection: ReportDocument.Section { summary.trendSection(trend) }

    var exceptionsSection: ReportDocument.Section {
        var table = ReportDocument.Table(headers: ["ID", "Status", "Why", "Deadline", "Lead", "Action", "Latest progress"],
                                         flexibleColumns: [2, 4, 5, 6])
        var oneLine = TextTable(headers: ["ID", "STATUS", "DUE", "WHY", "LEAD", "ACTION"], flexibleColumns: [2, 3, 4, 5])
        // Why an action is an exception (overdue 174 days) is what the line is read for.
        oneLine.minimumWidths = [2: 8, 3: 16, 4: 8, 5: 16]
        for ref in exceptions {
            oneLine.rows.append([.init(ref.action.id), .init(ref.status?.code ?? "-", colour: ref.status?.colour),
                                 .init(ref.action.finalDeadline?.displayText ?? "-"), .init(ref.note),
                                 TextTable.leadsCell(ref.action.leads), .init(ref.action.text)])
            let latest = ref.action.latestComment(asOf: asOf)
            table.rows.append([.init(ref.action.id), .init(ref.status?.code ?? "-", colour: ref.status?.colour),
                               .init(ref.note), .init(ref.action.finalDeadline?.displayText ?? "-"),
                               .init(ref.action.leads.joined(separator: "; ")), .init(ref.action.text),
                               .init(latest.map { "\($0.date): \($0.comment ?? "")" } ?? "-")])
        }
        table.oneLine = oneLine
        return .init(title: "Exceptions: red, overdue or slipped (\(exceptions.count))",
                     paragraphs: exceptions.isEmpty ? ["No exceptions."] : [], table: table,
                     key: "exceptions")
    }

    var progressSection: ReportDocument.Section {
        var table = ReportDocument.Table(headers: ["Date", "ID", "Status", "By", "Action", "Progress"], flexibleColumns: [4, 5])
        var oneLine = TextTable(headers: ["ID", "DATE", "STATUS", "BY", "PROGRESS"], flexibleColumns: [2, 3, 4])
        oneLine.minimumWidths = [2: 8, 3: 6, 4: 16]
        for item in progress {
            let status: ReportDocument.Cell
            if let to = item.to {
                status = .init(item.from.map { "\($0.code) → \(to.code)" } ?? to.code, colour: to.colour)
            } else {
                status = .init("note")
            }
            table.rows.append([.init(item.entry.date.description), .init(item.action.id), status, .init(item.entry.by ?? ""),
                               .init(item.action.text), .init(item.entry.comment ?? "")])
            // The progress is the news; the action's text stands in when the entry has no comment.
            oneLine.rows.append([.init(item.action.id), .init(item.entry.date.description), .init(status.text, colour: status.colour),
                                 .init(item.entry.by ?? "-"), .init(item.entry.comment ?? item.action.text)])
        }
        table.oneLine = oneLine
        let totals = movementTotals.map { "\($0.count) \($0.label)" }.joined(separator: ", ")
        return .init(title: "Progress since \(periodStart) (\(progress.count))",
                     paragraphs: [progress.isEmpty ? "Nothing was recorded in the period."
                         : movements.isEmpty ? "No status changed; the entries are progress notes." : "Status changes: \(totals)."],
                     table: table, key: "progress")
    }

    var slipsSection: ReportDocument.Section {
        var table = ReportDocument.Table(headers: ["Date", "ID", "Original", "Revised", "Action", "Reason"], flexibleColumns: [4, 5])
        var oneLine = TextTable(headers: ["ID", "DATE", "MOVED", "ACTION"], flexibleColumns: [2, 3])
        oneLine.minimumWidths = [2: 10, 3: 16]
        for slip in slips {
            oneLine.rows.append([.init(slip.action.id), .init(slip.entry.date.description),
                                 .init("\(slip.change.from?.displayText ?? "none") → \(slip.change.to.displayText)"),
                                 .init(slip.milestone.map { "Milestone \"\($0)\" of: \(slip.action.text)" } ?? slip.action.text)])
            table.rows.append([.init(slip.entry.date.description), .init(slip.action.id),
                               .init(slip.change.from?.displayText ?? "none"), .init(slip.change.to.displayText),
                               .init(slip.milestone.map { "Milestone \"\($0)\" of: \(slip.action.text)" } ?? slip.action.text),
                               .init(slip.change.reason)])
        }
        table.oneLine = oneLine
        return .init(title: "Deadlines changed in the period (\(slips.count))",
                     paragraphs: slips.isEmpty ? ["No deadline changed."] : [], table: table,
                     key: "deadlines")
    }

    var dueSection: ReportDocument.Section {
        var table = ReportDocument.Table(headers: ["Due", "ID", "Status", "Lead", "What"], flexibleColumns: [3, 4])
        var oneLine = TextTable(headers: ["ID", "STATUS", "DUE", "LEAD", "WHAT"], flexibleColumns: [2, 3, 4])
        oneLine.minimumWidths = [2: 8, 3: 8, 4: 16]
        for item in dueBeforeNext {
            oneLine.rows.append([.init(item.action.id), .init(item.status?.code ?? "-", colour: item.status?.colour),
                                 .init(item.deadline.displayText), TextTable.leadsCell(item.action.leads), .init(item.what)])
            table.rows.append([.init(item.deadline.displayText), .init(item.action.id),
                               .init(item.status?.code ?? "-", colour: item.status?.colour),
                               .init(item.action.leads.joined(separator: "; ")), .init(item.what)])
        }
        table.oneLine = oneLine
        return .init(title: "Due before the next board (\(next))",
                     paragraphs: dueBeforeNext.isEmpty ? ["Nothing falls due."] : [], table: table,
                     key: "due")
    }

    /// What "status contradicts the dates" means, said where the count is.
    static let contradictionNote = "A status contradicts the dates when it is complete with milestones open, "
        + "not yet due (BLUE) past the deadline, or anything but RED on an overdue action."

    static func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : value < 0 ? "−\(-value)" : "0" }

    /// The board pack of several plans as one document.
    public static func document(_ reports: [BoardReport], asOf: CalendarDate) -> ReportDocument {
        ReportDocument(title: "Improvement plan board report", subtitle: "As of \(asOf)", sections: reports.flatMap(\.sections))
    }
}
