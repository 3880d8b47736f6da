/// The one plan decoder, over either scanner (see ``PlanScanner``).
///
/// Each function reads one object of the format with a `switch` over its
/// declared fields, so that a field added to the declaration does not compile
/// until it is read. Required fields, unknown and repeated keys are checked by
/// the scanner from the declaration; the rules here are the ones between
/// fields (an entry needs something to record, a milestone change is either
/// completed or reopened). Under the strict scanner a sub-object never answers
/// `nil`; under the diagnosing one, `nil` means the problems are recorded.
extension PlanFormat {
    static func plan<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> Plan? {
        var schema: String?, id: String?, title: String?, organisation: String?, inspection: Inspection?
        var source: String?, scheme: RAGScheme?, schemeUnreadable = false, boardMeetings: [CalendarDate] = []
        var parts: [Part] = [], themes: [Theme] = [], recommendations: [Recommendation] = [], actions: [Action] = []
        let isObject = try scanner.object(PlanField.self) { scanner, field throws(ScanStop) in
            switch field {
            case .schema: schema = try scanner.text()
            case .formatVersion:
                guard let number = try scanner.integer(hint: "; write \"\(field.key)\": \(version)") else { throw ScanStop() }
                if number != version {
                    try scanner.abandon("unknown \(field.key) \(number); this version of improve reads \(field.key) \(version)")
                }
            case .id: id = try scanner.text()
            case .title: title = try scanner.text()
            case .organisation: organisation = try scanner.text()
            case .inspection: inspection = try Self.inspection(&scanner)
            case .source: source = try scanner.text()
            case .ragScheme:
                scheme = try ragScheme(&scanner)
                schemeUnreadable = scheme == nil
            case .boardMeetings: boardMeetings = try scanner.array { scanner throws(ScanStop) in try scanner.day() } ?? []
            case .parts: parts = try scanner.array { scanner throws(ScanStop) in try part(&scanner) } ?? []
            case .themes:
                themes = try scanner.array { scanner throws(ScanStop) in
                    try scanner.entry(recordedIn: \.themes) { scanner throws(ScanStop) in try theme(&scanner) }
                } ?? []
            case .recommendations:
                recommendations = try scanner.array { scanner throws(ScanStop) in
                    try scanner.entry(recordedIn: \.recommendations) { scanner throws(ScanStop) in try recommendation(&scanner) }
                } ?? []
            case .actions:
                actions = try scanner.array { scanner throws(ScanStop) in
                    try scanner.entry(recordedIn: \.actions) { scanner throws(ScanStop) in try action(&scanner) }
                } ?? []
            }
        }
        // A plan whose scheme could not be read cannot have its statuses checked;
        // otherwise carry on with placeholders so that validation reports the rest
        // (the recorded problems make sure such a plan is never used).
        guard isObject, !schemeUnreadable else { return nil }
        let placeholder = Inspection(inspectorate: "", date: .month(CalendarMonth(year: 1, month: 1)!))
        var plan = Plan(id: id ?? "", title: title ?? "", organisation: organisation ?? "",
                        inspection: inspection ?? placeholder, source: source, ragScheme: scheme,
                        boardMeetings: boardMeetings, parts: parts, themes: themes,
                        recommendations: recommendations, actions: actions)
        plan.schemaLocation = schema
        return plan
    }

    static func inspection<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> Inspection? {
        var inspectorate: String?, date: PlanDate?, rating: String?
        try scanner.object(InspectionField.self) { scanner, field throws(ScanStop) in
            switch field {
            case .inspectorate: inspectorate = try scanner.text()
            case .date: date = try scanner.dayOrMonth()
            case .rating: rating = try scanner.text()
            }
        }
        guard let inspectorate, let date else { return nil }
        return Inspection(inspectorate: inspectorate, date: date, rating: rating)
    }

