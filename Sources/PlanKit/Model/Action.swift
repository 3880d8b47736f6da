/// One action of a plan (`LM 7`, `1.17`), with who is accountable, when it is
/// due and its status history.
///
/// An action is a value, but its fields live in one shared box that is copied
/// only when a copy is changed (copy on write): a plan of 10,000 actions is
/// walked, copied and compared many times by a command, and a copy then costs
/// one reference count instead of one per field, and two actions that share
/// their box are equal without comparing their fields.
///
/// The fields are one struct, ``Fields``, whose `==` and `hash` the compiler
/// writes: a field added to it is compared and hashed (and so written by
/// ``PlanSplice``, which rewrites the actions that are not `==`) without
/// another line. `action.successMeasure` and the like reach it through
/// ``subscript(dynamicMember:)``. Each field's key, label, column, header
/// words and wording are declared once, in ``ActionField/facts``.
@dynamicMemberLookup
public struct Action: Hashable, Sendable {
    /// The fields of an action; the format's ``ActionField`` names each one.
    public struct Fields: Hashable, Sendable {
        /// The action's id, unique within its plan.
        public var id: String
        /// The id of the theme the action belongs to.
        public var theme: String
        /// The recommendations the action itself answers (its theme's are added by
        /// ``Plan/recommendationIDs(for:)``).
        public var recommendations: [String] = []
        /// Other things the plan links the action to that are not recommendations
        /// of this plan (Blackpool's `YOT Plan`).
        public var otherLinks: [String] = []
        /// What is to be done.
        public var text: String
        /// The action's sub-points, in order.
        public var subPoints: [String] = []
        /// The anticipated impact on the quality of practice.
        public var impact: [String] = []
        /// The outcomes for children and families.
        public var outcomes: [String] = []
        /// What success will look like.
        public var successMeasure: String?
        /// Where the evidence of the action's impact is: a link, or where it is kept.
        public var evidence: String?
        /// The accountable people or roles.
        public var leads: [String] = []
        /// The action's own deadline, if the plan gives one apart from milestones.
        public var deadline: Deadline?
        /// The deadline as the source plan words it, where that says more than the
        /// date (`Jun 2019 and then biannually`, `Achieved`).
        public var deadlineText: String?
        /// The dated steps of the action.
        public var milestones: [Milestone] = []
        /// What follows the deadline: ongoing work, or a review every few months.
        public var afterDeadline: AfterDeadline?
        /// The reference in the performance dashboard.
        public var dashboardReference: String?
        /// Status changes and progress notes, oldest first (plan files list them
        /// newest first).
        public var history: [StatusChange] = []

        public init(id: String, theme: String, text: String) {
            self.id = id
            self.theme = theme
            self.text = text
        }
    }

    /// The box the fields live in, shared by copies until one is changed.
    @usableFromInline
    final class Box: @unchecked Sendable {
        @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    @usableFromInline mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    /// All the fields at once.
    public var fields: Fields {
        @inlinable get { box.fields }
        @inlinable _modify {
            makeUnique()
            yield &box.fields
        }
    }

    /// One field (`action.successMeasure`), read from the shared box and
    /// written after copying it unless this action is its only owner.
    @inlinable
    public subscript<Value>(dynamicMember field: WritableKeyPath<Fields, Value>) -> Value {
        get { box.fields[keyPath: field] }
        _modify {
            makeUnique()
            yield &box.fields[keyPath: field]
        }
    }

    public init(_ fields: Fields) {
        box = Box(fields)
    }

    public init(id: String, theme: String, recommendations: [String] = [], otherLinks: [String] = [],
                text: String, subPoints: [String] = [], impact: [String] = [], outcomes: [String] = [],
                successMeasure: String? = nil, leads: [String] = [], deadline: Deadline? = nil,
                deadlineText: String? = nil, milestones: [Milestone] = [], dashboardReference: String? = nil,
                history: [StatusChange] = []) {
        var fields = Fields(id: id, theme: theme, text: text)
        fields.recommendations = recommendations
        fields.otherLinks = otherLinks
        fields.subPoints = subPoints
        fields.impact = impact
        fields.outcomes = outcomes
        fields.successMeasure = successMeasure
        fields.leads = leads
        fields.deadline = deadline
        fields.deadlineText = deadlineText
        fields.milestones = milestones
        fields.dashboardReference = dashboardReference
        fields.history = history
        self.init(fields)
    }

    public static func == (a: Action, b: Action) -> Bool {
        a.box === b.box || a.box.fields == b.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
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

    /// The action's fields a text edit may change, and whether each holds one
    /// text (read from ``ActionField/facts``).
    public static let editable: [ActionField: Bool] = Dictionary(uniqueKeysWithValues: ActionField.allCases.compactMap { field in
        field.facts.edit.map { (field, $0 == .single) }
    })
}

extension Action {
    /// The texts of an editable field, as a list (one text or none for a single text).
    public func texts(of field: ActionField) -> [String] {
        guard field.facts.edit != nil else { return [] }
        return field.facts.value.texts(of: fields)
    }

    /// Sets an editable field from a list (see ``TextEdit``); other fields are left alone.
    public mutating func setTexts(_ values: [String], of field: ActionField) {
        guard field.facts.edit != nil else { return }
        field.facts.value.set(values, in: &fields)
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
