import PlanJSON
import PlanKit

/// A reference to one action, for lists in reports.
public struct ActionReference: Sendable {
    public var action: Action
    public var status: RAGLevel?
    /// Why it is listed (`no update for 75 days`, `GREEN with 2 open milestones`).
    public var note: String
}

/// RAG counts for a group of actions (a theme, a recommendation, or the plan).
public struct RAGCounts: Sendable {
    /// The group's id (`LM`, `HMIP 8`), or `all` for the whole plan.
    public var id: String
    public var title: String
    /// Counts per level code, in the scheme's order.
    public var byLevel: [(code: String, count: Int)]
    /// Actions with no status recorded.
    public var noStatus: Int
    public var total: Int
    /// Actions at a complete level.
    public var complete: Int

    /// The whole-number percentage of `count` in the total.
    public func percent(_ count: Int) -> Int {
        total == 0 ? 0 : Int((Double(count) * 100 / Double(total)).rounded())
    }

    /// The percentage of actions complete.
    public var percentComplete: Int { percent(complete) }
}

/// Where a recommendation stands, from the actions that answer it.
public enum RecommendationPosition: String, Sendable {
    /// Every answering action is complete.
    case complete
    /// An answering action is overdue or red.
    case atRisk = "at risk"
    /// Work is under way and nothing is overdue or red.
    case onTrack = "on track"
    /// Actions answer it, but none has a status recorded and none is overdue:
    /// nothing says whether it is on track.
    case noInformation = "no information"
    /// No action answers it.
    case unanswered = "no action answers it"
}

/// How the summary groups its RAG table.
public enum SummaryGrouping: String, CaseIterable, Sendable {
    case theme
    case rec
}

/// The RAG position of one plan on a day: what `improve summary` prints.
public struct PlanSummary: Sendable {
    public var plan: Plan
    public var asOf: CalendarDate
    /// Whether ``groups`` are themes or recommendations.
    public var grouping: SummaryGrouping
    /// One row per theme (or recommendation), in plan order.
    public var groups: [RAGCounts]
    public var overall: RAGCounts
    public var noStatus: [ActionReference]
    /// Actions not complete with no update for more than the stale limit, counting an action never
    /// updated from the plan's start (its inspection's first day).
    public var stale: [ActionReference]
    public var staleDays: Int
    /// Actions whose recorded status contradicts their dates.
    public var contradictions: [ActionReference]
    /// Actions withdrawn by the day, with when and why; they are in no count or list above.
    public var withdrawn: [ActionReference]
    public var recommendations: [(recommendation: Recommendation, position: RecommendationPosition, actions: [String])]
    /// The RAG position from board to board, when asked for (it needs the plan's whole history).
    public var trend: RAGTrend?

    /// Works out the position on `asOf` of a plan held whole.
    ///
    /// - Parameters:
    ///   - plan: the plan.
    ///   - asOf: the day; history recorded later is ignored.
    ///   - staleDays: an action not updated for more than this many days is stale.
    ///   - grouping: rows per theme or per recommendation.
    public init(plan: Plan, asOf: CalendarDate, staleDays: Int = 60, grouping: SummaryGrouping = .theme) {
        self.init(position: PlanPosition(of: plan, on: asOf), staleDays: staleDays, grouping: grouping)
    }

