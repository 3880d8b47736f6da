import FoundationEssentials
import Glibc
import OfficeDocument
import PlanKit
import PlanInterchange

/// `improve export --for-update`: the monthly request to leads as Excel
/// workbooks (``UpdateRequest``), which `improve import-updates` reads back.
extension ExportCommand {
    static let forUpdate = Flag("--for-update", help: "Workbooks for leads to fill in: their open actions, with New status, Progress comment, Date and Milestone done to fill.")
    /// One `--out` for every form of export: BinaryOutput's, which the xlsx and docx exports read;
    /// with --for-update it names a folder or a FILE.xlsx (see forUpdateDiscussion).
    static var out: Option<String> { BinaryOutput.out }

    static let forUpdateDiscussion = """
    --for-update: each lead's open actions (not complete or withdrawn) as a sheet to fill in Excel: the
    plan's columns locked, New status (a drop-down of the plan's statuses), Progress comment, Date and
    Milestone done open, and a hidden stamp of each action as exported. --out DIR writes one workbook a
    lead (DIR/LEAD-DATE.xlsx); --out FILE.xlsx one workbook with a sheet a lead and a sheet of
    instructions; neither overwrites a file (73). `improve import-updates` reads the returned file.
    """

    /// Extensions that name a file, never a folder of workbooks.
    static let otherFileKinds: Set<String> = ["xls", "xlsm", "xlsb", "ods", "csv", "tsv", "txt", "doc", "docx", "odt", "pdf", "zip", "json", "html", "md"]

    /// Where the workbooks go.
    enum UpdateDestination: Equatable {
        /// One workbook a lead, in this folder.
        case folder(String)
        /// One workbook, a sheet a lead.
        case file(String)
        /// One workbook to stdout, which must not be a terminal.
        case standardOutput
    }

    /// The destination `--for-update` asks for, or `nil` without it; its options checked.
    static func updateDestination(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) -> UpdateDestination? {
        let out = try arguments[Self.out]
        // Without --for-update, --out is the xlsx/docx export's, checked by binaryOutput.
        guard arguments[Self.forUpdate] else { return nil }
        if let first = arguments.positionals.first {
            throw .usage("unexpected argument '\(first)'; \(Self.forUpdate) writes workbooks, not \(first)", command: descriptor)
        }
        if arguments[Self.milestones] || arguments[Self.bom] || arguments[Self.open] {
            throw .usage("\(Self.milestones), \(Self.bom) and \(Self.open) do not go with \(Self.forUpdate)", command: descriptor)
        }
        guard let out else {
            guard !context.stdoutIsTerminal else {
                throw .usage("a workbook is a binary file; give \(Self.out) DIR or \(Self.out) FILE.xlsx, or redirect the output", command: descriptor)
            }
            return .standardOutput
        }
        guard !out.isEmpty else { throw .usage("\(Self.out) needs a folder or a FILE.xlsx", command: descriptor) }
        // A file name of another kind is a slip, not a folder to make (`--out updates.docx`, `--out updates.xls`).
        let fileKind = PathText.extensionName(of: out).lowercased()
        if Self.otherFileKinds.contains(fileKind) {
            throw .usage("\(Self.out) \(out): workbooks for leads go to a folder or to a FILE.xlsx, not a .\(fileKind) file", command: descriptor)
        }
        return fileKind == "xlsx" ? .file(out) : .folder(out)
    }

