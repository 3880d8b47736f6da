import Foundation
import Testing
@testable import improve
import PlanKit

/// Today and the working folder come from the command's context, never from
/// the process: so commands run in parallel in one process, each in its own folder.
@Suite("Today and the working folder of a command")
struct CommandContextTests {
    /// Two sandboxes with different plans under the same relative path: each
    /// command reads its own folder's, whatever the process's current folder is.
    @Test func relativePathsAreReadFromTheWorkingFolderAndShownAsTyped() throws {
        let one = try Sandbox(), other = try Sandbox()
        try one.copyExample("blackpool-2019.json")
        try other.copyExample("portsmouth-2014.json")
        #expect(FileManager.default.currentDirectoryPath != one.folder.path)
        let first = try one.run(["list", "--as-of", "2019-07-31", "--format", "json"])
        let second = try other.run(["list", "--as-of", "2019-07-31", "--format", "json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("blackpool-2019") && !first.stdout.contains("portsmouth-2014"))
        #expect(second.stdout.contains("portsmouth-2014") && !second.stdout.contains("blackpool-2019"))
        let missing = try one.run(["list", "--plan", "plans/portsmouth-2014.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no plan file at plans/portsmouth-2014.json"), "\(missing.stderr)")
        // A change lands in the working folder's plan, and is named as typed.
        let update = try one.run(["update", "lm7", "--comment", "here", "--plan", "plans/blackpool-2019.json"])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(try String(contentsOf: one.folder.appendingPathComponent("plans/blackpool-2019.json"), encoding: .utf8).contains("here"))
    }

    @Test func improveTodaySetsTodayForEveryCommandInProcessAndInTheBinary() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let inProcess = try sandbox.run(["list", "--plan", plan], environment: ["IMPROVE_TODAY": "2019-07-31"])
        #expect(inProcess.stdout.hasSuffix("as of 2019-07-31\n"), "\(inProcess.stdout)")
        let binary = try sandbox.runBinary(["list", "--plan", plan], environment: ["IMPROVE_TODAY": "2019-07-31"])
        #expect(binary.stdout == inProcess.stdout)
        let update = try sandbox.run(["update", "lm7", "--comment", "then", "--plan", plan], environment: ["IMPROVE_TODAY": "2019-08-01"])
        #expect(update.stdout.contains("recorded 2019-08-01"), "\(update.stdout)")
    }

    @Test(arguments: ["", "2019-7-31", "31/07/2019", "1989-12-31", "tomorrow"])
    func aWrongImproveTodayIsRefused(value: String) throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let result = try sandbox.run(["list", "--plan", plan], environment: ["IMPROVE_TODAY": value])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("improve: invalid value '\(value)' for IMPROVE_TODAY: give the day to take for today as YYYY-MM-DD"),
                "\(result.stderr)")
    }

    /// A day after the clock's would let a command record a history entry in the future, which every
    /// other reader refuses: refused before anything is read or written.
    @Test func aFutureImproveTodayIsRefusedAndWritesNothing() throws {
        let sandbox = try Sandbox()
        let plan = try sandbox.copyExample("blackpool-2019.json")
        let before = try Data(contentsOf: sandbox.folder.appendingPathComponent(plan))
        let tomorrow = Calendar(identifier: .gregorian).date(byAdding: .day, value: 2, to: Date())!
        let day = ISO8601DateFormatter.string(from: tomorrow, timeZone: .current, formatOptions: [.withFullDate])
        let result = try sandbox.run(["update", "lm7", "--comment", "from the future", "--plan", plan], environment: ["IMPROVE_TODAY": day])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("improve: IMPROVE_TODAY is \(day), after today"), "\(result.stderr)")
        #expect(try Data(contentsOf: sandbox.folder.appendingPathComponent(plan)) == before)
    }
}
