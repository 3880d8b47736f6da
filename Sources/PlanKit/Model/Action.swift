/// One action of a plan (`LM 7`, `1.17`), with who is accountable, when it is
/// due and its status history.
public struct Action: Hashable, Sendable {
    /// The action's id, unique within its plan.
    public var id: String
    /// The id of the theme the action belongs to.
    public var theme: String
    /// The recommendations the action itself answers (its theme's are added by
    /// ``Plan/recommendationIDs(for:)``).
    public var recommendations: [String]
    /// Other things the plan links the action to that are not recommendations
    /// of this plan (Blackpool's `YOT Plan`).
    public var otherLinks: [String]
    /// What is to be done.
    public var text: String
    /// The action's sub-points, in order.
    public var subPoints: [String]
    /// The anticipated impact on the quality of practice.
    public var impact: [String]
    /// The outcomes for children and families.
    public var outcomes: [String]
    /// What success will look like.
    public var successMeasure: String?
    /// The accountable people or roles.
    public var leads: [String]
    /// The action's own deadline, if the plan gives one apart from milestones.
    public var deadline: Deadline?
    /// The deadline as the source plan words it, where that says more than the
    /// date (`Jun 2019 and then biannually`, `Achieved`).
    public var deadlineText: String?
    public var milestones: [Milestone]
    /// What follows the deadline: ongoing work, or a review every few months.
    public var afterDeadline: AfterDeadline?
    /// The reference in the performance dashboard.
    public var dashboardReference: String?
    /// Status changes and progress notes, oldest first (plan files list them
    /// newest first).
    public var history: [StatusChange]

    public init(id: String, theme: String, recommendations: [String] = [], otherLinks: [String] = [],
                text: String, subPoints: [String] = [], impact: [String] = [], outcomes: [String] = [],
                successMeasure: String? = nil, leads: [String] = [], deadline: Deadline? = nil,
                deadlineText: String? = nil, milestones: [Milestone] = [], dashboardReference: String? = nil,
                history: [StatusChange] = []) {
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
        self.dashboardReference = dashboardReference
        self.history = history
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
/// new deadline, a milestone done or reopened, a change of leads – or several
/// of these recorded together as one change.
public struct StatusChange: Hashable, Sendable {
    /// The day the change was made.
    public var date: CalendarDate
    /// The status code recorded, or `nil` when the entry leaves the status as it was.
    public var status: String?
    /// Who recorded it.
    public var by: String?
    /// The comment on the current position.
    public var comment: String?
    /// A new deadline for the action, with the old one and why it moved.
    public var deadlineChange: DeadlineChange?
    /// A milestone completed or reopened.
    public var milestoneChange: MilestoneChange?
    /// New accountable leads, with the old ones.
    public var leadChange: LeadChange?

    public init(date: CalendarDate, status: String? = nil, by: String? = nil, comment: String? = nil,
                deadlineChange: DeadlineChange? = nil, milestoneChange: MilestoneChange? = nil,
                leadChange: LeadChange? = nil) {
        self.date = date
        self.status = status
        self.by = by
        self.comment = comment
        self.deadlineChange = deadlineChange
        self.milestoneChange = milestoneChange
        self.leadChange = leadChange
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

/// A milestone marked done (with the day) or reopened.
public struct MilestoneChange: Hashable, Sendable {
    /// The milestone's title.
    public var title: String
    /// The day it was completed, or `nil` when it was reopened.
    public var completed: CalendarDate?

    public init(title: String, completed: CalendarDate?) {
        self.title = title
        self.completed = completed
    }
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
