import FoundationEssentials
import Glibc
import PlanKit
import PlanReports

/// The thin entry point: pick the command, parse its arguments, run it, and
/// turn whatever happens into an exit code.
enum Entrypoint {
    static let version = "0.1.0"

    /// Runs `improve` with the arguments that follow the program name.
    ///
    /// - Returns: the process exit code.
    static func run(_ arguments: [String], context: inout CommandContext) -> ExitCode {
        var code: ExitCode
        var setupNote: String?
        // What the command wrote goes out before any message on stderr.
        do {
            code = try dispatch(arguments, context: &context, setupNote: &setupNote)
        } catch {
            context.stdout.flush()
            let (message, errorCode) = ErrorReporter.report(error, in: context.workingFolder)
            context.stderr.write(message + "\n")
            code = errorCode
        }
        context.stdout.flush()
        // Plans a command could not use are reported after what it did with
        // the others; the first one's code is the exit code, so that a cron
        // job can tell a broken plan from its findings.
        for (index, error) in context.deferred.errors.enumerated() {
            let (message, errorCode) = ErrorReporter.report(error, in: context.workingFolder)
            context.stderr.write(message + "\n")
            if index == 0, code == .success || code == .findings { code = errorCode }
        }
        if let setupNote { context.stderr.write(setupNote + "\n") }
        return outcome(code, context: &context)
    }

    /// The exit code once the output's fate is known.
    ///
    /// A reader that went away (`improve list | head`) ends the command
    /// quietly with its own code. Output that could not be written (a full
    /// disk, a closed descriptor, an I/O error) is 74 with one line on stderr
    /// (just the code when stderr is what failed) – or, once a change has been
    /// recorded in a plan, ``ExitCode/recordedOutputFailed``, so that a script
    /// does not record it twice.
    static func outcome(_ code: ExitCode, context: inout CommandContext) -> ExitCode {
        let failed = [context.stdout.descriptor, context.stderr.descriptor].compactMap { $0 }
            .filter { $0.failure != nil && !$0.readerWentAway }
        guard !failed.isEmpty else { return code }
        let recorded = !context.landed.files.isEmpty
        if let stdout = context.stdout.descriptor, let reason = stdout.failureReason, !stdout.readerWentAway {
            if recorded {
                let files = Set(context.landed.files).sorted().joined(separator: ", ")
                context.stderr.write("improve: the change was recorded in \(files), but its confirmation could not be written to stdout (\(reason)); do not run the command again\n")
            } else {
                context.stderr.write("improve: could not write to stdout (\(reason)); the output is incomplete\n")
            }
        }
        if recorded { return .recordedOutputFailed }
        // A failed message outranks the code it carried: whoever reads the code did not get the message.
        return .ioError
    }

    private static func dispatch(_ arguments: [String], context: inout CommandContext, setupNote: inout String?) throws -> ExitCode {
        guard let first = arguments.first else {
            context.stderr.write(CommandRegistry.toolHelp)
            return .usage
        }
        switch first {
        case CommonOptions.help.spec.short, CommonOptions.help.name:
            // `improve --help list` is `improve help list`.
            if arguments.count > 1, let command = CommandRegistry.command(named: arguments[1]) {
                return writeHelp(CommandRegistry.help(for: command), context: &context)
            }
            return writeHelp(CommandRegistry.toolHelp, context: &context)
        case CommandRegistry.version.name:
            context.stdout.write("improve \(version)\n")
            return .success
        case "help":
            if arguments.count > 1, arguments[1] == CommandRegistry.manual.name {
                context.stdout.write(ManualPage.roff(version: version))
                return .success
            }
            guard arguments.count > 1 else { return writeHelp(CommandRegistry.toolHelp, context: &context) }
            guard let command = CommandRegistry.command(named: arguments[1]) else { throw unknownCommand(arguments[1]) }
            return writeHelp(CommandRegistry.help(for: command), context: &context)
        default:
            break
        }
        guard let command = CommandRegistry.command(named: first) else { throw unknownCommand(first) }
        let specs = command.options + CommonOptions.specs + [CommonOptions.helpSpec]
        let parsed = try ParsedArguments(Array(arguments.dropFirst()), options: specs, command: command.descriptor)
        if parsed[CommonOptions.help] { return writeHelp(CommandRegistry.help(for: command), context: &context) }
        // Text for people (text, Markdown) is cleaned at the terminal boundary;
        // documents in other formats (JSON, CSV, HTML, calendars, scripts)
        // keep their own escaping. Messages on stderr are always cleaned.
        context.stdout.cleansText = command.writesTextForPeople(parsed)
        if let when = try parsed[CommonOptions.color] { context.colour = when }
        _ = try ChangeOptions.lockTimeout(context.environment)
        if let day = try fixedToday(context.environment, clock: context.today) { context.today = day }
        // A clone whose .gitattributes hands plans to improve but whose config lacks the driver
        // cannot pull: said once, after the command's own output (git-setup is the fix; git runs merge-file).
        if command.descriptor.name != GitSetupCommand.descriptor.name, command.descriptor.name != MergeFileCommand.descriptor.name {
            // From the plans folder (a --plan file's, IMPROVE_PLANS, or plans/), else from here.
            let folder: String = (try parsed[CommonOptions.plan]).map { PathText.parent(of: $0) }
                ?? context.environment["IMPROVE_PLANS"].flatMap { $0.isEmpty ? nil : $0 } ?? "plans"
            let start = !folder.isEmpty && FileManager.default.fileExists(atPath: context.path(folder)) ? folder : "."
            setupNote = GitRepository.setupNote(from: context.path(start), in: context.workingFolder)
        }
        let instance = try command.init(arguments: parsed, context: context)
        return try paged(command.descriptor.pages && !parsed[CommonOptions.noPager], context: &context) { try instance.run(&$0) }
    }

