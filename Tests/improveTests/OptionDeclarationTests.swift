import Foundation
import Testing
@testable import improve
import PlanKit
import PlanReports

/// Options declared once (``Flag``, ``Option``, ``DateOption``): read as typed values, and the one
/// source of the option list, help, the manual page and completion.
@Suite struct OptionDeclarationTests {
    static let command = CommandDescriptor(name: "try", abstract: "", usage: "try")
    static let within = Option.days("--within", value: "DAYS", help: "Days.")
    static let group = Option<OverdueGrouping>("--group", value: "lead|theme", help: "Grouping.")
    static let theme = Option<String>("--theme", value: "ID", repeatable: true, help: "Theme.")
    static let quiet = Flag("--quiet", short: "-q", help: "Quiet.")
    static let since = DateOption.day("--since", help: "Since.")
    static let options = declared(within, group, theme, quiet, since)

    func parsed(_ tokens: [String], options: [OptionSpec] = options) throws(CLIError) -> ParsedArguments {
        try ParsedArguments(tokens, options: options, command: Self.command)
    }

    func usageMessage(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as CLIError {
            guard case .usage(let message, _) = error else { return "\(error)" }
            return message
        } catch {
            return "\(error)"
        }
    }

    @Test func optionsAreReadAsTheirTypes() throws {
        let today = try #require(CalendarDate(iso: "2019-04-30"))
        let arguments = try parsed(["--within", "14d", "--group", "theme", "--theme", "LM", "-q", "--theme", "5", "--since", "2019-04-01"])
        #expect(try arguments[Self.within] == 14)
        #expect(try arguments[Self.group] == .theme)
        #expect(try arguments.all(Self.theme) == ["LM", "5"])
        #expect(try arguments[Self.theme] == "5")
        #expect(arguments[Self.quiet])
        #expect(try arguments[Self.since, today: today] == CalendarDate(iso: "2019-04-01"))
        let none = try parsed([])
        #expect(try none[Self.within] == nil)
        #expect(try none[Self.group] == nil)
        #expect(try none.all(Self.theme).isEmpty)
        #expect(!none[Self.quiet])
        #expect(!none.given(Self.within))
        #expect(try none[Self.since, today: today] == nil)
    }

