import PlanKit

/// The summary's and the pack's numbers as charts (``ReportDocument/Chart``): the RAG position per theme
/// (or recommendation) as stacked bars, and the trend across board meetings as stacked columns. Each
/// series is one level of the scheme, in the scheme's order, then "No status"; each value is a count of
/// actions (withdrawn actions are in none). The section's table holds the same numbers.
extension PlanSummary {
    /// One bar per theme (or recommendation), stacked by level; the whole plan is the table's last row, not a bar.
    var ragChart: ReportDocument.Chart {
        let scheme = plan.ragScheme
        let noun = grouping == .theme ? "Theme" : "Recommendation"
        var series = scheme.levels.enumerated().map { index, level in
            ReportDocument.Chart.Series(label: level.code, colour: level.colour, values: groups.map { $0.byLevel[index].count })
        }
        series.append(.init(label: "No status", colour: nil, values: groups.map(\.noStatus)))
        let parts = zip(scheme.levels, overall.byLevel).map { "\($1.count) \($0.code)" } + ["\(overall.noStatus) with no status"]
        return .init(kind: .stackedBars, title: "RAG position by \(noun.lowercased())", categories: groups.map(\.id),
                     series: series, categoryAxisTitle: noun, valueAxisTitle: "Actions",
                     summary: "Actions at each status per \(noun.lowercased()), \(groups.count) \(noun.lowercased())s; "
                         + "in all \(overall.total) actions: \(parts.joined(separator: ", ")); \(overall.percentComplete)% complete.")
    }
}

extension RAGTrend {
    /// One column per board meeting (or month end), stacked by level.
    func chart(scheme: RAGScheme, basis: String) -> ReportDocument.Chart {
        var series = scheme.levels.enumerated().map { index, level in
            ReportDocument.Chart.Series(label: level.code, colour: level.colour, values: points.map { $0.counts.byLevel[index].count })
        }
        series.append(.init(label: "No status", colour: nil, values: points.map(\.counts.noStatus)))
        let first = points.first, last = points.last
        let span = first.map { first in
            last.map { "from \(first.counts.percentComplete)% complete on \(first.date) to \($0.counts.percentComplete)% on \($0.date)" } ?? ""
        } ?? ""
        return .init(kind: .stackedColumns, title: "RAG trend", categories: points.map(\.date.description), series: series,
                     categoryAxisTitle: basis == "at each board meeting" ? "Board meeting" : "Month end",
                     valueAxisTitle: "Actions",
                     summary: "Actions at each status \(basis), \(points.count) \(points.count == 1 ? "point" : "points"), \(span).")
    }
}
