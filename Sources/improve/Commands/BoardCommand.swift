import PlanJSON
import PlanKit
import PlanStorage

/// `improve board list | add DATE | remove DATE`: the partnership board's meeting dates.
struct BoardCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "board",
        abstract: "List, add or remove the board meeting dates a plan reports to.",
        usage: "board (list | add DATE | remove DATE) [--plan FILE]",
        discussion: """
        The board pack (report) covers the time since the last meeting before its day and looks
        ahead to the next one. add and remove change one plan (name it with --plan when the folder
        holds several) and can be undone; list shows every plan's meetings, past and next.
        """,
        examples: [
            "improve board list",
            "improve board add 2019-07-18 --plan plans/blackpool-2019.json",
        ],
        pages: true)

    static let options: [OptionSpec] = []

    enum Action {
        case list
        case add(CalendarDate)
        case remove(CalendarDate)
    }

    var common: CommonOptions
    var store: PlanStore
    var action: Action

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let command = Self.descriptor
        common = try CommonOptions(arguments: arguments, context: context, command: command)
        store = ChangeOptions.store(context)
        let words = arguments.positionals
        switch words.first {
        case "list"?:
            guard words.count == 1 else { throw .usage("unexpected argument '\(words[1])' after list", command: command) }
            action = .list
        case let verb? where verb == "add" || verb == "remove":
            guard words.count == 2 else {
                throw .usage(words.count < 2 ? "\(verb) needs the meeting's date (2019-07-18, 18/07/2019)" : "unexpected argument '\(words[2])'", command: command)
            }
            let day = try ParsedArguments.day(words[1], for: verb, today: context.today, command: command)
            action = verb == "add" ? .add(day) : .remove(day)
        case let other?:
            throw .usage("unknown board action '\(other)'; use list, add DATE or remove DATE", command: command)
        case nil:
            throw .usage("missing what to do: list, add DATE or remove DATE", command: command)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        switch action {
        case .list:
            let asOf = common.asOf
            let plans = try common.loadPlans()
            if common.format == .json {
                JSONWriter.write(.array(plans.map { plan in
                    .object([JSONMember("plan", .string(plan.id)),
                             JSONMember(PlanField.boardMeetings.key, .array(plan.boardMeetings.map { .string($0.description) }))])
                }), to: &context.stdout)
                return .success
            }
            for plan in plans {
                context.stdout.write("\(plan.id)\n")
                if plan.boardMeetings.isEmpty { context.stdout.write("  no board meetings recorded (improve board add DATE)\n") }
                let next = plan.boardMeetings.first { $0 > asOf }
                for day in plan.boardMeetings {
                    context.stdout.write("  \(day)\(day == next ? "  next" : day <= asOf ? "  held" : "")\n")
                }
            }
            return .success
        case .add(let day), .remove(let day):
            let files = try common.resolvePlanFiles()
            guard files.count == 1 else {
                throw CLIError.usage("\(files.count) plans are loaded; name the one whose board this is with --plan", command: Self.descriptor)
            }
            let adding: Bool
            if case .add = action { adding = true } else { adding = false }
            let (plan, _, _) = try store.update(file: files[0]) { plan throws -> RecordedChange<Void> in
                if adding { try plan.addBoardMeeting(day) } else { try plan.removeBoardMeeting(day) }
                return RecordedChange(result: (), description: "\(plan.id)  board meeting \(day) \(adding ? "added" : "removed")")
            }
            if common.format == .json {
                JSONWriter.write(.object([JSONMember("plan", .string(plan.id)),
                                          JSONMember(PlanField.boardMeetings.key, .array(plan.boardMeetings.map { .string($0.description) }))]),
                                 to: &context.stdout)
            } else {
                context.stdout.write("\(plan.id)  board meeting \(day) \(adding ? "added" : "removed")\n")
            }
            return .success
        }
    }
}