    /// Summarises a plan's position on the day it was read for.
    public init(position: PlanPosition, staleDays: Int = 60, grouping: SummaryGrouping = .theme) {
        let asOf = position.asOf
        let whole = position.plan.asItStood(on: asOf)
        // Withdrawn actions are listed apart and counted nowhere.
        var plan = whole
        var withdrawn: [ActionReference] = []
        for action in whole.actions {
            guard let entry = action.withdrawal(asOf: asOf) else { continue }
            withdrawn.append(ActionReference(action: Action(id: action.id, theme: action.theme, text: action.text, leads: action.leads),
                                             status: action.status(asOf: asOf, in: whole.ragScheme),
                                             note: "withdrawn \(entry.date)\(entry.by.map { " by \($0)" } ?? ""): \(entry.comment ?? "")"))
        }
        if !withdrawn.isEmpty { plan.actions.removeAll { $0.isWithdrawn(asOf: asOf) } }
        self.withdrawn = withdrawn
        self.plan = plan
        self.asOf = asOf
        self.grouping = grouping
        self.staleDays = staleDays
        let scheme = plan.ragScheme
        func counts(_ id: String, _ title: String, _ actions: [Action]) -> RAGCounts {
            let levels = actions.map { $0.status(asOf: asOf, in: scheme) }
            return RAGCounts(
                id: id, title: title,
                byLevel: scheme.levels.map { level in (level.code, levels.filter { $0?.code == level.code }.count) },
                noStatus: levels.filter { $0 == nil }.count, total: actions.count,
                complete: levels.filter { $0?.isComplete == true }.count)
        }
        switch grouping {
        case .theme:
            groups = plan.themes.map { theme in counts(theme.id, theme.title, plan.actions.filter { $0.theme == theme.id }) }
        case .rec:
            groups = plan.recommendations.map { rec in counts(rec.id, rec.text, plan.actions(answering: rec.id)) }
        }
        overall = counts("all", "All actions", plan.actions)

        var noStatus: [ActionReference] = []
        var stale: [ActionReference] = []
        var contradictions: [ActionReference] = []
        let planStart = plan.inspection.firstDay
        for whole in plan.actions {
            let action = whole
            // The lists keep only what they show (id, theme, text, leads): a portfolio's summary stays small.
            func listed() -> Action { Action(id: action.id, theme: action.theme, text: action.text, leads: action.leads) }
            let status = action.status(asOf: asOf, in: scheme)
            let overdue = action.isOverdue(asOf: asOf, in: scheme)
            if status == nil {
                noStatus.append(ActionReference(action: listed(), status: nil,
                                                note: overdue ? "overdue, no status recorded" : "no status recorded"))
            }
            // An action never updated is as stale as one updated long ago: its age counts from the plan's
            // start (the inspection's first day), so a plan nobody reports on shows every action stale.
            if status?.isComplete != true {
                let last = action.history.last(where: { $0.date <= asOf })?.date
                let days = (last ?? planStart).days(until: asOf)
                if days > staleDays {
                    let note = last.map { "no update for \(days) days (last \($0))" }
                        ?? "never updated in \(days) days (since the plan started, \(planStart))"
                    stale.append(ActionReference(action: listed(), status: status, note: note))
                }
            }
            guard let status else { continue }
            let open = action.milestones.filter { $0.completed.map { $0 > asOf } ?? true }
            if status.isComplete, !open.isEmpty {
                contradictions.append(ActionReference(action: listed(), status: status,
                                                      note: "\(status.code) with \(open.count) open \(open.count == 1 ? "milestone" : "milestones")"))
            } else if status.isNotYetDue, action.finalDeadline?.hasPassed(asOf: asOf) == true {
                contradictions.append(ActionReference(action: listed(), status: status,
                                                      note: "\(status.code) but past due (\(action.finalDeadline!.displayText))"))
            } else if overdue, let red = scheme.behindLevel, status.code != red.code {
                contradictions.append(ActionReference(action: listed(), status: status,
                                                      note: "\(status.code) although overdue since \(action.finalDeadline!.displayText)"))
            }
        }
        self.noStatus = noStatus
        self.stale = stale
        self.contradictions = contradictions
        recommendations = plan.recommendations.map { rec in
            let actions = plan.actions(answering: rec.id)
            let position: RecommendationPosition
            if actions.isEmpty {
                position = .unanswered
            } else if actions.allSatisfy({ $0.isComplete(asOf: asOf, in: scheme) }) {
                position = .complete
            } else if actions.contains(where: { $0.isOverdue(asOf: asOf, in: scheme) || $0.status(asOf: asOf, in: scheme).map { $0 == scheme.behindLevel } == true }) {
                position = .atRisk
            } else if actions.allSatisfy({ $0.status(asOf: asOf, in: scheme) == nil }) {
                position = .noInformation
            } else {
                position = .onTrack
            }
            return (rec, position, actions.map(\.id))
        }
        // Everything is counted: the plan is kept for its name, scheme, lists
        // and board meetings, without its actions.
        self.plan.actions = []
    }

    /// The summary as JSON (see docs/commands.md, "JSON output for scripts").
    public var jsonValue: JSONValue {
        func countsJSON(_ counts: RAGCounts) -> JSONValue {
            .object([
                JSONMember("id", .string(counts.id)),
                JSONMember("title", .string(counts.title)),
                JSONMember("total", .number(String(counts.total))),
                JSONMember("levels", .object(counts.byLevel.map { JSONMember($0.code, .number(String($0.count))) })),
                JSONMember("noStatus", .number(String(counts.noStatus))),
                JSONMember("percentComplete", .number(String(counts.percentComplete))),
            ])
        }
        func references(_ list: [ActionReference]) -> JSONValue {
            .array(list.map { ref in
                .object([
                    JSONMember("id", .string(ref.action.id)),
                    JSONMember("status", ref.status.map { .string($0.code) } ?? .null),
                    JSONMember("note", .string(ref.note)),
                ])
            })
        }
        return .object([
            JSONMember("plan", .string(plan.id)),
            JSONMember("asOf", .string(asOf.description)),
            JSONMember("overall", countsJSON(overall)),
            JSONMember("groups", .array(groups.map(countsJSON))),
            JSONMember("noStatus", references(noStatus)),
            JSONMember("staleDays", .number(String(staleDays))),
            JSONMember("stale", references(stale)),
            JSONMember("contradictions", references(contradictions)),
            JSONMember("withdrawn", references(withdrawn)),
            JSONMember("trend", trend?.jsonValue ?? .null),
            JSONMember("recommendations", .array(recommendations.map { entry in
                .object([
                    JSONMember("id", .string(entry.recommendation.id)),
                    JSONMember("position", .string(entry.position.rawValue)),
                    JSONMember("actions", .array(entry.actions.map { .string($0) })),
                ])
            })),
        ])
    }
}
