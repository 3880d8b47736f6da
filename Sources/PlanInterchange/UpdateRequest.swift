import OfficeDocument
import PlanKit

/// The monthly request to a lead: their open actions, as a sheet they fill in
/// Excel (a new status, a progress comment, a date, a milestone done) and
/// return, for ``UpdateReturn`` to read back as history entries.
///
/// Each row carries a stamp of its action's state at export (``stamp(of:)``),
/// so that an update made to the plan after the sheet went out is noticed
/// when the sheet comes back, rather than silently overtaken.
public struct UpdateRequest: Sendable, Equatable {
    /// The lead, as the plan spells it (the first spelling met, when plans differ in case).
    public var lead: String
    public var rows: [Row]

    public init(lead: String, rows: [Row]) {
        self.lead = lead
        self.rows = rows
    }

    /// One open action of the lead's.
    public struct Row: Sendable, Equatable {
        public var planID: String
        public var actionID: String
        public var text: String
        /// The next open milestone and its deadline, else the action's deadline (`Apr 2019`, `ongoing`).
        public var deadline: String
        public var status: RAGLevel?
        /// The latest comment on the position, with its date.
        public var position: String
        /// The milestone a "Yes" under Milestone done marks done (1-based), when one is open.
        public var nextMilestone: Int?
        /// The plan's scheme: its labels are the New status choices, its colours the status cell's fill.
        public var scheme: RAGScheme
        public var stamp: String
        /// The first day of the plan's inspection: no update is dated before it.
        public var since: CalendarDate
    }

    /// The columns of a lead's sheet, in order; the last is hidden.
    public enum Column: Int, CaseIterable, Sendable {
        case plan, action, text, deadline, status, position, newStatus, comment, date, milestoneDone, stamp

        /// The header, which ``UpdateReturn`` finds the columns by.
        public var header: String {
            switch self {
            case .plan: return "Plan"
            case .action: return "Action"
            case .text: return "What the action is"
            case .deadline: return "Deadline (next milestone)"
            case .status: return "Current status"
            case .position: return "Current position"
            case .newStatus: return "New status"
            case .comment: return "Progress comment"
            case .date: return "Date"
            case .milestoneDone: return "Milestone done"
            case .stamp: return "Stamp (do not change)"
            }
        }

        /// The columns a lead fills: unlocked, the others locked.
        public var isFilledByLead: Bool { [.newStatus, .comment, .date, .milestoneDone].contains(self) }

        /// Excel's letter for the column (`A` for the plan).
        public var letter: String { String(UnicodeScalar(UInt8(65 + rawValue))) }

        var width: Double {
            switch self {
            case .plan: return 16
            // 12, not 9: the export's day above the header ("10 Apr 2019") is in this column, and Excel
            // shows ### for a date wider than its column.
            case .action: return 12
            case .text: return 50
            case .deadline: return 26
            case .status: return 16
            case .position: return 44
            case .newStatus: return 18
            case .comment: return 44
            case .date: return 12
            case .milestoneDone: return 14
            case .stamp: return 30
            }
        }
    }

    /// The label of the cell that names the lead, above the header (`Lead` | `J Smith`).
    public static let leadLabel = "Lead"
    /// The rows above the header: the lead, the day of export, a line of instructions.
    public static let headerRow = 4
    /// What a lead types under Milestone done to mark the milestone shown done.
    public static let milestoneDoneWord = "Yes"

    /// Every lead's request: the actions open on `asOf` (not complete, not
    /// withdrawn) of each lead whose name contains `lead` (ignoring case),
    /// leads in alphabetical order, actions in plan order.
    public static func requests(plans: [Plan], lead filter: String?, asOf: CalendarDate) -> [UpdateRequest] {
        var spelling: [String: String] = [:]
        var rows: [String: [Row]] = [:]
        let wanted = filter?.lowercased()
        for plan in plans.sorted(by: { $0.id < $1.id }) {
            let scheme = plan.ragScheme
            for action in plan.actions where !action.isWithdrawn(asOf: asOf) && !action.isComplete(asOf: asOf, in: scheme) {
                let row = Self.row(action, in: plan, asOf: asOf)
                var seen: Set<String> = []
                for lead in action.leads {
                    let key = lead.lowercased()
                    guard seen.insert(key).inserted, wanted.map({ key.contains($0) }) ?? true else { continue }
                    if spelling[key] == nil { spelling[key] = lead }
                    rows[key, default: []].append(row)
                }
            }
        }
        return spelling.keys.sorted().map { UpdateRequest(lead: spelling[$0]!, rows: rows[$0]!) }
    }

    static func row(_ action: Action, in plan: Plan, asOf: CalendarDate) -> Row {
        let scheme = plan.ragScheme
        let open = action.milestones.indices.first { action.milestones[$0].completed == nil }
        var deadline = action.finalDeadline?.displayText ?? "none"
        if let open {
            let milestone = action.milestones[open]
            deadline = "\(milestone.deadline?.displayText ?? milestone.deadlineText ?? "no date"): \(open + 1). \(milestone.title)"
        }
        let position = action.latestComment(asOf: asOf).map { "\($0.date): \($0.comment!)" } ?? ""
        return Row(planID: plan.id, actionID: action.id, text: action.text, deadline: deadline,
                   status: action.status(asOf: asOf, in: scheme), position: position,
                   nextMilestone: open.map { $0 + 1 }, scheme: scheme, stamp: stamp(of: action),
                   since: plan.inspection.firstDay)
    }

    /// A short fingerprint of what a lead's answer rests on: the action's
    /// latest history entry and how many there are, its deadline, its
    /// milestones' dates and completion. Any update recorded since changes it.
    public static func stamp(of action: Action) -> String {
        var parts = [action.id, String(action.history.count), action.finalDeadline?.description ?? ""]
        if let last = action.history.last {
            parts += [last.date.description, last.status ?? "", last.by ?? "", last.comment ?? "",
                      last.deadlineChange?.to.description ?? "",
                      last.milestoneChange.map { "\($0.title)=\($0.completed?.description ?? "open")" } ?? "",
                      last.leadChange.map { $0.to.joined(separator: ";") } ?? "",
                      last.withdrawal?.rawValue ?? ""]
        }
        parts += action.milestones.map { "\($0.title)|\($0.deadline?.description ?? "")|\($0.completed?.description ?? "")" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "\u{1F}").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }

    /// The hidden stamp cell: `improve1:FINGERPRINT:PLAN:ACTION` (plan ids hold no colon).
    static func stampCell(_ row: Row) -> String { "\(stampPrefix)\(row.stamp):\(row.planID):\(row.actionID)" }
    static let stampPrefix = "improve1:"

    /// Reads a stamp cell: the fingerprint, the plan's id and the action's.
    static func readStampCell(_ text: String) -> (stamp: String, planID: String, actionID: String)? {
        guard text.hasPrefix(stampPrefix) else { return nil }
        let parts = text.dropFirst(stampPrefix.count).split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]), String(parts[2]))
    }
}
