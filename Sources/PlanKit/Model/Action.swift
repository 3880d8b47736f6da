/// One action of a plan (`LM 7`, `1.17`), with who is accountable, when it is
/// due and its status history.
///
/// An action is a value, but its fields live in one shared box that is copied
/// only when a copy is changed (copy on write): a plan of 10,000 actions is
/// walked, copied and compared many times by a command, and a copy then costs
/// one reference count instead of one per field, and two actions that share
/// their box are equal without comparing their fields.
public struct Action: Hashable, Sendable {
    /// The fields. Changed only through ``Action``'s accessors, which copy it
    /// first unless this action is its only owner.
    private final class Storage: @unchecked Sendable {
        var id: String
        var theme: String
        var recommendations: [String]
        var otherLinks: [String]
        var text: String
        var subPoints: [String]
        var impact: [String]
        var outcomes: [String]
        var successMeasure: String?
        var leads: [String]
        var deadline: Deadline?
        var deadlineText: String?
        var milestones: [Milestone]
        var afterDeadline: AfterDeadline?
        var dashboardReference: String?
        var history: [StatusChange]

        init(id: String, theme: String, recommendations: [String], otherLinks: [String], text: String, subPoints: [String], impact: [String], outcomes: [String], successMeasure: String?, leads: [String], deadline: Deadline?, deadlineText: String?, milestones: [Milestone], afterDeadline: AfterDeadline?, dashboardReference: String?, history: [StatusChange]) {
            self.id = id
            self.theme = theme
            self.recommendations = recommendations
            self.otherLinks = otherLinks
            self.text = text
            self.subPoints = subPoints
            self.impact = impact
            self.outcomes = outcomes
            self.successMeasure = successMeasure
            self.leads = leads
            self.deadline = deadline
            self.deadlineText = deadlineText
            self.milestones = milestones
            self.afterDeadline = afterDeadline
            self.dashboardReference = dashboardReference
            self.history = history
        }

        func copy() -> Storage {
            Storage(id: id, theme: theme, recommendations: recommendations, otherLinks: otherLinks, text: text, subPoints: subPoints, impact: impact, outcomes: outcomes, successMeasure: successMeasure, leads: leads, deadline: deadline, deadlineText: deadlineText, milestones: milestones, afterDeadline: afterDeadline, dashboardReference: dashboardReference, history: history)
        }
    }

    private var storage: Storage

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The action's id, unique within its plan.
    public var id: String {
        get { storage.id }
        _modify {
            makeUnique()
            yield &storage.id
        }
    }

    /// The id of the theme the action belongs to.
    public var theme: String {
        get { storage.theme }
        _modify {
            makeUnique()
            yield &storage.theme
        }
    }

    /// The recommendations the action itself answers (its theme's are added by
    /// ``Plan/recommendationIDs(for:)``).
    public var recommendations: [String] {
        get { storage.recommendations }
        _modify {
            makeUnique()
            yield &storage.recommendations
        }
    }

    /// Other things the plan links the action to that are not recommendations
    /// of this plan (Blackpool's `YOT Plan`).
    public var otherLinks: [String] {
        get { storage.otherLinks }
        _modify {
            makeUnique()
            yield &storage.otherLinks
        }
    }

    /// What is to be done.
    public var text: String {
        get { storage.text }
        _modify {
            makeUnique()
            yield &storage.text
        }
    }

    /// The action's sub-points, in order.
    public var subPoints: [String] {
        get { storage.subPoints }
        _modify {
            makeUnique()
            yield &storage.subPoints
        }
    }

    /// The anticipated impact on the quality of practice.
    public var impact: [String] {
        get { storage.impact }
        _modify {
            makeUnique()
            yield &storage.impact
        }
    }

    /// The outcomes for children and families.
    public var outcomes: [String] {
        get { storage.outcomes }
        _modify {
            makeUnique()
            yield &storage.outcomes
        }
    }

    /// What success will look like.
    public var successMeasure: String? {
        get { storage.successMeasure }
        _modify {
            makeUnique()
            yield &storage.successMeasure
        }
    }

    /// The accountable people or roles.
    public var leads: [String] {
        get { storage.leads }
        _modify {
            makeUnique()
            yield &storage.leads
        }
    }

    /// The action's own deadline, if the plan gives one apart from milestones.
    public var deadline: Deadline? {
        get { storage.deadline }
        _modify {
            makeUnique()
            yield &storage.deadline
        }
    }

    /// The deadline as the source plan words it, where that says more than the
    /// date (`Jun 2019 and then biannually`, `Achieved`).
    public var deadlineText: String? {
        get { storage.deadlineText }
        _modify {
            makeUnique()
            yield &storage.deadlineText
        }
    }

    /// The dated steps of the action.
    public var milestones: [Milestone] {
        get { storage.milestones }
        _modify {
            makeUnique()
            yield &storage.milestones
        }
    }

