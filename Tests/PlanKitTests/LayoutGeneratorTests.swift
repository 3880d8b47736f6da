import Foundation
import Testing
import TestSupport

/// Issue 25's layout generator: the example plans' texts written in many council layouts (Word, Excel, CSV;
/// columns in any order, synonyms and blank headers, recommendations as words, references or section rows,
/// merged, repeated or blank continuation cells, ids or none, dates as text, serials or words, statuses as
/// words, fills, the progress scale or completion sentences, title rows and footnotes), each imported on the
/// first try, without flags, and compared with its source action for action (ids by rules R2).
///
/// `IMPROVE_LAYOUT_SEED=N` runs the one layout of seed N (as a failing layout prints it) and prints it in full;
/// `IMPROVE_TEST_SEED=N` runs another set of layouts.
@Suite("Generated council layouts import as their source")
struct LayoutGeneratorTests {
    static let layoutCount = 360

    @Test func everyGeneratedLayoutImportsAsItsSourceActionForAction() throws {
        if let text = ProcessInfo.processInfo.environment["IMPROVE_LAYOUT_SEED"] {
            let layout = try #require(Layout(replay: text), "IMPROVE_LAYOUT_SEED=\(text) is not a seed, optionally followed by plain and feature=value")
            let example = LayoutCase(layout: layout)
            print(example.report)
            let difference = example.firstDifference()
            print(difference.map { "first difference: \($0)" } ?? "imports as its source")
            #expect(difference == nil, "\(layout): \(difference ?? "")")
            return
        }
        var random = SeededGenerator(test: "LayoutGeneratorTests")
        var tally = LayoutTally()
        for _ in 0..<Self.layoutCount {
            let layout = LayoutCase(seed: random.next())
            let difference = layout.firstDifference()
            tally.add(layout.layout, difference: difference)
            if let difference { print("FAIL \(layout.layout): \(difference)") }
        }
        let isolated = Self.isolated(seed: random.next())
        print(tally.summary(failingAlone: isolated.failing))
        print(isolated.summary)
        print(Self.failingPairs(seed: random.next(), failingAlone: isolated.failing))
        #expect(tally.failed == 0, "\(tally.failed) of \(tally.total) layouts did not import as their source; each is printed with its seed (IMPROVE_LAYOUT_SEED=N repeats one)")
    }

    /// Each feature value alone on the plainest layout of each format that can show it (two sources each):
    /// which values the importer does not read yet, each with a replay text and its first difference.
    static func isolated(seed: UInt64) -> (summary: String, failing: Set<String>) {
        var failing: Set<String> = []
        var lines = ["each feature value alone on the plainest layout (passed / failed; a failing replay and its first difference):"]
        for (name, values) in Layout.allFeatureValues {
            for value in values where value != "n/a" {
                var passed = 0, failed = 0
                var example: String?
                for format in Layout.Format.allCases {
                    for offset in UInt64(0)..<2 {
                        guard let layout = Layout.isolating(name, value, seed: seed &+ offset, format: format) else { continue }
                        if let difference = LayoutCase(layout: layout).firstDifference() {
                            failed += 1
                            if example == nil {
                                let replay = Layout.replay([(name, value)], seed: layout.seed, format: layout.format)
                                example = "IMPROVE_LAYOUT_SEED='\(replay)': \(difference.prefix(200))"
                            }
                        } else {
                            passed += 1
                        }
                    }
                }
                lines.append("  \(name)=\(value): \(passed) / \(failed)" + (example.map { "  e.g. \($0)" } ?? ""))
                if failed > 0 { failing.insert("\(name)=\(value)") }
            }
        }
        return (lines.joined(separator: "\n"), failing)
    }
}

