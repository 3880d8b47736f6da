import FoundationEssentials
import Glibc
import Synchronization
import PlanKit
import PlanReports

/// How a command writes its data; each command accepts a subset, the first its default.
enum OutputFormat: String, CaseIterable {
    case text, json, markdown, html, csv
    /// Word and Excel files (`report`): binary, so never written to a terminal (see ``BinaryOutput``).
    case docx, xlsx

    /// Text for people, JSON for scripts: what most commands write.
    static let textOrJSON: [OutputFormat] = [.text, .json]
    /// What `summary` and `report` write, as documents.
    static let documents: [OutputFormat] = [.text, .markdown, .html, .csv, .json]
}

/// The plans a command left out of its answer because their inspection is
/// after its as-of day, noted on stderr after its output (stdout stays valid
/// JSON or CSV). Filled from the threads that read the plans.
final class PlansLeftOut: @unchecked Sendable {
    private let plans = Mutex<[PlanNotYetInspected]>([])

    func add(_ plan: PlanNotYetInspected) {
        plans.withLock { plans in
            if !plans.contains(plan) { plans.append(plan) }
        }
    }

    /// One note per plan, in plan id order.
    func writeNotes(to context: inout CommandContext) {
        let sorted = plans.withLock { $0.sorted { $0.planID < $1.planID } }
        context.stdout.flush()
        for plan in sorted { context.stderr.write(ErrorReporter.note(plan) + "\n") }
    }
}

/// The options every command accepts: which plans, which day, which format.
struct CommonOptions {
    static let plan = Option<String>("--plan", value: "FILE", repeatable: true, completion: .files,
                                     help: "Use this plan file instead of ./plans (repeatable).")
    static let asOf = DateOption.day("--as-of", help: "Answer as of this day (default: today, local time).")
    /// Read as text: which formats a command takes is the command's (``init(arguments:context:command:formats:)``).
    static let format = Option<String>("--format", value: "FORMAT", completion: .choices(OutputFormat.allCases.map(\.rawValue)), help: "Output format: text (default); json where a command has it (not undo, new, import, export); list also csv; overdue also markdown and html; summary and report also markdown, html and csv; report also docx and xlsx.")
    static let color = Option<String>("--color", value: "WHEN", oneOf: ["auto", "always", "never"],
                                      help: "Colour statuses: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never.")
    static let noPager = Flag("--no-pager", help: "Do not page long output ($IMPROVE_PAGER, else $PAGER, else less).")
    static let help = Flag("--help", short: "-h", help: "Show this help.")

    static let specs = declared(plan, asOf, format, color, noPager)
    static let helpSpec = help.spec

    var planFiles: [String]
    /// Where the plans that could not be loaded are noted for the end of the command.
    let deferred: DeferredFailures
    /// The folder plans were looked for in, when no --plan was given.
    var planFolder: String?
    var asOf: CalendarDate
    /// What plans are checked against and read from (see ``CommandContext``).
    let today: Today
    let workingFolder: WorkingFolder
    /// The --format value, one of the command's formats.
    var format: OutputFormat
    /// The plans left out of an answer as of a day before they existed.
    let leftOut = PlansLeftOut()

    /// Reads the common options.
    ///
    /// - Parameter formats: the --format values the command accepts, the first the default.
    init(arguments: ParsedArguments, context: CommandContext, command: CommandDescriptor,
         formats: [OutputFormat] = OutputFormat.textOrJSON) throws(CLIError) {
        deferred = context.deferred
        today = context.clock
        workingFolder = context.workingFolder
        planFiles = try arguments.all(Self.plan)
        if planFiles.isEmpty {
            let folder = context.environment["IMPROVE_PLANS"].flatMap { $0.isEmpty ? nil : $0 } ?? "plans"
            planFolder = folder
        }
        asOf = try arguments[Self.asOf, today: context.today] ?? context.today
        let formatText = try arguments[Self.format] ?? formats[0].rawValue
        guard let format = OutputFormat(rawValue: formatText), formats.contains(format) else {
            let names = formats.map(\.rawValue)
            guard names.count > 1 else {
                throw .usage("invalid value '\(formatText)' for \(Self.format); \(command.name) writes only text", command: command)
            }
            let list = names.dropLast().joined(separator: ", ") + (names.count > 2 ? "," : "") + " or " + names.last!
            throw .usage("invalid value '\(formatText)' for \(Self.format); use \(list)", command: command)
        }
        self.format = format
    }

    /// The plan files to use: the --plan files, or every plan in the folder.
    ///
    /// - Throws: ``PlanError`` when the folder does not exist or holds none.
    func resolvePlanFiles() throws(PlanError) -> [String] {
        if let planFolder { return try PlanLoader.planFiles(in: planFolder, relativeTo: workingFolder) }
        // One file named twice (plans/a.json and ./plans/a.json) is one plan.
        var seen = Set<String>()
        return planFiles.filter { file in
            guard let resolved = realpath(workingFolder.resolve(file), nil) else { return true }
            defer { free(resolved) }
            return seen.insert(String(cString: resolved)).inserted
        }
    }