    /// What follows the deadline: ongoing work, or a review every few months.
    public var afterDeadline: AfterDeadline? {
        get { storage.afterDeadline }
        _modify {
            makeUnique()
            yield &storage.afterDeadline
        }
    }

    /// The reference in the performance dashboard.
    public var dashboardReference: String? {
        get { storage.dashboardReference }
        _modify {
            makeUnique()
            yield &storage.dashboardReference
        }
    }

    /// Status changes and progress notes, oldest first (plan files list them
    /// newest first).
    public var history: [StatusChange] {
        get { storage.history }
        _modify {
            makeUnique()
            yield &storage.history
        }
    }

    public init(id: String, theme: String, recommendations: [String] = [], otherLinks: [String] = [],
                text: String, subPoints: [String] = [], impact: [String] = [], outcomes: [String] = [],
                successMeasure: String? = nil, leads: [String] = [], deadline: Deadline? = nil,
                deadlineText: String? = nil, milestones: [Milestone] = [], dashboardReference: String? = nil,
                history: [StatusChange] = []) {
        storage = Storage(id: id, theme: theme, recommendations: recommendations, otherLinks: otherLinks, text: text,
                          subPoints: subPoints, impact: impact, outcomes: outcomes, successMeasure: successMeasure,
                          leads: leads, deadline: deadline, deadlineText: deadlineText, milestones: milestones,
                          afterDeadline: nil, dashboardReference: dashboardReference, history: history)
    }

    public static func == (a: Action, b: Action) -> Bool {
        a.storage === b.storage || (a.id == b.id && a.theme == b.theme && a.recommendations == b.recommendations && a.otherLinks == b.otherLinks && a.text == b.text && a.subPoints == b.subPoints && a.impact == b.impact && a.outcomes == b.outcomes && a.successMeasure == b.successMeasure && a.leads == b.leads && a.deadline == b.deadline && a.deadlineText == b.deadlineText && a.milestones == b.milestones && a.afterDeadline == b.afterDeadline && a.dashboardReference == b.dashboardReference && a.history == b.history)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(theme)
        hasher.combine(recommendations)
        hasher.combine(otherLinks)
        hasher.combine(text)
        hasher.combine(subPoints)
        hasher.combine(impact)
        hasher.combine(outcomes)
        hasher.combine(successMeasure)
        hasher.combine(leads)
        hasher.combine(deadline)
        hasher.combine(deadlineText)
        hasher.combine(milestones)
        hasher.combine(afterDeadline)
        hasher.combine(dashboardReference)
        hasher.combine(history)
    }
}

/// A dated step within an action (`Skills audit complete – Feb 2019`).
public struct Milestone: Hashable, Sendable {
    public var title: String
    /// When the milestone is due, if the plan gives a date.
    public var deadline: Deadline?
    /// The deadline as the source plan words it, where that says more.
    public var deadlineText: String?
    /// The day the milestone was completed, if it has been.
    public var completed: CalendarDate?

    public init(title: String, deadline: Deadline? = nil, deadlineText: String? = nil, completed: CalendarDate? = nil) {
        self.title = title
        self.deadline = deadline
        self.deadlineText = deadlineText
        self.completed = completed
    }

    /// Whether the milestone is past its deadline and not complete on `asOf`.
    public func isOverdue(asOf: CalendarDate) -> Bool {
        if let completed, completed <= asOf { return false }
        return deadline?.hasPassed(asOf: asOf) ?? false
    }
}

/// One entry of an action's history: a status recorded, a progress note, a
/// new deadline, a milestone done, reopened, added, renamed, re-dated or
/// removed, a change of leads, an edit of one of the action's texts, the
/// action withdrawn or reinstated – or several of these recorded together as
/// one change.
public struct StatusChange: Hashable, Sendable {
    /// The day the change was made.
    public var date: CalendarDate
    /// The status code recorded, or `nil` when the entry leaves the status as it was.
    public var status: String?
    /// Who recorded it.
    public var by: String?
    /// The comment on the current position (for a withdrawal, the reason).
    public var comment: String?
    /// A new deadline for the action, with the old one and why it moved.
    public var deadlineChange: DeadlineChange?
    /// A milestone completed, reopened, added, renamed, re-dated or removed.
    public var milestoneChange: MilestoneChange?
    /// New accountable leads, with the old ones.
    public var leadChange: LeadChange?
    /// One of the action's texts corrected, with what it said before.
    public var textEdit: TextEdit?
    /// The action withdrawn (no longer needed) or reinstated.
    public var withdrawal: Withdrawal?

    public init(date: CalendarDate, status: String? = nil, by: String? = nil, comment: String? = nil,
                deadlineChange: DeadlineChange? = nil, milestoneChange: MilestoneChange? = nil,
                leadChange: LeadChange? = nil, textEdit: TextEdit? = nil, withdrawal: Withdrawal? = nil) {
        self.date = date
        self.status = status
        self.by = by
        self.comment = comment
        self.deadlineChange = deadlineChange
        self.milestoneChange = milestoneChange
        self.leadChange = leadChange
        self.textEdit = textEdit
        self.withdrawal = withdrawal
    }

