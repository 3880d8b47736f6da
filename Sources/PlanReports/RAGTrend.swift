import PlanJSON
import PlanKit

/// How a plan's RAG position moved from board to board: the counts as they
/// stood on each board meeting's day (or, for a plan that records none, at
/// each month's end), read from the history, up to the day of the report.
public struct RAGTrend: Sendable {
    /// The most points shown: a year of monthly boards.
    public static let maximumPoints = 12

    public var points: [(date: CalendarDate, counts: RAGCounts)]

    /// The trend of a plan held whole (its complete history).
    ///
    /// - Parameters:
    ///   - plan: the plan.
    ///   - asOf: the last point; earlier points are the board meetings before
    ///     it, or month ends from the first history entry, the latest twelve.
    public init(plan: Plan, asOf: CalendarDate) {
        var dates = plan.boardMeetings.filter { $0 < asOf }
        if dates.isEmpty, let first = plan.actions.compactMap({ $0.history.first?.date }).min(), first < asOf {
            var monthEnd = first.calendarMonth.lastDay
            while monthEnd < asOf {
                dates.append(monthEnd)
                monthEnd = monthEnd.adding(days: 1).calendarMonth.lastDay
            }
        }
        dates = Array(dates.suffix(RAGTrend.maximumPoints - 1)) + [asOf]
        points = dates.map { date in (date, PlanSummary(plan: plan, asOf: date).overall) }
    }

    /// The trend as a report table: a row per date, a column per level.
    func table(scheme: RAGScheme) -> ReportDocument.Table {
        var table = ReportDocument.Table(headers: ["Date"] + scheme.levels.map(\.code) + ["No status", "Complete"])
        var bars: [ReportDocument.Bar] = []
        for point in points {
            table.rows.append([.init(point.date.description)]
                + zip(scheme.levels, point.counts.byLevel).map { .init("\($1.count)", colour: $1.count > 0 ? $0.colour : nil) }
                + [.init("\(point.counts.noStatus)"), .init("\(point.counts.percentComplete)%")])
            bars.append(ReportDocument.Bar(segments: zip(scheme.levels, point.counts.byLevel).map { ($0.code, $1.count, $0.colour) }
                                           + [("No status", point.counts.noStatus, nil)]))
        }
        table.bars = bars
        return table
    }

    /// The trend as JSON: `[{date, levels: {CODE: n}, noStatus, percentComplete}]`.
    public var jsonValue: JSONValue {
        .array(points.map { point in
            .object([
                JSONMember("date", .string(point.date.description)),
                JSONMember("levels", .object(point.counts.byLevel.map { JSONMember($0.code, .number(String($0.count))) })),
                JSONMember("noStatus", .number(String(point.counts.noStatus))),
                JSONMember("percentComplete", .number(String(point.counts.percentComplete))),
            ])
        })
    }
}
