/// An inspection improvement plan: the inspectorate's recommendations and the
/// actions that answer them, grouped in themes, with their status history.
public struct Plan: Hashable, Sendable {
    /// The plan file format version this library reads and writes.
    public static var currentFormatVersion: Int { PlanFormat.version }

    /// The plan file's `$schema`, kept so that saving a plan does not change it.
    public var schemaLocation: String?
    /// A short identifier used in messages and references (`blackpool-2019`).
    public var id: String
    public var title: String
    /// The council or partnership that owns the plan.
    public var organisation: String
    public var inspection: Inspection
    /// Where the plan's content comes from (the source document), if recorded.
    public var source: String?
    /// The RAG scheme the plan file declares, if it declares one.
    public var declaredScheme: RAGScheme?
    /// The plan's RAG scheme: the one it declares, else ``RAGScheme/default``.
    public var ragScheme: RAGScheme { declaredScheme ?? .default }
    /// The dates of the board meetings that review the plan, in order.
    public var boardMeetings: [CalendarDate]
    /// The plan's parts (`Part One`, `Part A`), if it has any.
    public var parts: [Part]
    public var themes: [Theme]
    public var recommendations: [Recommendation]
    public var actions: [Action]

    public init(id: String, title: String, organisation: String, inspection: Inspection,
                source: String? = nil, ragScheme: RAGScheme? = nil, boardMeetings: [CalendarDate] = [],
                parts: [Part] = [], themes: [Theme] = [], recommendations: [Recommendation] = [],
                actions: [Action] = []) {
        self.id = id
        self.title = title
        self.organisation = organisation
        self.inspection = inspection
        self.source = source
        self.declaredScheme = ragScheme
        self.boardMeetings = boardMeetings
        self.parts = parts
        self.themes = themes
        self.recommendations = recommendations
        self.actions = actions
    }
}

/// The inspection a plan responds to.
public struct Inspection: Hashable, Sendable {
    /// Who inspected (`HMI Probation`).
    public var inspectorate: String
    /// When the inspection took place, to the day or the month.
    public var date: PlanDate
    /// The overall judgement, if the inspection gave one (`Inadequate`).
    public var rating: String?

    public init(inspectorate: String, date: PlanDate, rating: String? = nil) {
        self.inspectorate = inspectorate
        self.date = date
        self.rating = rating
    }
}

extension Inspection {
    /// The first day the inspection may have taken place (the month's first
    /// day for a date known only to the month).
    public var firstDay: CalendarDate {
        switch date {
        case .day(let day): return day
        case .month(let month): return month.firstDay
        }
    }
}

extension Plan {
    /// Whether the plan existed on `day`: a plan answers an inspection, so
    /// before the inspection there was no plan to report on, and its actions
    /// would only show as never started (kept when the day is in the
    /// inspection's month, which may be all that is known of it).
    public func exists(on day: CalendarDate) -> Bool { inspection.firstDay <= day }
}

/// A plan left out of an answer as of a day before its inspection (see
/// ``Plan/exists(on:)``): what the command says of it.
public struct PlanNotYetInspected: Sendable, Hashable {
    public var planID: String
    public var inspection: PlanDate
    public var asOf: CalendarDate

    public init(plan: Plan, asOf: CalendarDate) {
        planID = plan.id
        inspection = plan.inspection.date
        self.asOf = asOf
    }
}

/// A part of a plan that groups themes (`Part A. YOT Board Improvement Plan`).
public struct Part: Hashable, Sendable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// A theme, part or objective that groups actions (`LM`, `1`, Portsmouth's
/// objective `5`).
public struct Theme: Hashable, Sendable {
    public var id: String
    public var title: String
    /// The part of the plan the theme belongs to, if the plan has parts.
    public var part: String?
    /// Who leads the theme.
    public var lead: String?
    /// The members of the theme's group.
    public var members: [String]
    /// When the theme's objective is to be met (`By April 2014`).
    public var targetDate: Deadline?
    /// The recommendations the whole theme answers; its actions inherit them.
    public var recommendations: [String]
    /// The performance indicators linked to the theme, as the plan words them.
    public var performanceIndicators: String?

    public init(id: String, title: String, part: String? = nil, lead: String? = nil, members: [String] = [],
                targetDate: Deadline? = nil, recommendations: [String] = [], performanceIndicators: String? = nil) {
        self.id = id
        self.title = title
        self.part = part
        self.lead = lead
        self.members = members
        self.targetDate = targetDate
        self.recommendations = recommendations
        self.performanceIndicators = performanceIndicators
    }
}

/// A recommendation of the inspectorate (`HMIP 8`, `Recommendation 4`).
public struct Recommendation: Hashable, Sendable {
    public var id: String
    public var text: String
    /// To whom the inspectorate addressed it (`YOT Manager`).
    public var addressedTo: String?
    /// The plan's summary of its response.
    public var plannedResponse: String?
    /// Where the plan says the response is detailed (`Part 1 LM 8, LM 9`).
    public var planReference: String?

    public init(id: String, text: String, addressedTo: String? = nil, plannedResponse: String? = nil,
                planReference: String? = nil) {
        self.id = id
        self.text = text
        self.addressedTo = addressedTo
        self.plannedResponse = plannedResponse
        self.planReference = planReference
    }
}

extension Plan {
    /// Whether a text may be a plan's id: it names the plan in `PLAN:ID`
    /// references, so it may not hold the ':' that separates them.
    public static func isValidID(_ id: String) -> Bool { !id.contains(":") }
}
