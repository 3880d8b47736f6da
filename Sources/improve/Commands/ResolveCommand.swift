import FoundationEssentials
import PlanJSON
import PlanKit
import PlanStorage

/// `improve resolve ID --take ours|theirs|FIELD=VALUE`: settle the merge conflicts of one item.
struct ResolveCommand: Command {
    static let descriptor = CommandDescriptor(
        name: "resolve",
        abstract: "Finish a merge of plans: settle conflicts on one item (ours, theirs, or a value), or remerge a plan merged by lines.",
        usage: "resolve [ID] --take ours|theirs|FIELD=VALUE [--by NAME] [--date DATE] | --list | --remerge",
        discussion: """
        After improve merge-file reports conflicts, the plan holds ours and .NAME.json.conflicts
        lists each (item, field, base, ours, theirs). --take ours keeps the plan as it is, --take theirs
        writes their values, and --take FIELD=VALUE writes VALUE (as JSON when it reads as JSON, else
        as text) for one conflicting field; each write is validated and can be undone. A settled
        deadline, milestone, lead or text is recorded in the action's history (--by, --date) as a
        change from the common version's value, which the board pack counts as the one move. Every
        conflict takes ours or theirs: an entry put back or taken out, a withdrawal, a whole action
        or theme (an id the other side spelt differently: theirs swaps in for ours), or the whole plan.
        When no conflict is left the conflicts file is removed: then git add the plan. --list shows
        what is left.
        In a rebase (git pull --rebase) git's ours is the upstream and theirs is your own change being
        replayed; in a merge ours is this branch and theirs the branch merged in.
        When a side was not a readable plan the merge was made by lines and the plan holds git's
        conflict markers: fix the JSON (in the side that is broken), then --remerge splits the file at
        the markers into ours, base and theirs and merges them by meaning (conflicts left are recorded
        for --take); a file without markers that reads as a plan is accepted as it is.
        """,
        examples: [
            "improve resolve --list",
            "improve resolve lm7 --take theirs",
            "improve resolve \"LM 7\" --take deadline=2019-10",
            "improve resolve --remerge --plan plans/blackpool-2019.json",
        ])

    /// Read as text: ours, theirs, or FIELD=VALUE.
    static let take = Option<String>("--take", value: "CHOICE", help: "ours, theirs, or FIELD=VALUE for one field (in a rebase ours is the upstream, theirs your change).")
    static let list = Flag("--list", help: "List the conflicts left, and change nothing.")
    static let remerge = Flag("--remerge", help: "Merge again by meaning a plan merged by lines, once its broken side is fixed.")
    static let options = declared(take, list, remerge) + ChangeOptions.specs

    enum Choice { case ours, theirs, value(field: String, value: String) }

