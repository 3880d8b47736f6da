import PlanJSON

/// Walks a parsed JSON document for the plan decoder, recording every problem
/// with its JSON path (`actions[12].deadline`, indices from 0) and, when the
/// parser noted them, the line and column of the value at fault, and carrying
/// on, so that one run reports them all.
///
/// It is the slow path: the loader uses it when the ``StrictScanner`` stops,
/// and for entries kept as JSON (the undo journal's). A value that is not what
/// the format wants is recorded and read as `nil`.
struct DiagnosingScanner {
    /// One step of a JSON path.
    fileprivate enum Step {
        case key(String)
        case index(Int)
        /// Where a value read on its own stands in its plan file (`actions[3]`).
        case place(String)
    }

    let file: String
    private(set) var problems: [PlanProblem] = []
    /// The value being read.
    private var value: JSONValue
    /// Where it is; made into text only when a problem is recorded.
    fileprivate var steps: [Step] = []
    /// Where each value starts in the file, when known.
    private let positions: JSONPositions?
    /// The value being read, as `positions` numbers it.
    private var node: JSONPositions.Node = 0
    /// Where in the file each problem's value starts, when known.
    private var problemOffsets: [Int?] = []
    /// The members found for each declared field of the objects being read, innermost last.
    private var slots: [(value: JSONValue, node: JSONPositions.Node?)?] = []

    init(file: String, root: JSONValue, positions: JSONPositions? = nil) {
        self.file = file
        value = root
        self.positions = positions
        node = positions?.root ?? 0
    }

    /// Decodes a whole plan, or `nil` when the document is too broken to give
    /// one (the problems say why).
    ///
    /// When only some top-level fields are wrong, the plan is still returned,
    /// with empty placeholders for them, so that its actions can be validated
    /// too; the recorded problems make sure such a plan is never used.
    static func plan(_ root: JSONValue, positions: JSONPositions?, file: String) -> (plan: Plan?, problems: [PlanProblem]) {
        var scanner = DiagnosingScanner(file: file, root: root, positions: positions)
        let plan = try? PlanFormat.plan(&scanner)
        return (plan ?? nil, scanner.placedProblems)
    }

    /// Decodes a RAG scheme file: the object a plan's `ragScheme` holds.
    static func scheme(_ root: JSONValue, positions: JSONPositions?, file: String) -> (scheme: RAGScheme?, problems: [PlanProblem]) {
        var scanner = DiagnosingScanner(file: file, root: root, positions: positions)
        let scheme = try? PlanFormat.ragScheme(&scanner)
        return (scheme ?? nil, scanner.placedProblems)
    }

    /// Decodes one object of the format kept as JSON (the undo journal's
    /// entries, which improve wrote itself).
    static func decode<T>(_ value: JSONValue, with read: (inout DiagnosingScanner) throws(ScanStop) -> T?) -> T? {
        var scanner = DiagnosingScanner(file: "", root: value)
        return (try? read(&scanner)) ?? nil
    }

    /// The JSON path of the value being read, with `key` after it.
    private func path(then key: String? = nil) -> String {
        var text = ""
        for step in steps {
            switch step {
            case .key(let name): text += text.isEmpty ? name : ".\(name)"
            case .index(let index): text += "[\(index)]"
            case .place(let path): text += path
            }
        }
        if let key {
            let shown = key.count <= 60 ? key : "\(key.prefix(60))…"
            text += text.isEmpty ? shown : ".\(shown)"
        }
        return text
    }

    /// Records a problem with the value being read (or, with `key`, with its member `at`).
    private mutating func record(_ message: String, then key: String? = nil, at member: JSONPositions.Node? = nil) {
        problems.append(PlanProblem(.error, file: file, path: path(then: key), message: message))
        problemOffsets.append(positions?.offset(of: member ?? node))
    }

    /// The problems, with the lines and columns of the values they are about.
    private var placedProblems: [PlanProblem] {
        guard let positions else { return problems }
        let places = positions.linesAndColumns(of: problemOffsets.map { $0 ?? 0 })
        var placed = problems
        for index in placed.indices where problemOffsets[index] != nil {
            (placed[index].line, placed[index].column) = places[index]
        }
        return placed
    }


