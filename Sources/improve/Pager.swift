import FoundationEssentials
import Glibc

/// Shows output longer than the terminal through a pager, as git does:
/// `$IMPROVE_PAGER`, else `$PAGER`, else `less` (with `LESS=FRXK` unless
/// `$LESS` is set, so that it quits when the text fits, keeps colours, leaves
/// the text on the screen and lets Ctrl-C out as well as `q`). An empty value
/// or `cat` turns paging off, as does `--no-pager`; output that is not to a
/// terminal, or from a command running in the background, is never paged.
///
/// The pager is started as a plain child of `improve`, in its process group:
/// that is the terminal's foreground group, so the pager may read the keyboard.
/// (Foundation's `Process` puts its child in a session of its own; a pager
/// started that way is stopped by the kernel the moment it reads a key, and
/// the terminal hangs on a blank screen.)
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
            let command = value.trimming(.whitespaces)
            guard !command.isEmpty, command != "cat", let program = command.split(separator: " ").first, installed(program) else {
                return nil
            }
            return command
        }
        // The default only where it is installed.
        return installed("less") ? "less" : nil
    }

    /// The terminal's height in lines, or `nil` when it cannot be told.
    static func terminalHeight(_ screen: TerminalScreen?, environment: [String: String]) -> Int? {
        if let rows = screen?.rows, rows > 0 { return rows }
        return environment["LINES"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    }

    /// Whether `improve` runs in the terminal's foreground (not `improve list &`):
    /// a pager in the background would be stopped as soon as it read a key.
    static var inForeground: Bool {
        let foreground = tcgetpgrp(STDOUT_FILENO)
        return foreground == -1 || foreground == getpgrp()
    }

    /// less's options unless `$LESS` gives its own: quit if one screen, raw colours, no init, quit on Ctrl-C.
    static let defaultLess = "FRXK"

    /// The pager's environment: `LESS=FRXK` unless `$LESS` is set (see the
    /// type's comment), and less told the text is UTF-8 (as improve always
    /// writes it) unless told otherwise: in the C locale it would show `…` as `<E2><80><A6>`.
    static func environment(_ environment: [String: String]) -> [String: String] {
        var environment = environment
        if environment["LESS"] == nil { environment["LESS"] = defaultLess }
        if environment["LESSCHARSET"] == nil, environment["LESSCHARDEF"] == nil { environment["LESSCHARSET"] = "utf-8" }
        return environment
    }

    /// Writes `text` through the pager and waits for it to finish.
    ///
    /// Ctrl-C and Ctrl-\ reach the pager (it shares the foreground group);
    /// `improve` ignores them meanwhile, as `system(3)` does, so that it is
    /// there to return to the shell once the pager has put the terminal back.
    /// Quitting the pager before the end closes the pipe: that ends the writing
    /// quietly, not the process.
    ///
    /// - Returns: `false` when the pager could not be started, or its shell
    ///   could not run it (exit 126 or 127): the caller then writes the text
    ///   itself. (A pager that runs and quits without reading, `PAGER=true`,
    ///   shows nothing, as git's does.)
    static func show(_ text: String, command: String, environment: [String: String]) -> Bool {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // What the pager's own children would expect: default signal handling, and no pipe ends left open.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // Nothing blocked either, whatever mask improve was started with: Ctrl-C must reach the pager.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
        }
        // A plain command (`less`, `less -S`, `more`) is run itself, as git does: a shell
        // between would die of Ctrl-\ and leave the pager running with the terminal.
        let plain = !command.contains { "|&;<>()$`\\\"'*?[#~=%\n\t{}".contains($0) }
        let arguments = plain ? command.split(separator: " ").map(String.init) : ["/bin/sh", "-c", command]
        let environmentLines = Self.environment(environment).map { "\($0.key)=\($0.value)" }
        // Should the pager die of a signal, the terminal's settings are put back as they were.
        var terminal = termios()
        let savedTerminal = tcgetattr(STDOUT_FILENO, &terminal) == 0
        defer { if savedTerminal { tcsetattr(STDOUT_FILENO, TCSADRAIN, &terminal) } }
        var child: pid_t = 0
        let started = withCStrings(arguments) { argv in
            withCStrings(environmentLines) { envp in
                // Looked up on the PATH, as the shell would (``command(environment:)`` found it there).
                posix_spawnp(&child, arguments[0], &actions, &attributes, argv, envp)
            }
        }
        close(readEnd)
        guard started == 0 else {
            close(writeEnd)
            return false
        }
        let pipeToPager = OutputDescriptor(descriptor: writeEnd)
        pipeToPager.write(text.utf8)
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1, errno == EINTR {}
        // Exited normally with 126/127: the shell could not run the pager, and nothing was shown.
        let exited = status & 0x7f == 0
        let code = (status >> 8) & 0xff
        return !(exited && (code == 126 || code == 127))
    }

    /// Calls `body` with a NULL-terminated C array of the strings.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
