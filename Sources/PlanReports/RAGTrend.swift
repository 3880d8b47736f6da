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
        points = dates.map { date in (date, RAGTrend.overall(plan, on: date)) }
    }

    /// The plan's overall counts at the end of `day`, as ``PlanSummary`` counts them (withdrawn actions
    /// left out, each action's status read from its history up to the day), without the rest of a summary:
    /// a trend point needs only these, and a whole summary per point made the trend most of the pack's time.
    /// Reading the history up to the day gives what the plan as it stood that day gives: taking back later
    /// changes never adds or drops an action, and status and withdrawal look only at entries up to the day.
    public static func overall(_ plan: Plan, on day: CalendarDate) -> RAGCounts {
        let scheme = plan.ragScheme
        var byCode: [String: Int] = [:]
        var noStatus = 0, total = 0, complete = 0
        for action in plan.actions where !action.isWithdrawn(asOf: day) {
            total += 1
            guard let level = action.status(asOf: day, in: scheme) else {
                noStatus += 1
                continue
            }
            byCode[level.code, default: 0] += 1
            if level.isComplete { complete += 1 }
        }
        return RAGCounts(id: "all", title: "All actions", byLevel: scheme.levels.map { ($0.code, byCode[$0.code] ?? 0) },
                         noStatus: noStatus, total: total, complete: complete)
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
