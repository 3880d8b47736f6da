/// What the checks of an ``ActionQuery`` read of a plan (that a theme, recommendation, lead or status
/// it filters by exists somewhere): its ids and leads, without its actions, so that a list of a
/// large portfolio read one plan at a time checks them without holding the plans.
public struct QueryOutline: Sendable {
    public var themeIDs: [String]
    public var recommendationIDs: [String]
    /// The leads of its actions (``Plan/leadNames``).
    public var leadNames: [String]
    public var ragScheme: RAGScheme

    public init(_ plan: Plan) {
        themeIDs = plan.themes.map(\.id)
        recommendationIDs = plan.recommendations.map(\.id)
        leadNames = plan.leadNames
        ragScheme = plan.ragScheme
    }
}

extension ActionRow {
    /// The row with only what a list of actions shows: its plan without actions (`outline`, shared
    /// by the plan's rows), and of its action the fields a list shows (id, theme, text, leads,
    /// deadline and its wording and period, links), not its history, milestones or long texts.
    /// What the row worked out from them (status, overdue) is kept, and when asked the day, author
    /// and words of its latest comment (an entry held whole is 0.5 KB).
    func listed(in outline: RowShared<Plan>, keepingComment: Bool) -> ActionRow {
        var row = self
        row.planBox = outline
        let comment = latestComment
        row.latestComment = nil
        if keepingComment, let comment { row.latestSaid = RowShared(SaidComment(comment)) }
        var fields = Action.Fields(id: action.id, theme: action.theme, text: action.text)
        fields.recommendations = action.recommendations
        fields.otherLinks = action.otherLinks
        fields.leads = action.leads
        fields.deadline = action.deadline
        fields.deadlineText = action.deadlineText
        fields.afterDeadline = action.afterDeadline
        row.action = Action(fields)
        return row
    }
}

/// What a list shows of a comment: its day, author and words.
struct SaidComment: Sendable {
    var date: CalendarDate
    var by: String?
    var comment: String?

    init(_ entry: StatusChange) {
        (date, by, comment) = (entry.date, entry.by, entry.comment)
    }

    /// The entry with only these.
    var entry: StatusChange { StatusChange(date: date, by: by, comment: comment) }
}

/// A value held by reference, so that copying what holds it copies a pointer: what an ``ActionRow``
/// holds that is large and often shared (its plan) or often absent (a comment, a withdrawal).
final class RowShared<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
