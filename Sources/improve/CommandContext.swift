import Foundation
import PlanKit

/// A text stream over a file descriptor (stdout or stderr).
struct FileStream: TextOutputStream {
    let handle: FileHandle

    mutating func write(_ string: String) {
        handle.write(Data(string.utf8))
    }
}

/// What a command runs with: its environment and where its output goes.
struct CommandContext {
    var environment: [String: String]
    var stdout: FileStream
    var stderr: FileStream
    /// Whether stdout is a terminal.
    var stdoutIsTerminal: Bool
    /// The local date today.
    var today: CalendarDate
    /// The folder relative paths start from.
    var currentDirectory: String
    /// Large values kept until the process exits, so that it exits without
    /// spending time freeing them one by one (the operating system reclaims them).
    var keptUntilExit: [Any] = []

    static func live() -> CommandContext {
        CommandContext(
            environment: ProcessInfo.processInfo.environment,
            stdout: FileStream(handle: .standardOutput),
            stderr: FileStream(handle: .standardError),
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            today: CalendarDate.today(),
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty.
    var style: TextStyle {
        TextStyle(usesColour: stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty)
    }

    /// The width to fit tables to: the terminal's width on a terminal, else
    /// `$COLUMNS` if set, else `nil` (no limit, for pipes and files).
    var width: Int? {
        if stdoutIsTerminal {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        return stdoutIsTerminal ? 80 : nil
    }
}
