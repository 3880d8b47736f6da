import FoundationEssentials
import PlanKit
import PlanStorage

/// Where a binary file a command makes (a Word document, an Excel workbook,
/// a ZIP of CSV files) goes: to `--out FILE`, written atomically, or to
/// stdout when stdout is not a terminal (`> pack.docx`). A terminal is
/// refused before any plan is read: bytes of a ZIP would only garble it.
struct BinaryOutput {
    static let out = Option<String>("--out", value: "FILE", completion: .files,
                                    help: "With a Word, Excel or zipped CSV file: write it to FILE (replaced whole, never half-written) rather than to stdout.")

    /// What is written, for messages: `a Word document`.
    let what: String
    /// The file's extension, which `--out` must end in: `docx`.
    let fileExtension: String
    /// The `--out` file as the user typed it, or `nil` for stdout.
    let file: String?

    /// Reads `--out` for a binary file of this kind.
    ///
    /// - Throws: a usage error when `--out` names a file of another kind, or
    ///   when there is no `--out` and stdout is a terminal.
    init(_ arguments: ParsedArguments, what: String, fileExtension: String, context: CommandContext,
         command: CommandDescriptor) throws(CLIError) {
        self.what = what
        self.fileExtension = fileExtension
        file = try arguments[Self.out]
        if let file {
            guard PathText.extensionName(of: file).lowercased() == fileExtension else {
                throw .usage("\(Self.out) \(file): \(what) is written to a file ending .\(fileExtension)", command: command)
            }
        } else if context.stdoutIsTerminal {
            throw .usage("\(what) is a binary file; use \(Self.out) FILE or redirect (> FILE.\(fileExtension))", command: command)
        }
    }

    /// Refuses `--out` where the output is text (`--format html`): it goes with binary files only.
    static func refuse(_ arguments: ParsedArguments, unless binary: Bool, formats: String,
                       command: CommandDescriptor) throws(CLIError) {
        if !binary, try arguments[out] != nil {
            throw .usage("\(out) goes with \(formats); other formats are written to stdout", command: command)
        }
    }

    /// Writes the file, and says on stdout which file was written; or writes the bytes to stdout.
    ///
    /// - Throws: ``OutputFileError`` when the file cannot be written.
    func write(_ bytes: [UInt8], context: inout CommandContext) throws(OutputFileError) {
        guard let file else {
            context.stdout.write(bytes: bytes)
            return
        }
        do {
            try OutputFile.replace(context.path(file), with: bytes, shownAs: file)
        } catch {
            throw OutputFileError(file: file, what: what, error: error)
        }
        context.stdout.write("Wrote \(file) (\(what), \(Self.size(bytes.count))).\n")
    }

    /// A file size as people say it: `812 bytes`, `14 KB`, `1.2 MB`.
    static func size(_ bytes: Int) -> String {
        if bytes < 1_000 { return "\(bytes) bytes" }
        if bytes < 1_000_000 { return "\((bytes + 500) / 1_000) KB" }
        return "\(Double((bytes + 50_000) / 100_000) / 10) MB"
    }
}

/// A binary file that could not be written (read-only, no such folder, disk full); nothing was written.
struct OutputFileError: Error {
    var file: String
    var what: String
    var error: PlanWriteError

    /// The message and exit code: 73 when the file cannot be made there, 74 when writing it failed.
    var sentence: (String, ExitCode) {
        switch error {
        case .noFolder:
            return ("cannot write \(file): its folder does not exist; create it first (nothing was written)", .cannotCreate)
        case .readOnly(_, let what):
            let part = what == "its folder" ? "its folder is" : "it is"
            return ("cannot write \(file): \(part) read-only (nothing was written)", .cannotCreate)
        case .stickyFolder(_, let owner, let folder):
            return ("cannot replace \(file): it belongs to \(owner) and \(folder) lets only its owner replace it; choose another file (nothing was written)", .cannotCreate)
        case .writeFailed(_, let reason), .createFailed(_, let reason):
            return ("could not write \(file), \(what): \(reason) (nothing was written)", .ioError)
        default:
            return ("could not write \(file), \(what) (nothing was written)", .ioError)
        }
    }
}
