/// One action of one plan, with what a query worked out about it on its as-of date.
///
/// Its plan and its two entries are held by reference (see ``RowShared``): held inline they made a
/// row 1.3 KB, of which a list of 100,000 actions holds several copies while it sorts them.
public struct ActionRow: Sendable {
    public var plan: Plan {
        get { planBox.value }
        set { planBox = RowShared(newValue) }
    }
    /// Shared by the rows of one plan a list keeps (see `listed(in:keepingComment:)`).
    var planBox: RowShared<Plan>
    public var action: Action
    /// The status recorded by the as-of date, or `nil` when none was.
    public var status: RAGLevel?
    /// The deadline by which the whole action is due (see ``Action/finalDeadline``).
    public var deadline: Deadline?
    /// Whether the action is overdue on the as-of date.
    public var isOverdue: Bool
    /// The days since the deadline passed, when overdue.
    public var daysOverdue: Int?
    /// How many of its milestones are past their own deadlines and not done.
    public var overdueMilestones: Int
    /// The day the current status was recorded, if any.
    public var statusDate: CalendarDate?
    /// For a recurring action, the review due next (see ``Action/reviewDue(asOf:)``).
    public var reviewDue: CalendarDate?
    /// The latest progress comment on or before the as-of date (never a lead change).
    public var latestComment: StatusChange? {
        get { latestCommentBox?.value ?? latestSaid?.value.entry }
        set {
            latestCommentBox = newValue.map(RowShared.init)
            latestSaid = nil
        }
    }
    /// A listed row's latest comment: only what a list shows of it (see `listed(in:keepingComment:)`).
    var latestSaid: RowShared<SaidComment>?
    /// The entry that withdrew the action, when it stands withdrawn on the as-of date.
    public var withdrawal: StatusChange? {
        get { withdrawalBox?.value }
        set { withdrawalBox = newValue.map(RowShared.init) }
    }
    private var latestCommentBox: RowShared<StatusChange>?
    private var withdrawalBox: RowShared<StatusChange>?

    /// Works out an action's position on a date.
    public init(plan: Plan, action: Action, asOf: CalendarDate) {
        planBox = RowShared(plan)
        self.action = action
        status = action.status(asOf: asOf, in: plan.ragScheme)
        deadline = action.finalDeadline
        isOverdue = action.isOverdue(asOf: asOf, in: plan.ragScheme)
        daysOverdue = isOverdue ? action.dueDate(asOf: asOf).map { $0.days(until: asOf) } : nil
        overdueMilestones = action.overdueMilestones(asOf: asOf, in: plan.ragScheme).count
        statusDate = status == nil ? nil : action.statusEntry(asOf: asOf)?.date
        latestCommentBox = action.latestComment(asOf: asOf).map(RowShared.init)
        reviewDue = action.reviewDue(asOf: asOf)
        withdrawalBox = action.withdrawal(asOf: asOf).map(RowShared.init)
    }
}

/// How a list of actions is ordered.
public enum ActionSortKey: String, CaseIterable, Sendable {
    /// By final deadline, earliest first; ongoing, tbc and undated last.
    case deadline
    /// By plan, then the actions' order in the plan.
    case id
    /// By status in the scheme's order, no status first.
    case status
    /// By first lead, alphabetically.
    case lead
    /// By plan, then theme in plan order.
    case theme
}

/// Why a query could not run.
///
/// The cases carry facts only; the command line words them (`ErrorReporter`).
public enum QueryError: Error, Equatable, Sendable {
    /// The status is not a level of any loaded plan's scheme.
    case unknownStatus(String, known: [String])
    /// A theme or recommendation that no loaded plan has, with the likely ones.
    case unknownEntry(what: String, id: String, suggestions: [String])
    /// A lead that no action of the loaded plans has, with the likely ones.
    case unknownLead(String, suggestions: [String])
}

/// A filter and order over the actions of one or more plans, as `improve list` uses it.
public struct ActionQuery: Sendable {
    /// Statuses to keep, by code or label (any case); `none` keeps actions
    /// with no status recorded. Empty keeps all.
    public var statuses: [String] = []
    /// Keeps actions with a lead containing this text, ignoring case.
    public var lead: String?
    /// Keeps actions of these themes (ids matched forgivingly). Empty keeps all.
    public var themes: [String] = []
    /// Keeps actions answering this recommendation, directly or through their theme.
    public var recommendation: String?
    /// Keeps actions whose final deadline's last day is before this date.
    public var dueBefore: CalendarDate?
    /// Keeps actions whose final deadline's last day is after this date.
    public var dueAfter: CalendarDate?
    /// Keeps only overdue actions.
    public var overdueOnly = false
    /// Keeps actions whose id, text, sub-points, leads, milestones or comments
    /// contain this text, ignoring case.
    public var text: String?
    public var sort: ActionSortKey = .deadline
    /// The day the query is answered for.
    public var asOf: CalendarDate

