import PlanJSON
import PlanKit

/// One thing past (or near) its deadline: an action, or a milestone of one.
///
/// What an action's items share (its plan, theme, status and slim copy) is
/// held once, in one allocation, so that an item is little more than its
/// milestone and its dates: a portfolio's full list holds hundreds of thousands.
public struct DeadlineItem: Sendable {
    /// The id of the action's plan.
    public var planID: String { listed.planID }
    /// Where the action's theme stands in its plan, and its heading (`blackpool-2019 · theme 1: Out of Court`).
    public var themePosition: Int { listed.themePosition }
    public var themeHeading: String { listed.themeHeading }
    /// The action as it stood on the report's day: its id, theme, text, leads
    /// and deadline (its milestones, history and other detail are left out, so
    /// that a portfolio's report stays small; an item of a milestone has it in ``milestone``).
    public var action: Action { listed.action }
    /// The action's status on the report's day.
    public var status: RAGLevel? { listed.status }
    /// What the items of one action share.
    private let listed: ListedAction
    /// The milestone, when the item is a milestone rather than the whole
    /// action: its title and its deadline (the item's) are what is kept.
    public var milestone: Milestone? { milestoneTitle.map { Milestone(title: $0, deadline: deadline) } }
    private let milestoneTitle: String?
    public var deadline: Deadline
    /// Days past the deadline's last day (negative: days still to go).
    public var daysOverdue: Int

    public init(planID: String, themePosition: Int, themeHeading: String, action: Action, milestone: Milestone?,
                deadline: Deadline, daysOverdue: Int, status: RAGLevel?) {
        self.init(listed: ListedAction(action, planID: planID, themePosition: themePosition, themeHeading: themeHeading, status: status),
                  milestone: milestone, deadline: deadline, daysOverdue: daysOverdue)
    }

    fileprivate init(listed: ListedAction, milestone: Milestone?, deadline: Deadline, daysOverdue: Int) {
        self.listed = listed
        milestoneTitle = milestone?.title
        self.deadline = deadline
        self.daysOverdue = daysOverdue
    }

    /// What the item is, the same on any day: its plan, its action's id and its milestone's title.
    var key: String { "\(planID)\u{1}\(action.id)\u{1}\(milestoneTitle ?? "\u{2}")" }

    /// What is due, as a line shows it.
    public var what: String {
        if let milestoneTitle { return "milestone: \(milestoneTitle)" }
        return action.text
    }
}

/// An action as its deadline items list it, in one allocation they share.
private final class ListedAction: Sendable {
    let action: Action
    let planID: String
    let themePosition: Int
    let themeHeading: String
    let status: RAGLevel?

    init(_ action: Action, planID: String, themePosition: Int, themeHeading: String, status: RAGLevel?) {
        // Each item holds its own milestone: the action's others are not kept.
        self.action = Action(id: action.id, theme: action.theme, text: action.text, leads: action.leads,
                             deadline: action.deadline, deadlineText: action.deadlineText)
        self.planID = planID
        self.themePosition = themePosition
        self.themeHeading = themeHeading
        self.status = status
    }
}

/// How the overdue report groups its lines.
public enum OverdueGrouping: String, CaseIterable, Sendable {
    /// Under each accountable lead (an action with two leads is listed under both).
    case lead
    /// Under each theme, in plan order.
    case theme
}

/// Actions and milestones past their deadline and not complete, and what
/// falls due soon: what `improve overdue` prints for a cron job.
public struct OverdueReport: Sendable {
    public var asOf: CalendarDate
    public var overdue: [DeadlineItem]
    public var dueSoon: [DeadlineItem]
    /// The last day of the "due soon" window, when one was asked for.
    public var dueSoonUntil: CalendarDate?
    /// When the report is someone's own (`--lead`): grouped by lead, an item
    /// is listed only under the leads that contain this, not under its co-leads.
    public var lead: String?
    /// With `--new-since`: the day compared with, and ``overdue`` holds only what was not overdue then.
    public var newSince: CalendarDate?
    /// With `--stale`: the open actions with no update for at least this many days, in ``stale``.
    public var staleDays: Int?
    public var stale: [StaleAction] = []

