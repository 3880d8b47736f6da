import Glibc

/// Reads a well-formed plan file straight from its UTF-8 bytes into a ``Plan``,
/// without building a JSON tree first.
///
/// This is the fast path for the usual case: a valid plan. It accepts only
/// strict RFC 8259 JSON of exactly the plan format's shape, and gives up (by
/// throwing ``Bailout``) at the first thing it does not expect: a syntax
/// error, an unknown or repeated key, a wrong type, a missing field, a blank
/// string, an impossible date. The loader then reads the file again with
/// ``JSONParser`` and ``PlanDecoder``, which report every problem with its
/// place. A plan read here equals the plan the slower path reads (tests
/// compare them on every example and fixture), and is validated by
/// ``PlanValidator`` all the same. Asked for less history (``HistoryReading``),
/// it checks the entries it leaves out on their bytes and gives up at any it
/// would reject, so that it keeps exactly what the slower path keeps.
struct FastPlanReader {
    /// The reader met something it leaves to the diagnosing path.
    struct Bailout: Error {}

    /// Where each theme, recommendation and action lies in the bytes read.
    private var layout = PlanLayout()
    /// The keys met so far in each object being read (see ``object(_:)``).
    var seenKeys: [Key] = []
    /// How much history to keep.
    let reading: HistoryReading
    /// The statuses of entries left out, checked against the scheme at the end
    /// (the scheme may come after the actions).
    var statusesLeftOut: [Key] = []

    /// An object's key (or a status left out), as the bytes it is in the file.
    ///
    /// Keys are compared where they lie, without making a `String` of each:
    /// a plan has hundreds of thousands of them. Valid only while the reader's
    /// bytes are.
    struct Key: Equatable {
        let start: UnsafePointer<UInt8>
        let length: Int

        static func == (left: Key, right: Key) -> Bool {
            left.length == right.length && memcmp(left.start, right.start, left.length) == 0
        }

        /// Lets `switch key { case "id": … }` match a key against a literal.
        static func ~= (pattern: StaticString, key: Key) -> Bool {
            pattern.utf8CodeUnitCount == key.length && memcmp(pattern.utf8Start, key.start, key.length) == 0
        }

