import PlanJSON
import PlanKit
import PlanReports
import PlanStorage

/// `improve add action|recommendation|theme`: add an entry to a plan from flags.
struct AddCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "add",
        abstract: "Add an action, recommendation or theme to a plan.",
        usage: "add action|recommendation|theme --id ID [fields…] [--plan FILE]",
        discussion: """
        action:          --id --theme --text, and optionally --rec ID (repeatable), --lead NAME (repeatable),
                         --deadline DATE, --then ongoing|"every N months" (after a dated deadline),
                         --milestone "TITLE=DATE" (repeatable), \(optionalTexts.map { "\($0.option.spec.name) \($0.option.spec.value ?? "")" }.joined(separator: ", "))
        recommendation:  --id --text, and optionally --addressed-to, --response
        theme:           --id --title, and optionally --lead, --part, --rec ID (repeatable), --target DATE
        The plan is validated with the new entry before anything is written. With several plans
        loaded, name one with --plan.
        """,
        examples: [
            "improve add action --id \"LM 18\" --theme LM --text \"Publish the plan\" --lead \"YOT Manager\" --deadline 2019-10 --plan plans/blackpool-2019.json",
            "improve add action --id 3.10 --theme 3 --text \"Board hears young people\" --deadline 2019-06 --then \"every 6 months\" --plan plans/blackpool-2019.json",
            "improve add recommendation --id \"HMIP 10\" --text \"…\" --plan plans/blackpool-2019.json",
            "improve add theme --id 6 --title \"Education\" --lead \"Head of Education\" --plan plans/blackpool-2019.json",
        ])

    static let id = Option<String>("--id", value: "ID", help: "The new entry's id (unique in the plan).")
    static let text = Option<String>("--text", value: "TEXT", help: "The action's or recommendation's text.")
    static let title = Option<String>("--title", value: "TEXT", help: "The theme's title.")
    static let theme = Option<String>("--theme", value: "ID", help: "The action's theme.")
    static let rec = Option<String>("--rec", value: "ID", repeatable: true, help: "A recommendation it answers (repeatable).")
    static let lead = Option<String>("--lead", value: "NAME", repeatable: true, help: "An accountable lead (repeatable; one for a theme).")
    static let deadline = DateOption.deadline("--deadline", help: "The action's deadline: a day, a month (2019-10, Oct 2019), ongoing or tbc.")
    static let then = Option<String>("--then", value: "WHAT", help: "What follows a dated deadline: ongoing, or a review \"every N months\" (quarterly, biannually).")
    /// Read as text: `TITLE=DATE`, its date read against today.
    static let milestone = Option<String>("--milestone", value: "TITLE=DATE", repeatable: true, help: "A milestone and its deadline (repeatable).")
    /// The action's optional texts (`--success`, `--evidence`): one option each, as the field
    /// declarations name them (``TextOption``), so that a new field of that kind is added here too.
    static let optionalTexts: [(field: ActionField, option: Option<String>)] = TextOption.all.filter { $0.remove != nil }.map {
        ($0.field, Option<String>($0.name, value: $0.placeholder, help: "The action's \($0.field.facts.noun)."))
    }
    static let addressedTo = Option<String>("--addressed-to", value: "TEXT", help: "To whom the recommendation is addressed.")
    static let response = Option<String>("--response", value: "TEXT", help: "The planned response to the recommendation.")
    static let part = Option<String>("--part", value: "ID", help: "The part the theme belongs to.")
    static let target = DateOption.deadline("--target", help: "The theme's target date.")
    static let options = declared(id, text, title, theme, rec, lead, deadline, then, milestone) + optionalTexts.map(\.option.spec)
        + declared(addressedTo, response, part, target)

    enum Entry {
        case action(Action)
        case recommendation(Recommendation)
        case theme(Theme)
    }

    var common: CommonOptions
    var entry: Entry

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        let command = Self.descriptor
        guard let kind = arguments.positionals.first else {
            throw .usage("missing what to add: action, recommendation or theme", command: command)
        }
        if arguments.positionals.count > 1 {
            throw .usage("unexpected argument '\(arguments.positionals[1])'; quote texts with spaces", command: command)
        }
        func required(_ option: Option<String>) throws(CLIError) -> String {
            try arguments.required(option, for: "adding \(kind)")
        }
        switch kind {
        case "action":
            var milestones: [Milestone] = []
            for text in try arguments.all(Self.milestone) {
                guard let equals = text.lastIndex(of: "="), PlanFormat.isText(String(text[..<equals])) else {
                    throw .usage("invalid value '\(text)' for \(Self.milestone); write \"TITLE=DATE\"", command: command)
                }
                milestones.append(Milestone(title: String(text[..<equals]),
                                            deadline: try ParsedArguments.deadline(String(text[text.index(after: equals)...]), for: Self.milestone.name,
                                                                                   today: context.today, command: command)))
            }
            var action = Action(id: try required(Self.id), theme: try required(Self.theme), recommendations: try arguments.all(Self.rec),
                                text: try required(Self.text),
                                leads: try arguments.all(Self.lead), deadline: try arguments[Self.deadline, today: context.today],
                                milestones: milestones)
            for (field, option) in Self.optionalTexts {
                if let value = try arguments[option] { action.setTexts([value], of: field) }
            }
            if let then = try arguments[Self.then] {
                guard let after = AfterDeadline(then) ?? AfterDeadline(wording: then) else {
                    throw .usage("invalid value '\(then)' for \(Self.then); write ongoing, monthly, quarterly, biannually, annually "
                                 + "or \"every N months\" with N from 2 to \(AfterDeadline.longestPeriod)", command: command)
                }
                guard action.deadline?.lastDay != nil else {
                    throw .usage("\(Self.then) follows a dated deadline; give a dated \(Self.deadline) too (2019-10, 31/10/2019)", command: command)
                }
                action.afterDeadline = after
            }
            entry = .action(action)
        case "recommendation":
            entry = .recommendation(Recommendation(id: try required(Self.id), text: try required(Self.text),
                                                   addressedTo: try arguments[Self.addressedTo],
                                                   plannedResponse: try arguments[Self.response]))
        case "theme":
            if try arguments.all(Self.lead).count > 1 { throw .usage("a theme has one \(Self.lead)", command: command) }
            entry = .theme(Theme(id: try required(Self.id), title: try required(Self.title), part: try arguments[Self.part],
                                 lead: try arguments[Self.lead], targetDate: try arguments[Self.target, today: context.today],
                                 recommendations: try arguments.all(Self.rec)))
        default:
            throw .usage("cannot add '\(kind)'; add action, recommendation or theme", command: command)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let files = try common.resolvePlanFiles()
        guard files.count == 1 else {
            throw CLIError.usage("\(files.count) plans are loaded; name the one to add to with --plan", command: Self.descriptor)
        }
        let entry = self.entry
        let (plan, summary, _) = try ChangeOptions.store(context).update(file: files[0]) { plan -> RecordedChange<String> in
            let summary: String
            switch entry {
            case .action(let action):
                plan.actions.append(action)
                summary = "\(plan.id)  \(action.id)  action added"
            case .recommendation(let recommendation):
                plan.recommendations.append(recommendation)
                summary = "\(plan.id)  \(recommendation.id)  recommendation added"
            case .theme(let theme):
                plan.themes.append(theme)
                summary = "\(plan.id)  \(theme.id)  theme added"
            }
            return RecordedChange(result: summary, description: summary)
        }
        switch common.format {
        case .text, .markdown, .html, .csv, .docx, .xlsx: context.stdout.write(summary + "\n")
        case .json:
            let value: JSONValue
            switch entry {
            case .action(let action): value = action.jsonValue
            case .recommendation(let recommendation): value = recommendation.jsonValue
            case .theme(let theme): value = theme.jsonValue
            }
            JSONWriter.write(.object([JSONMember("plan", .string(plan.id)), JSONMember("added", value)]), to: &context.stdout)
        }
        return .success
    }
}
