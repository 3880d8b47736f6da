/// Turns a plan file's JSON into a ``Plan``, collecting every problem found.
///
/// Decoding never stops at the first problem: each wrong type, missing field,
/// unknown key or impossible date is recorded with its JSON path(), and decoding
/// carries on with the rest of the document so that one run reports them all.
/// The elements of an array in a plan file, with the array's path.
struct Elements {
    var base: String
    var values: [JSONValue]

    /// The path of the element at `index` (`actions[12]`).
    func path(_ index: Int) -> String { "\(base)[\(index)]" }

    /// Decodes each element, leaving out those that fail.
    func compactMap<T>(_ transform: (_ path: () -> String, _ value: JSONValue) -> T?) -> [T] {
        var result: [T] = []
        result.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            if let element = transform({ path(index) }, value) { result.append(element) }
        }
        return result
    }
}

/// An object's members, looked up by key; objects in plans are small, so a
/// linear search beats hashing.
struct Fields {
    var members: [JSONMember] = []

    subscript(key: String) -> JSONValue? {
        let count = key.utf8.count
        for member in members where member.key.utf8.count == count && member.key == key { return member.value }
        return nil
    }
}

struct PlanDecoder {
    let file: String
    private(set) var problems: [PlanProblem] = []

    init(file: String) {
        self.file = file
    }

    // MARK: Plan

    /// Decodes a whole plan, or returns `nil` when the document is too broken
    /// to give one (the problems say why).
    ///
    /// When only some top-level fields are wrong, the plan is still returned,
    /// with empty placeholders for them, so that its actions can be validated
    /// too; the recorded problems make sure such a plan is never used.
    mutating func decodePlan(_ root: JSONValue) -> Plan? {
        guard let fields = fields(of: root, at: "", what: "a plan", allowed: [
            "$schema", "formatVersion", "id", "title", "organisation", "inspection", "source", "ragScheme",
            "boardMeetings", "parts", "themes", "recommendations", "actions",
        ]) else { return nil }
        guard let version = fields["formatVersion"] else {
            error("", "missing required field \"formatVersion\"; add \"formatVersion\": \(Plan.currentFormatVersion)")
            return nil
        }
        guard case .number(let text) = version, let number = Int(text) else {
            error("formatVersion", "expected a whole number, found \(version.typeName); write \"formatVersion\": \(Plan.currentFormatVersion)")
            return nil
        }
        guard number == Plan.currentFormatVersion else {
            error("formatVersion", "unknown formatVersion \(number); this version of improve reads formatVersion \(Plan.currentFormatVersion)")
            return nil
        }
        let schemaLocation = string(fields, "$schema", at: "", required: false)
        let id = string(fields, "id", at: "")
        let title = string(fields, "title", at: "")
        let organisation = string(fields, "organisation", at: "")
        let inspection = decodeInspection(fields, at: "")
        let source = string(fields, "source", at: "", required: false)
        let scheme: RAGScheme?? = fields["ragScheme"].map { decodeScheme($0, at: "ragScheme") }
        let boardMeetings = elements(fields, "boardMeetings", at: "", required: false).compactMap { path, value in
            date(value, at: path())
        }
        let parts = elements(fields, "parts", at: "", required: false).compactMap { decodePart($1, at: $0()) }
        let themes = elements(fields, "themes", at: "").compactMap { decodeTheme($1, at: $0()) }
        let recommendations = elements(fields, "recommendations", at: "").compactMap {
            decodeRecommendation($1, at: $0())
        }
        let actions = elements(fields, "actions", at: "").compactMap { decodeAction($1, at: $0()) }
        // A plan whose scheme could not be read cannot have its statuses checked;
        // otherwise carry on with placeholders so that validation reports the rest.
        guard scheme != .some(nil) else { return nil }
        let placeholder = Inspection(inspectorate: "", date: .month(CalendarMonth(year: 1, month: 1)!))
        var plan = Plan(id: id ?? "", title: title ?? "", organisation: organisation ?? "",
                        inspection: inspection ?? placeholder, source: source,
                        ragScheme: scheme ?? nil, boardMeetings: boardMeetings, parts: parts, themes: themes,
                        recommendations: recommendations, actions: actions)
        plan.schemaLocation = schemaLocation
        return plan
    }

