import PlanJSON
import Foundation
import PlanKit
import PlanReports
import PlanStorage

/// The benchmark's clock and folder, read once as a command reads them.
let benchToday = Today.reading()
let benchFolder = WorkingFolder(FileManager.default.currentDirectoryPath)

// improve-bench: in-process medians of the work improve's commands do, on synthetic portfolios.
//
//   improve-bench [--sizes 1000,10000,100000] [--files 150] [--history 24] [--repeat 5]
//   improve-bench --write DIR --actions 10000 [--files 150] [--history 24] [--milestones 3] [--text-scale 1]
//   improve-bench --peak-overdue DIR    (a fresh process: what `improve overdue` does, and its peak memory)
//   improve-bench --commands BIN [--sizes 1000,10000,100000] [--repeat 5]
//                                        (every command of a built improve in fresh processes: time, peak memory, slope)

struct Options {
    var sizes = [1_000, 10_000, 100_000]
    var files = 150
    var history = 24
    var milestones = 3
    var repetitions = 5
    var writeFolder: String?
    var actions = 10_000
    var textScale = 1.0
    var peakOverdueFolder: String?
    var commandsBinary: String?
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
        case "--sizes": options.sizes = value().split(separator: ",").compactMap { Int($0) }
        case "--files": options.files = Int(value()) ?? options.files
        case "--history": options.history = Int(value()) ?? options.history
        case "--milestones": options.milestones = Int(value()) ?? options.milestones
        case "--repeat": options.repetitions = max(1, Int(value()) ?? options.repetitions)
        case "--write": options.writeFolder = value()
        case "--actions": options.actions = Int(value()) ?? options.actions
        case "--text-scale": options.textScale = Double(value()) ?? options.textScale
        case "--peak-overdue": options.peakOverdueFolder = value()
        case "--commands": options.commandsBinary = value()
        case "-h", "--help":
            print("""
            usage: improve-bench [--sizes 1000,10000,100000] [--files 150] [--history 24] [--milestones 3] [--repeat 5]
                   improve-bench --write DIR --actions 10000 [--files 150] [--history 24] [--milestones 3] [--text-scale 1]
                   improve-bench --peak-overdue DIR
                   improve-bench --commands BIN [--sizes 1000,10000,100000] [--repeat 5]
            """)
            exit(0)
        default: fail("unknown option \(arguments[index])")
        }
        index += 1
    }
    return options
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("improve-bench: \(message)\n".utf8))
    exit(64)
}

/// Peak resident memory of this process so far, in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The median wall time of `body`, in milliseconds.
func median(_ repetitions: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    return times[times.count / 2]
}

/// Writes a portfolio's plans into a folder, one file each.
func write(_ plans: [Plan], to folder: String) throws -> Int {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var bytes = 0
    for plan in plans {
        let text = JSONWriter.string(from: plan.jsonValue())
        bytes += text.utf8.count
        try text.write(toFile: "\(folder)/\(plan.id).json", atomically: false, encoding: .utf8)
    }
    return bytes
}

struct NullStream: TextOutputStream {
    var count = 0
    mutating func write(_ string: String) { count += string.utf8.count }
}

let options = parse(Array(CommandLine.arguments.dropFirst()))

if let folder = options.writeFolder {
    let plans = SyntheticPortfolio.plans(actions: options.actions, files: options.files, historyEntries: options.history,
                                         milestones: options.milestones, textScale: options.textScale)
    let bytes = try write(plans, to: folder)
    print("wrote \(options.actions) actions in \(plans.count) plan files (\(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB) to \(folder)")
    exit(0)
}

let asOf = CalendarDate(year: 2020, month: 6, day: 15)!

