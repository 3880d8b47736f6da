import PlanKit
import PlanReports

/// A subcommand of `improve`: one type per command, in its own file.
///
/// Each command declares its name, abstract and usage (its ``descriptor``)
/// and the options it accepts, each once as a typed value (``Flag``, ``Option``,
/// ``DateOption``); it reads them into typed properties in `init(arguments:)`
/// (`try arguments[Self.within]`), then `run` calls the library and returns an exit code.
protocol Command: Sendable {
    static var descriptor: CommandDescriptor { get }
    /// The command's own options, `declared(…)` from its declarations; the common ones are added by the registry.
    static var options: [OptionSpec] { get }

    /// Reads the command's typed properties from parsed arguments.
    ///
    /// - Throws: ``CLIError/usage(_:command:)`` for a bad value.
    init(arguments: ParsedArguments, context: CommandContext) throws(CLIError)

    /// Runs the command.
    ///
    /// - Returns: the exit code.
    /// - Throws: any error; ``ErrorReporter`` turns it into a message and code.
    func run(_ context: inout CommandContext) throws -> ExitCode

    /// Whether the command, given these arguments, writes text for people to
    /// stdout (cleaned at the terminal boundary) rather than a document with
    /// escaping of its own.
    static func writesTextForPeople(_ arguments: ParsedArguments) -> Bool
}

extension Command {
    /// Text and Markdown are for people; JSON, CSV and HTML escape what they hold themselves.
    static func writesTextForPeople(_ arguments: ParsedArguments) -> Bool {
        ["text", "markdown"].contains((try? arguments[CommonOptions.format]) ?? "text")
    }
}

/// Every command, in the order `improve --help` lists them. Serves both
/// dispatch and help.
enum CommandRegistry {
    static let commands: [any Command.Type] = [
        ListCommand.self,
        ShowCommand.self,
        LogCommand.self,
        ValidateCommand.self,
        OverdueCommand.self,
        RemindCommand.self,
        SummaryCommand.self,
        ReportCommand.self,
        UpdateCommand.self,
        EditCommand.self,
        WithdrawCommand.self,
        ReinstateCommand.self,
        AddCommand.self,
        NewCommand.self,
        ReassignCommand.self,
        BoardCommand.self,
        UndoCommand.self,
        RecordCommand.self,
        ImportCommand.self,
        ExportCommand.self,
        ImportUpdatesCommand.self,
        GitSetupCommand.self,
        MergeFileCommand.self,
        ResolveCommand.self,
        CompletionsCommand.self,
        IdsCommand.self,
    ]

    /// The tool's own options, given instead of a command (`improve --version`, `improve help --man`).
    static let version = Flag("--version", help: "Show the version.")
    static let manual = Flag("--man", help: "Print the manual page (roff).")

    /// The commands help and completion show.
    static var visible: [any Command.Type] { commands.filter { !$0.descriptor.hidden } }

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.descriptor.name == name }
    }

    /// The tool's help: usage, commands with their abstracts, common options.
    /// Command lines for `improve --help` to end with: one of each kind of
    /// work (look up, check, report, record), each runnable as it stands
    /// from a folder holding the bundled plans (the tests run them).
    static let toolExamples = [
        "improve list --lead \"yot manager\" --overdue",
        "improve show blackpool-2019:lm7",
        "improve overdue --quiet",
        "improve summary --as-of 2015-04-23 --format html > summary.html",
        "improve update lm7 --status amber --comment \"New service manager in post\"",
        "improve validate --strict",
    ]

    static var toolHelp: String {
        var text = """
        improve – track inspection improvement plans: actions, leads, deadlines and RAG status.

        usage: improve <command> [options]

        Commands:

        """
        let width = visible.map { $0.descriptor.name.count }.max() ?? 0
        for command in visible {
            let name = command.descriptor.name
            text += "  \(name)\(String(repeating: " ", count: width - name.count + 2))\(command.descriptor.abstract)\n"
        }
        text += "\nOptions for every command:\n" + HelpFormatter.options(CommonOptions.specs)
        text += "\n" + HelpFormatter.wrapped(ParsedArguments.dateForms)
        text += """

        Options for the tool:
          -h, --help     Show this help; 'improve <command> --help' shows a command's.
          --version      Show the version.
          help --man     Print the manual page (roff).

        Plans are every *.json plan in ./plans (or in $IMPROVE_PLANS); --plan chooses instead.

        Exit codes:

        """
        text += ExitCode.allCases.map { "  \(String($0.rawValue).padded(toLength: 4))\($0.meaning)\n" }.joined()
        text += "\nExamples:\n" + toolExamples.map { "  \($0)\n" }.joined()
        return text
    }

    /// A command's help: usage, discussion and every option it accepts.
    static func help(for command: any Command.Type) -> String {
        let descriptor = command.descriptor
        var text = "\(descriptor.abstract)\n\n\(descriptor.usageLine)\n"
        if !descriptor.discussion.isEmpty { text += "\n\(descriptor.discussion)\n" }
        if !command.options.isEmpty { text += "\nOptions:\n" + HelpFormatter.options(command.options) }
        text += "\nCommon options:\n" + HelpFormatter.options(CommonOptions.specs + [CommonOptions.helpSpec])
        text += "\n" + HelpFormatter.wrapped(ParsedArguments.dateForms)
        if !descriptor.examples.isEmpty {
            text += "\nExamples:\n" + descriptor.examples.map { "  \($0)\n" }.joined()
        }
        return text
    }
}

enum HelpFormatter {
    /// Help with each line longer than `width` wrapped at spaces, its further
    /// lines under where its description starts (after a label and two
    /// spaces, `  --plan FILE  Use…`), or under its own indent.
    static func fitted(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width else { return String(line) }
            let characters = Array(line)
            let leading = characters.prefix { $0 == " " }.count
            var indent = leading
            // The description's start: the first run of two spaces after the label, within the first half.
            if let run = (leading..<min(characters.count - 2, width / 2)).first(where: {
                characters[$0] != " " && characters[$0 + 1] == " " && characters[$0 + 2] == " "
            }) {
                indent = (run + 1..<characters.count).first { characters[$0] != " " } ?? leading
            }
            if indent >= width - 10 { indent = leading }
            // Spaces as written are kept (a label's padding), so the words are wrapped here
            // rather than by TextTable.wrap, which closes them up.
            var lines: [String] = []
            var current = String(repeating: " ", count: leading)
            for word in line.dropFirst(leading).split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
                let candidate = current.trimming(.whitespaces).isEmpty ? current + word : current + " " + word
                if candidate.count > width, !current.trimming(.whitespaces).isEmpty {
                    lines.append(current)
                    current = String(repeating: " ", count: indent) + word
                } else {
                    current = candidate
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// A paragraph wrapped to lines of at most 100 characters, indented as option lines are.
    static func wrapped(_ paragraph: String) -> String {
        TextTable.wrap(paragraph, width: 98).map { "  \($0)\n" }.joined()
    }

    static func options(_ specs: [OptionSpec]) -> String {
        let labels = specs.map { spec -> String in
            var label = spec.short.map { "\($0), " } ?? ""
            label += spec.name
            if let value = spec.value { label += " \(value)" }
            return label
        }
        let width = (labels.map(\.count).max() ?? 0) + 2
        return zip(labels, specs).map { label, spec in
            "  " + label + String(repeating: " ", count: width - label.count) + spec.help + "\n"
        }.joined()
    }
}
