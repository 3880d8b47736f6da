import Foundation
import Glibc
import PlanKit

/// Every command of a built `improve`, run as a user runs it – a fresh
/// process on a written portfolio – at several sizes: its median wall time
/// and its peak memory (the child's own high-water mark, from `wait4`), and
/// how time grows with the number of actions (the slope of log time on log
/// actions: 1 is linear).
///
///   improve-bench --commands .build/release/improve --sizes 1000,10000,100000 [--repeat 5]
///
/// Each size is written as `improve-bench --write` writes it, with one plan
/// file per 67 actions (150 files at 10,000, 1,500 at 100,000: the issue's
/// portfolios), 3 history entries and 1 milestone per action.
enum CommandScaling {
    /// One command line, its arguments after `improve`; `{out}` is a scratch file's start, `{n}` the run's number.
    struct Work {
        var label: String
        var arguments: [String]
    }

    static let work: [Work] = [
        Work(label: "list", arguments: ["list"]),
        Work(label: "list --lead", arguments: ["list", "--lead", "YOT Manager"]),
        Work(label: "show PLAN:ID", arguments: ["show", "yot-7:1.1"]),
        Work(label: "log", arguments: ["log"]),
        Work(label: "overdue -q", arguments: ["overdue", "-q"]),
        Work(label: "overdue", arguments: ["overdue"]),
        Work(label: "summary", arguments: ["summary"]),
        Work(label: "validate", arguments: ["validate"]),
        Work(label: "report", arguments: ["report"]),
        Work(label: "report --format html", arguments: ["report", "--format", "html"]),
        Work(label: "report --format xlsx", arguments: ["report", "--format", "xlsx", "--out", "{out}.xlsx"]),
        Work(label: "report --format docx", arguments: ["report", "--format", "docx", "--out", "{out}.docx"]),
        Work(label: "remind --dry-run", arguments: ["remind", "--dry-run"]),
        Work(label: "export csv", arguments: ["export", "csv"]),
        Work(label: "export ics", arguments: ["export", "ics"]),
        Work(label: "export xlsx", arguments: ["export", "xlsx", "--out", "{out}-export.xlsx"]),
        Work(label: "export docx", arguments: ["export", "docx", "--out", "{out}-export.docx"]),
        Work(label: "export --for-update", arguments: ["export", "--for-update", "--lead", "Lead 1", "--out", "{out}-lead-{n}.xlsx"]),
        Work(label: "update PLAN:ID", arguments: ["update", "yot-7:1.1", "--comment", "bench"]),
        Work(label: "undo --dry-run", arguments: ["undo", "--dry-run"]),
    ]

    struct Measure { var milliseconds: Double; var peakKiB: Int; var status: Int32 }

    /// Runs `binary` with `arguments` in a fresh process, output to /dev/null.
    static func run(_ binary: String, _ arguments: [String], plans: String) -> Measure {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let words: [String] = [binary] + arguments
        let settings: [String] = ["IMPROVE_PLANS=\(plans)", "IMPROVE_USER=bench", "PATH=/usr/bin:/bin", "TZ=UTC", "LANG=C.UTF-8"]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let environment: [UnsafeMutablePointer<CChar>?] = settings.map { strdup($0) } + [nil]
        defer { (argv + environment).forEach { free($0) } }
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        var pid: pid_t = 0
        guard posix_spawn(&pid, binary, &actions, nil, argv, environment) == 0 else { fail("cannot run \(binary) (give its full path)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        clock_gettime(CLOCK_MONOTONIC, &end)
        let milliseconds = Double(end.tv_sec - start.tv_sec) * 1e3 + Double(end.tv_nsec - start.tv_nsec) / 1e6
        return Measure(milliseconds: milliseconds, peakKiB: usage.ru_maxrss, status: (status >> 8) & 0xff)
    }

    /// The peak memory of one more run, told by GNU time: a child spawned
    /// straight from this process would start from this process's own
    /// high-water mark (the portfolio it generated), since `exec` keeps the
    /// larger of the two.
    static func peak(_ binary: String, _ arguments: [String], plans: String, scratch: String) -> Int {
        let report = "\(scratch)/peak.txt"
        _ = run("/usr/bin/time", ["-f", "%M", "-o", report, binary] + arguments, plans: plans)
        let text = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
        return Int(text.split(separator: "\n").last.map(String.init) ?? "") ?? 0
    }

    /// The least-squares slope of log(time) on log(actions).
    static func slope(_ points: [(actions: Int, milliseconds: Double)]) -> Double? {
        guard points.count >= 2 else { return nil }
        let xs = points.map { log(Double($0.actions)) }, ys = points.map { log($0.milliseconds) }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        let covariance = zip(xs, ys).map { ($0 - mx) * ($1 - my) }.reduce(0, +)
        let variance = xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +)
        return variance > 0 ? covariance / variance : nil
    }

    static func measure(binary: String, sizes: [Int], repetitions: Int, scratch: String) throws {
        var table: [String: [(actions: Int, measure: Measure)]] = [:]
        for size in sizes {
            let folder = "\(scratch)/\(size)"
            let files = max(1, (size + 66) / 67)
            let plans = SyntheticPortfolio.plans(actions: size, files: files, historyEntries: 3, milestones: 1, textScale: 1)
            let bytes = try write(plans, to: folder)
            FileHandle.standardError.write(Data("\(size) actions in \(files) files (\(bytes / 1_048_576) MiB)\n".utf8))
            for item in work {
                // `{n}`: a new name each run, for outputs that are never overwritten (`export --for-update`).
                var count = 0
                func arguments() -> [String] {
                    count += 1
                    return item.arguments.map {
                        $0.replacingOccurrences(of: "{out}", with: "\(scratch)/out-\(size)").replacingOccurrences(of: "{n}", with: "\(count)")
                    }
                }
                _ = run(binary, arguments(), plans: folder) // warm the page cache and the plan's checked fingerprint
                let runs = (0..<repetitions).map { _ in run(binary, arguments(), plans: folder) }
                let times = runs.map(\.milliseconds).sorted()
                let measure = Measure(milliseconds: times[times.count / 2], peakKiB: peak(binary, arguments(), plans: folder, scratch: scratch), status: runs[0].status)
                table[item.label, default: []].append((size, measure))
            }
            try? FileManager.default.removeItem(atPath: folder)
        }
        let header = sizes.map { "\($0 / 1000)k ms" } + sizes.map { "\($0 / 1000)k MB" }
        print("| command | " + header.joined(separator: " | ") + " | slope | exit |")
        print("| --- | " + header.map { _ in "---:" }.joined(separator: " | ") + " | ---: | ---: |")
        for item in work {
            let rows = table[item.label] ?? []
            let times = rows.map { String(format: "%.1f", $0.measure.milliseconds) }
            let memory = rows.map { String(format: "%.0f", Double($0.measure.peakKiB) / 1024 * 1.048576) }
            let fitted = slope(rows.map { ($0.actions, $0.measure.milliseconds) }).map { String(format: "%.2f", $0) } ?? "–"
            let statuses = Set(rows.map(\.measure.status)).sorted().map(String.init).joined(separator: ",")
            print("| `\(item.label)` | " + (times + memory).joined(separator: " | ") + " | \(fitted) | \(statuses) |")
        }
    }
}