    @Test func aBadValueIsAUsageErrorNamingTheOptionAndItsChoices() throws {
        let today = try #require(CalendarDate(iso: "2019-04-30"))
        let arguments = try parsed(["--within", "soon", "--group", "rec", "--since", "31/02/2019"])
        #expect(usageMessage { _ = try arguments[Self.within] } == "invalid value 'soon' for --within; give a number of days such as 14d")
        #expect(usageMessage { _ = try arguments[Self.group] } == "invalid value 'rec' for --group; use lead or theme")
        #expect(usageMessage { _ = try arguments[Self.since, today: today] }
                == "invalid value '31/02/2019' for --since: Feb 2019 has 28 days, not 31")
        #expect(usageMessage { _ = try arguments.required(Self.theme, for: "trying") } == "trying needs --theme")
    }

    @Test func aChoiceKnowsItsWordsForCompletion() {
        #expect(Self.group.spec.completion == .choices(["lead", "theme"]))
        #expect(Self.theme.spec.completion == .typed)
        #expect(CommonOptions.color.spec.completion.words == ["auto", "always", "never"])
        #expect(OptionUse.listed(["a", "b", "c"]) == "a, b or c")
    }

    /// Options made from data (a name, a placeholder and help held in a list), as the library's
    /// field lists give them, are parsed, read and shown like those declared one by one.
    @Test func optionsBuiltFromDataAreParsedAndShown() throws {
        let fields: [(name: String, placeholder: String, help: String)] = [
            ("--colour", "NAME", "The colour."), ("--size", "N", "The size."),
        ]
        let built = fields.map { Option<String>($0.name, value: $0.placeholder, help: $0.help) }
        let arguments = try parsed(["--size", "3", "--colour", "red"], options: Self.options + built.map(\.spec))
        #expect(try built.map { try arguments[$0] } == ["red", "3"])
        #expect(HelpFormatter.options(built.map(\.spec)) == "  --colour NAME  The colour.\n  --size N       The size.\n")
    }

    @Test func aDeclarationNamesItselfInMessages() {
        #expect("\(Self.within) and \(Self.quiet)" == "--within and --quiet")
    }

    /// Every command's options, the common ones with them, have distinct names and short names,
    /// a placeholder where they take a value, and help: what the parser, `--help` and completion rely on.
    @Test func everyCommandDeclaresEachOptionOnceWithHelp() {
        for command in CommandRegistry.commands {
            let specs = command.options + CommonOptions.specs + [CommonOptions.helpSpec]
            let names = specs.map(\.name) + specs.compactMap(\.short)
            #expect(Set(names).count == names.count, "\(command.descriptor.name) declares an option twice: \(names)")
            for spec in specs {
                #expect(spec.name.hasPrefix("--") && !spec.help.isEmpty, "\(command.descriptor.name) \(spec.name)")
                #expect(spec.value != nil || spec.completion == .typed, "\(command.descriptor.name) \(spec.name): a flag has no value to complete")
                #expect(!spec.optionalValue || spec.value != nil, "\(command.descriptor.name) \(spec.name)")
            }
            let help = CommandRegistry.help(for: command)
            for spec in command.options {
                #expect(help.contains(spec.name), "\(command.descriptor.name)'s help leaves out \(spec.name)")
            }
        }
    }

    /// An enumerated option's help (its placeholder, `lead|theme`, or its sentence) names every
    /// value it takes, as completion offers them.
    @Test func helpNamesEveryChoiceOfAnEnumeratedOption() {
        var checked = 0
        for command in CommandRegistry.visible {
            for spec in command.options + CommonOptions.specs {
                guard case .choices(let words) = spec.completion else { continue }
                checked += 1
                for word in words {
                    #expect((spec.value ?? "").contains(word) || spec.help.contains(word), "\(command.descriptor.name) \(spec.name) leaves out \(word)")
                }
            }
        }
        #expect(checked > 5)
    }

    /// Completion offers for an enumerated option the words of the command it is given to:
    /// overdue groups by lead or theme (not rec, which is summary's), and --color takes auto, always or never.
    @Test func completionOffersEachCommandsOwnChoices() {
        let fish = ShellCompletion.fish
        #expect(fish.contains("-n '__fish_seen_subcommand_from overdue' -l group -r -a 'lead theme' "))
        #expect(fish.contains("-n '__fish_seen_subcommand_from summary' -l group -r -a 'theme rec' "))
        #expect(fish.contains("-n '__fish_seen_subcommand_from list' -l color -r -a 'auto always never' "))
        #expect(fish.contains("-n '__fish_seen_subcommand_from list' -l sort -r -a 'deadline id status lead theme' "))
        #expect(fish.contains("-n '__fish_seen_subcommand_from import' -l scheme -r -F "))
        let bash = ShellCompletion.bash
        #expect(bash.contains("        --group) COMPREPLY=( $(compgen -W \"lead theme rec\" -- \"$cur\") ); return ;;\n"))
        #expect(bash.contains("        --color) COMPREPLY=( $(compgen -W \"auto always never\" -- \"$cur\") ); return ;;\n"))
        #expect(bash.contains("        --status) local IFS=$'\\n'; COMPREPLY=( $(improve __ids --statuses "))
        #expect(bash.contains("        --plan|--out|--leads|--scheme|--recommendations|--themes)\n"))
    }

    /// An option's name is written once, where it is declared: a `"--` string anywhere else in the
    /// command-line sources is a second spelling that help, the manual and completion cannot see.
    /// What is left is known and counted here: the arguments improve passes to git, the `--`
    /// that ends options, and edit's field options, read by name from their list.
    @Test func optionNamesAreSpelledOnlyWhereTheyAreDeclared() throws {
        let sources = repositoryRoot.appendingPathComponent("Sources/improve")
        let declaration = try Regex(#"(Flag|Option(<[^>]*>)?|DateOption\.(day|deadline)|Option\.days|OptionSpec)\((name: )?"--"#)
        let elsewhere = try Regex(#""--[a-z]"#)
        var found: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard line.contains(elsewhere), !line.contains(declaration) else { continue }
                // Arguments for git (`git rev-parse --show-toplevel`, `git merge-file --diff3`) are git's options.
                if line.contains("git(") || line.contains("\"git\"") { continue }
                found.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        // edit's field options (--text, --success, …) are read by name, and listed in the message for an
        // edit that changes nothing, until they come from the library's field list.
        func isEditField(_ line: String) -> Bool {
            line.hasPrefix("EditCommand.swift:") || line.contains("\"--add-lead or --remove-lead, --link or --unlink")
        }
        #expect(found.filter { !isEditField($0) } == [])
        #expect(found.filter(isEditField).count <= 11, "\(found.joined(separator: "\n"))")
    }
}