    /// Finds what is overdue on `asOf` and, with `withinDays`, what falls due
    /// in the days after it.
    ///
    /// A milestone counts only while its action is not complete; an action
    /// counts by its final deadline (a milestone due on that same deadline,
    /// when it is what sets it, is not listed again).
    public init(plans: [Plan], asOf: CalendarDate, withinDays: Int? = nil) {
        self.init(merging: plans.map { OverdueReport(plan: $0, asOf: asOf, withinDays: withinDays) },
                  asOf: asOf, withinDays: withinDays)
    }

    /// What is overdue and due soon in one plan held whole (see ``init(plans:asOf:withinDays:)``).
    public init(plan: Plan, asOf: CalendarDate, withinDays: Int? = nil) {
        self.init(position: PlanPosition(of: plan, on: asOf), withinDays: withinDays)
    }

    /// What is overdue and due soon in one plan on the day of its position.
    ///
    /// Reports for single plans can be made as each plan is read and then
    /// merged, so that a portfolio never needs to be in memory at once. The
    /// items keep their actions without history.
    ///
    /// - Parameters:
    ///   - earlier: the plan's position on an earlier day (`--new-since`): what was overdue then is left out,
    ///     so that ``overdue`` is what became overdue after it (a due day that fell between, or a deadline moved
    ///     into the past) and still is. The position must be of the same plan with the history of that day.
    ///   - staleDays: lists in ``stale`` the open actions whose latest entry is at least this many days old.
    public init(position: PlanPosition, withinDays: Int? = nil, earlier: PlanPosition? = nil, staleDays: Int? = nil) {
        let (plan, asOf) = (position.plan, position.asOf)
        let until = withinDays.map { asOf.adding(days: $0) }
        var overdue: [DeadlineItem] = []
        var soon: [DeadlineItem] = []
        for current in plan.actions {
            let status = current.status(asOf: asOf, in: plan.ragScheme)
            if status?.isComplete == true || current.isWithdrawn(asOf: asOf) { continue }
            let action = current.asItStood(on: asOf, includingHistory: false)
            var listed: ListedAction?
            let themePosition = plan.themes.firstIndex { $0.id == action.theme } ?? Int.max
            let themeHeading = "\(plan.id) · theme \(action.theme)"
                + (themePosition < plan.themes.count ? ": \(plan.themes[themePosition].title)" : "")
            func consider(_ deadline: Deadline?, milestone: Milestone?) {
                guard let deadline, let last = deadline.lastDay else { return }
                if let done = milestone?.completed, done <= asOf { return }
                if listed == nil {
                    listed = ListedAction(action, planID: plan.id, themePosition: themePosition, themeHeading: themeHeading, status: status)
                }
                let item = DeadlineItem(listed: listed!, milestone: milestone, deadline: deadline, daysOverdue: last.days(until: asOf))
                if last < asOf {
                    overdue.append(item)
                } else if let until, last <= until {
                    soon.append(item)
                }
            }
            // A recurring action is due by its next review; ongoing work, once monitored, by nothing.
            switch current.afterDeadline {
            case nil: consider(action.finalDeadline, milestone: nil)
            case .ongoing: consider(current.dueDate(asOf: asOf) == nil ? nil : action.finalDeadline, milestone: nil)
            case .every: consider(current.reviewDue(asOf: asOf).map(Deadline.day), milestone: nil)
            }
            // The milestone that sets an action's final deadline is listed as the action itself.
            let derived = action.deadline == nil ? action.finalDeadline : nil
            for milestone in action.milestones where derived == nil || milestone.deadline != derived {
                consider(milestone.deadline, milestone: milestone)
            }
        }
        self.asOf = asOf
        dueSoonUntil = until
        if let earlier {
            let before = Set(OverdueReport(position: earlier).overdue.map(\.key))
            overdue.removeAll { before.contains($0.key) }
            newSince = earlier.asOf
        }
        if let staleDays {
            self.staleDays = staleDays
            stale = StaleAction.find(in: plan, asOf: asOf, days: staleDays)
        }
        // Kept until the plans are merged: without the room the appends left over.
        self.overdue = overdue.withUnsafeBufferPointer { Array($0) }
        dueSoon = soon.withUnsafeBufferPointer { Array($0) }
    }

