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
/// ``PlanValidator`` all the same.
struct FastPlanReader {
    /// The reader met something it leaves to the diagnosing path.
    struct Bailout: Error {}

    /// Where each theme, recommendation and action lies in the bytes read.
    private var layout = PlanLayout()
    /// The keys met so far in each object being read (see ``object(_:)``).
    private var seenKeys: [Key] = []
    /// How much history to keep.
    private let reading: HistoryReading
    /// The statuses of entries left out, checked against the scheme at the end
    /// (the scheme may come after the actions).
    private var statusesLeftOut: [Key] = []

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
    private var json: Reader
    private var bytes: UnsafeBufferPointer<UInt8> { json.bytes }
    private var index: Int {
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

    /// An action's history, newest first, with only the entries ``reading`` keeps
    /// (see ``HistoryReading``); the others are checked on their bytes.
    private mutating func history() throws(Bailout) -> [StatusChange] {
        guard case .positionOn(let day) = reading else {
            return try array { reader throws(Bailout) in try reader.statusChange() }
        }
        var foundStatus = false
        var previous: CalendarDate?
        let entries = try array { reader throws(Bailout) -> StatusChange? in
            reader.skipWhitespace()
            let start = reader.index
            if let plain = try reader.plainEntry() {
                guard previous.map({ plain.date <= $0 }) ?? true else { throw Bailout() }
                previous = plain.date
                if plain.date > day || foundStatus {
                    // Left out: its order is checked above, its status at the end.
                    if let status = plain.status, !reader.statusesLeftOut.contains(status) { reader.statusesLeftOut.append(status) }
                    return nil
                }
                // Kept: read it again in full.
                reader.index = start
            }
            let entry = try reader.statusChange()
            guard previous.map({ entry.date <= $0 }) ?? true else { throw Bailout() }
            previous = entry.date
            if entry.date <= day, entry.status != nil { foundStatus = true }
            return entry
        }
        return entries.compactMap { $0 }
    }

    /// Passes over a history entry that records only a date, a status, who and
    /// a comment, checking it as ``statusChange()`` would without keeping its
    /// text; `nil`, with the reader back at the entry's start, for any other entry.
    private mutating func plainEntry() throws(Bailout) -> (date: CalendarDate, status: Key?)? {
        skipWhitespace()
        let start = index
        // The usual layout is recognised directly; anything else is read key by key.
        if let entry = PlainEntryScan.entry(in: bytes, at: start) {
            index = entry.end
            return (entry.date, entry.status.map { Key(start: bytes.baseAddress! + $0.lowerBound, length: $0.count) })
        }
        var date: CalendarDate?, status: Key?, recordsSomething = false, isPlain = true
        try object { reader, key throws(Bailout) in
            switch key {
            case "date": date = try reader.day()
            case "status":
                status = try reader.key()
                // A blank status is left to the full reader to report.
                if status!.length == 0 || status!.start.pointee <= 0x20 { throw Bailout() }
                recordsSomething = true
            case "by": try reader.skipText()
            case "comment": try reader.skipText(); recordsSomething = true
            case "deadline": isPlain = false; _ = try reader.deadlineChange()
            case "milestone": isPlain = false; _ = try reader.milestoneChange()
            case "leads": isPlain = false; _ = try reader.leadChange()
            default: throw Bailout()
            }
        }
        guard isPlain else {
            index = start
            return nil
        }
        guard let date, recordsSomething else { throw Bailout() }
        return (date, status)
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

    private mutating func statusChange() throws(Bailout) -> StatusChange {
        var date: CalendarDate?
        var change = StatusChange(date: CalendarDate(dayNumber: 0))
        var recordsSomething = false
        try object { reader, key throws(Bailout) in
            switch key {
            case "date": date = try reader.day()
            case "status": change.status = try reader.text(); recordsSomething = true
            case "by": change.by = try reader.text()
            case "comment": change.comment = try reader.text(); recordsSomething = true
            case "deadline": change.deadlineChange = try reader.deadlineChange(); recordsSomething = true
            case "milestone": change.milestoneChange = try reader.milestoneChange(); recordsSomething = true
            case "leads": change.leadChange = try reader.leadChange(); recordsSomething = true
            default: throw Bailout()
            }
        }
        guard let date, recordsSomething else { throw Bailout() }
        change.date = date
        return change
    }

    private mutating func deadlineChange() throws(Bailout) -> DeadlineChange {
        var from: Deadline?, to: Deadline?, reason: String?
        try object { reader, key throws(Bailout) in
            switch key {
            case "from": from = try reader.deadline()
            case "to": to = try reader.deadline()
            case "reason": reason = try reader.text()
            default: throw Bailout()
            }
        }
        guard let to, let reason else { throw Bailout() }
        return DeadlineChange(from: from, to: to, reason: reason)
    }

    private mutating func milestoneChange() throws(Bailout) -> MilestoneChange {
        var title: String?, completed: CalendarDate?, reopened = false
        try object { reader, key throws(Bailout) in
            switch key {
            case "title": title = try reader.text()
            case "completed": completed = try reader.day()
            case "reopened": reopened = try reader.boolean()
            default: throw Bailout()
            }
        }
        guard let title, (completed == nil) == reopened else { throw Bailout() }
        return MilestoneChange(title: title, completed: completed)
    }

    private mutating func leadChange() throws(Bailout) -> LeadChange {
        var from: [String] = [], to: [String]?
        try object { reader, key throws(Bailout) in
            switch key {
            case "from": from = try reader.texts()
            case "to": to = try reader.texts()
            default: throw Bailout()
            }
        }
        guard let to else { throw Bailout() }
        return LeadChange(from: from, to: to)
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

    // MARK: Values

    private mutating func deadline() throws(Bailout) -> Deadline {
        guard let deadline = Deadline(planText: try text()) else { throw Bailout() }
        return deadline
    }

    private mutating func day() throws(Bailout) -> CalendarDate {
        guard let day = CalendarDate(iso: try text()) else { throw Bailout() }
        return day
    }

    /// A non-blank string.
    private mutating func text() throws(Bailout) -> String {
        let value = try string()
        if PlanDecoder.isBlank(value) { throw Bailout() }
        return value
    }

    /// A string without escapes, as the bytes it is in the file (see ``Key``).
    /// A string with an escape or a control character gives up.
    private mutating func key() throws(Bailout) -> Key {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Bailout() }
        let start = index + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { throw Bailout() }
            end += 1
        }
        guard end < bytes.count else { throw Bailout() }
        index = end + 1
        return Key(start: bytes.baseAddress! + start, length: end - start)
    }

    /// Passes over a non-blank string without keeping it.
    private mutating func skipText() throws(Bailout) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Bailout() }
        let isText: Bool
        do {
            isText = try json.skipString()
        } catch {
            throw Bailout()
        }
        if !isText { throw Bailout() }
    }

    private mutating func texts() throws(Bailout) -> [String] {
        try array { reader throws(Bailout) in try reader.text() }
    }

    private mutating func integer() throws(Bailout) -> Int {
        skipWhitespace()
        var value = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
            if digits > 9 { throw Bailout() }
        }
        // Leading zeros, signs, fractions and exponents are left to the full reader.
        guard digits > 0, !(digits > 1 && bytes[index - digits] == UInt8(ascii: "0")),
              index == bytes.count || !".eE".utf8.contains(bytes[index]) else { throw Bailout() }
        return value
    }

    private mutating func boolean() throws(Bailout) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw Bailout() }
        let isTrue = bytes[index] == UInt8(ascii: "t")
        do {
            try json.expectLiteral(isTrue ? "true" : "false")
        } catch {
            throw Bailout()
        }
        return isTrue
    }

    /// A JSON string, read by the strict JSON reader (escapes decoded, control
    /// characters and lone surrogates refused).
    private mutating func string() throws(Bailout) -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Bailout() }
        do {
            return try json.parseString()
        } catch {
            throw Bailout()
        }
    }

    // MARK: Structure

    /// Reads an object, handing each member's key to `member`, which must read
    /// the value. A repeated key gives up.
    private mutating func object(_ member: (inout FastPlanReader, Key) throws(Bailout) -> Void) throws(Bailout) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Bailout() }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        // The keys of every object being read, innermost last: one buffer for
        // the whole file instead of an allocation per object.
        let firstKey = seenKeys.count
        defer { seenKeys.removeSubrange(firstKey...) }
        while true {
            let key = try self.key()
            if seenKeys[firstKey...].contains(key) { throw Bailout() }
            seenKeys.append(key)
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Bailout() }
            index += 1
            try member(&self, key)
            skipWhitespace()
            guard index < bytes.count else { throw Bailout() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw Bailout() }
            index += 1
            return
        }
    }

    /// Reads an array, with `element` reading each value.
    private mutating func array<T>(_ element: (inout FastPlanReader) throws(Bailout) -> T) throws(Bailout) -> [T] {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw Bailout() }
        index += 1
        skipWhitespace()
        var values: [T] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return values
        }
        while true {
            values.append(try element(&self))
            skipWhitespace()
            guard index < bytes.count else { throw Bailout() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw Bailout() }
            index += 1
            return values
        }
    }

    private mutating func skipWhitespace() { json.skipWhitespace() }
}
