import PlanJSON

/// The plan writer: the model as the JSON of a plan file.
///
/// Each object is written field by field in its declaration's order (see
/// `PlanFormat.swift`), with a `switch` that gives each field's value or
/// `nil` to leave it out: optional fields that are absent and empty lists of
/// optional ones are left out. The same plan always gives the same JSON, so
/// saved files diff cleanly.
extension PlanFormat {
    /// The members of an object, in the declaration's order, with the fields `value` gives.
    static func object<Field: FormatField>(_ kind: Field.Type, _ value: (Field) -> JSONValue?) -> JSONValue {
        var members: [JSONMember] = []
        members.reserveCapacity(Field.table.fields.count)
        for field in Field.table.fields {
            if let value = value(field) { members.append(JSONMember(field.key, value)) }
        }
        return .object(members)
    }

    static func text(_ value: String?) -> JSONValue? { value.map { .string($0) } }

    /// A list, or `nil` (left out) when it is empty.
    static func texts(_ values: [String]) -> JSONValue? { values.isEmpty ? nil : allTexts(values) }

    /// A list, even when it is empty.
    static func allTexts(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }

    static func deadline(_ value: Deadline?) -> JSONValue? { value.map { .string($0.description) } }

    static func day(_ value: CalendarDate?) -> JSONValue? { value.map { .string($0.description) } }
}

extension Plan {
    /// The plan as the JSON of a plan file, with its `$schema` if it has one.
    public func jsonValue() -> JSONValue {
        PlanFormat.object(PlanField.self) { field in
            switch field {
            case .schema: return PlanFormat.text(schemaLocation)
            case .formatVersion: return .number(String(PlanFormat.version))
            case .id: return .string(id)
            case .title: return .string(title)
            case .organisation: return .string(organisation)
            case .inspection: return inspection.jsonValue
            case .source: return PlanFormat.text(source)
            case .ragScheme:
                return declaredScheme.map { scheme in
                    PlanFormat.object(RAGSchemeField.self) { field in
                        switch field {
                        case .levels: return .array(scheme.levels.map(\.jsonValue))
                        }
                    }
                }
            case .boardMeetings: return boardMeetings.isEmpty ? nil : .array(boardMeetings.map { .string($0.description) })
            case .parts: return parts.isEmpty ? nil : .array(parts.map(\.jsonValue))
            case .themes: return .array(themes.map(\.jsonValue))
            case .recommendations: return .array(recommendations.map(\.jsonValue))
            case .actions: return .array(actions.map(\.jsonValue))
            }
        }
    }
}

extension Inspection {
    /// The inspection as it appears in a plan file.
    public var jsonValue: JSONValue {
        PlanFormat.object(InspectionField.self) { field in
            switch field {
            case .inspectorate: return .string(inspectorate)
            case .date: return .string(date.description)
            case .rating: return PlanFormat.text(rating)
            }
        }
    }
}

extension RAGLevel {
    /// The level as it appears in a plan file's RAG scheme.
    public var jsonValue: JSONValue {
        PlanFormat.object(RAGLevelField.self) { field in
            switch field {
            case .code: return .string(code)
            case .label: return .string(label)
            case .meaning: return .string(meaning)
            case .colour: return .string(colour.rawValue)
            case .complete: return isComplete ? .bool(true) : nil
            case .notYetDue: return isNotYetDue ? .bool(true) : nil
            }
        }
    }
}

extension Part {
    /// The part as it appears in a plan file.
    public var jsonValue: JSONValue {
        PlanFormat.object(PartField.self) { field in
            switch field {
            case .id: return .string(id)
            case .title: return .string(title)
            }
        }
    }
}

extension Theme {
    /// The theme as it appears in a plan file.
    public var jsonValue: JSONValue {
        PlanFormat.object(ThemeField.self) { field in
            switch field {
            case .id: return .string(id)
            case .title: return .string(title)
            case .part: return PlanFormat.text(part)
            case .lead: return PlanFormat.text(lead)
            case .members: return PlanFormat.texts(members)
            case .targetDate: return PlanFormat.deadline(targetDate)
            case .recommendations: return PlanFormat.texts(recommendations)
            case .performanceIndicators: return PlanFormat.text(performanceIndicators)
            }
        }
    }
}

