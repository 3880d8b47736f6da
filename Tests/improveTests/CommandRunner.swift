import Foundation
import Testing
@testable import improve
import PlanKit

/// The repository's top folder, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Today for the tests that read plans through the library: the clock read
/// once for the run (a command run in-process reads its own at its start).
let testToday = Today.reading()

/// What a relative path these tests give the library is read from: the repository's top folder.
let testFolder = WorkingFolder(repositoryRoot.path)

/// What one run of the `improve` binary produced.
struct CommandResult {
    var stdout: String
    var stderr: String
    var status: Int32
    /// The questions the command asked the person at the terminal (in-process runs only).
    var asked: [String] = []
    /// What the command wrote to stdout as bytes (a Word or Excel file; in-process runs only).
    var stdoutBytes: [UInt8] = []
}

/// A temporary folder for one test, holding copies of whatever plans it needs.
struct Sandbox {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("improve-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Copies an example plan into `plans/` (or another folder) of the sandbox.
    @discardableResult
    func copyExample(_ name: String, into subfolder: String = "plans") throws -> String {
        let target = folder.appendingPathComponent(subfolder)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let destination = target.appendingPathComponent(name)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("plans/\(name)"), to: destination)
        return "\(subfolder)/\(name)"
    }

    /// Writes a file in the sandbox.
    func write(_ relativePath: String, _ content: String) throws {
        let url = folder.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: url, atomically: false, encoding: .utf8)
    }

    /// The environment a command runs with in the sandbox.
    func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8"]
        environment.merge(extra) { $1 }
        return environment
    }

    /// Runs `improve` in this process, in the sandbox, through `Entrypoint.run`
    /// with its output captured: what most tests do. Another program, or
    /// `IMPROVE_TEST_BINARY=1` in the test run's environment, runs the built
    /// binary instead (``runBinary(_:executable:environment:)``).
    func run(_ arguments: [String], executable: String? = nil,
             environment extra: [String: String] = [:]) throws -> CommandResult {
        if executable != nil || ProcessInfo.processInfo.environment["IMPROVE_TEST_BINARY"] == "1" {
            return try runBinary(arguments, executable: executable, environment: extra)
        }
        return InProcess.run(arguments, in: folder, environment: environment(extra))
    }

    /// Runs `improve` in this process as if at a terminal where the person
    /// answers every question with `answer`.
    func run(_ arguments: [String], answering answer: Bool, environment extra: [String: String] = [:]) -> CommandResult {
        InProcess.run(arguments, in: folder, environment: environment(extra), answer: answer)
    }

    /// Runs the built `improve` binary (or another program) in the sandbox and
    /// captures everything: for what only a real process shows (exit codes as
    /// the shell sees them, signals, locks across processes).
    func runBinary(_ arguments: [String], executable: String? = nil,
                   environment extra: [String: String] = [:], timeout: Double? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? improveBinary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = environment(extra)
        let out = folder.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let err = folder.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        if let timeout {
            // A command that hangs is killed, and the test sees status -1.
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { usleep(10_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return CommandResult(stdout: "", stderr: "timed out after \(timeout) s", status: -1)
            }
        }
        process.waitUntilExit()
        let result = CommandResult(
            // Decoded as UTF-8 byte for byte, so that a byte order mark is kept.
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self),
            status: process.terminationStatus)
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
        return result
    }
}

/// The `improve` executable built beside the test bundle, or the one
/// `$IMPROVE_TEST_EXECUTABLE` names (to run the tests against another build,
/// such as the static release: with `IMPROVE_TEST_BINARY=1`, every command).
let improveBinary: URL = {
    if let given = ProcessInfo.processInfo.environment["IMPROVE_TEST_EXECUTABLE"], !given.isEmpty {
        return URL(fileURLWithPath: given, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).absoluteURL
    }
    var candidates: [URL] = []
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("improve"))
    }
    if let executable = Bundle.main.executableURL {
        candidates.append(executable.deletingLastPathComponent().appendingPathComponent("improve"))
    }
    candidates.append(repositoryRoot.appendingPathComponent(".build/debug/improve"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
}()

/// Runs `improve` commands in this process.
///
/// A run's working folder is its sandbox, given in its context: nothing
/// global is changed (no `chdir`), so runs need not take turns, and Swift
/// Testing runs the tests in parallel. What else a command would take from the
/// process comes from the context too: the environment, today (the clock
/// read at the start of the run, or `IMPROVE_TODAY`), the terminal.
enum InProcess {
    /// - Parameter answer: the answer to any question asked, or `nil` for no terminal (nobody to ask).
    /// - Parameter terminal: whether stdout is taken for a terminal (its width from `COLUMNS`).
    static func run(_ arguments: [String], in folder: URL, environment: [String: String], answer: Bool? = nil,
                    terminal: Bool = false) -> CommandResult {
        let out = TextSink.Captured(), err = TextSink.Captured()
        let clock = Today.reading()
        var context = CommandContext(environment: environment, stdout: TextSink(capturing: out),
                                     stderr: TextSink(capturing: err), stdoutIsTerminal: terminal,
                                     today: clock.date, moment: clock.moment, workingFolder: WorkingFolder(folder.path))
        let asked = TextSink.Captured()
        context.ask = { question in
            asked.text += question + "\u{1E}"
            return answer
        }
        let code = Entrypoint.run(arguments, context: &context)
        return CommandResult(stdout: out.text, stderr: err.text, status: code.rawValue,
                             asked: asked.text.isEmpty ? [] : asked.text.components(separatedBy: "\u{1E}").dropLast().map { $0 },
                             stdoutBytes: out.bytes)
    }
}
