import Foundation
import PlanJSON
import PlanKit
import PlanReports
import SplitMix

// improve-fuzz: mutated plans and spreadsheets through every command of the built binary.
//
//   improve-fuzz --binary .build/release/improve [--plans 10000] [--sheets 1000] [--seed N] [--work DIR] [--jobs 2]
//
// Each mutated plan is put in a folder of its own and run through every command
// (reading ones, and changing ones on a copy). A run fails when a command crashes
// (killed by a signal), hangs (more than 10 s), exits with a code the README does
// not document, or leaves a plan that `validate` refuses after exiting 0 (or
// changes a plan it refused). Each mutated spreadsheet is imported; what an
// import writes must validate. Failing inputs are kept in the work folder.

struct Options {
    var binary = ".build/release/improve"
    var plans = 10_000
    var sheets = 1_000
    var seed = UInt64(truncatingIfNeeded: Date().timeIntervalSince1970.bitPattern)
    var work = NSTemporaryDirectory() + "improve-fuzz"
    var jobs = 2
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("improve-fuzz: \(message)\n".utf8))
    exit(64)
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var index = 0
    func value() -> String {
        index += 1
        guard index < arguments.count else { fail("\(arguments[index - 1]) needs a value") }
        return arguments[index]
    }
    while index < arguments.count {
        switch arguments[index] {
        case "--binary": options.binary = value()
        case "--plans": options.plans = Int(value()) ?? options.plans
        case "--sheets": options.sheets = Int(value()) ?? options.sheets
        case "--seed": options.seed = UInt64(value()) ?? options.seed
        case "--work": options.work = value()
        case "--jobs": options.jobs = max(1, Int(value()) ?? options.jobs)
        case "-h", "--help":
            print("usage: improve-fuzz --binary PATH [--plans 10000] [--sheets 1000] [--seed N] [--work DIR] [--jobs 2]")
            exit(0)
        default: fail("unknown option \(arguments[index])")
        }
        index += 1
    }
    return options
}

/// Repeatable from its seed, with the picks a mutation needs.
struct Random {
    var generator: SplitMix64
    init(state: UInt64) { generator = SplitMix64(seed: state) }
    mutating func next() -> UInt64 { generator.next() }
    mutating func below(_ count: Int) -> Int { Int(next() % UInt64(max(count, 1))) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Values a mutation puts in place of another.
let hostileValues: [JSONValue] = [
    .null, .bool(true), .number("0"), .number("-1"), .number("1e999"), .number("1.5"), .string(""), .string("   "),
    .string("\u{1B}]0;x\u{07}\u{1B}[2J\u{202E}"), .string(String(repeating: "x", count: 5_000)), .string("0001-01-01"),
    .string("9999-12-31"), .string("2019-02-30"), .string("2019-13"), .string("ongoing"), .string("tbc"),
    .string("2015-04-23"), .string("2019-06"), .string("AMBER"), .string("amber"), .string("LM 7"), .string("lm7"),
    .string("a:b"), .array([]), .array([.string("")]), .object([]), .object([JSONMember("x", .string("y"))]),
]

/// One random change to a JSON document: a value replaced, a member removed or
/// duplicated, an element removed or repeated, or a key renamed.
func mutate(_ value: JSONValue, _ random: inout Random, depth: Int = 0) -> JSONValue {
    let stop = random.below(depth < 2 ? 8 : 3) == 0
    switch value {
    case .object(var members) where !members.isEmpty && !stop:
        let index = random.below(members.count)
        switch random.below(10) {
        case 0: members.remove(at: index)
        case 1: members.append(members[index])
        case 2: members[index].key = random.pick(declaredKeys + ["x", "", members[index].key + "s"])
        default: members[index].value = mutate(members[index].value, &random, depth: depth + 1)
        }
        return .object(members)
    case .array(var items) where !items.isEmpty && !stop:
        let index = random.below(items.count)
        switch random.below(8) {
        case 0: items.remove(at: index)
        case 1: items.insert(items[index], at: random.below(items.count + 1))
        default: items[index] = mutate(items[index], &random, depth: depth + 1)
        }
        return .array(items)
    default:
        return random.pick(hostileValues)
    }
}

/// Texts a plan may hold: a mutation that puts only these in place of texts
/// keeps most plans valid, so that the commands that change plans are tried.
let texts = ["\u{1B}]0;title\u{07}\u{1B}[2J and \u{9B}31m", "\u{202E}txet sdrawkcab", String(repeating: "long text ", count: 2_000),
             "émigré – “quoted” 😀", "line\nbreak\ttab", "Board Chair", "YOT Manager", "x"]

/// Every key of the plan format (from its declaration).
let declaredKeys = Array(Set(FormatObjects.all.flatMap(\.keys))).sorted()

/// The keys whose values a text mutation leaves alone: every value that is not
/// free text (dates, statuses, colours, the version) and the ids entries refer to.
let keptKeys = Set(FormatObjects.all.flatMap { object in zip(object.keys, object.kinds).filter { $0.1 != .text }.map(\.0) })
    .union([ActionField.id.key, ActionField.theme.key, ThemeField.part.key, HistoryEntryField.status.key, RAGLevelField.code.key,
            PlanField.schema.key])

/// Replaces one text of the document (not a key, a date or a status) with another text.
func mutateText(_ value: JSONValue, _ random: inout Random) -> JSONValue {
    switch value {
    case .object(var members) where !members.isEmpty:
        let index = random.below(members.count)
        let key = members[index].key
        if case .string = members[index].value {
            guard !keptKeys.contains(key) else { return value }
            members[index].value = .string(random.pick(texts))
        } else {
            members[index].value = mutateText(members[index].value, &random)
        }
        return .object(members)
    case .array(var items) where !items.isEmpty:
        let index = random.below(items.count)
        if case .string = items[index] { items[index] = .string(random.pick(texts)) } else { items[index] = mutateText(items[index], &random) }
        return .array(items)
    default:
        return value
    }
}

/// A few random bytes changed, inserted or removed.
func mutateBytes(_ bytes: [UInt8], _ random: inout Random) -> [UInt8] {
    var bytes = bytes
    let alphabet = Array("{}[],:\"\\ \n\t0123456789-tfnuae\u{1B}".utf8) + [0xFF, 0xC3, 0xA9, 0x00, 0x0D]
    for _ in 0...random.below(3) where !bytes.isEmpty {
        let position = random.below(bytes.count)
        switch random.below(3) {
        case 0: bytes.remove(at: position)
        case 1: bytes.insert(random.pick(alphabet), at: position)
        default: bytes[position] = random.pick(alphabet)
        }
    }
    return bytes
}

struct Outcome {
    var status: Int32
    var signalled: Bool
    var timedOut: Bool
}

/// Runs the binary in a folder, with a time limit.
func run(_ binary: String, _ arguments: [String], in folder: String) -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder, "IMPROVE_USER": "fuzz", "IMPROVE_LOCK_TIMEOUT": "2"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { fail("cannot run \(binary): \(error)") }
    let deadline = Date().addingTimeInterval(10)
    while process.isRunning, Date() < deadline { usleep(2_000) }
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
        return Outcome(status: -1, signalled: false, timedOut: true)
    }
    return Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal, timedOut: false)
}

