import Foundation
import Testing
@testable import improve

/// ``ChildProcess`` (posix_spawn), which replaced Foundation's `Process` for git and the mail sender (issue 28):
/// the folder, input, output, errors, exit status and signal reach improve as they did.
@Suite("Programs improve runs")
struct ChildProcessTests {
    @Test func theChildRunsInTheFolderWithTheInputAndReportsItsStreamsAndStatus() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let shell = ChildProcess(executable: "/bin/sh", arguments: ["-c", "pwd; cat; echo said >&2; exit 3"],
                                 environment: ["PATH": "/usr/bin:/bin"], folder: folder.path,
                                 input: .piped, output: .piped, errors: .piped)
        let (outcome, written) = try shell.run(writing: Array("the message\n".utf8))
        #expect(written == 12)
        #expect(outcome.status == 3)
        #expect(!outcome.signalled)
        let lines = String(decoding: outcome.output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path } == folder.resolvingSymlinksInPath().path)
        #expect(lines.last == "the message")
        #expect(String(decoding: outcome.errors, as: UTF8.self) == "said\n")
    }

    @Test func theEnvironmentIsTheOneGivenOrImprovesOwn() throws {
        let given = ChildProcess(executable: "/bin/sh", arguments: ["-c", "echo \"$ONLY_HERE\""], environment: ["ONLY_HERE": "yes"], output: .piped)
        #expect(String(decoding: try given.run().0.output, as: UTF8.self) == "yes\n")
        let inherited = ChildProcess(executable: "/bin/sh", arguments: ["-c", "echo \"$PATH\""], output: .piped)
        #expect(String(decoding: try inherited.run().0.output, as: UTF8.self) == (ProcessInfo.processInfo.environment["PATH"] ?? "") + "\n")
    }

    @Test func aSignalIsReportedAsOneWithItsNumber() throws {
        let killed = ChildProcess(executable: "/bin/sh", arguments: ["-c", "kill -TERM $$"])
        let outcome = try killed.run().0
        #expect(outcome.signalled)
        #expect(outcome.status == SIGTERM)
    }

    @Test func theChildHasOnlyItsStandardStreamsAndDefaultSignals() throws {
        // improve ignores SIGPIPE for itself; a child starts with it at its default, and sees none of improve's files.
        signal(SIGPIPE, SIG_IGN)
        let open = try FileHandle(forReadingFrom: URL(fileURLWithPath: "/dev/null"))
        defer { try? open.close() }
        let probe = ChildProcess(executable: "/bin/sh", arguments: ["-c", "ls /proc/$$/fd; grep SigIgn /proc/$$/status"], output: .piped, errors: .discarded)
        let text = String(decoding: try probe.run().0.output, as: UTF8.self)
        let descriptors = text.split(separator: "\n").compactMap { Int($0) }
        #expect(descriptors.allSatisfy { $0 <= 2 || $0 >= 10 }, "\(descriptors)")  // sh's own, from 10 up
        #expect(!descriptors.contains(Int(open.fileDescriptor)) || open.fileDescriptor <= 2)
        let ignored = text.split(separator: "\n").first { $0.hasPrefix("SigIgn") }.flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) }
        #expect(ignored.map { $0 & (1 << (UInt64(SIGPIPE) - 1)) == 0 } == true, "SIGPIPE is not ignored in the child: \(text)")
    }

    @Test func aProgramThatCannotStartIsAFailureWithTheSystemsWords() {
        let missing = ChildProcess(executable: "/nonexistent/program", arguments: [])
        #expect(throws: ChildProcess.LaunchFailure.self) { try missing.run() }
        do { _ = try missing.run() } catch { #expect(error.reason == "No such file or directory") }
    }
}
