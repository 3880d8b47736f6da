import Glibc
import PlanJSON

/// The plan file format, declared once.
///
/// Each object of the format (plan, inspection, RAG scheme and level, part,
/// theme, recommendation, action, milestone, history entry and its changes)
/// is an enum of its fields here: the case order is the order the writer
/// writes them in, and each field says its key, what kind of value it holds,
/// whether a plan file must have it and what to say when it is missing. This
/// is the only source file that spells the format's keys: the decoder
/// (``PlanFormat`` in `PlanFormat+Decoding.swift`), both scanners, the writer
/// (`PlanFormat+Encoding.swift`), the validator's JSON paths and the test that
/// compares `plans/plan.schema.json` key by key all read them from here, and
/// the compiler's exhaustive `switch`es make the reader and the writer handle
/// every field declared.
public enum PlanFormat {
    /// The format version this build reads and writes.
    public static let version = 1

    /// Whether a value may stand in a text field (``FieldKind/text``): it must
    /// not be empty or only whitespace. Both scanners read text by this rule,
    /// and the command line checks option values by it before writing.
    public static func isText(_ value: String) -> Bool { !JSONText.isBlank(value) }
}

/// What kind of value a field of the format holds, as `plan.schema.json` describes it.
public enum FieldKind: Equatable, Sendable {
    /// A string that is not blank (`$defs/text`).
    case text
    /// An array of such strings (`$defs/texts`).
    case texts
    /// A deadline: a day, a month, `ongoing` or `tbc` (`$defs/deadline`).
    case deadline
    /// A calendar day, YYYY-MM-DD (`$defs/day`).
    case day
    /// An array of days, in order.
    case days
    /// A day or a month (the inspection's date).
    case dayOrMonth
    /// One of the names of ``RAGColour``.
    case colour
    /// `true` or `false` (or, where the schema says so, only `true`).
    case flag
    /// The format version: a whole number equal to ``PlanFormat/version``.
    case formatVersion
    /// An object declared by another field enum, named by its `schemaPointer`.
    case object(String)
    /// An array of such objects.
    case objects(String)
}

/// The fields of one object of the plan format.
///
/// The enum's cases, in order, are the object's keys in the order the writer
/// writes them; `rawValue` is the key.
public protocol FormatField: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// The object, as messages name it ("an action").
    static var what: String { get }
    /// Where `plans/plan.schema.json` describes the object (a JSON pointer).
    static var schemaPointer: String { get }
    /// The keys, looked up by the scanners; built once per object kind.
    static var table: FieldTable<Self> { get }
    /// What the field holds.
    var kind: FieldKind { get }
    /// Whether a plan file must have the field.
    var isRequired: Bool { get }
    /// Said after `missing required field "key"` when a required field is missing.
    var missingHint: String { get }
    /// Whether a document missing this field, or with a value the decoder
    /// refuses, cannot be read as a plan at all (the diagnosing scanner then
    /// reports only that). Such fields are visited first.
    var isEssential: Bool { get }
}

extension FormatField {
    public var missingHint: String { "" }
    public var isEssential: Bool { false }
    /// The key as it stands in a plan file.
    public var key: String { rawValue }
    /// The object without its article ("action", "RAG level").
    public static var noun: String { String(what.split(separator: " ", maxSplits: 1).last ?? "") }
}

/// The keys of one object kind, for looking up a key where it lies in a file.
public struct FieldTable<Field: FormatField>: Sendable {
    /// The fields, in declared order.
    let fields: [Field]
    /// The keys' bytes, one after the other, and where each starts and ends.
    private let bytes: [UInt8]
    private let bounds: [Range<Int>]
    /// One bit per field (by declared position) that a plan file must have.
    let requiredMask: UInt64

