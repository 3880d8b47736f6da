import PlanKit

/// What a shell offers for an option's value (see ``ShellCompletion``), declared with the option.
enum ValueCompletion: Sendable, Equatable {
    /// Nothing: the value is the user's to type.
    case typed
    /// A file name.
    case files
    /// One of these words (`--format text|json|csv`).
    case choices([String])
    /// A status code of the plans the command line names (asked of `improve __ids --statuses`);
    /// the words are the default scheme's, for shells that cannot ask.
    case statuses([String])

    /// The words a shell may offer, where they are known.
    var words: [String]? {
        switch self {
        case .choices(let words), .statuses(let words): words
        case .typed, .files: nil
        }
    }
}

/// An option as declared once, whatever its value's type: help, the manual page, completion and
/// the parser all read its ``spec``, and a command reads its value through it (`arguments[Self.status]`),
/// so that its name is spelled in one place only.
protocol OptionDeclaration: Sendable, CustomStringConvertible {
    var spec: OptionSpec { get }
}

extension OptionDeclaration {
    /// The long name with dashes (`--status`).
    var name: String { spec.name }
    /// The name, so that a message writes `"\(Self.reason) goes with …"`.
    var description: String { spec.name }
}

/// The specs of a command's declared options, in the order help lists them.
func declared(_ options: any OptionDeclaration...) -> [OptionSpec] {
    options.map(\.spec)
}

/// An option without a value (`--overdue`); reading it says whether it was given.
struct Flag: OptionDeclaration {
    let spec: OptionSpec

    init(_ name: String, short: String? = nil, help: String) {
        spec = OptionSpec(name: name, short: short, help: help)
    }
}

/// What reading an option's value knows: the option (to name it in a message) and the command.
struct OptionUse: Sendable {
    var option: OptionSpec
    var command: CommandDescriptor

    /// A usage error about this option's value (`invalid value 'x' for --sort; use …`).
    func invalid(_ text: String, _ why: String) -> CLIError {
        .usage("invalid value '\(text)' for \(option.name)\(why)", command: command)
    }

    /// `a or b`, `a, b or c`: choices as a message lists them.
    static func listed(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }
}

/// A value an option's text can be read as without more to go on (a string, a number, a choice).
protocol OptionValue: Sendable {
    /// - Throws: ``CLIError/usage(_:command:)`` naming the option, for text that is not one.
    static func read(_ text: String, _ use: OptionUse) throws(CLIError) -> Self
    /// The values there are, for help and completion, when there are few.
    static var choices: [String]? { get }
}

extension OptionValue {
    static var choices: [String]? { nil }
}

extension String: OptionValue {
    /// The parser has refused a blank value already.
    static func read(_ text: String, _ use: OptionUse) throws(CLIError) -> String { text }
}

/// An enumeration read from its raw value; a value not among them is refused with the list.
protocol OptionChoice: OptionValue, RawRepresentable<String>, CaseIterable {}

extension OptionChoice {
    static var choices: [String]? { allCases.map(\.rawValue) }

    static func read(_ text: String, _ use: OptionUse) throws(CLIError) -> Self {
        guard let value = Self(rawValue: text) else { throw use.invalid(text, "; use " + OptionUse.listed(allCases.map(\.rawValue))) }
        return value
    }
}

/// An option with a value, read as a `Value`: `try arguments[Self.sort]` is the last one given
/// (or `nil`), `try arguments.all(Self.theme)` every one of a repeatable option.
struct Option<Value: Sendable>: OptionDeclaration {
    let spec: OptionSpec
    /// Reads one given value; throws a usage error naming the option.
    let read: @Sendable (String, OptionUse) throws(CLIError) -> Value

    /// An option whose value is read by `read` (a number in a range, a choice with a message of its own).
    init(_ name: String, value placeholder: String, repeatable: Bool = false, optionalValue: Bool = false,
         completion: ValueCompletion = .typed, help: String,
         read: @escaping @Sendable (String, OptionUse) throws(CLIError) -> Value) {
        spec = OptionSpec(name: name, value: placeholder, repeatable: repeatable, optionalValue: optionalValue,
                          help: help, completion: completion)
        self.read = read
    }
}