/// The exit codes the README documents.
let documented: Set<Int32> = [0, 1, 64, 65, 66, 73, 74, 75]

final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    var runs = 0, crashes = 0, hangs = 0, undocumented = 0, badWrites = 0, validInputs = 0
    var failures: [String] = []

    func record(_ body: (Tally) -> Void) {
        lock.lock()
        body(self)
        lock.unlock()
    }
}

/// Checks one outcome; returns a description of what went wrong, if anything.
func judge(_ outcome: Outcome, _ command: [String], _ tally: Tally) -> String? {
    var problem: String?
    tally.record { tally in
        tally.runs += 1
        if outcome.signalled { tally.crashes += 1; problem = "crashed: \(command)" }
        else if outcome.timedOut { tally.hangs += 1; problem = "hung: \(command)" }
        else if !documented.contains(outcome.status) { tally.undocumented += 1; problem = "exit \(outcome.status): \(command)" }
    }
    return problem
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
guard FileManager.default.isExecutableFile(atPath: options.binary) else { fail("no binary at \(options.binary); build it with swift build -c release") }
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let seeds: [[UInt8]] = ["plans/blackpool-2019.json", "plans/portsmouth-2014.json", "Tests/PlanKitTests/Fixtures/valid-minimal.json",
                        "Tests/PlanKitTests/Fixtures/warnings.json"].map {
    guard let data = FileManager.default.contents(atPath: root.appendingPathComponent($0).path) else { fail("cannot read \($0)") }
    return [UInt8](data)
}
let sheetSeeds: [(name: String, bytes: [UInt8])] = ["portsmouth-objectives.csv", "blackpool-themes.tsv"].map {
    guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("Tests/improveTests/Fixtures/\($0)").path) else {
        fail("cannot read \($0)")
    }
    return ($0, [UInt8](data))
}
try? FileManager.default.removeItem(atPath: options.work)
try! FileManager.default.createDirectory(atPath: options.work, withIntermediateDirectories: true)
print("improve-fuzz: seed \(options.seed), \(options.plans) plans, \(options.sheets) spreadsheets, work folder \(options.work)")
let tally = Tally()
let started = Date()