    var common: CommonOptions
    var change: ChangeOptions
    var store: PlanStore
    var id: String?
    var choice: Choice?
    var remerging = false

    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        common = try CommonOptions(arguments: arguments, context: context, command: Self.descriptor)
        change = try ChangeOptions(arguments: arguments, context: context, command: Self.descriptor)
        store = ChangeOptions.store(context)
        id = arguments.positionals.first
        if arguments.positionals.count > 1 {
            throw .usage("unexpected argument '\(arguments.positionals[1])'; quote an id with spaces", command: Self.descriptor)
        }
        if arguments[Self.remerge] {
            if arguments.given(Self.take) || arguments[Self.list] || id != nil {
                throw .usage("\(Self.remerge) takes no id, \(Self.take) or \(Self.list); name a plan with \(CommonOptions.plan)", command: Self.descriptor)
            }
            remerging = true
            return
        }
        if arguments[Self.list] {
            if arguments.given(Self.take) { throw .usage("\(Self.list) and \(Self.take) cannot be used together", command: Self.descriptor) }
            return
        }
        guard let take = try arguments[Self.take] else { throw .usage("missing \(Self.take) ours|theirs|FIELD=VALUE", command: Self.descriptor) }
        guard id != nil else { throw .usage("missing the id of the action (or theme, recommendation, plan) to settle", command: Self.descriptor) }
        switch take {
        case "ours": choice = .ours
        case "theirs": choice = .theirs
        default:
            guard let equals = take.firstIndex(of: "="), equals != take.startIndex else {
                throw .usage("invalid value '\(take)' for --take; use ours, theirs or FIELD=VALUE", command: Self.descriptor)
            }
            choice = .value(field: String(take[..<equals]), value: String(take[take.index(after: equals)...]))
        }
    }

    func run(_ context: inout CommandContext) throws -> ExitCode {
        let files = try common.resolvePlanFiles()
        if remerging { return try remerge(files, context: &context) }
        // --list only looks, so a stale file is listed as such (see list); settling against one is refused.
        let folder = context.workingFolder
        if choice != nil, let stale = files.first(where: { ConflictFile.isStale(for: folder.resolve($0)) }) {
            throw CLIError.refused("\(ConflictFile.path(for: stale)) is from a merge whose result is no longer the plan "
                + "(the merge was aborted, or the plan changed since); nothing was changed – remove it, or merge again")
        }
        let records = files.compactMap { file in ConflictFile.record(for: folder.resolve(file)).map { (file: file, record: $0) } }
        guard let choice, let id else {
            return list(records, stale: files.filter { ConflictFile.isStale(for: folder.resolve($0)) }, files: files, context: &context)
        }
        if let lineMerged = records.first(where: { $0.record.lineMerge != nil }) {
            throw CLIError.refused("\(lineMerged.file) was merged by lines (a side was not a readable plan); "
                + "fix its JSON and run improve resolve --remerge first")
        }
        let recorded = records.map { (file: $0.file, conflicts: $0.record.conflicts) }.filter { !$0.conflicts.isEmpty }
        let matching = recorded.filter { $0.conflicts.contains { IdentifierMatcher.matches(id, $0.id) } }
        guard let (file, conflicts) = matching.first else {
            let items = recorded.flatMap { $0.conflicts.map(\.item) }
            throw CLIError.refused("no merge conflict recorded for \(id)" + (items.isEmpty ? "" : " (conflicts: \(Set(items).sorted().joined(separator: ", ")))"))
        }
        guard matching.count == 1 else {
            throw CLIError.refused("\(id) has conflicts in \(matching.count) plans; name one with --plan")
        }
        var settling = conflicts.filter { IdentifierMatcher.matches(id, $0.id) }
        if case .value(let field, _) = choice {
            settling = settling.filter { $0.field.joined(separator: ".") == field }
            guard !settling.isEmpty else {
                let fields = conflicts.filter { IdentifierMatcher.matches(id, $0.id) }.map { $0.field.joined(separator: ".") }
                throw CLIError.refused("\(id) has no conflict on '\(field)'; its conflicting fields: \(fields.joined(separator: ", "))")
            }
        }
        let item = settling[0].item
        // Each conflict's value, and the history entry that records the settlement on the action.
        let (date, by) = (change.date, change.by)
        let how: String
        // In the merge's own words, so that history read later says whose side won ("ours (upstream)" in a rebase).
        let sides = records.first { $0.file == file }?.record.sides
        switch choice {
        case .ours: how = sides?.ours ?? "ours"
        case .theirs: how = sides?.theirs ?? "theirs"
        case .value: how = "a value of its own"
        }
        let chosen = settling.map { conflict -> (conflict: MergeConflict, value: JSONValue?, entry: JSONValue?) in
            var value: JSONValue?
            switch choice {
            case .ours: value = conflict.ours
            case .theirs: value = conflict.theirs
            case .value(_, let text): value = (try? JSONParser.parse(Array(text.utf8))) ?? .string(text)
            }
            return (conflict, value, PlanMerge.settlementEntry(for: conflict, with: value, on: date, by: by, how: how))
        }
        // Ours is what the plan holds: written only to record the settlement.
        var writes = true
        if case .ours = choice { writes = chosen.contains { $0.entry != nil } }
        if writes {
            let today = context.clock
            _ = try store.update(file: file) { plan throws -> RecordedChange<Void> in
                for (position, (chosenConflict, value, _)) in chosen.enumerated() {
                    // A milestone renamed by an earlier settlement is found by its new title.
                    let conflict = chosen[..<position].reduce(chosenConflict) { $0.following($1.conflict, with: $1.value) }
                    let entry = PlanMerge.settlementEntry(for: conflict, with: value, on: date, by: by, how: how)
                    guard var json = PlanMerge.settling(conflict, with: value, in: plan) else {
                        // Ours of an item no longer in the plan: nothing to write or record.
                        if case .ours = choice { continue }
                        let what = conflict.field.isEmpty ? "" : " \(conflict.field.joined(separator: "."))"
                        throw CLIError.data("\(conflict.item)\(what) is no longer in the plan; settle it by hand, or --take ours")
                    }
                    if let entry, let recorded = PlanMerge.recording(entry, onAction: conflict.id, in: json) { json = recorded }
                    let check = PlanLoader.check(bytes: JSONWriter.bytes(from: json), file: file, today: today)
                    guard let settled = check.plan, !check.hasErrors else {
                        throw PlanWriteError.wouldNotValidate(path: file, problems: check.problems)
                    }
                    plan = settled
                }
                return RecordedChange(result: (), description: "\(plan.id)  merge conflict of \(item) settled (\(how))")
            }
        }
        // What is left, its paths following any milestone the settlement renamed.
        let left = conflicts.filter { conflict in !settling.contains(conflict) }.map { conflict in
            chosen.reduce(conflict) { $0.following($1.conflict, with: $1.value) }
        }
        let planID = (try? PlanLoader.load(file: file, relativeTo: context.workingFolder, today: context.clock))?.plan.id ?? id
        try ConflictFile.write(left, planID: planID, for: context.path(file))
        context.stdout.write("\(item): \(settling.count) \(settling.count == 1 ? "conflict" : "conflicts") settled; ")
        context.stdout.write(left.isEmpty ? "none left: git add \(file)\n" : "\(left.count) left (improve resolve --list)\n")
        return .success
    }

    /// `--list`: what each plan has left to finish, its sides named as the merge or rebase that made them.
    func list(_ records: [(file: String, record: MergeRecord)], stale: [String], files: [String], context: inout CommandContext) -> ExitCode {
        // Markers with no record: git merged the plan by lines itself (a clone without the driver).
        let folder = context.workingFolder
        let marked = files.filter { file in !records.contains { $0.file == file } }.compactMap { GitRepository.mergeNote(file: $0, in: folder) }
        if records.isEmpty, stale.isEmpty, marked.isEmpty { context.stdout.write("no merge conflicts recorded\n") }
        for note in marked { context.stdout.write(note + "\n") }
        for file in stale {
            context.stdout.write("\(ConflictFile.path(for: file)) is from a merge whose result is no longer the plan "
                + "(the merge was aborted, or the plan changed since): remove it, or merge again\n")
        }
        for (file, record) in records {
            let sides = record.sides ?? MergeSides(operation: .merge)
            if let lineMerge = record.lineMerge {
                context.stdout.write("\(file): merged by lines, as a side was not a readable plan\n")
                for side in lineMerge.broken {
                    context.stdout.write("  \(sides.name(side.side)): " + (side.line.map { "its line \($0): " } ?? "") + side.problem + "\n")
                }
                let bytes = Array(FileManager.default.contents(atPath: context.path(file)) ?? Data())
                let markers = ConflictMarkers.firstMarkerLine(in: bytes).map { "it holds git conflict markers (line \($0)); " } ?? ""
                context.stdout.write("  \(markers)fix the JSON, then improve resolve --remerge; then git add \(file) and \(sides.finish)\n")
                continue
            }
            context.stdout.write("\(file) (the plan keeps ours; \(sides.legend))\n")
            for conflict in record.conflicts { context.stdout.write("  " + MergeFileCommand.describe(conflict) + "\n") }
        }
        return .success
    }
}