extension LayoutGeneratorTests {
    /// Every two values of different features that each import alone, together on the plainest layout (one
    /// layout per pair, the formats in turn): the pairs that do not import, each with a replay and its first
    /// difference, so that a failure of a combination is found by its two values.
    static func failingPairs(seed: UInt64, failingAlone: Set<String>) -> String {
        let values = Layout.allFeatureValues.flatMap { feature in
            feature.values.filter { $0 != "n/a" && !failingAlone.contains("\(feature.name)=\($0)") }.map { (name: feature.name, value: $0) }
        }
        var tried = 0
        var failing: [String] = []
        for (index, first) in values.enumerated() {
            for second in values[(index + 1)...] where second.name != first.name {
                let pair = [first, second]
                let format = pair.first { $0.name == "format" }.flatMap { Layout.Format(rawValue: $0.value) }
                    ?? Layout.Format.allCases[tried % 3]
                guard let layout = Layout.combining(pair, seed: seed &+ UInt64(tried), format: format) else { continue }
                tried += 1
                if let difference = LayoutCase(layout: layout).firstDifference() {
                    failing.append("  \(first.name)=\(first.value) + \(second.name)=\(second.value)  e.g. IMPROVE_LAYOUT_SEED='"
                                   + Layout.replay(pair, seed: layout.seed, format: format) + "': \(difference.prefix(160))")
                }
            }
        }
        return (["pairs of values that each import alone but not together: \(failing.count) of \(tried)"] + failing).joined(separator: "\n")
    }
}

/// Layouts passed and failed per value of each feature, with a failing seed and its first difference per value.
struct LayoutTally {
    var total = 0
    var failed = 0
    var counts: [String: (passed: Int, failed: Int)] = [:]
    /// The failing layouts, each with its feature values and first difference.
    var failures: [(seed: UInt64, values: Set<String>, difference: String)] = []

    mutating func add(_ layout: Layout, difference: String?) {
        total += 1
        if let difference {
            failed += 1
            failures.append((layout.seed, Set(layout.features.map { "\($0.name)=\($0.value)" }), difference))
        }
        for (name, value) in layout.features {
            var entry = counts["\(name)=\(value)"] ?? (0, 0)
            if difference == nil { entry.passed += 1 } else { entry.failed += 1 }
            counts["\(name)=\(value)"] = entry
        }
    }

    /// The counts, each failing value with the failing layout that has it and the fewest other values that
    /// fail alone (`failingAlone`), so that its difference is most likely the value's own.
    func summary(failingAlone: Set<String>) -> String {
        var lines = ["layouts: \(total), imported as their source: \(total - failed), failed: \(failed)",
                     "per feature value (passed / failed; a failing seed and its first difference):"]
        for (name, values) in Layout.allFeatureValues {
            for value in values {
                let key = "\(name)=\(value)"
                let entry = counts[key] ?? (0, 0)
                if value == "n/a", entry.passed + entry.failed == 0 { continue }
                var line = "  \(key): \(entry.passed) / \(entry.failed)"
                let example = failures.filter { $0.values.contains(key) }
                    .min { $0.values.subtracting([key]).intersection(failingAlone).count < $1.values.subtracting([key]).intersection(failingAlone).count }
                if let example { line += "  e.g. IMPROVE_LAYOUT_SEED=\(example.seed): \(example.difference.prefix(160))" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The generator checked against itself: layouts of only what the importer read before issue 25 (an id column,
/// headers it knew, references, dates as text, RAG words, no title or section rows) must import as their source,
/// in every format, so that a failing generated layout is the importer's and not the generator's.
@Suite("The layout generator's plainest layouts import today")
struct LayoutGeneratorControlTests {
    @Test(arguments: Layout.Format.allCases)
    func plainLayoutsImportAsTheirSource(format: Layout.Format) {
        for seed in UInt64(1)...UInt64(8) {
            var layout = Layout.plain(seed: seed, format: format)
            layout.columnOrder = seed.isMultiple(of: 2) ? .shuffled : .usual
            layout.dates = format == .xlsx && seed.isMultiple(of: 2) ? .serial : .monthText
            layout.statuses = format != .csv && seed.isMultiple(of: 4) ? .fillOnly : .words
            layout.themes = seed.isMultiple(of: 2) ? .column : .none
            layout.strings = format == .xlsx ? (seed.isMultiple(of: 2) ? .shared : .inline) : nil
            let example = LayoutCase(layout: layout)
            let difference = example.firstDifference()
            #expect(difference == nil, "\(layout): \(difference ?? "")\n\(example.report)")
        }
    }
}
