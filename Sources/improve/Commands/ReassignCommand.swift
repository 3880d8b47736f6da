import FoundationEssentials
import PlanJSON
import PlanKit
import PlanStorage

/// `improve reassign --from LEAD --to LEAD`: hand actions to a new lead.
struct ReassignCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "reassign",
        abstract: "Replace a lead on every action that has it, recording each change.",
        usage: "reassign [ID…] --from LEAD --to LEAD [--comment TEXT] [--dry-run | --yes] [--date DATE] [--by NAME]",
        discussion: """
        LEAD is matched exactly, ignoring case. With action ids (lm7, LM 7), only those actions change;
        without, every action of every plan loaded that has the lead. Each affected action gets a
        history entry. --dry-run prints what would change and writes nothing. A change of more than
        10 actions, or of more than one plan, without ids is asked about at a terminal and needs
        --yes otherwise.
        """,
        examples: [
            "improve reassign --from \"YOT Service Manager\" --to \"Sam Smith\" --dry-run",
            "improve reassign lm7 lm8 --from \"YOT Manager\" --to \"Sam Smith\"",
        ])

    static let from = Option<String>("--from", value: "LEAD", help: "The lead who is leaving (exact, any case).")
    static let to = Option<String>("--to", value: "LEAD", help: "The new lead.")
    static let comment = Option<String>("--comment", value: "TEXT", help: "Why, kept with each entry (the entry itself records the lead change).")
    static let dryRun = Flag("--dry-run", help: "Print what would change; write nothing.")
    static let yes = Flag("--yes", help: "Confirm, without being asked, a change of more than 10 actions or of several plans made without ids.")
    static let options = declared(from, to, comment, dryRun, yes) + ChangeOptions.specs

    /// A change without ids larger than this needs --yes.
    static let largeChange = 10

    var common: CommonOptions
    var change: ChangeOptions
    var from: String
    var to: String
    var comment: String?
    var ids: [String]?
    var dryRun: Bool
    var confirmed: Bool

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        change = try ChangeOptions(arguments: arguments, context: context, command: Self.descriptor)
        guard let from = try arguments[Self.from], !from.isEmpty else { throw .usage("missing \(Self.from) LEAD", command: Self.descriptor) }
        guard let to = try arguments[Self.to], !to.isEmpty else { throw .usage("missing \(Self.to) LEAD", command: Self.descriptor) }
        guard from.lowercased() != to.lowercased() else {
            throw .usage("\(Self.from) and \(Self.to) name the same lead", command: Self.descriptor)
        }
        ids = arguments.positionals.isEmpty ? nil : arguments.positionals
        dryRun = arguments[Self.dryRun]
        confirmed = arguments[Self.yes]
        self.from = from
        self.to = to
        comment = try arguments[Self.comment]
    }

    /// The typed ids that name actions of one plan: `PLAN:ID` only in its plan, others in every plan.
    static func ids(_ typed: [String], for planID: String, among planIDs: [String]) -> [String] {
        typed.compactMap { id in
            guard let colon = id.firstIndex(of: ":") else { return id }
            let prefix = id[..<colon].lowercased()
            guard planIDs.contains(where: { $0.lowercased() == prefix }) else { return id }
            return prefix == planID.lowercased() ? String(id[id.index(after: colon)...]) : nil
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let (loaded, planIDs) = try plansToRead()
        let (from, to, comment, date, by, ids) = (self.from, self.to, self.comment, change.date, change.by, self.ids)
        // What would change, worked out on the plans as read; written under each plan's lock below.
        var planned: [(entry: LoadedPlan, ids: [String])] = []
        for entry in loaded {
            var plan = entry.plan
            let only = ids.map { Self.ids($0, for: plan.id, among: planIDs) }
            if only?.isEmpty == true { continue }
            let changed = plan.reassign(from: from, to: to, date: date, by: by, comment: comment, only: only)
            // As with edit: not before a later change of the same action.
            for id in changed {
                if let later = entry.plan.action(id: id)?.changeRecorded(after: date) {
                    throw CLIError.refused("\(entry.plan.id) \(id) has a change recorded on \(later.date), after --date \(date); "
                        + "record the new lead on or after that day; nothing was changed")
                }
            }
            if !changed.isEmpty { planned.append((entry, changed)) }
        }
        let total = planned.reduce(0) { $0 + $1.ids.count }
        guard total > 0 else {
            let scope = ids.map { " among \($0.joined(separator: ", "))" } ?? ""
            throw CLIError.refused("no action\(scope) has the lead \"\(from)\"; `improve list --lead` shows who leads what")
        }
        if dryRun {
            for (entry, changed) in planned {
                for id in changed { context.stdout.write("would change: \(entry.plan.id)  \(id)  lead \(from) → \(to)\n") }
            }
            context.stdout.write("\(total) \(total == 1 ? "action" : "actions") in \(planned.count) \(planned.count == 1 ? "plan" : "plans"); nothing was written\n")
            return .success
        }
        if ids == nil, !confirmed, total > Self.largeChange || planned.count > 1 {
            let scope = "\(total) actions in \(planned.count) \(planned.count == 1 ? "plan" : "plans")"
            let plans = planned.map { "\($0.entry.plan.id) (\($0.ids.count))" }.joined(separator: ", ")
            switch context.ask("This would change the lead of \(scope): \(plans).\nGo ahead?") {
            case true?: break
            case false?: throw CLIError.refused("nothing was changed")
            case nil:
                throw CLIError.refused("this would change \(scope); check them with --dry-run, then add --yes (or name the actions)")
            }
        }
        var rows: [JSONValue] = []
        // One change, however many plans it touches: undo reverses it in all of them.
        var store = change.store
        if planned.count > 1 { store.group = UUID().uuidString }
        for (entry, _) in planned {
            let (written, changed, _) = try store.update(file: entry.file) { plan -> RecordedChange<[String]> in
                let only = ids.map { Self.ids($0, for: plan.id, among: planIDs) }
                let changed = plan.reassign(from: from, to: to, date: date, by: by, comment: comment, only: only)
                return RecordedChange(result: changed, description: "\(plan.id)  reassigned \(changed.count) \(changed.count == 1 ? "action" : "actions") from \(from) to \(to)")
            }
            for id in changed {
                if common.format == .text {
                    let change = written.action(id: id)?.history.last(where: { $0.leadChange != nil })?.leadChange
                    let old = change?.from.first { !(change?.to.contains($0) ?? false) } ?? from
                    context.stdout.write("\(entry.plan.id)  \(id)  lead \(old) → \(to)  recorded \(date)\(by.map { " by \($0)" } ?? "")\n")
                }
                rows.append(.object([JSONMember("plan", .string(entry.plan.id)), JSONMember("id", .string(id))]))
            }
        }
        if common.format == .json {
            JSONWriter.write(.object([JSONMember("reassigned", .array(rows))]), to: &context.stdout)
        }
        return .success
    }
}

