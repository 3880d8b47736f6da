import FoundationEssentials
import PlanKit

/// `--lead TEXT`: only the actions whose leads contain TEXT, for "what is mine".
///
/// `overdue` also takes a default lead, so that a YOT manager's plain
/// `improve overdue` lists their own items: `$IMPROVE_LEAD`, else `lead = …`
/// in the config file (``ConfigFile``); `--all` sets it aside.
struct LeadFilter {
    static let lead = Option<String>("--lead", value: "TEXT", help: "Only actions with a lead containing TEXT, ignoring case.")
    static let all = Flag("--all", help: "Every lead's actions, setting aside $IMPROVE_LEAD and the config file's lead.")

    /// The lead to keep, or `nil` for every action.
    var lead: String?
    /// Where a default lead came from (`$IMPROVE_LEAD`, the config file), for messages; `nil` for `--lead`.
    var source: String?

    /// - Parameter usesDefault: whether the default lead applies when `--lead` is not given.
    init(arguments: ParsedArguments, context: CommandContext, command: CommandDescriptor, usesDefault: Bool) throws(CLIError) {
        // Only a command with a default lead declares --all, which sets it aside.
        let all = usesDefault && arguments[Self.all]
        if let given = try arguments[Self.lead] {
            if all { throw .usage("\(Self.lead) and \(Self.all) cannot be used together", command: command) }
            lead = given
        } else if usesDefault, !all {
            lead = try ConfigFile.defaultLead(context.environment, in: context.workingFolder, command: command)
            if lead != nil {
                source = context.environment["IMPROVE_LEAD"].map(PlanFormat.isText) == true ? "$IMPROVE_LEAD"
                    : ConfigFile.path(context.environment) ?? "the config file"
            }
        }
    }

    /// Checks that some action has the lead, saying where a default lead came from when none has.
    func check(in plans: @autoclosure () throws -> [Plan]) throws {
        guard let lead else { return }
        do {
            try QueryError.checkLead(lead, in: try plans())
        } catch let error as QueryError {
            guard let source else { throw error }
            throw CLIError.refused("\(ErrorReporter.sentence(error)) (the lead \"\(lead)\" is the default from \(source); give \(Self.lead) NAME, or \(Self.all) for everyone's)")
        }
    }
}

/// The user's settings file, `$XDG_CONFIG_HOME/improve/config` (else
/// `~/.config/improve/config`): `key = value` lines, `#` comments. Its one
/// key is `lead`, the default for `overdue --lead`.
enum ConfigFile {
    static func path(_ environment: [String: String]) -> String? {
        if let folder = environment["XDG_CONFIG_HOME"], folder.hasPrefix("/") { return folder + "/improve/config" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/improve/config"
    }

    /// `$IMPROVE_LEAD` when set and not blank, else the config file's `lead`, else `nil`.
    ///
    /// - Throws: ``CLIError/usage(_:command:)`` naming the file and line of a line it cannot read.
    /// (A relative `$HOME` is read from the command's working folder, `folder`.)
    static func defaultLead(_ environment: [String: String], in folder: WorkingFolder, command: CommandDescriptor) throws(CLIError) -> String? {
        if let lead = environment["IMPROVE_LEAD"], PlanFormat.isText(lead) { return lead }
        guard let path = path(environment), let data = FileManager.default.contents(atPath: folder.resolve(path)) else { return nil }
        var lead: String?
        for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimming(.whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimming(.whitespaces) }
            guard parts.count == 2, parts[0] == "lead", PlanFormat.isText(parts[1]) else {
                throw .usage("\(path):\(number + 1): cannot read '\(text)'; write 'lead = NAME' (the only setting)", command: command)
            }
            lead = parts[1]
        }
        return lead
    }
}