    static func ragScheme<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> RAGScheme? {
        var levels: [RAGLevel]?
        guard try scanner.object(RAGSchemeField.self, { scanner, field throws(ScanStop) in
            switch field {
            case .levels:
                let empty = scanner.isEmptyArray()
                levels = try scanner.array { scanner throws(ScanStop) in try ragLevel(&scanner) }
                if empty { try scanner.broken("a RAG scheme needs at least one level") }
            }
        }) else { return nil }
        return RAGScheme(levels: levels ?? [])
    }

    static func ragLevel<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> RAGLevel? {
        var code: String?, label: String?, meaning: String?, colour: RAGColour?, complete = false, notYetDue = false
        try scanner.object(RAGLevelField.self) { scanner, field throws(ScanStop) in
            switch field {
            case .code: code = try scanner.text()
            case .label: label = try scanner.text()
            case .meaning: meaning = try scanner.text()
            case .colour: colour = try scanner.colour()
            case .complete: complete = try scanner.flag() ?? false
            case .notYetDue: notYetDue = try scanner.flag() ?? false
            }
        }
        guard let code, let label, let colour else { return nil }
        return RAGLevel(code: code, label: label, meaning: meaning ?? label, colour: colour,
                        isComplete: complete, isNotYetDue: notYetDue)
    }

    static func part<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> Part? {
        var id: String?, title: String?
        try scanner.object(PartField.self) { scanner, field throws(ScanStop) in
            switch field {
            case .id: id = try scanner.text()
            case .title: title = try scanner.text()
            }
        }
        guard let id, let title else { return nil }
        return Part(id: id, title: title)
    }

    static func theme<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> Theme? {
        var id: String?, title: String?
        var theme = Theme(id: "", title: "")
        try scanner.object(ThemeField.self) { scanner, field throws(ScanStop) in
            switch field {
            case .id: id = try scanner.text()
            case .title: title = try scanner.text()
            case .part: theme.part = try scanner.text()
            case .lead: theme.lead = try scanner.text()
            case .members: theme.members = try scanner.texts() ?? []
            case .targetDate: theme.targetDate = try scanner.deadline()
            case .recommendations: theme.recommendations = try scanner.texts() ?? []
            case .performanceIndicators: theme.performanceIndicators = try scanner.text()
            }
        }
        guard let id, let title else { return nil }
        theme.id = id
        theme.title = title
        return theme
    }

    static func recommendation<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> Recommendation? {
        var id: String?, text: String?
        var recommendation = Recommendation(id: "", text: "")
        try scanner.object(RecommendationField.self) { scanner, field throws(ScanStop) in
            switch field {
            case .id: id = try scanner.text()
            case .text: text = try scanner.text()
            case .addressedTo: recommendation.addressedTo = try scanner.text()
            case .plannedResponse: recommendation.plannedResponse = try scanner.text()
            case .planReference: recommendation.planReference = try scanner.text()
            }
        }
        guard let id, let text else { return nil }
        recommendation.id = id
        recommendation.text = text
        return recommendation
    }

    static func action<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> Action? {
        var id: String?, theme: String?, text: String?
        var action = Action(id: "", theme: "", text: "")
        try scanner.object(ActionField.self) { scanner, field throws(ScanStop) in
            switch field {
            case .id: id = try scanner.text()
            case .theme: theme = try scanner.text()
            case .text: text = try scanner.text()
            case .leads: action.leads = try scanner.texts() ?? []
            case .deadline: action.deadline = try scanner.deadline()
            case .afterDeadline:
                guard let text = try scanner.text() else { break }
                if let after = AfterDeadline(text) {
                    action.afterDeadline = after
                } else {
                    try scanner.broken("\(CalendarDate.quoted(text)) is not what follows a deadline; write \"ongoing\", \"every month\" or \"every N months\" with N from 2 to \(AfterDeadline.longestPeriod)")
                }
            case .milestones:
                action.milestones = try scanner.array { scanner throws(ScanStop) in try milestone(&scanner) } ?? []
            case .history:
                action.history = historyFromFile(try scanner.history { scanner throws(ScanStop) in try historyEntry(&scanner) })
            default:
                // The texts and lists of texts, read alike through their declaration.
                switch field.facts.value {
                case .optionalText(let path): action.fields[keyPath: path] = try scanner.text()
                case .texts(let path): action.fields[keyPath: path] = try scanner.texts() ?? []
                case .text, .other: preconditionFailure("action field \(field.key) has no reader")
                }
            }
        }
        guard let id, let theme, let text else { return nil }
        action.id = id
        action.theme = theme
        action.text = text
        // Ongoing work and reviews follow a date: the action's own, as a day or a month.
        if let after = action.afterDeadline, action.deadline?.lastDay == nil {
            try scanner.broken("action \(id): \"\(after)\" follows a dated deadline, and its \(ActionField.deadline.key) is "
                + (action.deadline.map { "\"\($0)\"" } ?? "not given")
                + "; give a month or a day, or remove \(ActionField.afterDeadline.key)")
        }
        return action
    }