    /// Whether the entry records an edit of the plan rather than progress: a
    /// change of leads, an edited text, a milestone added, renamed, re-dated or
    /// removed. Such an entry's comment is never the latest position.
    public var isEdit: Bool {
        leadChange != nil || textEdit != nil || (milestoneChange.map { !$0.isProgress } ?? false)
    }
}

/// An action withdrawn because it is no longer needed, or put back.
///
/// A withdrawn action leaves the counts, the overdue lists and the RAG
/// summary from the day it was withdrawn, but keeps its history and is shown
/// apart in the board pack; nothing is deleted.
public enum Withdrawal: String, Hashable, Sendable {
    case withdrawn, reinstated
}

/// A correction of one of an action's texts: which, what it said, what it says.
///
/// A single text (`text`, `successMeasure`) is a list of at most one; an
/// empty list is a text that was not there (or was removed).
public struct TextEdit: Hashable, Sendable {
    public var field: ActionField
    public var from: [String]
    public var to: [String]

    public init(field: ActionField, from: [String], to: [String]) {
        self.field = field
        self.from = from
        self.to = to
    }

    /// The action's fields a text edit may change, and whether each holds one text.
    public static let editable: [ActionField: Bool] = [
        .theme: true, .recommendations: false, .otherLinks: false, .text: true, .subPoints: false,
        .impact: false, .outcomes: false, .successMeasure: true, .dashboardReference: true, .deadlineText: true,
    ]
}

extension Action {
    /// The texts of an editable field, as a list (one text or none for a single text).
    public func texts(of field: ActionField) -> [String] {
        switch field {
        case .theme: return [theme]
        case .recommendations: return recommendations
        case .otherLinks: return otherLinks
        case .text: return [text]
        case .subPoints: return subPoints
        case .impact: return impact
        case .outcomes: return outcomes
        case .successMeasure: return successMeasure.map { [$0] } ?? []
        case .dashboardReference: return dashboardReference.map { [$0] } ?? []
        case .deadlineText: return deadlineText.map { [$0] } ?? []
        default: return []
        }
    }

    /// Sets an editable field from a list (see ``TextEdit``); other fields are left alone.
    public mutating func setTexts(_ values: [String], of field: ActionField) {
        switch field {
        case .theme: if let first = values.first { theme = first }
        case .recommendations: recommendations = values
        case .otherLinks: otherLinks = values
        case .text: if let first = values.first { text = first }
        case .subPoints: subPoints = values
        case .impact: impact = values
        case .outcomes: outcomes = values
        case .successMeasure: successMeasure = values.first
        case .dashboardReference: dashboardReference = values.first
        case .deadlineText: deadlineText = values.first
        default: break
        }
    }
}

/// A revised deadline: what it was, what it is now, and why.
public struct DeadlineChange: Hashable, Sendable {
    /// The deadline the action was due by before the change (its own, else its
    /// latest milestone's; `nil` when it had none).
    public var from: Deadline?
    public var to: Deadline
    public var reason: String

    public init(from: Deadline?, to: Deadline, reason: String) {
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// A change to one milestone: done (with the day) or reopened, added, removed,
/// renamed or re-dated (a rename and a new date may be recorded together).
public struct MilestoneChange: Hashable, Sendable {
    /// The milestone's title (after a rename, the new one).
    public var title: String
    /// The day it was completed, when this change completed it.
    public var completed: CalendarDate?
    /// The day it had been recorded done on, when this change moved its
    /// done day to ``completed`` (a correction, not a second completion).
    public var completedBefore: CalendarDate?
    /// Whether this change reopened it.
    public var reopened: Bool
    /// Whether this change added it.
    public var added: Bool
    /// The milestone as it was when this change removed it.
    public var removed: Milestone?
    /// Its title before this change renamed it.
    public var renamedFrom: String?
    /// Its new deadline, with the old one and why it moved.
    public var deadlineChange: DeadlineChange?

    /// A milestone done on a day, or reopened when `completed` is `nil`.
    public init(title: String, completed: CalendarDate?) {
        self.init(title: title, completed: completed, reopened: completed == nil)
    }

    public init(title: String, completed: CalendarDate? = nil, completedBefore: CalendarDate? = nil, reopened: Bool = false,
                added: Bool = false, removed: Milestone? = nil, renamedFrom: String? = nil, deadlineChange: DeadlineChange? = nil) {
        self.title = title
        self.completed = completed
        self.completedBefore = completedBefore
        self.reopened = reopened
        self.added = added
        self.removed = removed
        self.renamedFrom = renamedFrom
        self.deadlineChange = deadlineChange
    }

    /// Whether the change records progress (done or reopened) rather than an edit of the plan.
    public var isProgress: Bool { completed != nil || reopened }
}

/// A change of an action's accountable leads.
public struct LeadChange: Hashable, Sendable {
    public var from: [String]
    public var to: [String]

    public init(from: [String], to: [String]) {
        self.from = from
        self.to = to
    }
}
