import PlanJSON
import PlanKit
import PlanReports
import PlanStorage

/// `improve edit ID`: correct an action – text, sub-points, success measure,
/// leads, linked recommendations, milestones – with each change in its history.
struct EditCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "edit",
        abstract: "Correct an action: \(TextOption.all.map(\.field.facts.noun).joined(separator: ", ")), sub-points, leads, recommendations, milestones.",
        usage: "edit ID " + TextOption.all.map(\.usage).joined(separator: " ") + " [--add-sub-point TEXT…] [--remove-sub-point N|TEXT…] "
            + "[--add-lead LEAD…] [--remove-lead LEAD…] [--link REC…] [--unlink REC…] "
            + "[--add-milestone TITLE [--milestone-due DATE] | --milestone N|TITLE (--rename TITLE | --milestone-due DATE --reason TEXT | --remove [--reason TEXT])] "
            + "[--date DATE] [--by NAME]",
        discussion: """
        Each kind of change is kept in the action's history as its own entry (the old and the new
        value), shown by show and log; everything one edit changes is one undo step. Options that
        add or remove may be repeated. A milestone is named by its number (from 1) or its title; a
        new milestone date needs a --reason. Nothing is written unless the plan, as changed, is valid.
        """,
        examples: [
            "improve edit lm7 --text \"Police to identify a named officer for every case\"",
            "improve edit lm7 --add-lead \"Sam Smith\" --remove-lead \"YOT Manager\"",
            "improve edit lm8 --milestone 2 --milestone-due 2019-09 --reason \"Audit tool delayed\"",
        ])

    /// The options that change one field each: those the action fields declare (``TextOption``),
    /// then the list fields', read by name.
    static let fieldOptions: [OptionSpec] = TextOption.all.flatMap(\.specs) + [
        OptionSpec(name: "--add-sub-point", value: "TEXT", repeatable: true, help: "Add a sub-point at the end."),
        OptionSpec(name: "--remove-sub-point", value: "N|TEXT", repeatable: true, help: "Remove a sub-point, by number (from 1) or text."),
        OptionSpec(name: "--add-lead", value: "LEAD", repeatable: true, help: "Add an accountable lead."),
        OptionSpec(name: "--remove-lead", value: "LEAD", repeatable: true, help: "Remove a lead (as written, any case)."),
        OptionSpec(name: "--link", value: "REC", repeatable: true, help: "Link the action to a recommendation of the plan."),
        OptionSpec(name: "--unlink", value: "REC", repeatable: true, help: "Unlink a recommendation."),
    ]

    static let addMilestone = Option<String>("--add-milestone", value: "TITLE", help: "Add a milestone (with --milestone-due for its date).")
    static let milestone = Option<String>("--milestone", value: "N|TITLE", help: "The milestone to rename, re-date or remove.")
    static let rename = Option<String>("--rename", value: "TITLE", help: "The milestone's new title.")
    static let milestoneDue = DateOption.deadline("--milestone-due", help: "The milestone's date: a day, a month (2019-09, Sep 2019), ongoing or tbc.")
    static let reason = Option<String>("--reason", value: "TEXT", help: "Why the milestone's date moved (required then), or why it was removed.")
    static let remove = Flag("--remove", help: "Remove the milestone.")
    static let options = fieldOptions + declared(addMilestone, milestone, rename, milestoneDue, reason, remove) + ChangeOptions.specs

    var common: CommonOptions
    var change: ChangeOptions
    var id: String
    var edit: ActionEdit

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let command = Self.descriptor
        common = try CommonOptions(arguments: arguments, context: context, command: command)
        change = try ChangeOptions(arguments: arguments, context: context, command: command)
        id = try arguments.actionID(to: "edit", command: command)
        edit = ActionEdit(date: change.date, by: change.by)
        // The parser has refused blank values, which a plan would not read back.
        func text(_ name: String) -> String? { arguments.value(name) }
        func texts(_ name: String) -> [String] { arguments.all(name) }
        for option in TextOption.all {
            let value = text(option.name)
            if let remove = option.remove, arguments.has(remove) {
                if value != nil { throw .usage("\(option.name) and \(remove) cannot be used together", command: command) }
                edit.replacements[option.field] = []
            } else if let value {
                edit.replacements[option.field] = [value]
            }
        }
        edit.addSubPoints = texts("--add-sub-point")
        edit.removeSubPoints = texts("--remove-sub-point")
        edit.addLeads = texts("--add-lead")
        edit.removeLeads = texts("--remove-lead")
        edit.link = texts("--link")
        edit.unlink = texts("--unlink")

        let due = try arguments[Self.milestoneDue, today: context.today]
        let reason = try arguments[Self.reason]
        let rename = try arguments[Self.rename]
        let remove = arguments[Self.remove]
        switch (try arguments[Self.addMilestone], try arguments[Self.milestone]) {
        case (_?, _?):
            throw .usage("\(Self.addMilestone) and \(Self.milestone) cannot be used together; edit one milestone at a time", command: command)
        case (let title?, nil):
            if rename != nil || remove || reason != nil {
                throw .usage("\(Self.addMilestone) takes only \(Self.milestoneDue); \(Self.rename), \(Self.remove) and \(Self.reason) go with \(Self.milestone)", command: command)
            }
            edit.milestone = .add(title: title, deadline: due)
        case (nil, let typed?):
            if remove {
                if rename != nil || due != nil {
                    throw .usage("\(Self.remove) cannot be used with \(Self.rename) or \(Self.milestoneDue)", command: command)
                }
                edit.milestone = .remove(typed, reason: reason)
            } else {
                if reason != nil, due == nil {
                    throw .usage("\(Self.reason) goes with \(Self.milestoneDue) DATE (or \(Self.remove))", command: command)
                }
                edit.milestone = .change(typed, rename: rename, deadline: due, reason: reason)
            }
        case (nil, nil):
            if rename != nil || remove || due != nil || reason != nil {
                throw .usage("\(Self.rename), \(Self.milestoneDue), \(Self.reason) and \(Self.remove) need \(Self.milestone) N|TITLE (or \(Self.addMilestone) TITLE for a new one)", command: command)
            }
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let edit = self.edit
        let (written, outcome, previous) = try common.changeAction(id, command: Self.descriptor, store: change.store) { plan, actionID in
            let outcome = try plan.apply(edit, toAction: actionID)
            return RecordedChange(result: outcome, description: outcome.summary)
        }
        context.keptUntilExit.append(previous)
        context.keptUntilExit.append(written)
        try Self.answer(outcome, format: common.format, to: &context)
        return .success
    }

    /// The one-line answer of a change to an action, or the action as JSON.
    static func answer(_ outcome: EditOutcome, format: OutputFormat, to context: inout CommandContext) throws {
        switch format {
        case .json:
            JSONWriter.write(.object([
                JSONMember("plan", .string(outcome.planID)),
                JSONMember("action", outcome.action.jsonValue),
            ]), to: &context.stdout)
        default:
            context.stdout.write(outcome.summary + "\n")
        }
    }
}

