@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
@testable import PlanReports
@testable import PlanStorage

@Suite("Writing plans safely")
struct PlanStoreTests {
    /// A copy of the Blackpool plan in a fresh temporary folder.
    func planCopy() throws -> (folder: String, file: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/blackpool-2019.json"
        try FileManager.default.copyItem(atPath: examplePlanPath("blackpool-2019.json"), toPath: file)
        return (folder, file)
    }

    func note(_ text: String) -> (inout Plan) throws -> RecordedChange<UpdateOutcome> {
        { plan in
            var update = ActionUpdate(date: date("2019-04-02"), by: "Tester")
            update.comment = text
            let outcome = try plan.apply(update, toAction: "LM 7")
            return RecordedChange(result: outcome, description: outcome.summary)
        }
    }

    func contents(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    /// The files in a folder other than the plan, its lock and its journal.
    func strayFiles(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { !["blackpool-2019.json", ".blackpool-2019.json.lock", ".blackpool-2019.json.undo", ".blackpool-2019.json.valid", ".blackpool-2019.json.recorded",
                         "link.json"].contains($0) }
    }

    @Test func anUpdateOnlyAddsTheEntrysLines() throws {
        let (_, file) = try planCopy()
        let before = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        _ = try PlanStore(today: testToday, workingFolder: testFolder).update(file: file, note("Progress"))
        let after = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(after.count == before.count + 5)
        // Every old line is still there, in order: the change only added lines.
        var index = after.startIndex
        for line in before {
            guard let found = after[index...].firstIndex(of: line) else { Issue.record("line lost: \(line)"); return }
            index = found + 1
        }
    }

    @Test func anUpdateLeavesHandFormattedPartsAsTheyWere() throws {
        let (_, file) = try planCopy()
        // The recommendations list written by hand on fewer lines.
        let plan = try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan
        let canonical = try String(contentsOfFile: file, encoding: .utf8)
        let list = JSONWriter.bytes(from: .array(plan.recommendations.map(\.jsonValue)), indent: 1)
        let compact = JSONWriter.compactString(from: .array(plan.recommendations.map(\.jsonValue)))
        let handWritten = canonical.replacingOccurrences(of: String(decoding: list, as: UTF8.self), with: compact)
        #expect(handWritten != canonical)
        try handWritten.write(toFile: file, atomically: false, encoding: .utf8)
        _ = try PlanStore(today: testToday, workingFolder: testFolder).update(file: file, note("Progress"))
        let after = try String(contentsOfFile: file, encoding: .utf8)
        #expect(after.contains(compact))
        #expect(try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan.actions.first { $0.id == "LM 7" }?.history.last?.comment == "Progress")
        // Undo splices the same way.
        _ = try PlanStore(today: testToday, workingFolder: testFolder).undo(file: file)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == handWritten)
    }

    @Test func permissionsAreKept() throws {
        let (_, file) = try planCopy()
        chmod(file, 0o640)
        _ = try PlanStore(today: testToday, workingFolder: testFolder).update(file: file, note("x"))
        #expect(try mode(file) == 0o640)
    }

    @Test func aSymbolicLinkUpdatesTheFileItPointsTo() throws {
        let (folder, file) = try planCopy()
        let link = folder + "/link.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "blackpool-2019.json")
        _ = try PlanStore(today: testToday, workingFolder: testFolder).update(file: link, note("through the link"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "blackpool-2019.json")
        #expect(try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan.action(id: "LM 7")?.history.last?.comment == "through the link")
        #expect(try strayFiles(in: folder).isEmpty)
    }

    @Test func aReadOnlyPlanIsRefusedAndUnchanged() throws {
        let (folder, file) = try planCopy()
        chmod(file, 0o444)
        let original = try contents(file)
        #expect(throws: PlanWriteError.readOnly(path: file, what: "the plan file")) {
            try PlanStore(today: testToday, workingFolder: testFolder).update(file: file, note("x"))
        }
        #expect(try contents(file) == original)
        #expect(try mode(file) == 0o444)
        #expect(try strayFiles(in: folder).isEmpty)
    }