    static func milestone<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> Milestone? {
        var title: String?
        var milestone = Milestone(title: "")
        try scanner.object(MilestoneField.self) { scanner, field throws(ScanStop) in
            switch field {
            case .title: title = try scanner.text()
            case .deadline: milestone.deadline = try scanner.deadline()
            case .deadlineText: milestone.deadlineText = try scanner.text()
            case .completed: milestone.completed = try scanner.day()
            }
        }
        guard let title else { return nil }
        milestone.title = title
        return milestone
    }

    static func historyEntry<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> StatusChange? {
        var date: CalendarDate?, recordsSomething = false, withdrawn: Bool?, reinstated: Bool?
        var entry = StatusChange(date: CalendarDate(dayNumber: 0))
        guard try scanner.object(HistoryEntryField.self, { scanner, field throws(ScanStop) in
            if field.records { recordsSomething = true }
            switch field {
            case .date: date = try scanner.day()
            case .status: entry.status = try scanner.text()
            case .by: entry.by = try scanner.text()
            case .comment: entry.comment = try scanner.text()
            case .deadline: entry.deadlineChange = try deadlineChange(&scanner)
            case .milestone: entry.milestoneChange = try milestoneChange(&scanner)
            case .leads: entry.leadChange = try leadChange(&scanner)
            case .edit: entry.textEdit = try textEdit(&scanner)
            case .withdrawn: withdrawn = try scanner.flag()
            case .reinstated: reinstated = try scanner.flag()
            }
        }) else { return nil }
        if !recordsSomething {
            let records = HistoryEntryField.allCases.filter(\.records).map { "\"\($0.key)\"" }
            try scanner.broken("a history entry needs a \(records[0]), a \(records[1]), or a change (\(records[2...].joined(separator: ", ")))")
        }
        if withdrawn == false || reinstated == false || (withdrawn == true && reinstated == true) {
            try scanner.broken("a history entry has \"\(HistoryEntryField.withdrawn.key)\": true or \"\(HistoryEntryField.reinstated.key)\": true, not both, and never false")
        }
        entry.withdrawal = withdrawn == true ? .withdrawn : reinstated == true ? .reinstated : nil
        if entry.withdrawal == .withdrawn, entry.comment == nil {
            try scanner.broken("a withdrawn entry needs a \"\(HistoryEntryField.comment.key)\" saying why the action was withdrawn")
        }
        guard let date else { return nil }
        entry.date = date
        return entry
    }

    static func deadlineChange<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> DeadlineChange? {
        var from: Deadline?, to: Deadline?, reason: String?
        try scanner.object(DeadlineChangeField.self) { scanner, field throws(ScanStop) in
            switch field {
            case .from: from = try scanner.deadline()
            case .to: to = try scanner.deadline()
            case .reason: reason = try scanner.text()
            }
        }
        guard let to, let reason else { return nil }
        return DeadlineChange(from: from, to: to, reason: reason)
    }