    public init() {
        fields = Array(Field.allCases)
        precondition(fields.count <= 64, "a format object has at most 64 fields")
        var bytes: [UInt8] = []
        var bounds: [Range<Int>] = []
        var required: UInt64 = 0
        for (position, field) in fields.enumerated() {
            let start = bytes.count
            bytes.append(contentsOf: field.rawValue.utf8)
            bounds.append(start..<bytes.count)
            if field.isRequired { required |= 1 << UInt64(position) }
        }
        self.bytes = bytes
        self.bounds = bounds
        requiredMask = required
    }

    /// The field whose key is the `length` bytes at `start`, with its position, or `nil`.
    func field(at start: UnsafePointer<UInt8>, length: Int) -> (field: Field, position: Int)? {
        bytes.withUnsafeBufferPointer { keys in
            for position in bounds.indices {
                let range = bounds[position]
                if range.count == length, memcmp(keys.baseAddress! + range.lowerBound, start, length) == 0 {
                    return (fields[position], position)
                }
            }
            return nil
        }
    }

    /// The field with this key, or `nil`.
    func field(named key: String) -> (field: Field, position: Int)? {
        var key = key
        return key.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return nil }
            return field(at: base, length: buffer.count)
        }
    }

    /// The keys, in declared order.
    var keys: [String] { fields.map(\.rawValue) }
}

// MARK: The objects of the format

/// A plan file's top-level object.
public enum PlanField: String, FormatField {
    case schema = "$schema"
    case formatVersion, id, title, organisation, inspection, source, ragScheme, boardMeetings, parts, themes
    case recommendations, actions

    public static let what = "a plan"
    public static let schemaPointer = "#"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind {
        switch self {
        case .schema, .id, .title, .organisation, .source: return .text
        case .formatVersion: return .formatVersion
        case .inspection: return .object(InspectionField.schemaPointer)
        case .ragScheme: return .object(RAGSchemeField.schemaPointer)
        case .boardMeetings: return .days
        case .parts: return .objects(PartField.schemaPointer)
        case .themes: return .objects(ThemeField.schemaPointer)
        case .recommendations: return .objects(RecommendationField.schemaPointer)
        case .actions: return .objects(ActionField.schemaPointer)
        }
    }

    public var isRequired: Bool {
        switch self {
        case .formatVersion, .id, .title, .organisation, .inspection, .themes, .recommendations, .actions: return true
        case .schema, .source, .ragScheme, .boardMeetings, .parts: return false
        }
    }

    public var missingHint: String {
        switch self {
        case .formatVersion: return "; add \"formatVersion\": \(PlanFormat.version)"
        case .inspection: return " (inspectorate, date and rating)"
        case .themes, .recommendations, .actions: return " (an array, possibly empty)"
        default: return ""
        }
    }

    public var isEssential: Bool { self == .formatVersion }
}

/// The inspection a plan answers.
public enum InspectionField: String, FormatField {
    case inspectorate, date, rating

    public static let what = "the inspection"
    public static let schemaPointer = "#/properties/inspection"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind { self == .date ? .dayOrMonth : .text }
    public var isRequired: Bool { self != .rating }
}

/// A plan's own RAG scheme.
public enum RAGSchemeField: String, FormatField {
    case levels

    public static let what = "a RAG scheme"
    public static let schemaPointer = "#/properties/ragScheme"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind { .objects(RAGLevelField.schemaPointer) }
    public var isRequired: Bool { true }
    public var missingHint: String { " (an array of at least one level)" }
}

/// One level of a RAG scheme.
public enum RAGLevelField: String, FormatField {
    case code, label, meaning, colour, complete, notYetDue

    public static let what = "a RAG level"
    public static let schemaPointer = "#/$defs/ragLevel"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind {
        switch self {
        case .code, .label, .meaning: return .text
        case .colour: return .colour
        case .complete, .notYetDue: return .flag
        }
    }

    public var isRequired: Bool { self == .code || self == .label || self == .colour }
}

/// A part of a plan (Part A, Part B).
public enum PartField: String, FormatField {
    case id, title

