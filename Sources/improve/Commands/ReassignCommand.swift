import PlanJSON
import PlanKit
import PlanStorage

/// `improve reassign --from LEAD --to LEAD`: hand actions to a new lead.
struct ReassignCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "reassign",
        abstract: "Replace a lead on every action that has it, recording each change.",
        usage: "reassign --from LEAD --to LEAD [--comment TEXT] [--date DATE] [--by NAME]",
        discussion: "LEAD is matched exactly, ignoring case. Every plan loaded is changed; each affected action gets a history entry.")

    static let options: [OptionSpec] = [
        OptionSpec(name: "--from", value: "LEAD", help: "The lead who is leaving (exact, any case)."),
        OptionSpec(name: "--to", value: "LEAD", help: "The new lead."),
        OptionSpec(name: "--comment", value: "TEXT", help: "Comment for each entry (default: Lead changed: FROM → TO)."),
    ] + ChangeOptions.specs

    var common: CommonOptions
    var change: ChangeOptions
    var from: String
    var to: String
    var comment: String?

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        change = try ChangeOptions(arguments: arguments, context: context, command: Self.descriptor)
        guard let from = arguments.value("--from"), !from.isEmpty else { throw .usage("missing --from LEAD", command: Self.descriptor) }
        guard let to = arguments.value("--to"), !to.isEmpty else { throw .usage("missing --to LEAD", command: Self.descriptor) }
        guard from.lowercased() != to.lowercased() else {
            throw .usage("--from and --to name the same lead", command: Self.descriptor)
        }
        if let extra = arguments.positionals.first {
            throw .usage("unexpected argument '\(extra)'; quote a lead with spaces", command: Self.descriptor)
        }
        self.from = from
        self.to = to
        comment = arguments.value("--comment")
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let loaded = try common.loadPlanFilesForChange()
        var total = 0
        var rows: [JSONValue] = []
        for entry in loaded where entry.plan.actions.contains(where: { $0.leads.contains { $0.lowercased() == from.lowercased() } }) {
            let (from, to, comment, date, by) = (self.from, self.to, self.comment, change.date, change.by)
            let (written, ids, _) = try change.store.update(file: entry.file) { plan -> RecordedChange<[String]> in
                let ids = plan.reassign(from: from, to: to, date: date, by: by, comment: comment)
                return RecordedChange(result: ids, description: "\(plan.id)  reassigned \(ids.count) actions from \(from) to \(to)")
            }
            total += ids.count
            for id in ids {
                if common.format == .text {
                    let change = written.action(id: id)?.history.last(where: { $0.leadChange != nil })?.leadChange
                    let old = change?.from.first { !(change?.to.contains($0) ?? false) } ?? self.from
                    context.stdout.write("\(entry.plan.id)  \(id)  lead \(old) → \(self.to)  recorded \(date)\(by.map { " by \($0)" } ?? "")\n")
                }
                rows.append(.object([JSONMember("plan", .string(entry.plan.id)), JSONMember("id", .string(id))]))
            }
        }
        guard total > 0 else {
            throw CLIError.refused("no action has the lead \"\(from)\"; `improve list --lead` shows who leads what")
        }
        if common.format == .json {
            JSONWriter.write(.object([JSONMember("reassigned", .array(rows))]), to: &context.stdout)
        }
        return .success
    }
}