    /// One report from the reports of single plans, in their order, with the
    /// items sorted most overdue first (plan order among equals).
    public init(merging reports: consuming [OverdueReport], asOf: CalendarDate, withinDays: Int? = nil,
                newSince: CalendarDate? = nil, staleDays: Int? = nil) {
        self.asOf = asOf
        dueSoonUntil = withinDays.map { asOf.adding(days: $0) }
        self.newSince = newSince
        self.staleDays = staleDays
        stale = reports.flatMap(\.stale)
        // The parts are emptied as they are gathered, so that the items are held twice at most.
        var parts = consume reports
        var overdue: [DeadlineItem] = []
        var dueSoon: [DeadlineItem] = []
        overdue.reserveCapacity(parts.reduce(0) { $0 + $1.overdue.count })
        dueSoon.reserveCapacity(parts.reduce(0) { $0 + $1.dueSoon.count })
        for index in parts.indices {
            overdue.append(contentsOf: parts[index].overdue)
            dueSoon.append(contentsOf: parts[index].dueSoon)
            parts[index].overdue = []
            parts[index].dueSoon = []
        }
        self.overdue = OverdueReport.mostOverdueFirst(overdue)
        self.dueSoon = OverdueReport.mostOverdueFirst(dueSoon)
    }

    /// The items sorted most overdue first, keeping their order among equals.
    private static func mostOverdueFirst(_ items: [DeadlineItem]) -> [DeadlineItem] {
        // Positions are sorted, not the items: moving an item costs more than moving an Int.
        let order = items.indices.sorted { (items[$0].daysOverdue, $1) > (items[$1].daysOverdue, $0) }
        return order.map { items[$0] }
    }

    /// The number of overdue actions and of overdue milestones.
    public var counts: (actions: Int, milestones: Int) {
        var actions = 0
        for item in overdue where item.milestone == nil { actions += 1 }
        return (actions, overdue.count - actions)
    }

    /// `3 overdue as of 2015-04-23: 2 actions, 1 milestone`; with ``newSince``,
    /// `2 newly overdue since 2015-04-22, as of 2015-04-23: …`.
    public var countLine: String {
        let (actions, milestones) = counts
        return OverdueReport.countLine(actions: actions, milestones: milestones, asOf: asOf, newSince: newSince)
    }

    /// The count line for so many overdue actions and milestones, for a caller
    /// that added up the counts of several reports without keeping them.
    public static func countLine(actions: Int, milestones: Int, asOf: CalendarDate, newSince: CalendarDate? = nil) -> String {
        let what = newSince.map { "newly overdue since \($0)," } ?? "overdue"
        return "\(actions + milestones) \(what) as of \(asOf): \(actions) \(actions == 1 ? "action" : "actions"), \(milestones) \(milestones == 1 ? "milestone" : "milestones")"
    }

    /// `No update for 60 days or more: 3 actions`.
    public var staleLine: String {
        "No update for \(staleDays ?? 0) days or more: \(stale.count) \(stale.count == 1 ? "action" : "actions")"
    }

    /// Whether the report lists anything at all (what is overdue, due soon or stale).
    public var listsAnything: Bool { !overdue.isEmpty || !dueSoon.isEmpty || !stale.isEmpty }