// Peak memory has to be read in a process that did nothing else first: a child
// spawned from this one would inherit its high-water mark at exec.
if let folder = options.peakOverdueFolder {
    let start = DispatchTime.now().uptimeNanoseconds
    let parts = try PlanLoader.read(files: try PlanLoader.planFiles(in: folder, relativeTo: benchFolder), relativeTo: benchFolder, today: benchToday, .positionOn(asOf)) {
        OverdueReport(position: PlanPosition($0, on: asOf))
    }.values
    let report = OverdueReport(merging: parts, asOf: asOf)
    var sink = NullStream()
    report.writeText(grouping: .lead, width: nil, style: TextStyle(usesColour: false), to: &sink)
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    print("overdue as of \(asOf), plan by plan: \(report.countLine); \(String(format: "%.1f ms", milliseconds)); peak memory \(String(format: "%.0f MiB", peakMemoryMiB()))")
    exit(0)
}
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("improve-bench-\(getpid())").path
defer { try? FileManager.default.removeItem(atPath: scratch) }
if let binary = options.commandsBinary {
    try CommandScaling.measure(binary: binary, sizes: options.sizes, repetitions: options.repetitions, scratch: scratch)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}
print("improve-bench: \(options.files) plan files, \(options.milestones) milestones and \(options.history) history entries per action, median of \(options.repetitions)")
print("")
print("| actions | MiB of JSON | load all | overdue | summary | report (text) | report (HTML) | one update | peak memory | overdue, plan by plan |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for size in options.sizes {
    let folder = "\(scratch)/\(size)"
    let bytes = try write(SyntheticPortfolio.plans(actions: size, files: min(options.files, size), historyEntries: options.history,
                                                   milestones: options.milestones), to: folder)
    let files = try PlanLoader.planFiles(in: folder, relativeTo: benchFolder)
    var plans: [Plan] = []
    let load = try median(options.repetitions) { plans = try PlanLoader.read(files: files, relativeTo: benchFolder, today: benchToday) { $0.plan }.values }
    var sink = NullStream()
    let overdue = median(options.repetitions) {
        let report = OverdueReport(plans: plans, asOf: asOf)
        report.writeText(grouping: .lead, width: nil, style: TextStyle(usesColour: false), to: &sink)
    }
    let summary = median(options.repetitions) {
        let document = PlanSummary.document(plans.map { PlanSummary(plan: $0, asOf: asOf) }, asOf: asOf)
        document.writeText(width: nil, style: TextStyle(usesColour: false), to: &sink)
    }
    var reports: [BoardReport] = []
    let reportText = median(options.repetitions) {
        reports = plans.map { BoardReport(plan: $0, asOf: asOf) }
        BoardReport.document(reports, asOf: asOf).writeText(width: nil, style: TextStyle(usesColour: false), to: &sink)
    }
    let reportHTML = median(options.repetitions) {
        sink.write(BoardReport.document(plans.map { BoardReport(plan: $0, asOf: asOf) }, asOf: asOf).html)
    }
    let store = PlanStore(today: benchToday, workingFolder: benchFolder)
    let target = files[0]
    var counter = 0
    let update = try median(options.repetitions) {
        counter += 1
        _ = try store.update(file: target) { plan -> RecordedChange<Void> in
            var change = ActionUpdate(date: asOf, by: "bench")
            change.comment = "Benchmark note \(counter)"
            _ = try plan.apply(change, toAction: plan.actions[0].id)
            return RecordedChange(result: (), description: "bench")
        }
    }
    let inMemoryPeak = peakMemoryMiB()
    let actionsInUpdatedPlan = plans[0].actions.count
    plans = []
    reports = []
    // What `improve overdue` does: each plan reduced to its items as it is read.
    let streamed = try median(options.repetitions) {
        let parts = try PlanLoader.read(files: files, relativeTo: benchFolder, today: benchToday, .positionOn(asOf)) { OverdueReport(position: PlanPosition($0, on: asOf)) }.values
        let report = OverdueReport(merging: parts, asOf: asOf)
        report.writeText(grouping: .lead, width: nil, style: TextStyle(usesColour: false), to: &sink)
    }
    func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }
    print("| \(size) | \(String(format: "%.1f", Double(bytes) / 1_048_576)) | \(ms(load)) | \(ms(overdue)) | \(ms(summary)) | \(ms(reportText)) | \(ms(reportHTML)) | \(ms(update)) (\(actionsInUpdatedPlan) actions) | \(String(format: "%.0f MiB", inMemoryPeak)) | \(ms(streamed)) |")
    try? FileManager.default.removeItem(atPath: folder)
}