    public static let what = "a part"
    public static let schemaPointer = "#/properties/parts/items"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind { .text }
    public var isRequired: Bool { true }
}

/// A theme (objective, priority) grouping actions.
public enum ThemeField: String, FormatField {
    case id, title, part, lead, members, targetDate, recommendations, performanceIndicators

    public static let what = "a theme"
    public static let schemaPointer = "#/$defs/theme"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind {
        switch self {
        case .id, .title, .part, .lead, .performanceIndicators: return .text
        case .members, .recommendations: return .texts
        case .targetDate: return .deadline
        }
    }

    public var isRequired: Bool { self == .id || self == .title }
}

/// A recommendation of the inspection.
public enum RecommendationField: String, FormatField {
    case id, text, addressedTo, plannedResponse, planReference

    public static let what = "a recommendation"
    public static let schemaPointer = "#/$defs/recommendation"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind { .text }
    public var isRequired: Bool { self == .id || self == .text }
}

/// An action of the plan.
public enum ActionField: String, FormatField {
    case id, theme, recommendations, otherLinks, text, subPoints, impact, outcomes, successMeasure, evidence, leads
    case deadline, deadlineText, afterDeadline, milestones, dashboardReference, history

    public static let what = "an action"
    public static let schemaPointer = "#/$defs/action"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind {
        switch self {
        case .id, .theme, .text, .successMeasure, .evidence, .deadlineText, .afterDeadline, .dashboardReference: return .text
        case .recommendations, .otherLinks, .subPoints, .impact, .outcomes, .leads: return .texts
        case .deadline: return .deadline
        case .milestones: return .objects(MilestoneField.schemaPointer)
        case .history: return .objects(HistoryEntryField.schemaPointer)
        }
    }

    public var isRequired: Bool { self == .id || self == .theme || self == .text }
}

/// A dated milestone of an action.
public enum MilestoneField: String, FormatField {
    case title, deadline, deadlineText, completed

    public static let what = "a milestone"
    public static let schemaPointer = "#/$defs/milestone"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind {
        switch self {
        case .title, .deadlineText: return .text
        case .deadline: return .deadline
        case .completed: return .day
        }
    }

    public var isRequired: Bool { self == .title }
}

/// One entry of an action's history: a status, a comment, or a change.
///
/// Plan files list history newest first; the model keeps it oldest first.
/// The decoder and the writer turn it round (``PlanFormat/historyFromFile(_:)``).
public enum HistoryEntryField: String, FormatField {
    case date, status, by, comment, deadline, milestone, leads, edit, withdrawn, reinstated

    public static let what = "a history entry"
    public static let schemaPointer = "#/$defs/statusChange"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind {
        switch self {
        case .date: return .day
        case .status, .by, .comment: return .text
        case .deadline: return .object(DeadlineChangeField.schemaPointer)
        case .milestone: return .object(MilestoneChangeField.schemaPointer)
        case .leads: return .object(LeadChangeField.schemaPointer)
        case .edit: return .object(TextEditField.schemaPointer)
        case .withdrawn, .reinstated: return .flag
        }
    }

    public var isRequired: Bool { self == .date }
    public var missingHint: String { self == .date ? " (YYYY-MM-DD)" : "" }

    /// Whether the field records something; an entry needs at least one such field.
    public var records: Bool { self != .date && self != .by }

    /// Whether the field holds a plain string (or the date): an entry of only
    /// such fields shows a status or a note, and can be passed over on its
    /// bytes when a command reads only a day's position (``PlainEntryScan``).
    public var isPlain: Bool { kind == .text || kind == .day }
}

/// A revised deadline recorded in a history entry.
public enum DeadlineChangeField: String, FormatField {
    case from, to, reason

    public static let what = "a deadline change"
    public static let schemaPointer = "#/$defs/statusChange/properties/deadline"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind { self == .reason ? .text : .deadline }
    public var isRequired: Bool { self != .from }
    public var missingHint: String { self == .to ? " (the new deadline)" : "" }
}

