import Foundation

/// A real interactive shell in tmux: `bash -i` with job control on, as every
/// terminal gives a person, at a chosen size. Commands are typed with
/// ``type(_:)``, keys pressed with ``press(_:)``, and the screen read with
/// ``screen()``.
///
/// `script -qc` gives no job control, so a pager outside the terminal's
/// foreground process group passed there and hung here; these tests use the
/// real thing.
struct TerminalSession {
    /// The tmux server's own socket, so that sessions of parallel tests never meet.
    let socket = "improve-test-\(UUID().uuidString.prefix(8))"
    let shellPID: Int32

    /// Whether tmux is installed (`.ci/run` installs it; the tests say when they must skip).
    static var available: Bool { FileManager.default.isExecutableFile(atPath: tmuxPath) }
    static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"

    /// Starts bash at `columns` × `rows` in `folder`, with `improve` on the PATH
    /// and nothing of the test run's environment but what is given.
    init(columns: Int, rows: Int = 24, folder: URL, environment: [String: String] = [:]) throws {
        let binFolder = improveBinary.deletingLastPathComponent().path
        var variables = ["PATH": "\(binFolder):/usr/bin:/bin", "HOME": folder.path, "TERM": "xterm-256color",
                         "LANG": "C.UTF-8", "PS1": "PROMPT$ "]
        variables.merge(environment) { $1 }
        let assignments = variables.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        // The server tmux starts keeps the descriptors it is given: no pipe, or reading it would never end.
        try Self.tmux(socket, capturing: false, ["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-c", folder.path,
                               "env -i \(assignments) bash --norc --noprofile -i"])
        let pid = try Self.tmux(socket, ["display-message", "-p", "#{pane_pid}"])
        shellPID = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        _ = waitFor(seconds: 5) { $0.contains("PROMPT$") }
    }

    /// Types a command line and presses Enter.
    func type(_ line: String) throws {
        try Self.tmux(socket, ["send-keys", "-t", "0", "-l", line])
        try Self.tmux(socket, ["send-keys", "-t", "0", "Enter"])
    }

    /// Presses keys, named as tmux names them (`q`, `C-c`, `Space`).
    func press(_ keys: String...) throws {
        try Self.tmux(socket, ["send-keys", "-t", "0"] + keys)
    }

    /// What the screen shows now.
    func screen() -> String {
        (try? Self.tmux(socket, ["capture-pane", "-t", "0", "-p"])) ?? ""
    }

    /// Waits until the screen satisfies `condition`, checking every 50 ms.
    ///
    /// - Returns: the screen that did, or `nil` after `seconds`.
    func waitFor(seconds: Double, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            let text = screen()
            if condition(text) { return text }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    /// The processes of the shell's session that are still there, but for the
    /// shell itself (name and state, `less S+`): whatever a command started,
    /// a pager its child started included.
    func children() -> [String] {
        let output = (try? Self.run("/bin/ps", ["-s", "\(shellPID)", "-o", "pid=,comm=,stat="])) ?? ""
        return output.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 3, Int32(fields[0]) != shellPID, fields[1] != "ps" else { return nil }
            return fields.dropFirst().joined(separator: " ")
        }
    }

    /// Ends the tmux server and everything in it.
    func close() {
        _ = try? Self.tmux(socket, capturing: false, ["kill-server"])
    }

    @discardableResult
    private static func tmux(_ socket: String, capturing: Bool = true, _ arguments: [String]) throws -> String {
        try run(tmuxPath, ["-L", socket] + arguments, capturing: capturing)
    }

    /// Runs a program and returns its stdout, read from a file: tmux's server
    /// inherits the client's descriptors and lives on, so a pipe would never
    /// end, and Foundation's `Process` was seen never to return from a client
    /// whose server lives on. Spawned and waited for directly.
    @discardableResult
    private static func run(_ program: String, _ arguments: [String], capturing: Bool = true) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capturing ? output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // A test thread may block signals, and a blocked mask is inherited: a shell that cannot
        // get SIGHUP outlives kill-server, and a pager that cannot get SIGINT ignores Ctrl-C.
        // The terminal gets what a login would: no signal blocked, every one at its default.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
        guard started == 0 else { throw POSIXError(POSIXErrorCode(rawValue: started) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        return capturing ? ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "") : ""
    }
}