    @Test func aReadOnlyFolderIsRefusedAndUnchanged() throws {
        let (folder, file) = try planCopy()
        let original = try contents(file)
        chmod(folder, 0o555)
        defer { chmod(folder, 0o755) }
        #expect(throws: PlanWriteError.readOnly(path: file, what: "its folder")) {
            try PlanStore(today: testToday, workingFolder: testFolder).update(file: file, note("x"))
        }
        #expect(try contents(file) == original)
    }

    @Test func aChangeThatWouldNotValidateWritesNothing() throws {
        let (folder, file) = try planCopy()
        let original = try contents(file)
        #expect(throws: PlanWriteError.self) {
            try PlanStore(today: testToday, workingFolder: testFolder).update(file: file) { plan -> RecordedChange<Void> in
                plan.actions[0].theme = "nowhere"
                return RecordedChange(result: (), description: "break it")
            }
        }
        #expect(try contents(file) == original)
        #expect(try strayFiles(in: folder).isEmpty)
        #expect(try UndoJournal.records(for: file).isEmpty)
    }

    @Test func aRefusedUpdateWritesNothing() throws {
        let (_, file) = try planCopy()
        let original = try contents(file)
        #expect(throws: UpdateError.completeNeedsComment(level: "GREEN")) {
            try PlanStore(today: testToday, workingFolder: testFolder).update(file: file) { plan -> RecordedChange<UpdateOutcome> in
                var update = ActionUpdate(date: date("2019-04-02"), by: nil)
                update.status = "green"
                let outcome = try plan.apply(update, toAction: "LM 5")
                return RecordedChange(result: outcome, description: outcome.summary)
            }
        }
        #expect(try contents(file) == original)
    }

    @Test func waitingForALockGivesUpAfterTheTimeout() throws {
        let (_, file) = try planCopy()
        do {
            let held = try PlanLock(planPath: PlanFile(file, relativeTo: testFolder).realPath, timeout: 1)
            // Timed on the monotonic clock, as the wait is: a wall clock set meanwhile changes neither.
            let started = ContinuousClock.now
            #expect(throws: PlanWriteError.lockTimeout(path: file, seconds: 0.3)) {
                try PlanStore(today: testToday, workingFolder: testFolder, lockTimeout: 0.3).update(file: file, note("x"))
            }
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            withExtendedLifetime(held) {}
        }
        // Once released, the update goes through.
        _ = try PlanStore(today: testToday, workingFolder: testFolder, lockTimeout: 0.3).update(file: file, note("after"))
    }

    @Test func staleTemporaryFilesOfAKilledWriterAreRemoved() throws {
        let (folder, file) = try planCopy()
        FileManager.default.createFile(atPath: folder + "/.blackpool-2019.json.tmp-abc123", contents: Data("{".utf8))
        _ = try PlanStore(today: testToday, workingFolder: testFolder).update(file: file, note("x"))
        #expect(try strayFiles(in: folder).isEmpty)
    }

    @Test func undoReversesChangesInTurnAndRestoresTheBytes() throws {
        let (_, file) = try planCopy()
        let original = try contents(file)
        let store = PlanStore(today: testToday, workingFolder: testFolder)
        _ = try store.update(file: file, note("first"))
        let afterFirst = try contents(file)
        _ = try store.update(file: file) { plan -> RecordedChange<[String]> in
            let ids = plan.reassign(from: "YOT Manager", to: "New Manager", date: date("2019-05-01"), by: nil)
            return RecordedChange(result: ids, description: "reassigned")
        }
        _ = try store.update(file: file) { plan -> RecordedChange<Void> in
            plan.actions.append(Action(id: "LM 18", theme: "LM", text: "New", leads: ["X"], deadline: Deadline(planText: "2019-09")))
            return RecordedChange(result: (), description: "added LM 18")
        }
        #expect(try store.latestChange(file: file)?.description == "added LM 18")
        #expect(try store.undo(file: file) == "added LM 18")
        #expect(try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan.action(id: "LM 18") == nil)
        #expect(try store.undo(file: file) == "reassigned")
        #expect(try contents(file) == afterFirst)
        #expect(try store.undo(file: file).hasPrefix("blackpool-2019  LM 7  note"))
        #expect(try contents(file) == original)
        #expect(throws: PlanWriteError.nothingToUndo(path: file)) { try store.undo(file: file) }
    }

    @Test func anotherAccountsChangeIsUndoneOnlyWhenAllowed() throws {
        let (_, file) = try planCopy()
        let original = try contents(file)
        _ = try PlanStore(today: testToday, workingFolder: testFolder, user: "sam").update(file: file, note("by sam"))
        let changed = try contents(file)
        let latest = try #require(PlanStore(today: testToday, workingFolder: testFolder).recordedChanges(file: file).first)
        #expect(throws: PlanWriteError.someoneElsesChange(path: file, by: "sam", description: latest.description, recorded: latest.recorded)) {
            try PlanStore(today: testToday, workingFolder: testFolder, user: "jo").undo(file: file, othersAllowed: false)
        }
        #expect(try contents(file) == changed, "nothing was changed")
        #expect(try PlanStore(today: testToday, workingFolder: testFolder, user: "jo").undo(file: file, dryRun: true, othersAllowed: false) == PlanStore(today: testToday, workingFolder: testFolder).latestChange(file: file)?.description,
                "a dry run only looks, so it is not refused")
        #expect(try PlanStore(today: testToday, workingFolder: testFolder, user: "jo").recordedChanges(file: file).first?.user == "sam")
        _ = try PlanStore(today: testToday, workingFolder: testFolder, user: "SAM").undo(file: file, othersAllowed: false)
        #expect(try contents(file) == original, "the same account, in any case, needs no confirmation")
    }

    @Test func undoRefusesWhenTheEntryWasEditedSince() throws {
        let (_, file) = try planCopy()
        let store = PlanStore(today: testToday, workingFolder: testFolder)
        _ = try store.update(file: file, note("first"))
        // Someone edits LM 7 by hand (here: through the library without the journal).
        var plan = try PlanLoader.load(file: file, relativeTo: testFolder, today: testToday).plan
        plan.actions[6].text += " (edited)"
        try AtomicFile.replace(file, with: Array(JSONWriter.string(from: plan.jsonValue()).utf8))
        let edited = try contents(file)
        #expect(throws: PlanWriteError.changedSince(path: file, entry: "action LM 7")) { try store.undo(file: file) }
        #expect(try contents(file) == edited)
    }

    @Test func createRefusesAnExistingFile() throws {
        let (folder, file) = try planCopy()
        let plan = Plan(id: "new", title: "T", organisation: "O", inspection: Inspection(inspectorate: "HMIP", date: PlanDate(iso: "2020-01")!))
        #expect(throws: PlanWriteError.alreadyExists(path: file)) { try PlanStore(today: testToday, workingFolder: testFolder).create(plan, at: file) }
        try PlanStore(today: testToday, workingFolder: testFolder).create(plan, at: folder + "/new.json")
        #expect(try PlanLoader.load(file: folder + "/new.json", relativeTo: testFolder, today: testToday).plan == plan)
        #expect(try mode(folder + "/new.json") == 0o644)
    }
}