    static func milestoneChange<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> MilestoneChange? {
        var title: String?, change = MilestoneChange(title: "")
        // What the change did: exactly one of completed, reopened, added, removed, or a rename and/or a new date.
        var kinds = 0, edits = 0
        guard try scanner.object(MilestoneChangeField.self, { scanner, field throws(ScanStop) in
            switch field {
            case .title: title = try scanner.text()
            case .completed:
                kinds += 1
                change.completed = try scanner.day()
            case .completedBefore:
                change.completedBefore = try scanner.day()
            case .reopened:
                kinds += 1
                change.reopened = try scanner.flag() ?? false
                if !change.reopened { kinds += 1 }
            case .added:
                kinds += 1
                change.added = try scanner.flag() ?? false
                if !change.added { kinds += 1 }
            case .removed:
                kinds += 1
                change.removed = try milestone(&scanner)
            case .renamedFrom:
                edits = 1
                change.renamedFrom = try scanner.text()
            case .deadline:
                edits = 1
                change.deadlineChange = try deadlineChange(&scanner)
            }
        }) else { return nil }
        if kinds + edits != 1 {
            let key = { (field: MilestoneChangeField) in "\"\(field.key)\"" }
            try scanner.broken("a milestone change says one thing that happened: \(key(.completed)): DATE, \(key(.reopened)): true, "
                + "\(key(.added)): true, \(key(.removed)): {the milestone}, or \(key(.renamedFrom)): TITLE and/or \(key(.deadline)): {…}")
        }
        if change.completedBefore != nil, change.completed == nil {
            try scanner.broken("\"\(MilestoneChangeField.completedBefore.key)\" goes with \"\(MilestoneChangeField.completed.key)\": the day a milestone done on it was moved to")
        }
        guard let title else { return nil }
        change.title = title
        return change
    }

    static func textEdit<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> TextEdit? {
        var field: ActionField?, named: String?, from: [String] = [], to: [String]?
        guard try scanner.object(TextEditField.self, { scanner, member throws(ScanStop) in
            switch member {
            case .field:
                named = try scanner.text()
                field = named.flatMap(ActionField.init(rawValue:)).flatMap { TextEdit.editable[$0] == nil ? nil : $0 }
                if named != nil, field == nil {
                    let names = ActionField.allCases.filter { TextEdit.editable[$0] != nil }.map(\.key)
                    try scanner.broken("\(CalendarDate.quoted(named!)) is not a field a text edit may change; one of \(names.joined(separator: ", "))")
                }
            case .from: from = try scanner.texts() ?? []
            case .to: to = try scanner.texts()
            }
        }) else { return nil }
        guard let field, let to else { return nil }
        if TextEdit.editable[field] == true, from.count > 1 || to.count > 1 || (to.isEmpty && field.isRequired) {
            try scanner.broken("\(CalendarDate.quoted(field.key)) holds one text: \"\(TextEditField.from.key)\" and \"\(TextEditField.to.key)\" are lists of at most one"
                + (field.isRequired ? ", and \"\(TextEditField.to.key)\" has one" : ""))
        }
        return TextEdit(field: field, from: from, to: to)
    }

    static func leadChange<S: PlanScanner>(_ scanner: inout S) throws(ScanStop) -> LeadChange? {
        var from: [String] = [], to: [String] = []
        guard try scanner.object(LeadChangeField.self, { scanner, field throws(ScanStop) in
            switch field {
            case .from: from = try scanner.texts() ?? []
            case .to: to = try scanner.texts() ?? []
            }
        }) else { return nil }
        return LeadChange(from: from, to: to)
    }

    /// The model keeps history oldest first; plan files list it newest first,
    /// so that recording a change only adds lines at the top of the list.
    static func historyFromFile(_ entries: [StatusChange]) -> [StatusChange] { entries.reversed() }

    /// The history as a plan file lists it (see ``historyFromFile(_:)``).
    static func historyForFile(_ history: [StatusChange]) -> ReversedCollection<[StatusChange]> { history.reversed() }
}
