/// Each field of an action declared once with everything people see of it.
///
/// ``ActionField`` (in `PlanFormat.swift`) says what the plan file holds: the
/// key, the kind of value, whether it is required. Here each field also says
/// how `show` labels it, how history and `log` name it, its column in the CSV
/// export, the headers `import` knows it by, its `edit` option and whether a
/// text edit may change it. `show`, the history wording, the export, the
/// importer, `edit` and the command line's error sentences all read these
/// facts, so a new field is one line in ``Action/Fields``, one case of
/// ``ActionField`` and one declaration in ``ActionField/declare(_:)``; the
/// exhaustive `switch` there and a test that compares the declarations with
/// the fields of ``Action/Fields`` make sure none is missed.
public struct ActionFieldFacts: @unchecked Sendable {
    // Unchecked: key paths are immutable values, though the standard library
    // does not say so for a stored key path's type.

    /// Where the value lives in ``Action/Fields``, for the code that treats text fields alike.
    public var value: ActionFieldValue
    /// How `show` prints the field (its label or heading).
    public var shown: ShownAs
    /// The field in words, as history, `log` and messages name it ("success measure");
    /// for a list, one of its items ("sub-point").
    public var noun: String
    /// How a change of the list reads in history (`added`, or `linked` for recommendations).
    public var wording = ChangeWording.quoted
    /// The action export's column header, if the export has a column of the field.
    public var csvHeader: String?
    /// The name `import --map COLUMN=FIELD` takes for the field when it is not its key.
    public var importName: String?
    /// The headers plans really use for the field, compared ignoring case,
    /// spacing and trailing punctuation (``ImportField/normalise(_:)``); a
    /// field without any is not read from a column.
    public var importHeaders: [String] = []
    /// Whether a text edit (``TextEdit``) may change the field, and whether it holds one text or a list.
    public var edit: TextEditForm?
    /// The name of `edit`'s option that sets the field (without the dashes), and its value's placeholder;
    /// a field that may be absent also has a `remove-` option.
    public var editOption: (name: String, placeholder: String)?
    /// Whether `list`'s text search looks in the field (besides milestone titles and comments).
    public var searched = false

    /// How `show` prints a field.
    public enum ShownAs: Sendable, Equatable {
        /// At its own place in the report, under this label or heading (if it has one).
        case placed(String?)
        /// `Label: text` after the action's status and position, in declared order, when the action has it.
        case line(String)
        /// Under this heading, one bullet per text, after the milestones, when the action has any.
        case list(String)

        /// The label or heading.
        public var label: String? {
            switch self {
            case .placed(let label): return label
            case .line(let label), .list(let label): return label
            }
        }
    }

    /// Whether a text edit changes one text or a list.
    public enum TextEditForm: Sendable, Equatable {
        case single, list
    }

    /// How a change of a list reads in history: the verbs, and whether the texts are quoted
    /// (`sub-point added: "…"`, `recommendation linked: 3`).
    public struct ChangeWording: Sendable, Equatable {
        public var added: String
        public var removed: String
        public var quotesTexts: Bool

        public static let quoted = ChangeWording(added: "added", removed: "removed", quotesTexts: true)
    }

    /// Whether the field may be absent (an optional text), so that `edit` can remove it.
    public var isRemovable: Bool {
        if case .optionalText = value { return true }
        return false
    }
}

/// Where a field's value lives in ``Action/Fields``: a text, a text that may be
/// absent, a list of texts, or a value of its own kind that code handles by name.
public enum ActionFieldValue {
    case text(WritableKeyPath<Action.Fields, String>)
    case optionalText(WritableKeyPath<Action.Fields, String?>)
    case texts(WritableKeyPath<Action.Fields, [String]>)
    /// A deadline, milestones, history: read and written by the code of its kind.
    case other

    /// The value as a list of texts (one text or none for a single text); empty for ``other``.
    public func texts(of fields: Action.Fields) -> [String] {
        switch self {
        case .text(let path): return [fields[keyPath: path]]
        case .optionalText(let path): return fields[keyPath: path].map { [$0] } ?? []
        case .texts(let path): return fields[keyPath: path]
        case .other: return []
        }
    }

