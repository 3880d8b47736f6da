import Foundation

/// Shows output longer than the terminal through a pager, as git does:
/// `$IMPROVE_PAGER`, else `$PAGER`, else `less` (with `LESS=FRX` unless
/// `$LESS` is set, so that it quits when the text fits, keeps colours and
/// leaves the text on the screen). An empty value or `cat` turns paging off,
/// as does `--no-pager`; output that is not to a terminal is never paged.
enum Pager {
    /// The shell command to page with, or `nil` for none.
    static func command(environment: [String: String]) -> String? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        /// Whether a program is there to run: a pager that cannot start would swallow the output.
        func installed(_ program: Substring) -> Bool {
            if program.contains("=") || program.hasPrefix("'") || program.hasPrefix("\"") { return true }  // left to the shell
            if program.contains("/") { return FileManager.default.isExecutableFile(atPath: String(program)) }
            return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
        }
        for key in ["IMPROVE_PAGER", "PAGER"] {
            guard let value = environment[key] else { continue }
            let command = value.trimmingCharacters(in: .whitespaces)
            guard !command.isEmpty, command != "cat", let program = command.split(separator: " ").first, installed(program) else {
                return nil
            }
            return command
        }
        // The default only where it is installed.
        return installed("less") ? "less" : nil
    }

    /// The terminal's height in lines, or `nil` when it cannot be told.
    static func terminalHeight(environment: [String: String]) -> Int? {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return environment["LINES"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    }

    /// Writes `text` through the pager and waits for it to finish.
    ///
    /// - Returns: `false` when the pager could not be started (the caller then writes the text itself).
    static func show(_ text: String, command: String, environment: [String: String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = environment
        if environment["LESS"] == nil { environment["LESS"] = "FRX" }
        process.environment = environment
        let pipe = Pipe()
        process.standardInput = pipe
        do { try process.run() } catch { return false }
        // Quitting the pager early closes the pipe: that ends the writing, not the process.
        let previous = signal(SIGPIPE, SIG_IGN)
        let fd = pipe.fileHandleForWriting.fileDescriptor
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { break }
            bytes = bytes.dropFirst(written)
        }
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        signal(SIGPIPE, previous)
        return true
    }
}
