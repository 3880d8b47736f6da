/// Plan file encoding: the model as JSON, in the file format's key order.
///
/// Keys are written in a fixed, readable order (`id` first, then the title or
/// text, then the rest as the format documents them); optional fields that are
/// absent and empty arrays of optional lists are left out. The same plan always
/// gives the same JSON, so saved files diff cleanly.
extension Plan {
    /// The plan as the JSON of a plan file, with its `$schema` if it has one.
    public func jsonValue() -> JSONValue {
        var members: [JSONMember] = []
        if let schemaLocation { members.append(JSONMember("$schema", .string(schemaLocation))) }
        members.append(JSONMember("formatVersion", .number(String(Plan.currentFormatVersion))))
        members.append(JSONMember("id", .string(id)))
        members.append(JSONMember("title", .string(title)))
        members.append(JSONMember("organisation", .string(organisation)))
        var inspectionMembers = [
            JSONMember("inspectorate", .string(inspection.inspectorate)),
            JSONMember("date", .string(inspection.date.description)),
        ]
        inspectionMembers.appendIfPresent("rating", inspection.rating)
        members.append(JSONMember("inspection", .object(inspectionMembers)))
        members.appendIfPresent("source", source)
        if let declaredScheme {
            members.append(JSONMember("ragScheme", .object([
                JSONMember("levels", .array(declaredScheme.levels.map(\.jsonValue))),
            ])))
        }
        if !boardMeetings.isEmpty {
            members.append(JSONMember("boardMeetings", .array(boardMeetings.map { .string($0.description) })))
        }
        if !parts.isEmpty {
            members.append(JSONMember("parts", .array(parts.map {
                .object([JSONMember("id", .string($0.id)), JSONMember("title", .string($0.title))])
            })))
        }
        members.append(JSONMember("themes", .array(themes.map(\.jsonValue))))
        members.append(JSONMember("recommendations", .array(recommendations.map(\.jsonValue))))
        members.append(JSONMember("actions", .array(actions.map(\.jsonValue))))
        return .object(members)
    }
}

extension RAGLevel {
    /// The level as it appears in a plan file's `ragScheme.levels`.
    public var jsonValue: JSONValue {
        var members = [
            JSONMember("code", .string(code)),
            JSONMember("label", .string(label)),
            JSONMember("meaning", .string(meaning)),
            JSONMember("colour", .string(colour.rawValue)),
        ]
        if isComplete { members.append(JSONMember("complete", .bool(true))) }
        if isNotYetDue { members.append(JSONMember("notYetDue", .bool(true))) }
        return .object(members)
    }
}

extension Theme {
    /// The theme as it appears in a plan file.
    public var jsonValue: JSONValue {
        var members = [JSONMember("id", .string(id)), JSONMember("title", .string(title))]
        members.appendIfPresent("part", part)
        members.appendIfPresent("lead", lead)
        members.appendIfNotEmpty("members", self.members)
        members.appendIfPresent("targetDate", targetDate?.description)
        members.appendIfNotEmpty("recommendations", recommendations)
        members.appendIfPresent("performanceIndicators", performanceIndicators)
        return .object(members)
    }
}

extension Recommendation {
    /// The recommendation as it appears in a plan file.
    public var jsonValue: JSONValue {
        var members = [JSONMember("id", .string(id)), JSONMember("text", .string(text))]
        members.appendIfPresent("addressedTo", addressedTo)
        members.appendIfPresent("plannedResponse", plannedResponse)
        members.appendIfPresent("planReference", planReference)
        return .object(members)
    }
}

extension Action {
    /// The action as it appears in a plan file.
    public var jsonValue: JSONValue {
        var members = [JSONMember("id", .string(id)), JSONMember("theme", .string(theme))]
        members.appendIfNotEmpty("recommendations", recommendations)
        members.appendIfNotEmpty("otherLinks", otherLinks)
        members.append(JSONMember("text", .string(text)))
        members.appendIfNotEmpty("subPoints", subPoints)
        members.appendIfNotEmpty("impact", impact)
        members.appendIfNotEmpty("outcomes", outcomes)
        members.appendIfPresent("successMeasure", successMeasure)
        members.append(JSONMember("leads", .array(leads.map { .string($0) })))
        members.appendIfPresent("deadline", deadline?.description)
        members.appendIfPresent("deadlineText", deadlineText)
        if !milestones.isEmpty { members.append(JSONMember("milestones", .array(milestones.map(\.jsonValue)))) }
        members.appendIfPresent("dashboardReference", dashboardReference)
        // Always present and newest first, so that recording a change only adds lines.
        members.append(JSONMember("history", .array(history.reversed().map(\.jsonValue))))
        return .object(members)
    }
}

extension Milestone {
    /// The milestone as it appears in a plan file.
    public var jsonValue: JSONValue {
        var members = [JSONMember("title", .string(title))]
        members.appendIfPresent("deadline", deadline?.description)
        members.appendIfPresent("deadlineText", deadlineText)
        members.appendIfPresent("completed", completed?.description)
        return .object(members)
    }
}

extension StatusChange {
    /// The history entry as it appears in a plan file.
    public var jsonValue: JSONValue {
        var members = [JSONMember("date", .string(date.description))]
        members.appendIfPresent("status", status)
        members.appendIfPresent("by", by)
        members.appendIfPresent("comment", comment)
        if let change = deadlineChange {
            var fields: [JSONMember] = []
            fields.appendIfPresent("from", change.from?.description)
            fields.append(JSONMember("to", .string(change.to.description)))
            fields.append(JSONMember("reason", .string(change.reason)))
            members.append(JSONMember("deadline", .object(fields)))
        }
        if let change = milestoneChange {
            var fields = [JSONMember("title", .string(change.title))]
            if let completed = change.completed {
                fields.append(JSONMember("completed", .string(completed.description)))
            } else {
                fields.append(JSONMember("reopened", .bool(true)))
            }
            members.append(JSONMember("milestone", .object(fields)))
        }
        if let change = leadChange {
            members.append(JSONMember("leads", .object([
                JSONMember("from", .array(change.from.map { .string($0) })),
                JSONMember("to", .array(change.to.map { .string($0) })),
            ])))
        }
        return .object(members)
    }
}

extension Array where Element == JSONMember {
    mutating func appendIfPresent(_ key: String, _ value: String?) {
        if let value { append(JSONMember(key, .string(value))) }
    }

    mutating func appendIfNotEmpty(_ key: String, _ values: [String]) {
        if !values.isEmpty { append(JSONMember(key, .array(values.map { .string($0) }))) }
    }
}