extension Recommendation {
    /// The recommendation as it appears in a plan file.
    public var jsonValue: JSONValue {
        PlanFormat.object(RecommendationField.self) { field in
            switch field {
            case .id: return .string(id)
            case .text: return .string(text)
            case .addressedTo: return PlanFormat.text(addressedTo)
            case .plannedResponse: return PlanFormat.text(plannedResponse)
            case .planReference: return PlanFormat.text(planReference)
            }
        }
    }
}

extension Action {
    /// The action as it appears in a plan file.
    public var jsonValue: JSONValue {
        PlanFormat.object(ActionField.self) { field in
            switch field {
            case .id: return .string(self.id)
            case .theme: return .string(self.theme)
            case .text: return .string(self.text)
            // Always written, so that an action without a lead shows it.
            case .leads: return PlanFormat.allTexts(self.leads)
            case .deadline: return PlanFormat.deadline(self.deadline)
            case .afterDeadline: return self.afterDeadline.map { .string($0.description) }
            case .milestones: return self.milestones.isEmpty ? nil : .array(self.milestones.map(\.jsonValue))
            // Always written, so that recording a change only adds lines.
            case .history: return .array(PlanFormat.historyForFile(self.history).map(\.jsonValue))
            default:
                // The texts and lists of texts, written alike through their declaration.
                switch field.facts.value {
                case .optionalText(let path): return PlanFormat.text(fields[keyPath: path])
                case .texts(let path): return PlanFormat.texts(fields[keyPath: path])
                case .text, .other: preconditionFailure("action field \(field.key) has no writer")
                }
            }
        }
    }
}

extension Milestone {
    /// The milestone as it appears in a plan file.
    public var jsonValue: JSONValue {
        PlanFormat.object(MilestoneField.self) { field in
            switch field {
            case .title: return .string(title)
            case .deadline: return PlanFormat.deadline(deadline)
            case .deadlineText: return PlanFormat.text(deadlineText)
            case .completed: return PlanFormat.day(completed)
            }
        }
    }
}

extension StatusChange {
    /// The history entry as it appears in a plan file.
    public var jsonValue: JSONValue {
        PlanFormat.object(HistoryEntryField.self) { field in
            switch field {
            case .date: return .string(date.description)
            case .status: return PlanFormat.text(status)
            case .by: return PlanFormat.text(by)
            case .comment: return PlanFormat.text(comment)
            case .deadline: return deadlineChange?.jsonValue
            case .milestone: return milestoneChange?.jsonValue
            case .leads: return leadChange?.jsonValue
            case .edit: return textEdit?.jsonValue
            case .withdrawn: return withdrawal == .withdrawn ? .bool(true) : nil
            case .reinstated: return withdrawal == .reinstated ? .bool(true) : nil
            }
        }
    }
}

extension DeadlineChange {
    /// The change as it appears in a history entry.
    public var jsonValue: JSONValue {
        PlanFormat.object(DeadlineChangeField.self) { field in
            switch field {
            case .from: return PlanFormat.deadline(from)
            case .to: return .string(to.description)
            case .reason: return .string(reason)
            }
        }
    }
}

extension MilestoneChange {
    /// The change as it appears in a history entry.
    public var jsonValue: JSONValue {
        PlanFormat.object(MilestoneChangeField.self) { field in
            switch field {
            case .title: return .string(title)
            case .completed: return PlanFormat.day(completed)
            case .completedBefore: return PlanFormat.day(completedBefore)
            case .reopened: return reopened ? .bool(true) : nil
            case .added: return added ? .bool(true) : nil
            case .removed: return removed?.jsonValue
            case .renamedFrom: return PlanFormat.text(renamedFrom)
            case .deadline: return deadlineChange?.jsonValue
            }
        }
    }
}

extension TextEdit {
    /// The edit as it appears in a history entry.
    public var jsonValue: JSONValue {
        PlanFormat.object(TextEditField.self) { member in
            switch member {
            case .field: return .string(field.key)
            case .from: return PlanFormat.texts(from)
            case .to: return PlanFormat.allTexts(to)
            }
        }
    }
}

extension LeadChange {
    /// The change as it appears in a history entry.
    public var jsonValue: JSONValue {
        PlanFormat.object(LeadChangeField.self) { field in
            switch field {
            case .from: return PlanFormat.allTexts(from)
            case .to: return PlanFormat.allTexts(to)
            }
        }
    }
}
