import PlanKit
/// The overdue list as a report document, for an email body (Markdown or HTML).
extension OverdueReport {
    /// The items grouped as ``writeText(grouping:width:style:layout:to:)`` groups them,
    /// a section per group, overdue first, then what falls due soon.
    public func document(grouping: OverdueGrouping) -> ReportDocument {
        let showPlan = Set((overdue + dueSoon).map(\.planID)).count > 1
        func sections(_ items: [DeadlineItem], overdue: Bool) -> [ReportDocument.Section] {
            OverdueReport.grouped(items, by: grouping, lead: lead).map { group in
                var headers = ["ID", "Deadline", overdue ? "Overdue" : "Due in", "Status", "Leads", "What"]
                if showPlan { headers.insert("Plan", at: 0) }
                var table = ReportDocument.Table(headers: headers, flexibleColumns: [headers.count - 2, headers.count - 1])
                for item in group.items {
                    let days = overdue ? item.daysOverdue : -item.daysOverdue
                    var cells: [ReportDocument.Cell] = [
                        .init(item.action.id), .init(item.deadline.displayText),
                        .init("\(days) \(days == 1 ? "day" : "days")", colour: overdue ? .red : nil),
                        .init(item.status?.code ?? "-", colour: item.status?.colour),
                        .init(item.action.leads.joined(separator: "; ")), .init(item.what),
                    ]
                    if showPlan { cells.insert(.init(item.planID), at: 0) }
                    table.rows.append(cells)
                }
                return ReportDocument.Section(title: group.heading, table: table)
            }
        }
        var all: [ReportDocument.Section] = []
        if !overdue.isEmpty {
            all.append(.init(level: 1, title: countLine))
            all += sections(overdue, overdue: true)
        }
        if !dueSoon.isEmpty, let until = dueSoonUntil {
            all.append(.init(level: 1, title: "Due by \(until): \(dueSoon.count) \(dueSoon.count == 1 ? "deadline" : "deadlines")"))
            all += sections(dueSoon, overdue: false)
        }
        if !stale.isEmpty {
            all.append(.init(level: 1, title: staleLine))
            var headers = ["ID", "Last update", "Days", "Status", "Leads", "What"]
            let showStalePlan = Set(stale.map(\.planID)).count > 1
            if showStalePlan { headers.insert("Plan", at: 0) }
            var table = ReportDocument.Table(headers: headers, flexibleColumns: [headers.count - 2, headers.count - 1])
            for item in stale {
                var cells: [ReportDocument.Cell] = [
                    .init(item.action.id), .init(item.lastUpdate.description), .init(String(item.days)),
                    .init(item.status?.code ?? "-", colour: item.status?.colour),
                    .init(item.action.leads.joined(separator: "; ")), .init(item.action.text),
                ]
                if showStalePlan { cells.insert(.init(item.planID), at: 0) }
                table.rows.append(cells)
            }
            all.append(ReportDocument.Section(title: "Not updated", table: table))
        }
        if all.isEmpty { all.append(.init(level: 1, title: newSince.map { "Nothing newly overdue since \($0), as of \(asOf)" } ?? "Nothing is overdue as of \(asOf)")) }
        return ReportDocument(title: "Overdue actions and milestones", subtitle: "As of \(asOf)", sections: all)
    }
}