extension Option where Value: OptionValue {
    /// An option whose value's type knows how to read it, and its choices if it has few.
    ///
    /// Built from plain data too (a name, a placeholder and help held in an array), for options
    /// declared by the library's lists rather than one by one.
    init(_ name: String, value placeholder: String, repeatable: Bool = false, optionalValue: Bool = false,
         completion: ValueCompletion? = nil, help: String) {
        self.init(name, value: placeholder, repeatable: repeatable, optionalValue: optionalValue,
                  completion: completion ?? Value.choices.map(ValueCompletion.choices) ?? .typed, help: help,
                  read: { text, use throws(CLIError) in try Value.read(text, use) })
    }
}

extension Option where Value == String {
    /// A text option that takes one of a few words, refused with `use a, b or c` otherwise.
    init(_ name: String, value placeholder: String, oneOf words: [String], help: String) {
        self.init(name, value: placeholder, completion: .choices(words), help: help) { text, use throws(CLIError) in
            guard words.contains(text) else {
                throw use.invalid(text, "; use " + OptionUse.listed(words))
            }
            return text
        }
    }
}

extension Option where Value == Int {
    /// A number of days, written `14` or `14d` (at most a hundred years).
    static func days(_ name: String, value placeholder: String, help: String) -> Option<Int> {
        Option(name, value: placeholder, help: help) { text, use throws(CLIError) in
            let digits = text.hasSuffix("d") ? String(text.dropLast()) : text
            guard let days = Int(digits), days >= 0, days <= 36_500 else {
                throw use.invalid(text, "; give a number of days such as 14d")
            }
            return days
        }
    }
}

/// An option whose value is a date, read against the reader's today: `try arguments[Self.since, today: today]`.
struct DateOption<Value: Sendable>: OptionDeclaration {
    let spec: OptionSpec
    let read: @Sendable (String, OptionUse, CalendarDate) throws(CLIError) -> Value
}

extension DateOption where Value == CalendarDate {
    /// A day (2019-07-31, 31/07/2019, yesterday, +2w; see ``ParsedArguments/dateForms``).
    static func day(_ name: String, value placeholder: String = "DATE", help: String) -> Self {
        DateOption(spec: OptionSpec(name: name, value: placeholder, help: help)) { text, use, today throws(CLIError) in
            try ParsedArguments.day(text, for: use.option.name, today: today, command: use.command)
        }
    }
}

extension DateOption where Value == Deadline {
    /// A deadline: a day, a month, ongoing or tbc.
    static func deadline(_ name: String, value placeholder: String = "DATE", help: String) -> Self {
        DateOption(spec: OptionSpec(name: name, value: placeholder, help: help)) { text, use, today throws(CLIError) in
            try ParsedArguments.deadline(text, for: use.option.name, today: today, command: use.command)
        }
    }
}

extension ParsedArguments {
    /// Whether an option was given at all, its value unread.
    func given(_ option: any OptionDeclaration) -> Bool {
        checkDeclared(option.spec)
        return option.spec.value == nil ? has(option.name) : value(option.name) != nil
    }

    /// Whether the flag was given.
    subscript(flag: Flag) -> Bool {
        checkDeclared(flag.spec)
        return has(flag.name)
    }

    /// The option's last value, read as its type; `nil` when it was not given.
    subscript<Value>(option: Option<Value>) -> Value? {
        get throws(CLIError) {
            checkDeclared(option.spec)
            guard let text = value(option.name) else { return nil }
            return try option.read(text, OptionUse(option: option.spec, command: command))
        }
    }

    /// The option's date, read against `today`; `nil` when it was not given.
    subscript<Value>(option: DateOption<Value>, today today: CalendarDate) -> Value? {
        get throws(CLIError) {
            checkDeclared(option.spec)
            guard let text = value(option.name) else { return nil }
            return try option.read(text, OptionUse(option: option.spec, command: command), today)
        }
    }

    /// Every value of a repeatable option, in the order given.
    func all<Value>(_ option: Option<Value>) throws(CLIError) -> [Value] {
        checkDeclared(option.spec)
        var values: [Value] = []
        for text in all(option.name) { values.append(try option.read(text, OptionUse(option: option.spec, command: command))) }
        return values
    }

    /// A value that must be given.
    ///
    /// - Parameter purpose: what needs it, for the message (`a new plan`, `adding action`).
    /// - Throws: ``CLIError/usage(_:command:)`` naming the option.
    func required<Value>(_ option: Option<Value>, for purpose: String) throws(CLIError) -> Value {
        guard let value = try self[option] else { throw .usage("\(purpose) needs \(option.name)", command: command) }
        return value
    }
}