    private mutating func decodeInspection(_ parent: Fields, at parentPath: @autoclosure () -> String) -> Inspection? {
        let inspectionPath = Self.join(parentPath(), "inspection")
        guard let value = parent["inspection"] else {
            error(parentPath(), "missing required field \"inspection\" (inspectorate, date and rating)")
            return nil
        }
        guard let fields = fields(of: value, at: inspectionPath, what: "the inspection",
                                  allowed: ["inspectorate", "date", "rating"]) else { return nil }
        let inspectorate = string(fields, "inspectorate", at: inspectionPath)
        var date: PlanDate?
        if let text = string(fields, "date", at: inspectionPath) {
            date = PlanDate(iso: text)
            if date == nil {
                error(Self.join(inspectionPath, "date"), "\"\(text)\" is not a date; write YYYY-MM-DD or YYYY-MM (for example 2018-10)")
            }
        }
        let rating = string(fields, "rating", at: inspectionPath, required: false)
        guard let inspectorate, let date else { return nil }
        return Inspection(inspectorate: inspectorate, date: date, rating: rating)
    }

    private mutating func decodeScheme(_ value: JSONValue, at path: @autoclosure () -> String) -> RAGScheme? {
        guard let fields = fields(of: value, at: path(), what: "a RAG scheme", allowed: ["levels"]) else { return nil }
        let levels = elements(fields, "levels", at: path()).compactMap { levelPathFunction, levelValue -> RAGLevel? in
            let levelPath = levelPathFunction()
            guard let level = self.fields(of: levelValue, at: levelPath, what: "a RAG level", allowed: [
                "code", "label", "meaning", "colour", "complete", "notYetDue",
            ]) else { return nil }
            let code = string(level, "code", at: levelPath)
            let label = string(level, "label", at: levelPath)
            let meaning = string(level, "meaning", at: levelPath, required: false)
            var colour: RAGColour?
            if let name = string(level, "colour", at: levelPath) {
                colour = RAGColour(rawValue: name)
                if colour == nil {
                    error(Self.join(levelPath, "colour"), "unknown colour \"\(name)\"; use one of \(RAGColour.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            let complete = bool(level, "complete", at: levelPath) ?? false
            let notYetDue = bool(level, "notYetDue", at: levelPath) ?? false
            guard let code, let label, let colour else { return nil }
            return RAGLevel(code: code, label: label, meaning: meaning ?? label, colour: colour,
                            isComplete: complete, isNotYetDue: notYetDue)
        }
        if case .array(let raw) = fields["levels"], raw.isEmpty {
            error(Self.join(path(), "levels"), "a RAG scheme needs at least one level")
        }
        return RAGScheme(levels: levels)
    }

    private mutating func decodePart(_ value: JSONValue, at path: @autoclosure () -> String) -> Part? {
        guard let fields = fields(of: value, at: path(), what: "a part", allowed: ["id", "title"]) else { return nil }
        let id = string(fields, "id", at: path())
        let title = string(fields, "title", at: path())
        guard let id, let title else { return nil }
        return Part(id: id, title: title)
    }

    mutating func decodeTheme(_ value: JSONValue, at path: @autoclosure () -> String) -> Theme? {
        guard let fields = fields(of: value, at: path(), what: "a theme", allowed: [
            "id", "title", "part", "lead", "members", "targetDate", "recommendations", "performanceIndicators",
        ]) else { return nil }
        let id = string(fields, "id", at: path())
        let title = string(fields, "title", at: path())
        let part = string(fields, "part", at: path(), required: false)
        let lead = string(fields, "lead", at: path(), required: false)
        let members = strings(fields, "members", at: path())
        let targetDate = deadline(fields, "targetDate", at: path())
        let recommendations = strings(fields, "recommendations", at: path())
        let indicators = string(fields, "performanceIndicators", at: path(), required: false)
        guard let id, let title else { return nil }
        return Theme(id: id, title: title, part: part, lead: lead, members: members, targetDate: targetDate,
                     recommendations: recommendations, performanceIndicators: indicators)
    }

    mutating func decodeRecommendation(_ value: JSONValue, at path: @autoclosure () -> String) -> Recommendation? {
        guard let fields = fields(of: value, at: path(), what: "a recommendation", allowed: [
            "id", "text", "addressedTo", "plannedResponse", "planReference",
        ]) else { return nil }
        let id = string(fields, "id", at: path())
        let text = string(fields, "text", at: path())
        let addressedTo = string(fields, "addressedTo", at: path(), required: false)
        let response = string(fields, "plannedResponse", at: path(), required: false)
        let reference = string(fields, "planReference", at: path(), required: false)
        guard let id, let text else { return nil }
        return Recommendation(id: id, text: text, addressedTo: addressedTo, plannedResponse: response,
                              planReference: reference)
    }

    mutating func decodeAction(_ value: JSONValue, at path: @autoclosure () -> String) -> Action? {
        guard let fields = fields(of: value, at: path(), what: "an action", allowed: [
            "id", "theme", "recommendations", "otherLinks", "text", "subPoints", "impact", "outcomes",
            "successMeasure", "leads", "deadline", "deadlineText", "milestones", "dashboardReference", "history",
        ]) else { return nil }
        let id = string(fields, "id", at: path())
        let theme = string(fields, "theme", at: path())
        let recommendations = strings(fields, "recommendations", at: path())
        let otherLinks = strings(fields, "otherLinks", at: path())
        let text = string(fields, "text", at: path())
        let subPoints = strings(fields, "subPoints", at: path())
        let impact = strings(fields, "impact", at: path())
        let outcomes = strings(fields, "outcomes", at: path())
        let success = string(fields, "successMeasure", at: path(), required: false)
        let leads = strings(fields, "leads", at: path())
        let deadline = deadline(fields, "deadline", at: path())
        let deadlineText = string(fields, "deadlineText", at: path(), required: false)
        let milestones = elements(fields, "milestones", at: path(), required: false).compactMap {
            decodeMilestone($1, at: $0())
        }
        let dashboard = string(fields, "dashboardReference", at: path(), required: false)
        // Plan files list history newest first; the model keeps it oldest first.
        let history = elements(fields, "history", at: path(), required: false).compactMap {
            decodeStatusChange($1, at: $0())
        }.reversed() as [StatusChange]
        guard let id, let theme, let text else { return nil }
        return Action(id: id, theme: theme, recommendations: recommendations, otherLinks: otherLinks, text: text,
                      subPoints: subPoints, impact: impact, outcomes: outcomes, successMeasure: success,
                      leads: leads, deadline: deadline, deadlineText: deadlineText, milestones: milestones,
                      dashboardReference: dashboard, history: history)
    }

    private mutating func decodeMilestone(_ value: JSONValue, at path: @autoclosure () -> String) -> Milestone? {
        guard let fields = fields(of: value, at: path(), what: "a milestone", allowed: [
            "title", "deadline", "deadlineText", "completed",
        ]) else { return nil }
        let title = string(fields, "title", at: path())
        let deadline = deadline(fields, "deadline", at: path())
        let deadlineText = string(fields, "deadlineText", at: path(), required: false)
        let completed = fields["completed"].flatMap { date($0, at: Self.join(path(), "completed")) }
        guard let title else { return nil }
        return Milestone(title: title, deadline: deadline, deadlineText: deadlineText, completed: completed)
    }

    private mutating func decodeStatusChange(_ value: JSONValue, at path: @autoclosure () -> String) -> StatusChange? {
        guard let fields = fields(of: value, at: path(), what: "a history entry", allowed: [
            "date", "status", "by", "comment", "deadline", "milestone", "leads",
        ]) else { return nil }
        var date: CalendarDate?
        if let value = fields["date"] {
            date = self.date(value, at: Self.join(path(), "date"))
        } else {
            error(path(), "missing required field \"date\" (YYYY-MM-DD)")
        }
        let status = string(fields, "status", at: path(), required: false)
        let by = string(fields, "by", at: path(), required: false)
        let comment = string(fields, "comment", at: path(), required: false)
        var deadlineChange: DeadlineChange?
        if let value = fields["deadline"] {
            let changePath = Self.join(path(), "deadline")
            if let change = self.fields(of: value, at: changePath, what: "a deadline change", allowed: ["from", "to", "reason"]) {
                let from = deadline(change, "from", at: changePath)
                let to = deadline(change, "to", at: changePath)
                let reason = string(change, "reason", at: changePath)
                if change["to"] == nil { error(changePath, "missing required field \"to\" (the new deadline)") }
                if let to, let reason { deadlineChange = DeadlineChange(from: from, to: to, reason: reason) }
            }
        }
        var milestoneChange: MilestoneChange?
        if let value = fields["milestone"] {
            let changePath = Self.join(path(), "milestone")
            if let change = self.fields(of: value, at: changePath, what: "a milestone change",
                                        allowed: ["title", "completed", "reopened"]) {
                let title = string(change, "title", at: changePath)
                let completed = change["completed"].flatMap { self.date($0, at: Self.join(changePath, "completed")) }
                let reopened = bool(change, "reopened", at: changePath) ?? false
                if (change["completed"] == nil) == !reopened {
                    error(changePath, "a milestone change has either \"completed\": DATE or \"reopened\": true")
                }
                if let title { milestoneChange = MilestoneChange(title: title, completed: completed) }
            }
        }
        var leadChange: LeadChange?
        if let value = fields["leads"] {
            let changePath = Self.join(path(), "leads")
            if let change = self.fields(of: value, at: changePath, what: "a change of leads", allowed: ["from", "to"]) {
                if change["to"] == nil { error(changePath, "missing required field \"to\" (the new leads)") }
                leadChange = LeadChange(from: strings(change, "from", at: changePath), to: strings(change, "to", at: changePath))
            }
        }
        if status == nil, comment == nil, fields["deadline"] == nil, fields["milestone"] == nil, fields["leads"] == nil {
            error(path(), "a history entry needs a \"status\", a \"comment\", or a change (\"deadline\", \"milestone\", \"leads\")")
        }
        guard let date else { return nil }
        return StatusChange(date: date, status: status, by: by, comment: comment, deadlineChange: deadlineChange,
                            milestoneChange: milestoneChange, leadChange: leadChange)
    }

    // MARK: Field readers

    private mutating func error(_ path: String, _ message: String) {
        problems.append(PlanProblem(.error, file: file, path: path, message: message))
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The members of an object, checking for duplicate and unknown keys.
    private mutating func fields(of value: JSONValue, at path: @autoclosure () -> String, what: String,
                                 allowed: [String]) -> Fields? {
        guard case .object(let members) = value else {
            error(path(), "expected \(what) (a JSON object), found \(value.typeName)")
            return nil
        }
        // The usual case: every key allowed and none repeated; the members are used as they are.
        var clean = true
        for (index, member) in members.enumerated() {
            let count = member.key.utf8.count
            let repeated = members[..<index].contains { $0.key.utf8.count == count && $0.key == member.key }
            if repeated || !allowed.contains(where: { $0.utf8.count == count && $0 == member.key }) {
                clean = false
                break
            }
        }
        if clean { return Fields(members: members) }
        var fields = Fields()
        for member in members {
            if fields[member.key] != nil {
                error(Self.join(path(), member.key), "duplicate key \"\(member.key)\"; keep only one")
                continue
            }
            let count = member.key.utf8.count
            if !allowed.contains(where: { $0.utf8.count == count && $0 == member.key }) {
                var message = "unknown key \"\(member.key)\" in \(what)"
                if let near = EditDistance.closest(to: member.key, among: allowed) {
                    message += "; did you mean \"\(near)\"?"
                } else {
                    message += "; allowed keys are \(allowed.joined(separator: ", "))"
                }
                error(Self.join(path(), member.key), message)
                continue
            }
            fields.members.append(member)
        }
        return fields
    }

    private mutating func string(_ fields: Fields, _ key: String, at path: @autoclosure () -> String,
                                 required: Bool = true) -> String? {
        guard let value = fields[key] else {
            if required { error(path(), "missing required field \"\(key)\"") }
            return nil
        }
        guard case .string(let text) = value else {
            error(Self.join(path(), key), "expected a string, found \(value.typeName)")
            return nil
        }
        if Self.isBlank(text) {
            error(Self.join(path(), key), "must not be empty")
            return nil
        }
        return text
    }

    private mutating func bool(_ fields: Fields, _ key: String, at path: @autoclosure () -> String) -> Bool? {
        guard let value = fields[key] else { return nil }
        guard case .bool(let flag) = value else {
            error(Self.join(path(), key), "expected true or false, found \(value.typeName)")
            return nil
        }
        return flag
    }

    private mutating func strings(_ fields: Fields, _ key: String, at path: @autoclosure () -> String) -> [String] {
        guard let value = fields[key] else { return [] }
        guard case .array(let items) = value else {
            error(Self.join(path(), key), "expected an array, found \(value.typeName)")
            return []
        }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                error("\(Self.join(path(), key))[\(index)]", "expected a string, found \(item.typeName)")
                continue
            }
            if Self.isBlank(text) {
                error("\(Self.join(path(), key))[\(index)]", "must not be empty")
                continue
            }
            result.append(text)
        }
        return result
    }

    /// Whether a text is empty or only whitespace, checked byte by byte for ASCII.
    static func isBlank(_ text: String) -> Bool {
        // Almost every text starts with a printable ASCII character.
        if let first = text.utf8.first, first > 0x20, first < 0x80 { return false }
        for byte in text.utf8 {
            if byte >= 0x80 { return text.allSatisfy(\.isWhitespace) }
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
        }
        return true
    }

    /// The elements of an array field; each element's path is built only when a problem needs it.
    private mutating func elements(_ fields: Fields, _ key: String, at path: @autoclosure () -> String,
                                   required: Bool = true) -> Elements {
        guard let value = fields[key] else {
            if required { error(path(), "missing required field \"\(key)\" (an array, possibly empty)") }
            return Elements(base: "", values: [])
        }
        guard case .array(let items) = value else {
            error(Self.join(path(), key), "expected an array, found \(value.typeName)")
            return Elements(base: "", values: [])
        }
        return Elements(base: Self.join(path(), key), values: items)
    }

    private mutating func deadline(_ fields: Fields, _ key: String, at path: @autoclosure () -> String) -> Deadline? {
        guard let value = fields[key] else { return nil }
        guard case .string(let text) = value else {
            error(Self.join(path(), key), "expected a deadline string such as \"2019-02\", found \(value.typeName)")
            return nil
        }
        guard let deadline = Deadline(planText: text) else {
            error(Self.join(path(), key), "\(describeBadDate(text)); write a day (2019-03-31), a month (2019-02), \"ongoing\" or \"tbc\"")
            return nil
        }
        return deadline
    }

    private mutating func date(_ value: JSONValue, at path: @autoclosure () -> String) -> CalendarDate? {
        guard case .string(let text) = value else {
            error(path(), "expected a date string such as \"2019-04-02\", found \(value.typeName)")
            return nil
        }
        guard let date = CalendarDate(iso: text) else {
            error(path(), "\(describeBadDate(text)); write a day as YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// Says why a date-like text is not a date, naming impossible days.
    private func describeBadDate(_ text: String) -> String {
        let parts = text.split(separator: "-").map { Int($0) }
        if parts.count == 3, let year = parts[0], let month = parts[1], parts[2] != nil, text.count == 10 {
            if !(1...12).contains(month) { return "\"\(text)\" is not a date: there is no month \(month)" }
            let days = CalendarMonth.numberOfDays(year: year, month: month)
            return "\"\(text)\" is not a date: \(CalendarMonth.shortNames[month - 1]) \(year) has \(days) days"
        }
        if parts.count == 2, let month = parts[1], text.count == 7, !(1...12).contains(month) {
            return "\"\(text)\" is not a month: there is no month \(month)"
        }
        return "\"\(text)\" is not a date"
    }
}