extension ReassignCommand {
    /// The plans to read whole, and every plan's id. With action ids and
    /// several plans, only the plans that hold one of them: the others are
    /// read for their ids (``PlanFolderIndex``), and would change nothing.
    /// A plan that cannot be loaded, or two with one id, stop the command as
    /// a whole read of every plan does – unless every id names its plan
    /// (`PLAN:ID`): then only those plans are read.
    func plansToRead() throws -> (loaded: [LoadedPlan], planIDs: [String]) {
        let files = try common.resolvePlanFiles()
        guard let ids, files.count > 1 else {
            let loaded = try common.loadPlanFilesForChange()
            return (loaded, loaded.map(\.plan.id))
        }
        // Every id naming its plan (`yot-7:1.1`, one plan to a prefix): only those plans are read, the
        // others only as far as their ids at their heads, as for one action (``PlanFolderIndex/fileNamedByPlan(_:in:relativeTo:)``).
        if let heads = PlanFolderIndex.planIDsAtHeads(of: files, relativeTo: common.workingFolder) {
            let named = ids.map { typed -> [String] in
                guard let colon = typed.firstIndex(of: ":") else { return [] }
                let prefix = typed[..<colon].lowercased()
                return heads.filter { $0.planID.lowercased() == prefix }.map(\.file)
            }
            if named.allSatisfy({ $0.count == 1 }) {
                let holding = heads.map(\.file).filter { file in named.contains { $0 == [file] } }
                return (try PlanLoader.read(files: holding, relativeTo: common.workingFolder, today: common.today) { $0 }.values, heads.map(\.planID))
            }
        }
        let index = try PlanFolderIndex.identifiers(of: files, relativeTo: common.workingFolder, today: common.today, unloadable: .stop).values
        let planIDs = index.map(\.ids.planID)
        let holding = index.filter { entry in
            Self.ids(ids, for: entry.ids.planID, among: planIDs).contains { typed in
                entry.ids.actionIDs.contains { IdentifierMatcher.matches(typed, $0) }
            }
        }
        return (try PlanLoader.read(files: holding.map(\.file.path), relativeTo: common.workingFolder, today: common.today) { $0 }.values, planIDs)
    }
}