    public init(asOf: CalendarDate) {
        self.asOf = asOf
    }

    /// The matching actions of the plans, in the query's order.
    ///
    /// - Parameter plans: the plans to search, in order.
    /// - Returns: a row per matching action.
    /// - Throws: ``QueryError/unknownStatus(_:known:)`` when a status filter
    ///   names no level of any plan's scheme; ``QueryError/unknownFilter(what:value:suggestions:)``
    ///   when a theme, recommendation or lead filter names nothing in any plan,
    ///   so that a typing mistake is not taken for an empty result.
    public func run(on plans: [Plan]) throws(QueryError) -> [ActionRow] {
        try check(plans.map(QueryOutline.init))
        return ordered(plans.flatMap { rows(of: $0) })
    }

    /// The checks of ``run(on:)`` that its filters name something: of the plans, read one at a time
    /// and dropped (see ``rows(of:listing:)``), only their outlines are needed.
    public func check(_ plans: [QueryOutline]) throws(QueryError) {
        for theme in themes {
            let ids = plans.flatMap(\.themeIDs)
            if !ids.contains(where: { IdentifierMatcher.matches(theme, $0) }) {
                throw .unknownEntry(what: ThemeField.noun, id: theme, suggestions: IdentifierMatcher.suggestions(for: theme, among: ids))
            }
        }
        if let recommendation {
            let ids = plans.flatMap(\.recommendationIDs)
            if !ids.contains(where: { IdentifierMatcher.matches(recommendation, $0) }) {
                throw .unknownEntry(what: RecommendationField.noun, id: recommendation,
                                    suggestions: IdentifierMatcher.suggestions(for: recommendation, among: ids))
            }
        }
        if let lead { try QueryError.checkLead(lead, amongLeadsOf: plans.map(\.leadNames)) }
        for status in statuses where !["none", Self.withdrawn].contains(status.lowercased()) {
            if !plans.contains(where: { $0.ragScheme.level(matching: status) != nil }) {
                var known: [String] = []
                for plan in plans { for level in plan.ragScheme.levels where !known.contains(level.code) { known.append(level.code) } }
                throw .unknownStatus(status, known: known)
            }
        }
    }

    /// The rows of one plan's actions that match, in plan order, unsorted.
    ///
    /// - Parameters:
    ///   - listing: keep of each row only what a list shows (see `ActionRow.listed(in:keepingComment:)`),
    ///     so that the rows of a portfolio's plans, read one at a time, hold none of them whole.
    ///   - keepingComments: when listing, keep each row's ``ActionRow/latestComment`` (a table does not show it).
    public func rows(of plan: Plan, listing: Bool = false, keepingComments: Bool = true) -> [ActionRow] {
        var rows: [ActionRow] = []
        let plan = plan.asItStood(on: asOf)
        var outline = plan
        if listing { outline.actions = [] }
        let shared = RowShared(outline)
        for action in plan.actions {
            let row = ActionRow(plan: plan, action: action, asOf: asOf)
            if matches(row) { rows.append(listing ? row.listed(in: shared, keepingComment: keepingComments) : row) }
        }
        // Kept until every plan is read: without the room the array grew into (up to as much again).
        return listing && rows.capacity > rows.count ? rows.withUnsafeBufferPointer { Array($0) } : rows
    }

    /// Rows of one or more plans, in the plans' order, sorted in the query's order.
    public func ordered(_ rows: [ActionRow]) -> [ActionRow] {
        var rows = rows
        order(&rows)
        return rows
    }

    /// ``ordered(_:)`` in place: a list of 100,000 rows is not held twice while it is sorted.
    public func order(_ rows: inout [ActionRow]) {
        // Positions are sorted, not the rows: a row holds its plan, and moving (or even reading one out of
        // a tuple) costs more than moving an Int. Ties keep the plans' order, which is the rows' order.
        Self.permute(&rows, into: ordering(rows.map(place(of:))))
    }

    /// What decides a row's place in the query's order, worked out from the row alone: a list that
    /// writes its rows as it reads them (`list --format json`) keeps of each row only this and the row
    /// as written, and sorts by it (``ordering(_:)``) as ``order(_:)`` sorts whole rows.
    public struct RowPlace: Sendable {
        /// The row's plan, for the order of themes within each plan; empty for the other orders.
        var planID = ""
        /// The deadline's ``Deadline/sortKey(_:)``, the status's rank, or the theme's place in its plan.
        var first = 0
        var second = 0
        /// The first lead, for the order by lead.
        var lead: String?
    }

    /// What decides `row`'s place in the query's order (see ``RowPlace``).
    public func place(of row: ActionRow) -> RowPlace {
        switch sort {
        case .id: return RowPlace()
        case .deadline:
            let key = Deadline.sortKey(row.deadline)
            return RowPlace(first: key.0, second: key.1)
        case .status:
            // No status first, then the scheme's order, withdrawn last.
            return RowPlace(first: row.withdrawal != nil ? Int.max
                : row.status.flatMap { s in row.plan.ragScheme.levels.firstIndex(of: s) } ?? -1)
        case .lead: return RowPlace(lead: row.action.leads.first?.lowercased() ?? "\u{10FFFF}")
        case .theme:
            return RowPlace(planID: row.plan.id, first: row.plan.themes.firstIndex { $0.id == row.action.theme } ?? Int.max)
        }
    }

