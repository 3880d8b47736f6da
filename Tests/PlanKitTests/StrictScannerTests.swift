@testable import PlanJSON
import Foundation
import Testing
import TestSupport
@testable import PlanKit

@Suite("The strict scanner reads what the diagnosing scanner reads")
struct StrictScannerTests {
    func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// The plan the JSON parser and the diagnosing scanner give, or `nil` when they report any problem while decoding.
    func thorough(_ data: [UInt8]) -> Plan? {
        guard let root = try? JSONParser.parse(data) else { return nil }
        let (plan, problems) = DiagnosingScanner.plan(root, positions: nil, file: "x")
        return problems.isEmpty ? plan : nil
    }

    func strict(_ data: [UInt8]) throws(ScanStop) -> Plan { try StrictScanner.read(data, latestRecordable: testToday.latestRecordable).plan }

    @Test(arguments: ["blackpool-2019.json", "portsmouth-2014.json"])
    func readsTheExamplePlansAsTheFullReaderDoes(name: String) throws {
        let data = try bytes(examplePlanPath(name))
        let fast = try strict(data)
        #expect(fast == thorough(data))
    }

    @Test func readsPlansWithEveryKindOfHistoryEntryAndEscapes() throws {
        var plan = try loadExample("blackpool-2019.json")
        var update = ActionUpdate(date: date("2019-04-01"), by: "A \"quoted\" lead\\")
        update.comment = "Line one\nline two\ttabbed – ünïcödé 😀 \u{01}"
        update.newDeadline = Deadline(planText: "2020-01")
        update.reason = "Slipped"
        _ = try plan.apply(update, toAction: "LM 7")
        var done = ActionUpdate(date: date("2019-04-02"), by: nil)
        done.milestone = "1"
        done.milestoneUpdate = .done(nil)
        _ = try plan.apply(done, toAction: "LM 8")
        var reopen = ActionUpdate(date: date("2019-04-03"), by: nil)
        reopen.milestone = "1"
        reopen.milestoneUpdate = .reopen
        _ = try plan.apply(reopen, toAction: "LM 8")
        _ = plan.reassign(from: "Board Chair", to: "New Chair", date: date("2019-05-01"), by: "Sec")
        plan.declaredScheme = RAGScheme(levels: [
            RAGLevel(code: "NONE", label: "No improvement", meaning: "None", colour: .red),
            RAGLevel(code: "DONE", label: "Complete", meaning: "Done", colour: .green, isComplete: true),
        ])
        plan.boardMeetings = [date("2019-01-15"), date("2019-02-19")]
        let data = JSONWriter.bytes(from: plan.jsonValue())
        let fast = try strict(data)
        #expect(fast == plan)
        #expect(fast == thorough(data))
        // A \u escape, a surrogate pair and an escaped slash read the same way on both paths.
        let escaped = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "Reformat the board", with: "Re\\u0066orm\\/at \\ud83d\\ude00 the board")
        let escapedData = Array(escaped.utf8)
        let viaEscapes = try strict(escapedData)
        #expect(viaEscapes == thorough(escapedData))
        #expect(viaEscapes.action(id: "LM 1")?.text.hasPrefix("Reform/at 😀 the board") == true)
    }

    @Test func leavesEveryBadFixtureToTheFullReader() throws {
        for name in ["wrong-types.json", "missing-fields.json", "impossible-dates.json", "unknown-format-version.json",
                     "not-utf8.json", "empty.json", "malformed.json", "unknown-key.json"] {
            let data = try bytes(try fixtureCopy(name))
            if JSONParser.isValidUTF8(data) {
                #expect(throws: ScanStop.self, "\(name)") { try strict(data) }
            }
        }
        // Duplicate keys, trailing commas and leading zeros are refused too.
        let valid = String(decoding: try bytes(try fixtureCopy("valid-minimal.json")), as: UTF8.self)
        for broken in [valid.replacingOccurrences(of: "\"title\": \"Minimal plan\",", with: "\"title\": \"Minimal plan\", \"title\": \"Again\","),
                       valid.replacingOccurrences(of: "\"Board Chair\"\n", with: "\"Board Chair\",\n"),
                       valid.replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 01"),
                       valid.replacingOccurrences(of: "\"Started\"", with: "\"   \"")] {
            #expect(throws: ScanStop.self) { try strict(Array(broken.utf8)) }
            #expect(thorough(Array(broken.utf8)) == nil)
        }
    }

    @Test func neverAcceptsWhatTheFullReaderRejects() throws {
        // Random single-byte damage to a plan: whenever the fast reader still accepts it,
        // the full reader must accept it too and read the same plan.
        let original = try bytes(examplePlanPath("portsmouth-2014.json"))
        var generator = SeededGenerator(test: "neverAcceptsWhatTheFullReaderRejects")
        let alphabet = Array("{}[],:\" \n\\0123456789-tfnuabe".utf8)
        // Damage is tried until 100 damaged plans were read by both readers (or 4,000 tries), so that
        // the comparison is of many plans whatever the seed, never passed by comparing none.
        var accepted = 0, rejected = 0
        while accepted < 100, accepted + rejected < 4_000 {
            var data = original
            let position = Int.random(in: 0..<data.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: data.remove(at: position)
            case 1: data.insert(alphabet.randomElement(using: &generator)!, at: position)
            default: data[position] = alphabet.randomElement(using: &generator)!
            }
            guard JSONParser.isValidUTF8(data), let fast = try? strict(data) else {
                rejected += 1
                continue
            }
            accepted += 1
            #expect(fast == thorough(data), "seed \(generator.seed)")
        }
        #expect(accepted == 100, "compared \(accepted) damaged plans; seed \(generator.seed)")
        #expect(rejected > 0, "seed \(generator.seed)")
    }
}
