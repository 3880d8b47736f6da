import PlanKit

/// `improve __ids [PREFIX]`: the action and recommendation ids that start
/// with PREFIX, ignoring case and spaces, for shell completion – spaces
/// removed (ids match forgivingly, so `LM7` names `LM 7`), and with the plan's
/// id in front (`blackpool-2019:LM7`) where another loaded plan has the same
/// id; `PLAN:PREFIX` gives that plan's ids with the plan in front. `--statuses` gives the loaded plans' status codes instead, and `none`.
struct IdsCommand: Command {
    static let descriptor = CommandDescriptor(name: "__ids", abstract: "Action and recommendation ids, for completion.",
                                              usage: "__ids [--statuses] [PREFIX]", hidden: true)
    static let statuses = Flag("--statuses", help: "The plans' status codes instead of ids.")
    static let options = declared(statuses)

    var common: CommonOptions
    var prefix: String
    var statuses: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor, formats: [.text])
        prefix = Self.folded(arguments.positionals.first ?? "")
        statuses = arguments[Self.statuses]
    }

    /// An id as completion compares it: lower case, without spaces.
    static func folded(_ text: String) -> String { String(text.filter { !$0.isWhitespace }).lowercased() }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let plans = try common.loadPlans()
        var seen = Set<String>()
        if statuses {
            for code in plans.flatMap({ $0.ragScheme.levels.map(\.code) }) + ["none"]
            where Self.folded(code).hasPrefix(prefix) && seen.insert(code).inserted {
                context.stdout.write(code + "\n")
            }
            return .success
        }
        // PLAN:PREFIX names the plan: every id of it, with the plan in front.
        if let colon = prefix.lastIndex(of: ":"),
           let plan = plans.first(where: { Self.folded($0.id) == prefix[..<colon] }) {
            let rest = prefix[prefix.index(after: colon)...]
            for id in plan.actions.map(\.id) + plan.recommendations.map(\.id) where Self.folded(id).hasPrefix(rest) {
                let word = "\(plan.id):\(String(id.filter { !$0.isWhitespace }))"
                if seen.insert(word).inserted { context.stdout.write(word + "\n") }
            }
            return .success
        }
        // How many plans have each id, so that an id two plans share is given with its plan.
        var plansWith: [String: Int] = [:]
        for plan in plans {
            for id in Set((plan.actions.map(\.id) + plan.recommendations.map(\.id)).map(Self.folded)) { plansWith[id, default: 0] += 1 }
        }
        for plan in plans {
            for id in plan.actions.map(\.id) + plan.recommendations.map(\.id) {
                let compact = String(id.filter { !$0.isWhitespace })
                let shared = plansWith[Self.folded(id), default: 0] > 1
                let word = shared ? "\(plan.id):\(compact)" : compact
                guard Self.folded(word).hasPrefix(prefix) || (shared && Self.folded(compact).hasPrefix(prefix)) else { continue }
                if seen.insert(word).inserted { context.stdout.write(word + "\n") }
            }
        }
        return .success
    }
}