    /// Reads `inner` with `read`, then comes back to the current value.
    private mutating func visit<T>(_ inner: JSONValue, node innerNode: JSONPositions.Node?, at step: Step,
                                   _ read: (inout DiagnosingScanner) throws(ScanStop) -> T) throws(ScanStop) -> T {
        let (outer, outerNode) = (value, node)
        value = inner
        if let innerNode { node = innerNode }
        steps.append(step)
        defer {
            steps.removeLast()
            value = outer
            node = outerNode
        }
        return try read(&self)
    }
}

extension DiagnosingScanner: PlanScanner {
    @discardableResult
    mutating func object<Field: FormatField>(_ kind: Field.Type,
                                             _ member: (inout DiagnosingScanner, Field) throws(ScanStop) -> Void) throws(ScanStop) -> Bool {
        guard case .object(let members) = value else {
            record("expected \(Field.what) (a JSON object), found \(value.typeName)")
            return false
        }
        let table = Field.table
        // The members found for each declared field: a region of one buffer
        // for the whole document instead of an allocation per object.
        let base = slots.count
        slots.append(contentsOf: repeatElement(nil, count: table.fields.count))
        defer { slots.removeSubrange(base...) }
        var unknownKeys: Set<String> = []
        var memberNode = positions?.firstChild(of: node)
        for member in members {
            defer { memberNode = memberNode.map { positions!.nextSibling(of: $0) } }
            let known = table.field(named: member.key)
            if let known, slots[base + known.position] != nil {
                record("duplicate key \(CalendarDate.quoted(member.key)); keep only one", then: member.key, at: memberNode)
                continue
            }
            guard let (_, position) = known else {
                if unknownKeys.contains(member.key) {
                    record("duplicate key \(CalendarDate.quoted(member.key)); keep only one", then: member.key, at: memberNode)
                    continue
                }
                unknownKeys.insert(member.key)
                var message = "unknown key \(CalendarDate.quoted(member.key)) in \(Field.what)"
                if member.key.utf8.count <= 64, let near = EditDistance.closest(to: member.key, among: table.keys) {
                    message += "; did you mean \"\(near)\"?"
                } else {
                    message += "; allowed keys are \(table.keys.joined(separator: ", "))"
                }
                record(message, then: member.key, at: memberNode)
                continue
            }
            slots[base + position] = (member.value, memberNode)
        }
        // Fields without which there is no plan come first, so that only they are reported.
        for essential in [true, false] {
            for (position, field) in table.fields.enumerated() where field.isEssential == essential {
                if let inner = slots[base + position] {
                    try visit(inner.value, node: inner.node, at: .key(field.key)) { scanner throws(ScanStop) in
                        try member(&scanner, field)
                    }
                } else if field.isRequired {
                    record("missing required field \"\(field.key)\"\(field.missingHint)")
                    if essential { throw ScanStop() }
                }
            }
        }
        return true
    }

    mutating func array<T>(_ element: (inout DiagnosingScanner) throws(ScanStop) -> T?) throws(ScanStop) -> [T]? {
        guard case .array(let items) = value else {
            record("expected an array, found \(value.typeName)")
            return nil
        }
        var values: [T] = []
        values.reserveCapacity(items.count)
        var itemNode = positions?.firstChild(of: node)
        for (index, item) in items.enumerated() {
            if let decoded = try visit(item, node: itemNode, at: .index(index), element) { values.append(decoded) }
            itemNode = itemNode.map { positions!.nextSibling(of: $0) }
        }
        return values
    }

    mutating func isEmptyArray() -> Bool {
        if case .array(let items) = value { return items.isEmpty }
        return false
    }

    mutating func text() throws(ScanStop) -> String? {
        guard case .string(let text) = value else {
            record("expected a string, found \(value.typeName)")
            return nil
        }
        if !PlanFormat.isText(text) {
            record("must not be empty")
            return nil
        }
        return text
    }

    mutating func deadline() throws(ScanStop) -> Deadline? {
        guard case .string(let text) = value else {
            record("expected a deadline string such as \"2019-02\", found \(value.typeName)")
            return nil
        }
        guard let deadline = Deadline(planText: text) else {
            record("\(CalendarDate.whyNotADate(text)); write a day (2019-03-31), a month (2019-02), \"ongoing\" or \"tbc\"")
            return nil
        }
        guard deadline.isPlausible else {
            record(CalendarDate.implausible(CalendarDate.quoted(text)))
            return nil
        }
        return deadline
    }

