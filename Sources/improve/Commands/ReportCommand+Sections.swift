import PlanJSON
import PlanKit
import PlanReports

/// `report --sections a,b,c` and `report --brief`: which of the pack's sections to print, in every format.
extension ReportCommand {
    static let sections = Option<String>("--sections", value: "A,B,…", help: "Only these sections, in this order, in any format: \(BoardReport.sectionNames.joined(separator: ", ")).")
    static let brief = Flag("--brief", help: "The brief: headline, RAG chart, trend chart and exceptions, the rest named with the command that prints it (three A4 pages at most).")

    /// The sections asked for with `--sections`, checked against the pack's names (a usage error names them).
    static func readSections(_ arguments: ParsedArguments, section: String?, brief: Bool) throws(CLIError) -> [String]? {
        guard let text = try arguments[sections] else { return nil }
        if section != nil { throw .usage("give \(Self.section) or \(sections), not both", command: descriptor) }
        if brief { throw .usage("\(Self.brief) is a set of sections of its own; give it or \(sections), not both", command: descriptor) }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimming(.whitespaces).lowercased() }
        let valid = BoardReport.sectionNames
        if let unknown = names.first(where: { !valid.contains($0) }) {
            throw .usage("no section '\(unknown)' in the board pack; use one of \(valid.joined(separator: ", "))", command: descriptor)
        }
        if let twice = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) })?.element {
            throw .usage("the section '\(twice)' is given twice in \(sections)", command: descriptor)
        }
        return names
    }

    /// The command that prints the full pack the brief stands for: this one without `--brief`.
    var fullPackCommand: String {
        var words = ["improve", Self.descriptor.name]
        for plan in plans { words += ["\(CommonOptions.plan)", plan] }
        words += ["\(CommonOptions.asOf)", common.asOf.description]
        if let since { words += ["\(Self.since)", since.description] }
        if let next { words += ["\(Self.next)", next.description] }
        if grouping != .theme { words += ["\(SummaryCommand.group)", grouping.rawValue] }
        if let lead = leads.lead { words += ["\(LeadFilter.lead)", lead] }
        if common.format != .text { words += ["\(CommonOptions.format)", common.format.rawValue] }
        // A Word, Excel or zipped CSV pack is refused at a terminal: the command names a file for it.
        if let binary { words += ["\(BinaryOutput.out)", "pack.\(binary.fileExtension)"] }
        return words.map(Self.shellWord).joined(separator: " ")
    }

    /// A word as a shell reads it: quoted when it holds anything but letters, digits and `-_./:`.
    static func shellWord(_ word: String) -> String {
        word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:".contains($0) } ? word
            : "'" + word.replacingEvery("'", with: "'\\''") + "'"
    }

    /// The document to print: the brief, the sections chosen, or the whole pack, each plan's part
    /// made as it was read (see ``BoardPackPart``).
    func document(_ parts: [BoardPackPart]) -> ReportDocument {
        var document = brief ? BoardReport.brief([], asOf: common.asOf, fullPack: fullPackCommand)
            : BoardReport.document([], asOf: common.asOf)
        document.sections = parts.flatMap(\.sections)
        return document
    }

    /// The pack (or the brief, or the sections chosen) as JSON, with these plans' JSON
    /// (`report` writes each plan's as it reads it: ``writeJSON(_:context:)``).
    func json(_ plans: [JSONValue]) -> JSONValue {
        var members = [JSONMember("asOf", .string(common.asOf.description)),
                       JSONMember("plans", .array(plans))]
        if brief { members.append(JSONMember("fullPack", .string(fullPackCommand))) }
        return .object(members)
    }
}