    /// The positions of rows in the query's order, from their places in the rows' order (the plans' order,
    /// each plan's rows in plan order): `result[i]` is the position of the row that comes `i`th. Ties keep
    /// the rows' order.
    public func ordering(_ places: [RowPlace]) -> [Int] {
        switch sort {
        case .id: return Array(places.indices)
        case .deadline, .status: return Self.order(places.map { ($0.first, $0.second) }, by: <)
        case .lead: return Self.order(places.map { $0.lead ?? "" }, by: <)
        case .theme:
            // Within each plan (the rows come plan by plan), in the order of its themes.
            var planIndex = 0
            var keys: [(Int, Int)] = []
            keys.reserveCapacity(places.count)
            for (index, place) in places.enumerated() {
                if index > 0, places[index - 1].planID != place.planID { planIndex += 1 }
                keys.append((planIndex, place.first))
            }
            return Self.order(keys, by: <)
        }
    }

    /// Puts `rows[order[i]]` at `i` for every `i`, in place: each cycle of the permutation is
    /// followed once, moving each row once.
    private static func permute(_ rows: inout [ActionRow], into order: [Int]) {
        var placed = [Bool](repeating: false, count: rows.count)
        for start in rows.indices where !placed[start] {
            let first = rows[start]
            var index = start
            while true {
                placed[index] = true
                let source = order[index]
                if source == start {
                    rows[index] = first
                    break
                }
                rows[index] = rows[source]
                index = source
            }
        }
    }

    private func matches(_ row: ActionRow) -> Bool {
        let plan = row.plan, action = row.action
        if !statuses.isEmpty {
            // A withdrawn action matches only the withdrawn filter; none is no status recorded.
            let ok = statuses.contains { wanted in
                if wanted.lowercased() == Self.withdrawn { return row.withdrawal != nil }
                if row.withdrawal != nil { return false }
                if wanted.lowercased() == "none" { return row.status == nil }
                return row.status != nil && plan.ragScheme.level(matching: wanted)?.code == row.status?.code
            }
            if !ok { return false }
        }
        if let lead, !Plan.action(action, isLedBy: lead) { return false }
        if !themes.isEmpty, !themes.contains(where: { IdentifierMatcher.matches($0, action.theme) }) { return false }
        if let recommendation,
           !plan.recommendationIDs(for: action).contains(where: { IdentifierMatcher.matches(recommendation, $0) }) {
            return false
        }
        if let dueBefore {
            guard let last = row.deadline?.lastDay, last < dueBefore else { return false }
        }
        if let dueAfter {
            guard let last = row.deadline?.lastDay, last > dueAfter else { return false }
        }
        // An action is behind when its deadline or one of its milestones' has passed.
        if overdueOnly, !row.isOverdue, row.overdueMilestones == 0 { return false }
        if let text, !Self.contains(text, in: action) { return false }
        return true
    }

    /// The status filter for withdrawn actions.
    static let withdrawn = Withdrawal.withdrawn.rawValue

    /// The fields the text search looks in, as their declarations say (``ActionFieldFacts/searched``).
    private static let searchedFields = ActionField.allCases.filter(\.facts.searched)

    private static func contains(_ text: String, in action: Action) -> Bool {
        var fields = searchedFields.flatMap { $0.facts.value.texts(of: action.fields) } + action.milestones.map(\.title)
        fields += action.history.compactMap(\.comment)
        return fields.contains { $0.containsFolded(text) }
    }

    /// The positions of `keys` in sorted order, ties in their first order. Keys are worked out once per
    /// row and positions sorted, because a row holds its plan: copying rows into a comparison cost more
    /// than the rest of `list`.
    private static func order<Key>(_ keys: [Key], by less: (Key, Key) -> Bool) -> [Int] {
        keys.indices.sorted { a, b in less(keys[a], keys[b]) || !less(keys[b], keys[a]) && a < b }
    }
}

extension PlanPosition {
    /// The plan with only what a text list of actions reads of it (ids, texts, leads, deadlines,
    /// milestones, links, the history that shows the position), so that a list of a large
    /// portfolio holds a small part of each plan. Its actions' sub-points, impact, outcomes,
    /// success measures and dashboard references are left out; a text search needs them, and
    /// reads plans whole.
    public var forTextList: Plan {
        var plan = self.plan
        for index in plan.actions.indices {
            plan.actions[index].subPoints = []
            plan.actions[index].impact = []
            plan.actions[index].outcomes = []
            plan.actions[index].successMeasure = nil
            plan.actions[index].dashboardReference = nil
        }
        return plan
    }
}