    mutating func day() throws(ScanStop) -> CalendarDate? {
        guard case .string(let text) = value else {
            record("expected a date string such as \"2019-04-02\", found \(value.typeName)")
            return nil
        }
        guard let date = CalendarDate(iso: text) else {
            record("\(CalendarDate.whyNotADate(text)); write a day as YYYY-MM-DD")
            return nil
        }
        guard date.isPlausible else {
            record(CalendarDate.implausible(CalendarDate.quoted(text)))
            return nil
        }
        return date
    }

    mutating func dayOrMonth() throws(ScanStop) -> PlanDate? {
        guard let text = try text() else { return nil }
        guard let date = PlanDate(iso: text) else {
            record("\(CalendarDate.quoted(text)) is not a date; write YYYY-MM-DD or YYYY-MM (for example 2018-10)")
            return nil
        }
        guard date.isPlausible else {
            record(CalendarDate.implausible(CalendarDate.quoted(text)))
            return nil
        }
        return date
    }

    mutating func colour() throws(ScanStop) -> RAGColour? {
        guard let name = try text() else { return nil }
        guard let colour = RAGColour(rawValue: name) else {
            record("unknown colour \(CalendarDate.quoted(name)); use one of \(RAGColour.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return colour
    }

    mutating func flag() throws(ScanStop) -> Bool? {
        guard case .bool(let flag) = value else {
            record("expected true or false, found \(value.typeName)")
            return nil
        }
        return flag
    }

    mutating func integer(hint: String) throws(ScanStop) -> Int? {
        guard case .number(let text) = value, let number = Int(text) else {
            record("expected a whole number, found \(value.typeName)\(hint)")
            return nil
        }
        return number
    }

    mutating func broken(_ message: @autoclosure () -> String) throws(ScanStop) {
        record(message())
    }

    mutating func abandon(_ message: @autoclosure () -> String) throws(ScanStop) -> Never {
        record(message())
        throw ScanStop()
    }

    mutating func history(_ entry: (inout DiagnosingScanner) throws(ScanStop) -> StatusChange?) throws(ScanStop) -> [StatusChange] {
        try array(entry) ?? []
    }

    mutating func entry<T>(recordedIn list: WritableKeyPath<PlanLayout, [Range<Int>]>,
                           _ read: (inout DiagnosingScanner) throws(ScanStop) -> T?) throws(ScanStop) -> T? {
        try read(&self)
    }
}

extension PlanFormat {
    /// An action kept as JSON by improve itself (the undo journal), or `nil`.
    package static func decodeAction(_ value: JSONValue) -> Action? { DiagnosingScanner.decode(value, with: action) }
    /// A recommendation kept as JSON by improve itself, or `nil`.
    package static func decodeRecommendation(_ value: JSONValue) -> Recommendation? {
        DiagnosingScanner.decode(value, with: recommendation)
    }
    /// A theme kept as JSON by improve itself, or `nil`.
    package static func decodeTheme(_ value: JSONValue) -> Theme? { DiagnosingScanner.decode(value, with: theme) }
}

extension PlanFormat {
    /// The problems the plan's reader would find in a plan about to be
    /// written: the rules a plan is read with, checked before writing, so that
    /// no command writes a plan that `validate` refuses.
    ///
    /// Only what differs from `original` is checked (a change to one action
    /// checks that action); without `original`, or when anything outside the
    /// lists changed, the whole plan is.
    package static func problemsWriting(_ plan: Plan, over original: Plan?, file: String) -> [PlanProblem] {
        var outside = plan
        if let original {
            (outside.themes, outside.recommendations, outside.actions) = (original.themes, original.recommendations, original.actions)
        }
        guard let original, outside == original else {
            return DiagnosingScanner.plan(plan.jsonValue(), positions: nil, file: file).problems
        }
        var problems: [PlanProblem] = []
        func check<Entry: Equatable>(_ before: [Entry], _ after: [Entry], _ list: PlanField,
                                     json: (Entry) -> JSONValue,
                                     read: (inout DiagnosingScanner) throws(ScanStop) -> Entry?) {
            for (index, entry) in after.enumerated() where index >= before.count || before[index] != entry {
                var scanner = DiagnosingScanner(file: file, root: json(entry))
                scanner.steps = [.place(FormatPath(list)[index].description)]
                _ = try? read(&scanner)
                problems += scanner.problems
            }
        }
        check(original.themes, plan.themes, .themes, json: \.jsonValue, read: theme)
        check(original.recommendations, plan.recommendations, .recommendations, json: \.jsonValue, read: recommendation)
        check(original.actions, plan.actions, .actions, json: \.jsonValue, read: action)
        return problems
    }
}