    /// Sets the value from a list (a required text is left as it is by an empty list).
    public func set(_ values: [String], in fields: inout Action.Fields) {
        switch self {
        case .text(let path): if let first = values.first { fields[keyPath: path] = first }
        case .optionalText(let path): fields[keyPath: path] = values.first
        case .texts(let path): fields[keyPath: path] = values
        case .other: break
        }
    }
}

extension ActionField {
    /// The field's facts (see ``ActionFieldFacts``).
    public var facts: ActionFieldFacts { Self.declarations[self]! }

    private static let declarations: [ActionField: ActionFieldFacts] =
        Dictionary(uniqueKeysWithValues: allCases.map { ($0, declare($0)) })

    /// The one declaration of each field.
    private static func declare(_ field: ActionField) -> ActionFieldFacts {
        switch field {
        case .id:
            return ActionFieldFacts(
                value: .text(\.id), shown: .placed(nil), noun: "id", csvHeader: "ID",
                importHeaders: ["id", "no", "ref", "number", "action id", "action no", "ref no", "#", "action ref", "action number",
                                "reference", "action reference", "item", "item no", "id no", "action #", "action ref no", "no/ref"],
                searched: true)
        case .theme:
            return ActionFieldFacts(
                value: .text(\.theme), shown: .placed(nil), noun: "theme", csvHeader: "Theme",
                importHeaders: ["theme", "objective", "part", "theme id", "objective no", "workstream", "work stream", "priority area",
                                "area of focus", "domain", "category", "strand"], edit: .single)
        case .recommendations:
            return ActionFieldFacts(
                value: .texts(\.recommendations), shown: .placed("Answers"), noun: "recommendation",
                wording: ActionFieldFacts.ChangeWording(added: "linked", removed: "unlinked", quotesTexts: false),
                csvHeader: "Link", importName: "links",
                importHeaders: ["link", "links", "linked hmip recommendations", "linked recommendations", "recommendation",
                                "recommendations", "hmip recommendation", "hmip recommendations", "recommendation no",
                                "recommendation number", "rec", "rec no", "finding", "findings", "area for improvement",
                                "areas for improvement", "inspection recommendation", "inspection recommendations",
                                "inspection finding", "inspection findings", "priority for improvement", "priorities for improvement",
                                "hmi probation recommendation", "hmip recommendation(s)", "recommendation(s)", "linked recommendation",
                                "key finding", "key findings", "area for development", "areas for development", "issue",
                                "issue identified", "issues identified", "recommendation from inspection", "report recommendation"],
                edit: .list)
        case .otherLinks:
            // Exported and imported in the recommendations' column.
            return ActionFieldFacts(value: .texts(\.otherLinks), shown: .placed("Also linked to"), noun: "other link", edit: .list)
        case .text:
            return ActionFieldFacts(
                value: .text(\.text), shown: .placed(nil), noun: "text", csvHeader: "Action", importName: "action",
                importHeaders: ["action", "actions", "action text", "action required", "actions required", "what we will do",
                                "what will we do", "action to be taken", "actions to be taken", "planned action", "planned actions",
                                "action(s)", "actions(s)", "detail", "details", "action detail", "actions/detail", "action details",
                                "specific action", "specific actions", "key action", "key actions", "improvement action",
                                "improvement actions", "task", "tasks", "activity", "activities", "what needs to be done",
                                "what will be done", "how will we do it", "how we will do it", "action/task", "steps",
                                "action plan", "agreed action", "agreed actions", "proposed action", "proposed actions",
                                "response", "planned response", "our response"],
                edit: .single, editOption: ("text", "TEXT"), searched: true)
        case .subPoints:
            return ActionFieldFacts(
                value: .texts(\.subPoints), shown: .placed(nil), noun: "sub-point",
                importHeaders: ["sub-points", "sub points", "subpoints"], edit: .list, searched: true)
        case .impact:
            return ActionFieldFacts(
                value: .texts(\.impact), shown: .list("Anticipated impact"), noun: "impact",
                importHeaders: ["anticipated impact on the quality of practice", "anticipated impact", "impact"], edit: .list)
        case .outcomes:
            return ActionFieldFacts(
                value: .texts(\.outcomes), shown: .list("Outcomes for children and families"), noun: "outcomes",
                importHeaders: ["outcomes for children and families", "outcomes", "outcome", "desired outcome", "desired outcomes",
                                "intended outcome", "intended outcomes", "expected outcome", "expected outcomes",
                                "outcome for children", "outcomes for children", "outcomes for young people"], edit: .list)
        case .successMeasure:
            return ActionFieldFacts(
                value: .optionalText(\.successMeasure), shown: .line("Success looks like"), noun: "success measure",
                csvHeader: "What success will look like", importName: "success",
                importHeaders: ["what success will look like", "success measures", "success measure", "success criteria",
                                "measure of success", "measures of success", "how will we know", "how we will know",
                                "how will we know we have succeeded", "success indicators", "success indicator",
                                "what will success look like", "performance measure", "performance measures", "kpi", "kpis",
                                "how will we measure success", "measures", "measure"],
                edit: .single, editOption: ("success", "TEXT"), searched: true)
        case .evidence:
            return ActionFieldFacts(
                value: .optionalText(\.evidence), shown: .line("Evidence"), noun: "evidence", csvHeader: "Evidence",
                importHeaders: ["evidence", "evidence of impact", "evidence link", "evidence/link", "evidence of completion",
                                "evidence of progress", "evidence source", "sources of evidence", "source of evidence",
                                "evidence/outcome", "evidence required"],
                edit: .single, editOption: ("evidence", "TEXT"), searched: true)
        case .leads:
            return ActionFieldFacts(
                value: .texts(\.leads), shown: .placed("Leads"), noun: "lead", csvHeader: "Lead", importName: "lead",
                importHeaders: ["lead", "leads", "lead(s)", "by whom", "accountable person", "accountable persons",
                                "accountable person(s)", "owner", "responsible", "accountable", "responsible officer",
                                "responsible officer(s)", "lead officer", "lead officer(s)", "lead person", "responsible person",
                                "action owner", "who", "lead officer/agency", "lead agency", "lead officer/service", "lead/agency", "lead(s)/agency",
                                "owner(s)", "responsibility", "responsible lead", "responsible officer/agency", "person responsible",
                                "named lead", "lead manager", "accountable officer", "accountable lead", "lead responsible officer",
                                "who is responsible", "by who", "responsible agency", "responsible manager", "lead partner",
                                "lead organisation", "officer responsible", "senior responsible officer", "accountable manager"],
                searched: true)
        case .deadline:
            return ActionFieldFacts(
                value: .other, shown: .placed("Deadline"), noun: "deadline", csvHeader: "Deadline",
                importHeaders: ["deadline", "by when", "timescale", "timescales", "due", "due date", "target date", "completion date",
                                "target completion date", "when", "timeframe", "planned completion date", "target", "date", "deadline date",
                                "date due", "due by", "end date", "completion by", "to be completed by", "expected completion date",
                                "target completion", "completion", "timescale for completion", "target timescale", "time scale",
                                "timescales/deadline", "deadline/timescale", "target date for completion", "delivery date",
                                "time frame", "timeline", "date for completion", "review/completion date", "completion target"])
        case .deadlineText:
            return ActionFieldFacts(
                value: .optionalText(\.deadlineText), shown: .placed("As written"), noun: "deadline wording",
                csvHeader: "Deadline wording",
                importHeaders: ["deadline wording", "deadline as written"], edit: .single)
        case .afterDeadline:
            return ActionFieldFacts(value: .other, shown: .placed(nil), noun: "what follows the deadline")
        case .milestones:
            return ActionFieldFacts(
                value: .other, shown: .placed("Milestones"), noun: "milestone", csvHeader: "Milestones",
                importHeaders: ["milestones"])
        case .dashboardReference:
            return ActionFieldFacts(
                value: .optionalText(\.dashboardReference), shown: .line("Dashboard"), noun: "dashboard reference",
                importName: "dashboard",
                importHeaders: ["reference in performance dashboard", "dashboard reference", "performance dashboard"],
                edit: .single)
        case .history:
            return ActionFieldFacts(value: .other, shown: .placed("History"), noun: "history")
        }
    }
}