/// A change to a milestone, recorded in a history entry: completed (with
/// the day it had been done on, when the change moved that day) or
/// reopened, added, removed (with the milestone as it was), renamed (with
/// the old title) or re-dated (with the old date and the reason).
public enum MilestoneChangeField: String, FormatField {
    case title, completed, completedBefore, reopened, added, removed, renamedFrom, deadline

    public static let what = "a milestone change"
    public static let schemaPointer = "#/$defs/statusChange/properties/milestone"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind {
        switch self {
        case .title, .renamedFrom: return .text
        case .completed, .completedBefore: return .day
        case .reopened, .added: return .flag
        case .removed: return .object(MilestoneField.schemaPointer)
        // The same fields as an action's new deadline.
        case .deadline: return .object(DeadlineChangeField.schemaPointer)
        }
    }

    public var isRequired: Bool { self == .title }
}

/// A correction of one of an action's texts, recorded in a history entry.
public enum TextEditField: String, FormatField {
    case field, from, to

    public static let what = "a text edit"
    public static let schemaPointer = "#/$defs/statusChange/properties/edit"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind { self == .field ? .text : .texts }
    public var isRequired: Bool { self != .from }
    public var missingHint: String {
        switch self {
        case .field: return " (the action's field that was edited)"
        case .to: return " (the new text, as a list; [] when it was removed)"
        case .from: return ""
        }
    }
}

/// A change of an action's leads, recorded in a history entry.
public enum LeadChangeField: String, FormatField {
    case from, to

    public static let what = "a change of leads"
    public static let schemaPointer = "#/$defs/statusChange/properties/leads"
    public static let table = FieldTable<Self>()

    public var kind: FieldKind { .texts }
    public var isRequired: Bool { self == .to }
    public var missingHint: String { self == .to ? " (the new leads)" : "" }
}

/// Every object kind of the format, for tests and tools that walk the whole declaration.
public enum FormatObjects {
    /// Each object kind's schema pointer, what it is, its keys in order and its required keys.
    public static let all: [(pointer: String, what: String, keys: [String], required: [String], kinds: [FieldKind])] = [
        describe(PlanField.self), describe(InspectionField.self), describe(RAGSchemeField.self),
        describe(RAGLevelField.self), describe(PartField.self), describe(ThemeField.self),
        describe(RecommendationField.self), describe(ActionField.self), describe(MilestoneField.self),
        describe(HistoryEntryField.self), describe(DeadlineChangeField.self), describe(MilestoneChangeField.self),
        describe(LeadChangeField.self), describe(TextEditField.self),
    ]

    private static func describe<F: FormatField>(_ type: F.Type)
        -> (pointer: String, what: String, keys: [String], required: [String], kinds: [FieldKind])
    {
        (F.schemaPointer, F.what, F.allCases.map(\.rawValue), F.allCases.filter(\.isRequired).map(\.rawValue),
         F.allCases.map(\.kind))
    }
}

/// A JSON path into a plan file (`actions[12].history[0].status`, indices
/// from 0), built from the declared fields so that messages name keys as the
/// file spells them.
public struct FormatPath: CustomStringConvertible, Sendable {
    public private(set) var description: String

    /// A top-level field of the plan.
    public init(_ field: PlanField) { description = field.key }

    /// The same path, then a field of the object it leads to.
    public func then<Field: FormatField>(_ field: Field) -> FormatPath {
        var path = self
        path.description += ".\(field.key)"
        return path
    }

    /// The same path, then an element of the array it leads to.
    public subscript(index: Int) -> FormatPath {
        var path = self
        path.description += "[\(index)]"
        return path
    }

    /// The path of an action's history entry: `position` counts in the model's
    /// order (oldest first), the path in the file's (see ``PlanFormat/historyFromFile(_:)``).
    public func historyEntry(_ position: Int, of count: Int) -> FormatPath {
        then(ActionField.history)[count - 1 - position]
    }
}
