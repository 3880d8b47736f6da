import FoundationEssentials
import PlanKit

/// `improve new FILE`: a new, empty plan with the default RAG scheme.
struct NewCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "new",
        abstract: "Create a new, empty plan file with the default RAG scheme.",
        usage: "new FILE --id ID --title TEXT --organisation TEXT --inspection-date DATE [--inspectorate TEXT] [--rating TEXT]",
        discussion: "Refuses to overwrite an existing file. Add themes, recommendations and actions with `improve add`.",
        examples: [
            "improve new plans/leeds-2020.json --id leeds-2020 --title \"Leeds YOT Improvement Plan\" --organisation \"Leeds City Council\" --inspection-date 2020-01",
        ])

    static let id = Option<String>("--id", value: "ID", help: "The plan's short id (no ':'), e.g. leeds-2020.")
    static let title = Option<String>("--title", value: "TEXT", help: "The plan's title.")
    static let options = declared(id, title) + ownerAndInspection

    static let organisation = Option<String>("--organisation", value: "TEXT", help: "The council or partnership that owns it.")
    static let inspectorate = Option<String>("--inspectorate", value: "TEXT", help: "Who inspected (default: HMI Probation).")
    /// Read as text: a day or a month, checked by ``ParsedArguments/inspection(for:today:command:)``.
    static let inspectionDate = Option<String>("--inspection-date", value: "DATE", help: "When: a day or a month (2018-10, Oct 2018).")
    static let rating = Option<String>("--rating", value: "TEXT", help: "The inspection's overall rating.")
    /// The options that say who owns a new plan and which inspection it answers (also `import`'s).
    static let ownerAndInspection = declared(organisation, inspectorate, inspectionDate, rating)

    var common: CommonOptions
    var file: String
    var plan: Plan

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
        let command = Self.descriptor
        guard arguments.positionals.count == 1 else {
            throw .usage(arguments.positionals.isEmpty ? "missing the new plan's file name (plans/NAME.json)"
                         : "unexpected argument '\(arguments.positionals[1])'", command: command)
        }
        file = arguments.positionals[0]
        guard file.hasSuffix(".json"), !file.hasSuffix(".schema.json") else {
            throw .usage("a plan file's name ends in .json (and not .schema.json)", command: command)
        }
        guard PlanLoader.isPlanFileName(PathText.lastComponent(of: file)) else {
            throw .usage(Self.hiddenName(file), command: command)
        }
        func required(_ option: Option<String>) throws(CLIError) -> String {
            try arguments.required(option, for: "a new plan")
        }
        plan = Plan(id: try ParsedArguments.planID(try required(Self.id), from: Self.id.name, command: command), title: try required(Self.title), organisation: try required(Self.organisation),
                    inspection: try arguments.inspection(for: "a new plan", today: context.today, command: command))
        let folder = URL(fileURLWithPath: context.path(file)).deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("plan.schema.json").path) {
            plan.schemaLocation = "./plan.schema.json"
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        // A missing folder is the store's 73 ("the folder … does not exist"), as for import --out.
        try ChangeOptions.store(context).create(plan, at: file)
        context.stdout.write("created \(file) (\(plan.id))\n")
        return .success
    }
}

extension NewCommand {
    /// The refusal of a plan file name that starts with '.': the plans folder would not list the plan.
    static func hiddenName(_ file: String) -> String {
        if PathText.lastComponent(of: file) == PlanLoader.leadsFileName {
            return "\(file) is the name of the leads' addresses for reminders, which a plans folder passes over; name the plan NAME.json"
        }
        return "\(file) is a hidden file's name (it starts with '.'), which a plans folder passes over; name the plan NAME.json"
    }
}