    /// Loads every plan that can be loaded, for a command that only reads:
    /// a file that cannot be (missing, unreadable, not a file, invalid) is
    /// reported after the command's output and makes it exit non-zero, while
    /// the others are used (see ``DeferredFailures``).
    ///
    /// - Throws: ``PlanError`` when no plan can be loaded.
    func loadPlans() throws -> [Plan] {
        try mapPlans { $0.plan }
    }

    /// Loads every plan with the file it came from, refusing any with errors:
    /// for a command that changes a plan and must know every id first.
    ///
    /// - Throws: ``PlanError`` for a missing or invalid plan;
    ///   ``PlanError/duplicatePlanID(id:files:)`` when two files share a plan id.
    func loadPlanFilesForChange() throws -> [LoadedPlan] {
        try PlanLoader.read(files: try resolvePlanFiles(), relativeTo: workingFolder, today: today) { $0 }.values
    }

    /// Reads every plan that can be loaded and keeps only what `transform`
    /// makes of each, so that the whole portfolio is never in memory at once
    /// (see ``PlanLoader/read(files:relativeTo:today:_:unloadable:_:)`` and ``loadPlans()``).
    func mapPlans<Value>(_ transform: @escaping @Sendable (LoadedPlan) -> Value) throws -> [Value] {
        let (values, failures) = try PlanLoader.read(files: try resolvePlanFiles(), relativeTo: workingFolder, today: today, unloadable: .collect, transform)
        deferred.add(failures)
        return values
    }

    /// ``mapPlans(_:)`` for output that is a stream: what `transform` makes of each plan is handed
    /// to `consume` in file order and dropped, so that a command writing as it reads holds a few
    /// plans at a time (see ``PlanLoader/stream(files:relativeTo:today:_:_:consume:)``). A plan
    /// that cannot be loaded is noted in ``deferred``, reported after the output as with ``loadPlans()``.
    ///
    /// - Throws: ``PlanError`` when no plan can be loaded; `consume` was then never called.
    func streamPlans<Value>(_ reading: HistoryReading = .complete, _ transform: @escaping @Sendable (LoadedPlan) -> Value,
                            consume: (Value) -> Void) throws {
        let failures = try PlanLoader.stream(files: try resolvePlanFiles(), relativeTo: workingFolder, today: today, reading,
                                             transform, consume: consume)
        deferred.add(failures)
    }

    /// ``loadPlans()`` without the plans whose inspection is after the as-of
    /// day (see ``Plan/exists(on:)``), which are noted in ``leftOut``.
    func loadPlansExistingOnAsOf() throws -> [Plan] {
        try mapPlansExistingOnAsOf { $0.plan }
    }

    /// ``mapPlans(_:)`` over the plans that existed on the as-of day; the others are noted in ``leftOut``.
    func mapPlansExistingOnAsOf<Value>(_ transform: @escaping @Sendable (LoadedPlan) -> Value) throws -> [Value] {
        let existed = existedOnAsOf
        return try mapPlans { existed($0.plan) ? transform($0) : nil }.compactMap { $0 }
    }

    /// ``mapPositions(on:_:)`` on the as-of day over the plans that existed
    /// then; the others are noted in ``leftOut``.
    func mapPositionsExistingOnAsOf<Value>(_ transform: @escaping @Sendable (PlanPosition) -> Value) throws -> [Value] {
        let existed = existedOnAsOf
        return try mapPositions(on: asOf) { existed($0.plan) ? transform($0) : nil }.compactMap { $0 }
    }

    /// Whether a plan existed on the as-of day; one that did not is noted in ``leftOut``.
    private var existedOnAsOf: @Sendable (Plan) -> Bool {
        let (asOf, leftOut) = (asOf, leftOut)
        return { plan in
            guard plan.exists(on: asOf) else {
                leftOut.add(PlanNotYetInspected(plan: plan, asOf: asOf))
                return false
            }
            return true
        }
    }

    /// Reads every plan that can be loaded for its position on `day` and
    /// keeps only what `transform` makes of each (see ``mapPlans(_:)``).
    func mapPositions<Value>(on day: CalendarDate, _ transform: @escaping @Sendable (PlanPosition) -> Value) throws -> [Value] {
        let (values, failures) = try PlanLoader.read(files: try resolvePlanFiles(), relativeTo: workingFolder, today: today, .positionOn(day), unloadable: .collect) {
            transform(PlanPosition($0, on: day))
        }
        deferred.add(failures)
        return values
    }
}
