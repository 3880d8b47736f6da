@testable import PlanJSON
import Foundation
import Testing
@testable import PlanKit
@testable import PlanStorage
import TestSupport

/// Finding which file of a folder holds an id by reading the plans' ids only
/// (``PlanFolderIndex``) answers what loading every plan whole answers:
/// the same file and entry, the same ambiguity and suggestions, the same
/// broken plan reported, over folders generated at random.
@Suite("Finding an id's plan by its ids")
struct PlanFolderIndexTests {
    /// What a search for a typed id came to.
    enum Outcome: Equatable {
        case found(file: String, kind: EntryReference.Kind, id: String)
        case planError(PlanError)
        case lookup(LookupError)
    }

    /// The answer of loading every plan whole, as commands did before.
    func wholeRead(_ typed: String, in files: [String]) -> Outcome {
        do {
            let loaded = try PlanLoader.read(files: files, relativeTo: testFolder, today: testToday) { $0 }.values
            switch try Portfolio(plans: loaded.map(\.plan)).entry(named: typed) {
            case .action(let plan, let action):
                return .found(file: loaded.first { $0.plan.id == plan.id }!.file, kind: .action, id: action.id)
            case .recommendation(let plan, let recommendation):
                return .found(file: loaded.first { $0.plan.id == plan.id }!.file, kind: .recommendation, id: recommendation.id)
            }
        } catch let error as PlanError {
            return .planError(error)
        } catch {
            return .lookup(error as! LookupError)
        }
    }

    /// The answer of the id scan.
    func idScan(_ typed: String, in files: [String]) -> Outcome {
        do {
            let (file, entry) = try PlanFolderIndex.locate(typed, in: files, relativeTo: testFolder, today: testToday)
            return .found(file: file.path, kind: entry.kind, id: entry.id)
        } catch let error as PlanError {
            return .planError(error)
        } catch {
            return .lookup(error as! LookupError)
        }
    }