    /// Items grouped under headings, in a stable order.
    public static func grouped(_ items: [DeadlineItem], by grouping: OverdueGrouping,
                               lead: String? = nil) -> [(heading: String, items: [DeadlineItem])] {
        groupedPositions(items, by: grouping, lead: lead).map { ($0.heading, $0.positions.map { items[$0] }) }
    }

    /// The same groups as positions in `items`: a portfolio's list is grouped
    /// without copying its items into every group they belong to.
    static func groupedPositions(_ items: [DeadlineItem], by grouping: OverdueGrouping,
                                 lead: String? = nil) -> [(heading: String, positions: [Int])] {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        var themeOrder: [String: (String, Int)] = [:]
        for (position, item) in items.enumerated() {
            if grouping == .theme { themeOrder[item.themeHeading] = (item.planID, item.themePosition) }
            let keys: [String]
            switch grouping {
            case .lead:
                let mine = lead.map { lead in item.action.leads.filter { $0.containsFolded(lead) } } ?? []
                keys = !mine.isEmpty ? mine : item.action.leads.isEmpty ? ["(no lead)"] : item.action.leads
            case .theme:
                keys = [item.themeHeading]
            }
            for key in keys {
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(position)
            }
        }
        switch grouping {
        case .lead: order.sort { $0.lowercased() < $1.lowercased() }
        case .theme: order.sort { themeOrder[$0]! < themeOrder[$1]! }
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// Writes the report: a count line, then the overdue items grouped, then
    /// what falls due soon. Writes nothing when there is nothing to list.
    public func writeText<Target: TextOutputStream>(grouping: OverdueGrouping, width: Int?, style: TextStyle,
                                                    layout: TableLayout = .wrapped, to output: inout Target) {
        guard listsAnything else { return }
        var planIDs = Set<String>()
        for item in overdue { planIDs.insert(item.planID) }
        for item in dueSoon { planIDs.insert(item.planID) }
        let showPlan = planIDs.count > 1
        // On a terminal the headings wrap to its width too.
        func heading(_ text: String) -> String {
            (layout == .oneLine ? width.map { TextTable.wrap(text, width: $0) } ?? [text] : [text])
                .map { style.bold($0) }.joined(separator: "\n") + "\n"
        }
        if !overdue.isEmpty {
            output.write(heading(countLine))
            write(overdue, OverdueReport.groupedPositions(overdue, by: grouping, lead: lead), overdue: true, showPlan: showPlan, width: width, style: style, layout: layout, grouping: grouping, to: &output)
        }
        if !dueSoon.isEmpty, let until = dueSoonUntil {
            if !overdue.isEmpty { output.write("\n") }
            output.write(heading("Due by \(until): \(dueSoon.count) \(dueSoon.count == 1 ? "deadline" : "deadlines")"))
            write(dueSoon, OverdueReport.groupedPositions(dueSoon, by: grouping, lead: lead), overdue: false, showPlan: showPlan, width: width, style: style, layout: layout, grouping: grouping, to: &output)
        }
        if !stale.isEmpty {
            if !overdue.isEmpty || !dueSoon.isEmpty { output.write("\n") }
            output.write(heading(staleLine))
            let showStalePlan = Set(stale.map(\.planID)).count > 1 || showPlan
            var headers = ["ID", "LAST UPDATE", "DAYS", "STATUS", "WHAT"]
            if showStalePlan { headers.insert("PLAN", at: 0) }
            var table = TextTable(headers: headers, flexibleColumn: headers.count - 1)
            table.wrapsCells = true
            table.rows = stale.map { item in
                var cells = [TextTable.Cell(item.action.id), TextTable.Cell(item.lastUpdate.description), TextTable.Cell(String(item.days)),
                             TextTable.Cell(item.status?.code ?? "-", colour: item.status?.colour), TextTable.Cell(item.action.text)]
                if showStalePlan { cells.insert(TextTable.Cell(item.planID), at: 0) }
                return cells
            }
            output.write("\n")
            table.render(width: width.map { $0 - 2 }, style: style, indent: "  ", to: &output)
        }
    }

    private func write<Target: TextOutputStream>(_ items: [DeadlineItem], _ groups: [(heading: String, positions: [Int])], overdue: Bool,
                                                 showPlan: Bool, width: Int?, style: TextStyle, layout: TableLayout,
                                                 grouping: OverdueGrouping, to output: inout Target) {
        if layout == .oneLine {
            writeOneLine(items, groups, overdue: overdue, showPlan: showPlan, width: width, style: style, grouping: grouping, to: &output)
            return
        }
        // Grouped by theme, who leads each item is a column (grouped by lead, the heading says it).
        let showsLeads = grouping == .theme
        var headers = ["ID", "DEADLINE", overdue ? "OVERDUE" : "DUE IN", "STATUS"] + (showsLeads ? ["LEAD"] : []) + ["WHAT"]
        if showPlan { headers.insert("PLAN", at: 0) }
        func cells(_ item: DeadlineItem) -> [TextTable.Cell] {
            let days = overdue ? item.daysOverdue : -item.daysOverdue
            var cells = [
                TextTable.Cell(item.action.id),
                TextTable.Cell(item.deadline.displayText),
                TextTable.Cell("\(days) \(days == 1 ? "day" : "days")", colour: overdue ? .red : nil),
                TextTable.Cell(item.status?.code ?? "-", colour: item.status?.colour),
            ]
            if showsLeads { cells.append(TextTable.Cell(item.action.leads.isEmpty ? "-" : item.action.leads.joined(separator: "; "))) }
            cells.append(TextTable.Cell(item.what))
            if showPlan { cells.insert(TextTable.Cell(item.planID), at: 0) }
            return cells
        }
        for group in groups {
            // A theme's heading (a long objective) wraps to the terminal's width as the rows do.
            let heading = TextTable.plain(group.heading)
            output.write("\n" + (width.map { TextTable.wrap(heading, width: $0).joined(separator: "\n") } ?? heading) + "\n")
            var table = showsLeads ? TextTable(headers: headers, flexibleColumns: [headers.count - 2, headers.count - 1])
                : TextTable(headers: headers, flexibleColumn: headers.count - 1)
            // What is overdue is read whole: it wraps in its cell on a narrow terminal.
            table.wrapsCells = true
            guard width == nil, group.positions.count > Self.part else {
                table.rows = group.positions.map { cells(items[$0]) }
                table.render(width: width.map { $0 - 2 }, style: style, indent: "  ", to: &output)
                continue
            }
            // A long group, not fitted to a terminal: measured first, then written a part at a
            // time with the same column widths, so that its rows are never all held at once.
            var widths = headers.map(TextTable.characterCount)
            for position in group.positions {
                for (column, cell) in cells(items[position]).enumerated().dropLast() {
                    widths[column] = max(widths[column], TextTable.characterCount(cell.text))
                }
            }
            table.columnWidths = widths
            for start in stride(from: 0, to: group.positions.count, by: Self.part) {
                table.showsHeader = start == 0
                table.rows = group.positions[start..<min(start + Self.part, group.positions.count)].map { cells(items[$0]) }
                table.render(width: nil, style: style, indent: "  ", to: &output)
            }
        }
    }

    /// The groups one line per item: (plan,) id, status, deadline (red when
    /// past: the days are left out for the text's room), the first lead and
    /// how many others (the group's own lead first), and what is due, cut to the width.
    private func writeOneLine<Target: TextOutputStream>(_ items: [DeadlineItem], _ groups: [(heading: String, positions: [Int])],
                                                        overdue: Bool, showPlan: Bool, width: Int?, style: TextStyle,
                                                        grouping: OverdueGrouping, to output: inout Target) {
        let tags = PlanTags(planIDs: items.map(\.planID), width: width)
        // Grouped by lead, the group's heading is the lead: a column repeating it would take the text's room.
        let showsLead = grouping != .lead
        var headers = showsLead ? ["ID", "STATUS", "DUE", "LEAD", "WHAT"] : ["ID", "STATUS", "DUE", "WHAT"]
        if showPlan { headers.insert("PLAN", at: 0) }
        let last = headers.count - 1
        let due = showPlan ? 3 : 2
        for group in groups {
            let heading = TextTable.plain(group.heading)
            output.write("\n" + (width.map { TextTable.shorten(heading, to: $0) } ?? heading) + "\n")
            var table = TextTable(headers: headers, flexibleColumns: Array(due...last))
            // A deadline whole (31 Jan 2019, review 31 Dec 2019): a date cut is a date lost.
            table.minimumWidths = [due: 18, last: 17]
            table.keyColumn = showPlan ? 1 : 0
            if showsLead { table.minimumWidths[due + 1] = 8 }
            table.rows = group.positions.map { position in
                let item = items[position]
                var cells = [
                    TextTable.Cell(item.action.id),
                    TextTable.Cell(item.status?.code ?? "-", colour: item.status?.colour),
                    TextTable.Cell(item.deadline.displayText, colour: overdue ? .red : nil),
                ]
                if showsLead { cells.append(TextTable.leadsCell(item.action.leads, matching: lead)) }
                cells.append(TextTable.Cell(item.what))
                if showPlan { cells.insert(TextTable.Cell(tags.tag(item.planID)), at: 0) }
                return cells
            }
            table.renderOneLine(width: width, style: style, indent: "  ", to: &output)
        }
        if showPlan { for line in tags.key(width: width) { output.write(line + "\n") } }
    }

    /// How many rows of a long group are written at a time.
    static let part = 2048

    /// The report as JSON: `{"asOf", "overdueCount", "overdue": [ITEM], "dueSoonUntil", "dueSoon": [ITEM]}`.
    public var jsonValue: JSONValue {
        func item(_ item: DeadlineItem) -> JSONValue {
            .object([
                JSONMember("plan", .string(item.planID)),
                JSONMember("id", .string(item.action.id)),
                JSONMember("kind", .string(item.milestone == nil ? "action" : "milestone")),
                JSONMember("milestone", item.milestone.map { .string($0.title) } ?? .null),
                JSONMember("text", .string(item.action.text)),
                JSONMember("leads", .array(item.action.leads.map { .string($0) })),
                JSONMember("deadline", .string(item.deadline.description)),
                JSONMember("dueDate", .string(item.deadline.lastDay!.description)),
                JSONMember("daysOverdue", .number(String(item.daysOverdue))),
                JSONMember("status", item.status.map { .string($0.code) } ?? .null),
            ])
        }
        func staleItem(_ item: StaleAction) -> JSONValue {
            .object([
                JSONMember("plan", .string(item.planID)),
                JSONMember("id", .string(item.action.id)),
                JSONMember("text", .string(item.action.text)),
                JSONMember("leads", .array(item.action.leads.map { .string($0) })),
                JSONMember("lastUpdate", .string(item.lastUpdate.description)),
                JSONMember("daysSinceUpdate", .number(String(item.days))),
                JSONMember("status", item.status.map { .string($0.code) } ?? .null),
            ])
        }
        var members = [
            JSONMember("asOf", .string(asOf.description)),
            JSONMember("overdueCount", .number(String(overdue.count))),
            JSONMember("overdue", .array(overdue.map(item))),
            JSONMember("dueSoonUntil", dueSoonUntil.map { .string($0.description) } ?? .null),
            JSONMember("dueSoon", .array(dueSoon.map(item))),
        ]
        // Only with --new-since and --stale, so that the output of a plain check is as it was.
        if let newSince { members.insert(JSONMember("newSince", .string(newSince.description)), at: 1) }
        if let staleDays {
            members.append(JSONMember("staleDays", .number(String(staleDays))))
            members.append(JSONMember("stale", .array(stale.map(staleItem))))
        }
        return .object(members)
    }
}
