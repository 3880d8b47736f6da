// swift-tools-version: 6.0
import PackageDescription

// Layers, lowest first; a target sees only the ones it names:
//   PlanJSON     strict JSON reading and writing; knows nothing of plans
//   OfficeDocument  Word (.docx) and Excel (.xlsx) files in and out: ZIP, DEFLATE, XML; knows nothing of plans
//   PlanKit      the core: the plan model, its file format, loading, validation, queries, updates, merging
//   PlanReports  what commands show: lists, the board pack, summaries, logs (text, Markdown, HTML, CSV, JSON;
//                the board pack also as Word and Excel drafts, which OfficeDocument writes)
//   PlanInterchange  plans from and to other files: CSV/TSV, Word and Excel import, export
//   PlanStorage  changing plan files safely: lock, atomic write, undo journal
//   improve      the command-line front end: arguments, messages, exit codes
let package = Package(
    name: "improve",
    products: [
        .library(name: "PlanKit", targets: ["PlanKit"]),
        .library(name: "PlanReports", targets: ["PlanReports"]),
        .library(name: "PlanInterchange", targets: ["PlanInterchange"]),
        .library(name: "PlanStorage", targets: ["PlanStorage"]),
        .executable(name: "improve", targets: ["improve"]),
        .executable(name: "improve-bench", targets: ["improve-bench"]),
        .executable(name: "improve-fuzz", targets: ["improve-fuzz"]),
    ],
    targets: [
        .target(name: "PlanJSON"),
        .target(name: "OfficeDocument"),
        // A repeatable random number generator for tests, the benchmark and the fuzz run.
        .target(name: "SplitMix"),
        .target(name: "PlanKit", dependencies: ["PlanJSON"]),
        .target(name: "PlanReports", dependencies: ["PlanJSON", "PlanKit", "OfficeDocument"]),
        .target(name: "PlanInterchange", dependencies: ["PlanKit", "OfficeDocument"]),
        .target(name: "PlanStorage", dependencies: ["PlanJSON", "PlanKit"]),
        .executableTarget(name: "improve", dependencies: ["PlanJSON", "OfficeDocument", "PlanKit", "PlanReports", "PlanInterchange", "PlanStorage"]),
        .executableTarget(name: "improve-bench", dependencies: ["PlanJSON", "PlanKit", "PlanReports", "PlanStorage", "SplitMix"]),
        // Mutated plans and spreadsheets through every command of the built binary (see docs/development.md, "Tests, CI and fuzzing").
        .executableTarget(name: "improve-fuzz", dependencies: ["PlanJSON", "PlanKit", "PlanReports", "SplitMix"]),
        // What both test targets share (a seeded random number generator).
        .target(name: "TestSupport", dependencies: ["SplitMix"], path: "Tests/TestSupport"),
        .testTarget(
            name: "PlanKitTests",
            dependencies: ["PlanJSON", "OfficeDocument", "PlanKit", "PlanReports", "PlanInterchange", "PlanStorage", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "improveTests", dependencies: ["improve", "PlanJSON", "OfficeDocument", "PlanKit", "PlanReports", "PlanInterchange", "PlanStorage", "TestSupport"],
                    exclude: ["Golden", "Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