    /// Ways of writing one id that fold to the same one (full-width letters and digits, a hyphen, lower case).
    static func variant(_ number: Int, _ form: Int) -> String {
        let fullWidth = { (text: String) in
            String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
                (0x21...0x7E).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0xFEE0)! : scalar
            }))
        }
        switch form {
        case 0: return "LM \(number)"
        case 1: return fullWidth("LM\(number)")
        case 2: return "LM-\(number)"
        default: return "lm \(number)"
        }
    }

    @Test func theIdScanFindsWhatAWholeReadFinds() throws {
        var random = SeededGenerator(test: "theIdScanFindsWhatAWholeReadFinds")
        let example = try PlanLoader.load(file: examplePlanPath("blackpool-2019.json"), relativeTo: testFolder, today: testToday).plan
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var plansWritten = 0, idsWritten = 0, idScanned = 0, rounds = 0, found = 0
        for round in 0..<30 {
            rounds += 1
            let roundFolder = folder + "/\(round)"
            try FileManager.default.createDirectory(atPath: roundFolder, withIntermediateDirectories: true)
            var files: [String] = [], allIDs: [String] = [], planIDs: [String] = []
            var readWhole: Set<String> = []
            for index in 0..<Int.random(in: 3...12, using: &random) {
                let file = roundFolder + "/p\(index).json"
                files.append(file)
                var plan = example
                // Now and then two files with one plan id, which both reads refuse.
                plan.id = Int.random(in: 0..<25, using: &random) == 0 && !planIDs.isEmpty
                    ? planIDs.randomElement(using: &random)! : "plan-\(["alpha", "beta", "alder"][index % 3])-\(index)"
                planIDs.append(plan.id)
                let numbers = Array((1...30).shuffled(using: &random).prefix(Int.random(in: 1...12, using: &random)))
                plan.actions = numbers.map { number in
                    var action = example.actions[number % example.actions.count]
                    action.id = Self.variant(number, Int.random(in: 0..<4, using: &random))
                    return action
                }
                allIDs += plan.actions.map(\.id)
                let bytes = JSONWriter.bytes(from: plan.jsonValue())
                try Data(bytes).write(to: URL(fileURLWithPath: file))
                plansWritten += 1
                idsWritten += plan.actions.count
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<6:
                    // Checked whole when improve last wrote it: read for its ids.
                    CheckedFingerprint.record(bytes, planPath: PlanFile(file, relativeTo: testFolder).realPath, latest: CheckedFingerprint.latest(in: plan))
                    idScanned += 1
                case 6:
                    // Checked once, then broken by hand: its fingerprint no longer stands.
                    CheckedFingerprint.record(bytes, planPath: PlanFile(file, relativeTo: testFolder).realPath, latest: CheckedFingerprint.latest(in: plan))
                    try Data(bytes.dropLast(2)).write(to: URL(fileURLWithPath: file))
                    readWhole.insert(file)
                default:
                    readWhole.insert(file)
                }
            }
            var queries = allIDs.shuffled(using: &random).prefix(6).map { $0 }
            queries += (0..<4).map { _ in Self.variant(Int.random(in: 1...32, using: &random), Int.random(in: 0..<4, using: &random)) }
            queries += ["HMIP 8", "hmip8", "LM 71", "zzz", "\(planIDs[0]):lm 3", "plan-al:lm4", "plan-b:LM 5", "nowhere:LM 1",
                        "\(planIDs.last!):hmip 2", "pl:1"]
            for typed in queries {
                let seen = WholeReads()
                let scanned = PlanFolderIndex.$wholeReads.withValue(seen.note) { idScan(typed, in: files) }
                let whole = wholeRead(typed, in: files)
                #expect(scanned == whole, "round \(round), \(typed)")
                #expect(Set(seen.files) == readWhole, "round \(round), \(typed): only the plans without a standing check are read whole")
                if case .found = whole { found += 1 }
            }
        }
        print("theIdScanFindsWhatAWholeReadFinds: \(rounds) folders, \(plansWritten) plans, \(idsWritten) action ids, "
              + "\(idScanned) plans read for their ids, \(found) ids found")
        #expect(idScanned > 0 && plansWritten > idScanned && found > 0)
    }

    @Test func anIdScanOfABrokenPlanReportsItAsAWholeReadDoes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = folder + "/a.json", broken = folder + "/b.json"
        try FileManager.default.copyItem(atPath: examplePlanPath("blackpool-2019.json"), toPath: good)
        try "{ \"id\": ".write(toFile: broken, atomically: true, encoding: .utf8)
        let outcome = idScan("LM 7", in: [good, broken])
        guard case .planError(.invalidPlan(let path, let problems)) = outcome else {
            Issue.record("the broken plan was not reported: \(outcome)")
            return
        }
        #expect(path == broken && !problems.isEmpty)
        #expect(outcome == wholeRead("LM 7", in: [good, broken]))
    }
}

@Suite("A plan file named once")
struct PlanFileTests {
    @Test func aLinkAndAPathWithDotsNameOneRealFileAndKeepTheirPathForMessages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/plans", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: examplePlanPath("blackpool-2019.json"), toPath: folder + "/plans/a.json")
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.json", withDestinationPath: folder + "/plans/a.json")
        let direct = PlanFile(folder + "/plans/a.json", relativeTo: testFolder), dotted = PlanFile(folder + "/plans/../plans/./a.json", relativeTo: testFolder)
        let linked = PlanFile(folder + "/link.json", relativeTo: testFolder)
        #expect(direct.realPath == dotted.realPath && linked.realPath == direct.realPath)
        #expect(linked.path == folder + "/link.json" && linked.description == linked.path)
        // A file not there yet is named by its path as given.
        #expect(PlanFile(folder + "/plans/new.json", relativeTo: testFolder).realPath == folder + "/plans/new.json")
    }
}