        /// The key as a string.
        var text: String { String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self) }
    }

    /// The strict JSON reader's cursor; its string and whitespace reading are shared.
    var json: Reader
    var bytes: UnsafeBufferPointer<UInt8> { json.bytes }
    var index: Int {
        get { json.index }
        set { json.index = newValue }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, reading: HistoryReading) {
        json = Reader(bytes: bytes)
        self.reading = reading
    }

    /// Reads a plan, or throws ``Bailout``.
    ///
    /// - Parameter reading: how much history to keep; what is left out is checked all the same.
    static func read(_ data: [UInt8], reading: HistoryReading = .complete) throws(Bailout) -> Plan {
        try readWithLayout(data, reading: reading).plan
    }

    /// Reads a plan and where its entries lie in `data`, or throws ``Bailout``.
    static func readWithLayout(_ data: [UInt8], reading: HistoryReading = .complete) throws(Bailout)
        -> (plan: Plan, layout: PlanLayout)
    {
        var result: Result<(plan: Plan, layout: PlanLayout), Bailout> = .failure(Bailout())
        data.withUnsafeBufferPointer { buffer in
            var reader = FastPlanReader(bytes: buffer, reading: reading)
            result = Result { () throws(Bailout) -> (plan: Plan, layout: PlanLayout) in
                let plan = try reader.document()
                return (plan, reader.layout)
            }
        }
        return try result.get()
    }

    // MARK: Plan format

    private mutating func document() throws(Bailout) -> Plan {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        let plan = try plan()
        skipWhitespace()
        guard index == bytes.count else { throw Bailout() }
        for status in statusesLeftOut where plan.ragScheme.level(code: status.text) == nil { throw Bailout() }
        return plan
    }

    private mutating func plan() throws(Bailout) -> Plan {
        var schema: String?, version: Int?, id: String?, title: String?, organisation: String?, inspection: Inspection?
        var source: String?, scheme: RAGScheme?, boardMeetings: [CalendarDate] = [], parts: [Part] = []
        var themes: [Theme]?, recommendations: [Recommendation]?, actions: [Action]?
        try object { reader, key throws(Bailout) in
            switch key {
            case "$schema": schema = try reader.text()
            case "formatVersion": version = try reader.integer()
            case "id": id = try reader.text()
            case "title": title = try reader.text()
            case "organisation": organisation = try reader.text()
            case "inspection": inspection = try reader.inspection()
            case "source": source = try reader.text()
            case "ragScheme": scheme = try reader.scheme()
            case "boardMeetings": boardMeetings = try reader.array { reader throws(Bailout) in try reader.day() }
            case "parts": parts = try reader.array { reader throws(Bailout) in try reader.part() }
            case "themes":
                themes = try reader.array { reader throws(Bailout) in
                    try reader.entry(recordedIn: \.themes) { reader throws(Bailout) in try reader.theme() }
                }
            case "recommendations":
                recommendations = try reader.array { reader throws(Bailout) in
                    try reader.entry(recordedIn: \.recommendations) { reader throws(Bailout) in try reader.recommendation() }
                }
            case "actions":
                actions = try reader.array { reader throws(Bailout) in
                    try reader.entry(recordedIn: \.actions) { reader throws(Bailout) in try reader.action() }
                }
            default: throw Bailout()
            }
        }
        guard version == Plan.currentFormatVersion, let id, let title, let organisation, let inspection,
              let themes, let recommendations, let actions else { throw Bailout() }
        var plan = Plan(id: id, title: title, organisation: organisation, inspection: inspection, source: source,
                        ragScheme: scheme, boardMeetings: boardMeetings, parts: parts, themes: themes,
                        recommendations: recommendations, actions: actions)
        plan.schemaLocation = schema
        return plan
    }

    private mutating func inspection() throws(Bailout) -> Inspection {
        var inspectorate: String?, date: PlanDate?, rating: String?
        try object { reader, key throws(Bailout) in
            switch key {
            case "inspectorate": inspectorate = try reader.text()
            case "date":
                guard let parsed = PlanDate(iso: try reader.text()) else { throw Bailout() }
                date = parsed
            case "rating": rating = try reader.text()
            default: throw Bailout()
            }
        }
        guard let inspectorate, let date else { throw Bailout() }
        return Inspection(inspectorate: inspectorate, date: date, rating: rating)
    }

    private mutating func scheme() throws(Bailout) -> RAGScheme {
        var levels: [RAGLevel]?
        try object { reader, key throws(Bailout) in
            guard "levels" ~= key else { throw Bailout() }
            levels = try reader.array { reader throws(Bailout) in try reader.level() }
        }
        guard let levels, !levels.isEmpty else { throw Bailout() }
        return RAGScheme(levels: levels)
    }

    private mutating func level() throws(Bailout) -> RAGLevel {
        var code: String?, label: String?, meaning: String?, colour: RAGColour?, complete = false, notYetDue = false
        try object { reader, key throws(Bailout) in
            switch key {
            case "code": code = try reader.text()
            case "label": label = try reader.text()
            case "meaning": meaning = try reader.text()
            case "colour":
                guard let named = RAGColour(rawValue: try reader.text()) else { throw Bailout() }
                colour = named
            case "complete": complete = try reader.boolean()
            case "notYetDue": notYetDue = try reader.boolean()
            default: throw Bailout()
            }
        }
        guard let code, let label, let colour else { throw Bailout() }
        return RAGLevel(code: code, label: label, meaning: meaning ?? label, colour: colour,
                        isComplete: complete, isNotYetDue: notYetDue)
    }

    private mutating func part() throws(Bailout) -> Part {
        var id: String?, title: String?
        try object { reader, key throws(Bailout) in
            switch key {
            case "id": id = try reader.text()
            case "title": title = try reader.text()
            default: throw Bailout()
            }
        }
        guard let id, let title else { throw Bailout() }
        return Part(id: id, title: title)
    }

    private mutating func theme() throws(Bailout) -> Theme {
        var id: String?, title: String?, part: String?, lead: String?, members: [String] = []
        var target: Deadline?, recommendations: [String] = [], indicators: String?
        try object { reader, key throws(Bailout) in
            switch key {
            case "id": id = try reader.text()
            case "title": title = try reader.text()
            case "part": part = try reader.text()
            case "lead": lead = try reader.text()
            case "members": members = try reader.texts()
            case "targetDate": target = try reader.deadline()
            case "recommendations": recommendations = try reader.texts()
            case "performanceIndicators": indicators = try reader.text()
            default: throw Bailout()
            }
        }
        guard let id, let title else { throw Bailout() }
        return Theme(id: id, title: title, part: part, lead: lead, members: members, targetDate: target,
                     recommendations: recommendations, performanceIndicators: indicators)
    }

    private mutating func recommendation() throws(Bailout) -> Recommendation {
        var id: String?, text: String?, addressedTo: String?, response: String?, reference: String?
        try object { reader, key throws(Bailout) in
            switch key {
            case "id": id = try reader.text()
            case "text": text = try reader.text()
            case "addressedTo": addressedTo = try reader.text()
            case "plannedResponse": response = try reader.text()
            case "planReference": reference = try reader.text()
            default: throw Bailout()
            }
        }
        guard let id, let text else { throw Bailout() }
        return Recommendation(id: id, text: text, addressedTo: addressedTo, plannedResponse: response, planReference: reference)
    }

    private mutating func action() throws(Bailout) -> Action {
        var id: String?, theme: String?, text: String?
        var action = Action(id: "", theme: "", text: "")
        try object { reader, key throws(Bailout) in
            switch key {
            case "id": id = try reader.text()
            case "theme": theme = try reader.text()
            case "recommendations": action.recommendations = try reader.texts()
            case "otherLinks": action.otherLinks = try reader.texts()
            case "text": text = try reader.text()
            case "subPoints": action.subPoints = try reader.texts()
            case "impact": action.impact = try reader.texts()
            case "outcomes": action.outcomes = try reader.texts()
            case "successMeasure": action.successMeasure = try reader.text()
            case "leads": action.leads = try reader.texts()
            case "deadline": action.deadline = try reader.deadline()
            case "deadlineText": action.deadlineText = try reader.text()
            case "milestones": action.milestones = try reader.array { reader throws(Bailout) in try reader.milestone() }
            case "dashboardReference": action.dashboardReference = try reader.text()
            case "history":
                // Plan files list history newest first; the model keeps it oldest first.
                action.history = try reader.history()
                action.history.reverse()
            default: throw Bailout()
            }
        }
        guard let id, let theme, let text else { throw Bailout() }
        action.id = id
        action.theme = theme
        action.text = text
        return action
    }

    private mutating func milestone() throws(Bailout) -> Milestone {
        var title: String?
        var milestone = Milestone(title: "")
        try object { reader, key throws(Bailout) in
            switch key {
            case "title": title = try reader.text()
            case "deadline": milestone.deadline = try reader.deadline()
            case "deadlineText": milestone.deadlineText = try reader.text()
            case "completed": milestone.completed = try reader.day()
            default: throw Bailout()
            }
        }
        guard let title else { throw Bailout() }
        milestone.title = title
        return milestone
    }

    /// Reads one entry of a plan's lists, noting where its bytes lie.
    private mutating func entry<Entry>(recordedIn list: WritableKeyPath<PlanLayout, [Range<Int>]>,
                                       _ read: (inout FastPlanReader) throws(Bailout) -> Entry) throws(Bailout) -> Entry {
        skipWhitespace()
        let start = index
        let entry = try read(&self)
        layout[keyPath: list].append(start..<index)
        return entry
    }

}
