/// The summary and board pack laid out as report documents.
extension PlanSummary {
    /// The summary's sections for one plan, under a plan heading.
    public var sections: [ReportDocument.Section] {
        var sections = [ReportDocument.Section(level: 1, title: "\(plan.title) (\(plan.id))")]
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
        sections.append(.init(title: "RAG position by \(grouping)", paragraphs: [
            "\(overall.total) actions: \(overall.percentComplete)% complete, \(overall.noStatus) with no status recorded.",
        ], table: table))
        sections.append(Self.list("No status recorded", noStatus, empty: "Every action has a status recorded."))
        sections.append(Self.list("Stale: no update for more than \(staleDays) days", stale, empty: "No stale actions."))
        sections.append(Self.list("Status contradicts the dates", contradictions, empty: "No contradictions."))
        var recTable = ReportDocument.Table(headers: ["Recommendation", "Position", "Actions", "Text"], flexibleColumn: 3)
        for entry in recommendations {
            let colour: RAGColour? = switch entry.position {
            case .complete: .green
            case .atRisk: .red
            case .onTrack: .amber
            case .unanswered: .grey
            }
            recTable.rows.append([.init(entry.recommendation.id), .init(entry.position.rawValue, colour: colour),
                                  .init(entry.actions.joined(separator: ", ")), .init(entry.recommendation.text)])
        }
        let unanswered = recommendations.filter { $0.position == .unanswered }.map(\.recommendation.id)
        sections.append(.init(title: "Recommendations", paragraphs: unanswered.isEmpty ? [] :
                              ["No action answers \(unanswered.joined(separator: ", "))."], table: recTable))
        return sections
    }

    static func list(_ title: String, _ references: [ActionReference], empty: String) -> ReportDocument.Section {
        guard !references.isEmpty else { return .init(title: title, paragraphs: [empty]) }
        var table = ReportDocument.Table(headers: ["ID", "Status", "Note", "Action"], flexibleColumn: 3)
        for ref in references {
            table.rows.append([.init(ref.action.id), .init(ref.status?.code ?? "-", colour: ref.status?.colour),
                               .init(ref.note), .init(ref.action.text)])
        }
        return .init(title: "\(title) (\(references.count))", table: table)
    }

    /// The summary of several plans as one document.
    public static func document(_ summaries: [PlanSummary], asOf: CalendarDate) -> ReportDocument {
        ReportDocument(title: "RAG summary", subtitle: "As of \(asOf)", sections: summaries.flatMap(\.sections))
    }
}

extension BoardReport {
    /// The board pack's sections for one plan.
    public var sections: [ReportDocument.Section] {
        var sections = summary.sections
        let period = "Period: \(since.adding(days: 1)) to \(asOf) (since \(sinceReason)). Next board: \(next)."
        sections[0].paragraphs.append(period)

        var moved = ReportDocument.Table(headers: ["Date", "ID", "From", "To", "By", "Comment"], flexibleColumn: 5)
        for movement in movements {
            moved.rows.append([.init(movement.entry.date.description), .init(movement.action.id),
                               .init(movement.from?.code ?? "none", colour: movement.from?.colour),
                               .init(movement.to.code, colour: movement.to.colour),
                               .init(movement.entry.by ?? ""), .init(movement.entry.comment ?? "")])
        }
        let totals = movementTotals.map { "\($0.count) \($0.label)" }.joined(separator: ", ")
        sections.append(.init(title: "Movement since \(since)",
                              paragraphs: [movements.isEmpty ? "No status changed in the period." : "Totals: \(totals)."],
                              table: movements.isEmpty ? nil : moved))

        var exceptionTable = ReportDocument.Table(headers: ["ID", "Status", "Why", "Lead", "Deadline", "Latest comment"],
                                                  flexibleColumn: 5)
        for ref in exceptions {
            exceptionTable.rows.append([.init(ref.action.id), .init(ref.status?.code ?? "-", colour: ref.status?.colour),
                                        .init(ref.note), .init(ref.action.leads.joined(separator: "; ")),
                                        .init(ref.action.finalDeadline?.displayText ?? "-"),
                                        .init(ref.action.latestComment(asOf: asOf)?.comment ?? "")])
        }
        sections.append(.init(title: "Exceptions: red, overdue or slipped (\(exceptions.count))",
                              paragraphs: exceptions.isEmpty ? ["No exceptions."] : [],
                              table: exceptions.isEmpty ? nil : exceptionTable))

        var slipTable = ReportDocument.Table(headers: ["Date", "ID", "Original", "Revised", "Reason"], flexibleColumn: 4)
        for slip in slips {
            slipTable.rows.append([.init(slip.entry.date.description), .init(slip.action.id),
                                   .init(slip.change.from?.displayText ?? "none"), .init(slip.change.to.displayText),
                                   .init(slip.change.reason)])
        }
        sections.append(.init(title: "Deadlines changed in the period (\(slips.count))",
                              paragraphs: slips.isEmpty ? ["No deadline changed."] : [], table: slips.isEmpty ? nil : slipTable))

        var dueTable = ReportDocument.Table(headers: ["Due", "ID", "Status", "Lead", "What"], flexibleColumn: 4)
        for item in dueBeforeNext {
            dueTable.rows.append([.init(item.deadline.displayText), .init(item.action.id),
                                  .init(item.status?.code ?? "-", colour: item.status?.colour),
                                  .init(item.action.leads.joined(separator: "; ")), .init(item.what)])
        }
        sections.append(.init(title: "Due before the next board (\(next))",
                              paragraphs: dueBeforeNext.isEmpty ? ["Nothing falls due."] : [],
                              table: dueBeforeNext.isEmpty ? nil : dueTable))
        return sections
    }

    /// The board pack of several plans as one document.
    public static func document(_ reports: [BoardReport], asOf: CalendarDate) -> ReportDocument {
        ReportDocument(title: "Improvement plan board report", subtitle: "As of \(asOf)", sections: reports.flatMap(\.sections))
    }
}