/// An option of `edit` that sets one of the action's texts (`--success TEXT`), and
/// the one that removes it when it may be absent (`--remove-success`): one for
/// each field that declares an edit option (``ActionFieldFacts/editOption``), in
/// declared order.
struct TextOption {
    var field: ActionField
    /// `--success`.
    var name: String
    var placeholder: String
    /// `--remove-success`, when the text may be absent.
    var remove: String?

    static let all: [TextOption] = ActionField.allCases.compactMap { field in
        guard let option = field.facts.editOption else { return nil }
        return TextOption(field: field, name: "--\(option.name)", placeholder: option.placeholder,
                          remove: field.facts.isRemovable ? "--remove-\(option.name)" : nil)
    }

    /// `[--success TEXT | --remove-success]`.
    var usage: String { "[\(name) \(placeholder)" + (remove.map { " | \($0)" } ?? "") + "]" }

    /// `--success or --remove-success`, as messages list them.
    var alternatives: String { name + (remove.map { " or \($0)" } ?? "") }

    var specs: [OptionSpec] {
        let noun = field.facts.noun
        // A text every action has is the action's; one it may lack is named alone.
        let set = OptionSpec(name: name, value: placeholder, help: remove == nil ? "The action's new \(noun)." : "The new \(noun).")
        return [set] + (remove.map { [OptionSpec(name: $0, help: "Remove the \(noun).")] } ?? [])
    }
}