/// Keeps a failing input and what failed.
@Sendable func keep(_ folder: String, _ problems: [String]) {
    tally.record { $0.failures.append("\(folder): \(problems.joined(separator: "; "))") }
}

DispatchQueue.concurrentPerform(iterations: options.plans) { number in
    var random = Random(state: options.seed &+ UInt64(number) &* 0x1000_0001)
    let folder = "\(options.work)/plan-\(number)"
    try! FileManager.default.createDirectory(atPath: folder + "/plans", withIntermediateDirectories: true)
    var bytes = random.pick(seeds)
    let kind = random.below(3)
    if kind == 0 {
        bytes = mutateBytes(bytes, &random)
    } else if let value = try? JSONParser.parse(bytes) {
        var mutated = value
        for _ in 0...random.below(kind == 1 ? 3 : 12) { mutated = kind == 1 ? mutate(mutated, &random) : mutateText(mutated, &random) }
        bytes = JSONWriter.bytes(from: mutated)
    }
    let planPath = folder + "/plans/p.json"
    FileManager.default.createFile(atPath: planPath, contents: Data(bytes))
    let valid = run(options.binary, ["validate"], in: folder).status == 0
    if valid { tally.record { $0.validInputs += 1 } }
    var problems: [String] = []
    for command in [["validate"], ["list"], ["show", "lm7"], ["show", "1.1"], ["overdue", "--as-of", "2019-06-01"],
                    ["summary"], ["report", "--as-of", "2015-04-23"], ["report", "--format", "html"], ["export", "csv"],
                    ["export", "ics"], ["list", "--format", "json"]] {
        if let problem = judge(run(options.binary, command, in: folder), command, tally) { problems.append(problem) }
    }
    // Changes: each must leave a plan that validates, or leave the file as it was.
    for command in [["update", "lm7", "--comment", "fuzz"], ["update", "1.1", "--status", "green", "--comment", "done", "--force"],
                    ["add", "action", "--id", "Z 1", "--theme", "LM", "--text", "t", "--lead", "L"],
                    ["reassign", "--from", "Board Chair", "--to", "X"], ["undo"]] {
        let before = FileManager.default.contents(atPath: planPath)
        let outcome = run(options.binary, command, in: folder)
        if let problem = judge(outcome, command, tally) { problems.append(problem) }
        let after = FileManager.default.contents(atPath: planPath)
        if outcome.status == 0, run(options.binary, ["validate"], in: folder).status != 0 {
            tally.record { $0.badWrites += 1 }
            problems.append("wrote a plan validate refuses: \(command)")
        } else if outcome.status != 0, before != after {
            tally.record { $0.badWrites += 1 }
            problems.append("changed the plan and failed: \(command)")
        }
    }
    if problems.isEmpty { try? FileManager.default.removeItem(atPath: folder) } else { keep(folder, problems) }
}

DispatchQueue.concurrentPerform(iterations: options.sheets) { number in
    var random = Random(state: options.seed &+ 0xABCD &+ UInt64(number) &* 0x2000_0003)
    let folder = "\(options.work)/sheet-\(number)"
    try! FileManager.default.createDirectory(atPath: folder + "/plans", withIntermediateDirectories: true)
    let seed = random.pick(sheetSeeds)
    var bytes = seed.bytes
    for _ in 0...random.below(4) { bytes = mutateBytes(bytes, &random) }
    FileManager.default.createFile(atPath: "\(folder)/\(seed.name)", contents: Data(bytes))
    let command = ["import", seed.name, "--out", "plans/imported.json", "--organisation", "O", "--inspection-date", "2014-01"]
        + (random.below(2) == 0 ? ["--skip-bad"] : [])
    var problems: [String] = []
    let outcome = run(options.binary, command, in: folder)
    if let problem = judge(outcome, command, tally) { problems.append(problem) }
    if outcome.status == 0, run(options.binary, ["validate"], in: folder).status != 0 {
        tally.record { $0.badWrites += 1 }
        problems.append("imported a plan validate refuses")
    }
    if problems.isEmpty { try? FileManager.default.removeItem(atPath: folder) } else { keep(folder, problems) }
}

let seconds = Int(Date().timeIntervalSince(started))
print("""
improve-fuzz: \(options.plans) plans (\(tally.validInputs) of them valid) and \(options.sheets) spreadsheets, \(tally.runs) command runs in \(seconds) s
  crashes: \(tally.crashes), hangs: \(tally.hangs), undocumented exit codes: \(tally.undocumented), plans written that validate refuses or changed by a failing command: \(tally.badWrites)
""")
for failure in tally.failures.prefix(20) { print("  \(failure)") }
exit(tally.failures.isEmpty ? 0 : 1)
