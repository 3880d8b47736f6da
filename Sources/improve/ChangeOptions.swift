import FoundationEssentials
import Glibc
import PlanKit
import PlanStorage

/// The options of commands that record changes: who and when.
struct ChangeOptions {
    static let date = DateOption.day("--date", help: "The day the change was made (default: today).")
    static let by = Option<String>("--by", value: "NAME", help: "Who records it (default: $IMPROVE_USER, else your login name).")
    static let specs = declared(date, by)

    var date: CalendarDate
    var by: String?
    var store: PlanStore

    init(arguments: ParsedArguments, context: CommandContext, command: CommandDescriptor) throws(CLIError) {
        // --as-of reads a plan as it stood; a change is made today, or on --date.
        if arguments.given(CommonOptions.asOf) {
            throw .usage("\(CommonOptions.asOf) is for reading a plan as it stood; give the day a change was made with \(Self.date)", command: command)
        }
        date = try arguments[Self.date, today: context.today] ?? context.today
        guard date <= context.today else {
            throw .usage("\(Self.date) \(date) is in the future; a change is recorded on or after the day it was made", command: command)
        }
        by = try arguments[Self.by] ?? ChangeOptions.defaultRecorder(context.environment)
        store = ChangeOptions.store(context)
    }

    /// The seconds to wait for another update's lock when `$IMPROVE_LOCK_TIMEOUT` is not set.
    static let defaultLockTimeout = 5.0
    /// The longest wait `$IMPROVE_LOCK_TIMEOUT` may ask for: an hour, past which a wait is a hang.
    static let longestLockTimeout = 3600.0

    /// The seconds `$IMPROVE_LOCK_TIMEOUT` gives, `nil` when it is not set.
    ///
    /// Every command checks it before it runs (``Entrypoint``), not only those that take a lock: a
    /// wrong value matters only when two updates meet, so it would otherwise go unnoticed until then.
    /// - Throws: ``CLIError/refused(_:)`` naming the variable, its value and what it takes, for a
    ///   value that is not a plain number of seconds from 0 to ``longestLockTimeout`` (`abc`, `-1`, `1e9`, empty).
    static func lockTimeout(_ environment: [String: String]) throws(CLIError) -> Double? {
        guard let text = environment["IMPROVE_LOCK_TIMEOUT"] else { return nil }
        let plain = text.range(ofPattern: "^[0-9]{1,4}(\\.[0-9]+)?$") != nil
        guard plain, let seconds = Double(text), seconds <= longestLockTimeout else {
            throw .refused("invalid value '\(text)' for IMPROVE_LOCK_TIMEOUT: give the seconds to wait for another update's lock, "
                           + "a number from 0 to \(Int(longestLockTimeout)) such as 5 or 0.5, or unset it for the default (\(Int(defaultLockTimeout)))")
        }
        return seconds
    }

    /// The plan store, waiting `$IMPROVE_LOCK_TIMEOUT` seconds (default 5) for a lock; the
    /// value was checked before the command ran (an unchecked wrong one waits the default).
    static func store(_ context: CommandContext) -> PlanStore {
        let timeout = ((try? lockTimeout(context.environment)) ?? nil) ?? defaultLockTimeout
        var store = PlanStore(today: context.clock, workingFolder: context.workingFolder, lockTimeout: timeout,
                              user: defaultRecorder(context.environment))
        let landed = context.landed
        store.landed = { landed.add($0) }
        return store
    }

    /// `$IMPROVE_USER`, else the login name (`$USER`, `$LOGNAME`, the password database).
    static func defaultRecorder(_ environment: [String: String]) -> String? {
        // A blank name is no name: the next source is used.
        if let user = environment["IMPROVE_USER"], PlanFormat.isText(user) { return user }
        if let user = environment["USER"] ?? environment["LOGNAME"], PlanFormat.isText(user) { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name, PlanFormat.isText(String(cString: name)) {
            return String(cString: name)
        }
        return nil
    }
}

extension ParsedArguments {
    /// The one action id a command that changes an action takes (`to` says what it does with it).
    func actionID(to verb: String, command: CommandDescriptor) throws(CLIError) -> String {
        guard positionals.count == 1 else {
            throw .usage(positionals.isEmpty ? "missing the id of the action to \(verb)"
                         : "unexpected argument '\(positionals[1])'; quote an id or text with spaces", command: command)
        }
        return positionals[0]
    }
}

extension CommonOptions {
    /// Changes one action, named by `id` as the user typed it, under its plan's lock.
    ///
    /// With one plan the id is found in the plan as re-read under the lock;
    /// with several, the id is resolved once, over the plans' ids
    /// (``PlanFolderIndex``: a plan last written by `improve` is read for its
    /// ids only; an id that names its plan, `PLAN:ID`, reads only the head of
    /// each other file), and the change then reads that one action of that one plan
    /// when it can (see ``PlanStore/update(file:action:_:)``).
    ///
    /// - Parameters:
    ///   - change: edits the plan, given the action's exact id, and says what it did.
    /// - Returns: the plan as written, what `change` returned and the plan as
    ///   it was (which a command about to exit may keep rather than free).
    func changeAction<Result>(_ id: String, command: CommandDescriptor, store: PlanStore,
                              _ change: (inout Plan, String) throws -> RecordedChange<Result>) throws
        -> (plan: Plan, result: Result, previous: Plan)
    {
        let files = try resolvePlanFiles()
        let file: PlanFile, exact: String?
        // The id looked for in the one plan's bytes: as typed, or after the plan it names.
        var inPlan = id
        if files.count == 1 {
            (file, exact) = (PlanFile(files[0], relativeTo: workingFolder), nil)
        } else if let (named, rest) = PlanFolderIndex.fileNamedByPlan(id, in: files, relativeTo: workingFolder) {
            // PLAN:ID: the plan's file is found by the heads of the files; the other plans are not read.
            (file, exact, inPlan) = (named, nil, rest)
        } else {
            let (found, entry) = try PlanFolderIndex.locate(id, in: files, relativeTo: workingFolder, today: today)
            guard entry.kind == .action else {
                throw CLIError.usage("\(id) is a recommendation; \(command.name) takes an action id", command: command)
            }
            (file, exact) = (found, entry.id)
        }
        return try store.update(file: file, action: exact ?? inPlan) { plan throws -> RecordedChange<Result> in
            // The file was chosen for the plan it held; if it now holds another (replaced while the change waited
            // for the lock: a sync client, a checkout), the change is not made there.
            if let found = file.planID, plan.id != found {
                throw CLIError.refused("\(file.path) held plan \(found) when \(id) was looked up, and now holds plan \(plan.id) "
                                       + "(replaced meanwhile); nothing was changed: run the command again")
            }
            // The action found above, unless the plan changed meanwhile: then the id is looked for again, as typed.
            if let exact, let action = plan.actions.first(where: { $0.id == exact }) { return try change(&plan, action.id) }
            guard case .action(_, let action) = try Portfolio(plans: [plan]).entry(named: id) else {
                throw CLIError.usage("\(id) is a recommendation; \(command.name) takes an action id", command: command)
            }
            return try change(&plan, action.id)
        }
    }
}
