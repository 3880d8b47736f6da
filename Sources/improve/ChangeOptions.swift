import Foundation
import PlanKit
import PlanStorage

/// The options of commands that record changes: who and when.
struct ChangeOptions {
    static let specs: [OptionSpec] = [
        OptionSpec(name: "--date", value: "YYYY-MM-DD", help: "The day the change was made (default: today)."),
        OptionSpec(name: "--by", value: "NAME", help: "Who records it (default: $IMPROVE_USER, else your login name)."),
    ]

    var date: CalendarDate
    var by: String?
    var store: PlanStore

    init(arguments: ParsedArguments, context: CommandContext, command: CommandDescriptor) throws(CLIError) {
        date = try arguments.day("--date", command: command) ?? context.today
        guard date <= context.today else {
            throw .usage("--date \(date) is in the future; a change is recorded on or after the day it was made", command: command)
        }
        by = arguments.value("--by") ?? ChangeOptions.defaultRecorder(context.environment)
        store = ChangeOptions.store(context)
    }

    /// The plan store, waiting `$IMPROVE_LOCK_TIMEOUT` seconds (default 5) for a lock.
    static func store(_ context: CommandContext) -> PlanStore {
        var timeout = 5.0
        if let text = context.environment["IMPROVE_LOCK_TIMEOUT"], let seconds = Double(text), seconds >= 0 { timeout = seconds }
        return PlanStore(lockTimeout: timeout, user: defaultRecorder(context.environment))
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
