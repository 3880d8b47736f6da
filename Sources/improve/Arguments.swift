import FoundationEssentials
import PlanKit

/// One option a command accepts.
struct OptionSpec {
    /// The long name with dashes (`--status`).
    var name: String
    /// A short alias (`-h`), if any.
    var short: String? = nil
    /// The value's placeholder in help (`LEVEL`), or `nil` for a flag.
    var value: String? = nil
    /// Whether the option may be given more than once.
    var repeatable = false
    /// Whether the value may be left out (`--done` or `--done 2019-04-02`);
    /// the next token is taken as the value only when it is written as a date
    /// (`yesterday`, `31/02/2019`: a mistaken date is reported as one).
    var optionalValue = false
    /// What it does, for `--help`.
    var help: String
    /// What a shell offers for the value.
    var completion: ValueCompletion = .typed

    /// Whether the value is an id (`--id`, `--theme`, `--rec`, `--link`): its placeholder says so. Such a
    /// value may not hold a character an id may not (``IdentifierMatcher/refusedCharacter(in:)``).
    var takesIdentifier: Bool { value == "ID" || value == "REC" }
}

/// A command line split into options and positional arguments, checked
/// against the options a command declares.
struct ParsedArguments {
    private(set) var values: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionals: [String] = []
    /// The words after the command's name, as given: a command that suggests the next line to run repeats them.
    let tokens: [String]
    /// The command the line is for, named in messages about its values.
    let command: CommandDescriptor
    /// The names of the options the command declares: reading one it does not is a mistake in improve.
    private let declared: Set<String>

    /// Splits tokens into options and positionals.
    ///
    /// Options take their value as `--name value` or `--name=value`; `--` ends
    /// options. An option not declared, a missing value, or a repeated
    /// non-repeatable option is a usage error naming the token.
    ///
    /// - Throws: ``CLIError/usage(_:command:)``.
    init(_ tokens: [String], options: [OptionSpec], command: CommandDescriptor) throws(CLIError) {
        self.command = command
        self.tokens = tokens
        declared = Set(options.map(\.name))
        var index = 0
        var onlyPositionals = false
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            // `-1w` (a week ago, as `board add -1w`) is a value, not an option: no option starts with a digit.
            let negativeValue = token.dropFirst().first?.isNumber == true
            if onlyPositionals || !token.hasPrefix("-") || token == "-" || negativeValue {
                // An empty id or search ('') would match nothing, or everything: never what was meant.
                if Self.isBlank(token) {
                    throw .usage("argument \(positionals.count + 1) is blank ('\(token)'); give a value, or leave it out", command: command)
                }
                positionals.append(token)
                continue
            }
            if token == "--" {
                onlyPositionals = true
                continue
            }
            var name = token
            var inlineValue: String?
            if token.hasPrefix("--"), let equals = token.firstIndex(of: "=") {
                name = String(token[..<equals])
                inlineValue = String(token[token.index(after: equals)...])
            }
            guard let spec = options.first(where: { $0.name == name || $0.short == name }) else {
                var message = "unknown option '\(name)'"
                if let near = EditDistance.closest(to: name, among: options.map(\.name)) {
                    message += "; did you mean '\(near)'?"
                }
                throw .usage(message, command: command)
            }
            if spec.value == nil {
                if inlineValue != nil { throw .usage("option '\(spec.name)' takes no value", command: command) }
                flags.insert(spec.name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if spec.optionalValue {
                if index < tokens.count, DateInput.isWrittenAsDate(tokens[index]) {
                    value = tokens[index]
                    index += 1
                } else {
                    value = ""
                }
            } else {
                guard index < tokens.count else {
                    throw .usage("option '\(spec.name)' needs a value (\(spec.value!))", command: command)
                }
                value = tokens[index]
                index += 1
            }
            // What a plan file refuses to read is refused here, before anything is written.
            if !(spec.optionalValue && value.isEmpty), Self.isBlank(value) {
                throw .usage("invalid value '\(value)' for \(spec.name): it is blank; give \(spec.value!)", command: command)
            }
            if spec.takesIdentifier { try Self.checkIdentifier(value, for: spec.name, command: command) }
            if !spec.repeatable, values[spec.name] != nil {
                throw .usage("option '\(spec.name)' given more than once", command: command)
            }
            values[spec.name, default: []].append(value)
        }
    }

    /// Whether a value is blank: empty, or only spaces and characters that do not show.
    static func isBlank(_ value: String) -> Bool {
        // Beyond the reader's rule, a value of only invisible characters (zero-width spaces,
        // joiners) would be a blank that looks like nothing on every page: blank too.
        let invisible = !value.isEmpty && value.unicodeScalars.allSatisfy {
            $0.properties.isWhitespace || [.format, .control].contains($0.properties.generalCategory)
        }
        return !PlanFormat.isText(value) || invisible
    }

    /// Refuses an id given on the command line that holds a character an id may not: an invisible
    /// or control character would make an id that reads as another but is not it.
    static func checkIdentifier(_ id: String, for option: String, command: CommandDescriptor) throws(CLIError) {
        guard let scalar = IdentifierMatcher.refusedCharacter(in: id) else { return }
        throw .usage("invalid value '\(IdentifierMatcher.visible(id))' for \(option): it holds \(IdentifierMatcher.describe(scalar)), "
                     + "a character that does not show, which an id may not hold; write '\(IdentifierMatcher.withoutRefused(id))'", command: command)
    }

    /// Whether a flag was given, by name: for options built from data (see ``Option``); others read `self[flag]`.
    func has(_ flag: String) -> Bool {
        checkDeclared(flag)
        return flags.contains(flag)
    }

    /// An option's last value as typed, by name (see ``has(_:)``).
    func value(_ name: String) -> String? {
        checkDeclared(name)
        return values[name]?.last
    }

    /// Every value of a repeatable option as typed, by name (see ``has(_:)``).
    func all(_ name: String) -> [String] {
        checkDeclared(name)
        return values[name] ?? []
    }

    /// Stops a debug build (the tests) that reads an option its command does not declare: such an
    /// option could never be given, and its help, manual entry and completion would be missing.
    func checkDeclared(_ spec: OptionSpec) { checkDeclared(spec.name) }

    private func checkDeclared(_ name: String) {
        assert(declared.contains(name), "\(command.name) reads \(name), which it does not declare")
    }

    /// A plan id given as `--id` (or taken from a file name), checked as plans are read.
    /// - Parameter option: what gave it, for the message: `--id`, or the option whose file name it is.
    static func planID(_ id: String, from option: String, command: CommandDescriptor) throws(CLIError) -> String {
        try checkIdentifier(id, for: option, command: command)
        guard Plan.isValidID(id) else {
            throw .usage("invalid value '\(id)' for \(option): a plan id may not contain ':', which separates a plan from an id (blackpool-2019:LM 7)", command: command)
        }
        return id
    }
}

/// What every command declares about itself, for dispatch and `--help`.
struct CommandDescriptor: Sendable {
    var name: String
    var abstract: String
    /// The usage line without `improve` (`list [options] [TEXT]`).
    var usage: String
    var discussion: String = ""
    /// Left out of help and completion (internal helpers).
    var hidden = false
    /// Two or three real command lines, shown at the end of `--help` and in the manual.
    var examples: [String] = []
    /// Whether text it writes to a terminal goes through the pager when longer than the screen (see ``Pager``).
    var pages = false

    var usageLine: String { "usage: improve \(usage)" }
}