    /// Runs `body`, its output paged (see ``Pager``) when `pages` and stdout is
    /// a terminal in the foreground with a pager to hand: kept until `body`
    /// ends, then shown through the pager if it is longer than the screen.
    private static func paged(_ pages: Bool, context: inout CommandContext,
                              _ body: (inout CommandContext) throws -> ExitCode) throws -> ExitCode {
        guard pages, context.stdoutIsTerminal, context.inForeground,
              let pager = Pager.command(environment: context.environment),
              let height = Pager.terminalHeight(context.screen, environment: context.environment) else {
            return try body(&context)
        }
        let page = TextSink.Captured()
        var screen = context.stdout
        context.stdout = TextSink(capturing: page, cleansText: screen.cleansText)
        defer {
            // The rows the text takes on the screen: a line longer than the width takes several.
            let width = max(context.width ?? 80, 1)
            let lines = page.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().reduce(0) {
                $0 + max(1, (TextTable.displayWidth(String($1)) + width - 1) / width)
            }
            if lines < height || !Pager.show(page.text, command: pager, environment: context.environment) {
                screen.cleansText = false  // cleaned as it was captured
                screen.write(page.text)
            }
            context.stdout = screen
        }
        return try body(&context)
    }

    /// Writes help to stdout, its long lines wrapped to the terminal's width
    /// under their own description, and paged as a long answer is.
    private static func writeHelp(_ text: String, context: inout CommandContext) -> ExitCode {
        let fitted = context.width.map { HelpFormatter.fitted(text, width: $0) } ?? text
        return (try? paged(true, context: &context) { context in
            context.stdout.write(fitted)
            return .success
        }) ?? .success
    }

    /// The day `$IMPROVE_TODAY` sets as today (`YYYY-MM-DD`), `nil` when it is not set: so that a
    /// script or a test gets the answer of a given day from every command, as if run on it.
    ///
    /// A day after the clock's is refused: a change recorded on it would be a history entry in the
    /// future, which every other reader of the plan refuses until that day comes.
    static func fixedToday(_ environment: [String: String], clock: CalendarDate) throws(CLIError) -> CalendarDate? {
        guard let text = environment["IMPROVE_TODAY"] else { return nil }
        guard let day = CalendarDate(iso: text), CalendarDate.plausibleYears.contains(day.year) else {
            throw .refused("invalid value '\(text)' for IMPROVE_TODAY: give the day to take for today as YYYY-MM-DD "
                           + "(from \(CalendarDate.plausibleYears.lowerBound) to \(CalendarDate.plausibleYears.upperBound)), or unset it for the clock's")
        }
        guard day <= clock else {
            throw .refused("IMPROVE_TODAY is \(day), after today (\(clock)): what a command recorded on it would be in the future, "
                           + "and no one could read the plan until then; give a day up to \(clock), or unset it")
        }
        return day
    }

    private static func unknownCommand(_ name: String) -> CLIError {
        var message = name.hasPrefix("-") ? "unknown option '\(name)'" : "unknown command '\(name)'"
        let names = CommandRegistry.visible.map { $0.descriptor.name }
        if let near = EditDistance.closest(to: name, among: names) { message += "; did you mean '\(near)'?" }
        message += " (commands: \(names.joined(separator: ", ")))"
        return .usage(message, command: nil)
    }
}
