import PlanJSON
import PlanKit

/// `improve overdue`: the cron check. Silent with exit 0 when nothing is
/// overdue; a list and exit 1 otherwise.
struct OverdueCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "overdue",
        abstract: "List actions and milestones past their deadline (exit 1 when there are any); made for cron.",
        usage: "overdue [--group lead|theme] [--within DAYS] [--quiet]",
        discussion: """
        Prints nothing and exits 0 when nothing is overdue; exits 1 when something is. Errors keep
        their own exit codes (64 usage, 65 bad plan data, 66 missing plans), so a cron job can tell
        "overdue" from "broken". --within 14d also lists what falls due in the next 14 days.
        """)

    static let options: [OptionSpec] = [
        OptionSpec(name: "--group", value: "lead|theme", help: "Group by lead (default) or by theme."),
        OptionSpec(name: "--within", value: "DAYS", help: "Also list what falls due within DAYS (14 or 14d)."),
        OptionSpec(name: "--quiet", short: "-q", help: "Print only a one-line count (nothing when none is overdue)."),
    ]

    var common: CommonOptions
    var grouping: OverdueGrouping
    var within: Int?
    var quiet: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        let groupText = arguments.value("--group") ?? "lead"
        guard let grouping = OverdueGrouping(rawValue: groupText) else {
            throw .usage("invalid value '\(groupText)' for --group; use lead or theme", command: Self.descriptor)
        }
        self.grouping = grouping
        within = try arguments.days("--within", command: Self.descriptor)
        quiet = arguments.has("--quiet")
        if let extra = arguments.positionals.first {
            throw .usage("unexpected argument '\(extra)'", command: Self.descriptor)
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        // Each plan is reduced to its overdue items as it is read, keeping only
        // the history that shows each action's position on the day: a portfolio
        // of any size is never in memory at once.
        let (asOf, within) = (common.asOf, within)
        if quiet, common.format == .text {
            // Only the count is printed, so only the counts are kept.
            let counts = try common.mapPositions(on: asOf) { OverdueReport(position: $0).counts }
            let actions = counts.reduce(0) { $0 + $1.actions }, milestones = counts.reduce(0) { $0 + $1.milestones }
            if actions + milestones > 0 {
                context.stdout.write(OverdueReport.countLine(actions: actions, milestones: milestones, asOf: asOf) + "\n")
            }
            return actions + milestones == 0 ? .success : .findings
        }
        let report = OverdueReport(merging: try common.mapPositions(on: asOf) {
                                       OverdueReport(position: $0, withinDays: within)
                                   },
                                   asOf: asOf, withinDays: within)
        context.keptUntilExit.append(report)
        switch common.format {
        case .json:
            JSONWriter.write(report.jsonValue, to: &context.stdout)
        case .text, .markdown, .html, .csv:
            if quiet {
                if !report.overdue.isEmpty { context.stdout.write(report.countLine + "\n") }
            } else {
                report.writeText(grouping: grouping, width: context.width, style: context.style, to: &context.stdout)
            }
        }
        return report.overdue.isEmpty ? .success : .findings
    }
}