    func runForUpdate(_ destination: UpdateDestination, _ context: inout CommandContext) throws -> ExitCode {
        let plans = try common.loadPlans()
        if let lead { try QueryError.checkLead(lead, in: plans) }
        let requests = UpdateRequest.requests(plans: plans, lead: lead, asOf: common.asOf)
        guard !requests.isEmpty else {
            context.stdout.write("No open actions\(lead.map { " with a lead containing \"\($0)\"" } ?? "") as of \(common.asOf); no workbook was written.\n")
            return .success
        }
        func count(_ request: UpdateRequest) -> String { "\(request.rows.count) open \(request.rows.count == 1 ? "action" : "actions")" }
        switch destination {
        case .standardOutput:
            let bytes = try UpdateRequest.workbook(requests, asOf: common.asOf).xlsx()
            context.stdout.flush()
            if let descriptor = context.stdout.descriptor { descriptor.write(bytes) } else { context.stdout.write(String(decoding: bytes, as: UTF8.self)) }
        case .file(let file):
            try Self.checkNew(file, in: common.workingFolder, lead: nil)
            try Self.write(try UpdateRequest.workbook(requests, asOf: common.asOf).xlsx(), to: file, in: common.workingFolder)
            context.stdout.write("Wrote \(file): \(requests.count) \(requests.count == 1 ? "lead" : "leads") as of \(common.asOf)\n")
            for request in requests { context.stdout.write("  \(request.lead): \(count(request))\n") }
        case .folder(let folder):
            let files = try prepareFolder(folder, for: requests.map(\.lead))
            for (request, file) in zip(requests, files) {
                try Self.write(try request.workbook(asOf: common.asOf).xlsx(), to: file, in: common.workingFolder)
            }
            context.stdout.write("Wrote \(files.count) \(files.count == 1 ? "workbook" : "workbooks") as of \(common.asOf) to \(folder):\n")
            for (request, file) in zip(requests, files) { context.stdout.write("  \(file)  \(request.lead): \(count(request))\n") }
        }
        return .success
    }

    /// The folder, made when missing, and a new file for each lead (`j-smith-2019-04-10.xlsx`),
    /// every one checked before any is written: nothing overwritten, nothing half done.
    func prepareFolder(_ folder: String, for leads: [String]) throws -> [String] {
        let resolved = common.workingFolder.resolve(folder)
        var isDirectory = false
        if FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) {
            guard isDirectory else { throw UpdateFileError.notAFolder(folder) }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: resolved, withIntermediateDirectories: true)
            } catch {
                throw UpdateFileError.cannotCreateFolder(folder, reason: SystemErrorReason.words(for: error))
            }
        }
        var used = Set<String>()
        var files: [String] = []
        for lead in leads {
            let base = RemindCommand.fileName(for: lead)
            var name = "\(base)-\(common.asOf).xlsx", number = 2
            while !used.insert(name).inserted {
                name = "\(base)-\(number)-\(common.asOf).xlsx"
                number += 1
            }
            let file = PathText.appending(name, to: folder)
            try Self.checkNew(file, in: common.workingFolder, lead: lead)
            files.append(file)
        }
        return files
    }

    static func checkNew(_ file: String, in folder: WorkingFolder, lead: String?) throws {
        if FileManager.default.fileExists(atPath: folder.resolve(file)) { throw UpdateFileError.wouldOverwrite(file, lead: lead) }
        let parent = PathText.parent(of: folder.resolve(file))
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory else {
            throw UpdateFileError.noFolder(file)
        }
    }

    /// Writes a new file, never replacing one (a lead's returned workbook may have the same name), and
    /// never half: the bytes go to a hidden file beside it, which is then hard-linked to the name (the
    /// link fails when the name exists) and removed. Where the file system has no hard links (some
    /// network shares), it falls back to writing the file in place without overwriting.
    static func write(_ bytes: [UInt8], to file: String, in folder: WorkingFolder) throws {
        let target = folder.resolve(file)
        let directory = PathText.parent(of: target)
        let temporary = PathText.appending(".\(PathText.lastComponent(of: target)).\(getpid()).part", to: directory)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
        } catch {
            throw UpdateFileError.cannotWrite(file, reason: SystemErrorReason.words(for: error))
        }
        defer { unlink(temporary) }
        if link(temporary, target) == 0 { return }
        let failure = errno
        if failure == EEXIST { throw UpdateFileError.wouldOverwrite(file, lead: nil) }
        guard failure == EPERM || failure == ENOTSUP || failure == EXDEV else {
            throw UpdateFileError.cannotWrite(file, reason: String(cString: strerror(failure)))
        }
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: target), options: .withoutOverwriting)
        } catch {
            throw UpdateFileError.cannotWrite(file, reason: SystemErrorReason.words(for: error))
        }
    }
}

/// What `export --for-update` refuses or fails at, worded by ``ErrorReporter``.
enum UpdateFileError: Error {
    /// `--out` names something that is not a folder (73).
    case notAFolder(String)
    case cannotCreateFolder(String, reason: String)
    /// The folder a FILE.xlsx would go in does not exist (73).
    case noFolder(String)
    /// A workbook's file is already there (73); nothing was written.
    case wouldOverwrite(String, lead: String?)
    /// A workbook could not be written (74).
    case cannotWrite(String, reason: String)

    var sentence: (String, ExitCode) {
        switch self {
        case .notAFolder(let path):
            return ("\(path) is not a folder; give \(ExportCommand.out) a folder, or a FILE.xlsx (nothing was written)", .cannotCreate)
        case .cannotCreateFolder(let path, let reason):
            return ("cannot create the folder \(path): \(reason) (nothing was written)", .cannotCreate)
        case .noFolder(let path):
            return ("the folder for \(path) does not exist; create it first (nothing was written)", .cannotCreate)
        case .wouldOverwrite(let path, let lead):
            return ("\(path)\(lead.map { " (the workbook for \($0))" } ?? "") already exists; move it away or give another \(ExportCommand.out) (nothing was written)", .cannotCreate)
        case .cannotWrite(let path, let reason):
            return ("could not write \(path): \(reason)", .ioError)
        }
    }
}
