import FoundationEssentials
import Glibc
import PlanKit
import PlanReports

/// Where a command's output goes: a file handle (stdout, stderr), or text
/// kept in memory so that tests can run commands in-process and read what
/// they wrote.
struct TextSink: TextOutputStream {
    /// Text written to a capturing sink.
    final class Captured: @unchecked Sendable {
        var text = ""
        /// Bytes written as they are (a Word or Excel file, ``write(bytes:)``).
        var bytes: [UInt8] = []
    }

    /// Output kept until there is enough to be worth a write: a list of
    /// thousands of lines is then a few writes, not one per line.
    final class Buffer: @unchecked Sendable {
        let output: OutputDescriptor
        var bytes: [UInt8] = []

        init(output: OutputDescriptor) { self.output = output }

        func flush() {
            guard !bytes.isEmpty else { return }
            output.write(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// The buffer of the process's standard output, flushed before a question
    /// is asked on the terminal and when the command ends.
    nonisolated(unsafe) static var standardOutput: Buffer?

    private let output: OutputDescriptor?
    private let buffer: Buffer?
    let captured: Captured?
    /// Whether what is written is text for people, cleaned of anything that
    /// could act on a terminal (``TerminalText/clean(_:)``): the one boundary
    /// between plan text and the terminal.
    var cleansText = true

    /// A sink writing straight to a descriptor (stderr: a message goes out at once).
    init(output: OutputDescriptor) {
        self.output = output
        buffer = nil
        captured = nil
    }

    /// A sink writing through a buffer (see ``Buffer``).
    init(buffering output: OutputDescriptor) {
        self.output = output
        buffer = Buffer(output: output)
        captured = nil
    }

    /// A sink that keeps what is written.
    init(capturing captured: Captured, cleansText: Bool = true) {
        output = nil
        buffer = nil
        self.captured = captured
        self.cleansText = cleansText
    }

    mutating func write(_ string: String) {
        let string = cleansText ? TerminalText.clean(string) : string
        if let buffer {
            buffer.bytes.append(contentsOf: string.utf8)
            if buffer.bytes.count >= 1 << 16 { buffer.flush() }
        } else if let output {
            output.write(string.utf8)
        } else {
            captured?.text += string
        }
    }

    /// Writes bytes as they are, not text (a Word or Excel file, a ZIP):
    /// nothing is cleaned, and a capturing sink keeps them apart from its text.
    mutating func write(bytes: [UInt8]) {
        if let buffer {
            buffer.bytes.append(contentsOf: bytes)
            if buffer.bytes.count >= 1 << 16 { buffer.flush() }
        } else if let output {
            output.write(bytes)
        } else {
            captured?.bytes += bytes
        }
    }

    /// Writes out what is buffered.
    func flush() { buffer?.flush() }

    /// The descriptor behind the sink, whose failure (if any) decides the exit
    /// code; `nil` for a capturing sink.
    var descriptor: OutputDescriptor? { output }
}

extension TextSink {
    /// The process's standard output, buffered (see ``Buffer``).
    static func bufferedStandardOutput(_ output: OutputDescriptor) -> TextSink {
        let sink = TextSink(buffering: output)
        standardOutput = sink.buffer
        return sink
    }
}

/// Errors noted while a command runs and reported after its output: the
/// plans a read-only command could not load while it used the others.
final class DeferredFailures: @unchecked Sendable {
    private(set) var errors: [any Error] = []

    func add(_ errors: [any Error]) { self.errors += errors }

    func clear() { errors = [] }
}

/// The plan files a command has changed: once one has, the change is recorded,
/// and output that then fails must not read as "nothing happened" (see
/// ``ExitCode/recordedOutputFailed``).
final class LandedChanges: @unchecked Sendable {
    private(set) var files: [String] = []

    func add(_ file: String) { files.append(file) }
}

/// What a command runs with: its environment and where its output goes.
struct CommandContext {
    var environment: [String: String]
    var stdout: TextSink
    var stderr: TextSink
    /// Whether stdout is a terminal.
    var stdoutIsTerminal: Bool
    /// The size of the terminal stdout is, read from it when the command
    /// starts; `nil` when it is none or does not say (then `$COLUMNS`, `$LINES`).
    var screen: TerminalScreen?
    /// Whether the process runs in the terminal's foreground (see ``Pager/inForeground``).
    var inForeground = true
    /// The local date today, read once when the command starts (see ``Today``).
    var today: CalendarDate
    /// The moment the clock was read for ``today``: when a change is recorded.
    var moment: Date
    /// The folder the command runs in: every relative path the user gives
    /// (`--plan`, `--out`, the `plans` folder, files to import) is read from
    /// it, never from the process's current folder, and shown as typed.
    var workingFolder: WorkingFolder
    /// Large values kept until the process exits, so that it exits without
    /// spending time freeing them one by one (the operating system reclaims them).
    var keptUntilExit: [Any] = []
    /// Errors to report after the command's output (see ``DeferredFailures``).
    let deferred = DeferredFailures()
    /// The plan files changed so far (see ``LandedChanges``).
    let landed = LandedChanges()

    /// Today as the library takes it: the date (``today``, or `$IMPROVE_TODAY`) and the moment the clock was read.
    var clock: Today { Today(date: today, moment: moment) }

    /// The path the system is given for a path the user typed (see ``WorkingFolder``).
    func path(_ typed: String) -> String { workingFolder.resolve(typed) }

    /// The process's own: its environment, streams, clock and current folder.
    static func live() -> CommandContext {
        let streams = OutputDescriptor.standardStreams()
        standardError = streams.stderr
        let clock = Today.reading()
        return CommandContext(
            environment: ProcessInfo.processInfo.environment,
            stdout: TextSink.bufferedStandardOutput(streams.stdout),
            stderr: TextSink(output: streams.stderr),
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            screen: TerminalScreen.ofStandardOutput(),
            inForeground: Pager.inForeground,
            today: clock.date, moment: clock.moment,
            workingFolder: WorkingFolder(FileManager.default.currentDirectoryPath))
    }

    /// The process's stderr, where a question to the person at the terminal is asked.
    nonisolated(unsafe) static var standardError: OutputDescriptor?

    /// Asks the person at the terminal a yes/no question: `nil` when there is
    /// no one to ask (stdin or stderr is not a terminal), else their answer.
    /// Tests run in-process put their own answer here.
    var ask: (String) -> Bool? = CommandContext.askAtTerminal

    /// The question on stderr, the answer a line from stdin: `y` or `yes`, in any case, is yes.
    static func askAtTerminal(_ question: String) -> Bool? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 else { return nil }
        TextSink.standardOutput?.flush()  // what was said before the question, first
        standardError?.write((TerminalText.clean(question) + " [y/N] ").utf8)
        guard let line = readLine() else { return false }
        return ["y", "yes"].contains(line.trimming(.whitespaces).lowercased())
    }

    /// When to colour: `--color auto` (the default), `always` or `never`.
    var colour = "auto"

    /// Colour with `--color always`; with `auto`, when stdout is a terminal
    /// that is not `TERM=dumb` and `NO_COLOR` is unset or empty.
    var style: TextStyle {
        switch colour {
        case "always": return TextStyle(usesColour: true)
        case "never": return TextStyle(usesColour: false)
        default:
            return TextStyle(usesColour: stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb")
        }
    }

    /// The width to fit tables to: the terminal's width on a terminal, else
    /// `$COLUMNS` if set, else `nil` (no limit, for pipes and files).
    var width: Int? {
        if stdoutIsTerminal, let columns = screen?.columns, columns > 0 { return columns }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return stdoutIsTerminal ? 80 : nil
    }
}

/// The size of the terminal a command writes to, in character cells.
struct TerminalScreen: Equatable {
    var columns: Int
    var rows: Int

    /// The size of the terminal the process's stdout is, `nil` when it is none.
    static func ofStandardOutput() -> TerminalScreen? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 else { return nil }
        return TerminalScreen(columns: Int(size.ws_col), rows: Int(size.ws_row))
    }
}
