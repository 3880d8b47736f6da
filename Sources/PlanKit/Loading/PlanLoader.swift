import PlanJSON
import Dispatch
import FoundationEssentials
import Glibc

/// A plan read from a file, with any warnings it raised.
public struct LoadedPlan: Sendable {
    /// The file, as it was named to the loader.
    public var file: String
    public var plan: Plan
    /// Warnings found while loading (errors prevent loading).
    public var warnings: [PlanProblem]
}

/// The outcome of checking one plan file: every problem, and the plan when it
/// has no errors.
public struct PlanCheck: Sendable {
    public var file: String
    /// The plan, when it decoded without errors.
    public var plan: Plan?
    /// Every problem, errors and warnings.
    public var problems: [PlanProblem]

    /// Whether the file has any errors.
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// What a read of several plans does with a file that cannot be loaded.
public enum UnloadablePlans: Sendable {
    /// Stops at the first, in file order, and throws its error: for a command
    /// that changes a plan and must know every plan first.
    case stop
    /// Leaves it out and returns its error beside the others' results, so
    /// that one bad file in a folder does not hide the others (a command that only reads).
    case collect
}

/// One slot per file for results written from several threads.
private final class ResultSlots<Value>: @unchecked Sendable {
    // A C mutex rather than `Mutex`, which would have `Value` be Sendable (and `NSLock` is not in FoundationEssentials).
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var slots: [Result<Value, PlanError>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    func set(_ index: Int, _ result: Result<Value, PlanError>) {
        pthread_mutex_lock(lock)
        slots[index] = result
        pthread_mutex_unlock(lock)
    }

    var values: [Result<Value, PlanError>?] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return slots
    }
}

/// Finds, reads and checks plan files: the one reader every command and the
/// store go through.
///
/// Its operations, by what they give:
/// - several plans, whole or each as it stood on a day, stopping at a file
///   that cannot be loaded or collecting why: ``read(files:relativeTo:today:_:unloadable:_:)``;
/// - one plan, throwing its problems: ``load(file:reading:relativeTo:today:)``; collecting
///   them: ``check(file:relativeTo:today:)`` and ``check(bytes:file:reading:today:)``;
/// - for the store, a plan to change with the bytes it came from
///   (`loadForChange`), or one action of it (`actionForChange`), and the
///   ids of a plan without its actions (`identifiers(bytes:)`);
/// - the files of a folder: ``planFiles(in:relativeTo:)``; a file's bytes (`PlanLoader+Files.swift`).
public enum PlanLoader {
    /// Whether a file of this name (its last path component) is a plan a plans
    /// folder is read for: `*.json`, not a schema (`*.schema.json`), and not hidden
    /// (`.NAME`, where improve keeps its own files beside a plan). A plan is created
    /// only under such a name (`new`, `import --out`), so that the folder it is
    /// made in lists it. `leads.json`, the leads' addresses for reminders, is no plan either.
    public static func isPlanFileName(_ name: String) -> Bool {
        name.hasSuffix(".json") && !name.hasSuffix(".schema.json") && !name.hasPrefix(".") && name != leadsFileName
    }

    /// The file of lead name → address a plans folder may hold beside its plans: `leads.json`,
    /// named after the actions' leads.
    public static let leadsFileName = "\(ActionField.leads.rawValue).json"

    /// The plan files in a folder: every `*.json` file except JSON Schemas
    /// (`*.schema.json`) and hidden files (see ``isPlanFileName(_:)``), sorted by name.
    ///
    /// - Parameter folder: the folder to look in.
    /// - Returns: the files' paths, each as `folder/name`.
    /// - Throws: ``PlanError/folderNotFound(path:)`` or ``PlanError/noPlans(folder:)``.
    public static func planFiles(in folder: String, relativeTo workingFolder: WorkingFolder) throws(PlanError) -> [String] {
        var isDirectory = false
        let resolved = workingFolder.resolve(folder)
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory else {
            throw .folderNotFound(path: folder)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: resolved)
        } catch {
            throw .unreadable(path: folder, reason: "the folder cannot be listed")
        }
        let files = names.filter(isPlanFileName)
            .sorted()
            .map { folder.hasSuffix("/") ? folder + $0 : folder + "/" + $0 }
        guard !files.isEmpty else { throw .noPlans(folder: folder) }
        return files
    }

    /// Reads, decodes and validates several plan files on all cores, handing
    /// each plan to `transform` as soon as it is read: the one read of several
    /// plans every command makes.
    ///
    /// Only what `transform` returns is kept, so a command that needs a small
    /// result from each plan (an overdue list, a summary) never holds the whole
    /// portfolio in memory: at most one plan per core is held at a time.
    ///
    /// - Parameters:
    ///   - files: the plan files, in order.
    ///   - reading: how much of each action's history to keep: all of it, or
    ///     what shows its position on a day (every entry left out is still checked).
    ///   - unloadable: what to do with a file that cannot be loaded (missing,
    ///     unreadable, not a file, invalid): stop at it, or leave it out and
    ///     say why beside the others' results.
    ///   - transform: makes the result for one plan; it runs on several threads at once.
    /// - Returns: the results of the files that loaded, in file order, and
    ///   (when `unloadable` is ``UnloadablePlans/collect``) the other files' errors, in file order.
    /// - Throws: with ``UnloadablePlans/stop``, the first file's error in file
    ///   order; with ``UnloadablePlans/collect``, the first when none loads.
    ///   ``PlanError/duplicatePlanID(id:files:)`` is the error of the second
    ///   of two files that have the same plan id.
    public static func read<Value>(files: [String], relativeTo folder: WorkingFolder, today: Today,
                                   _ reading: HistoryReading = .complete, unloadable: UnloadablePlans = .stop,
                                   _ transform: @Sendable (LoadedPlan) -> Value) throws(PlanError)
        -> (values: [Value], failures: [PlanError])
    {
        try collect(files: files, unloadable: unloadable) { file throws(PlanError) -> (id: String, value: Value) in
            let loaded = try load(file: file, reading: reading, relativeTo: folder, today: today)
            return (loaded.plan.id, transform(loaded))
        }
    }

    /// The step every read of several files shares: `readOne` for each file on
    /// all cores, results in file order, plan ids unique among the files that load.
    /// A reader that can tell a plan's id without loading it whole (see
    /// `PlanFolderIndex`) gives its own `readOne` and keeps the same answers.
    package static func collect<Value>(files: [String], unloadable: UnloadablePlans,
                                       _ readOne: @Sendable (String) throws(PlanError) -> (id: String, value: Value)) throws(PlanError)
        -> (values: [Value], failures: [PlanError])
    {
        var values: [Value] = [], failures: [PlanError] = []
        values.reserveCapacity(files.count)
        for result in loadEach(files: files, readOne) {
            switch result {
            case .success(let value): values.append(value)
            case .failure(let error):
                if unloadable == .stop { throw error }
                failures.append(error)
            }
        }
        if values.isEmpty, let first = failures.first { throw first }
        return (values, failures)
    }

    /// ``read(files:relativeTo:today:_:unloadable:_:)`` for output that is a stream: each plan's
    /// result is handed to `consume` in file order as soon as it and every file before it are read,
    /// then dropped, so that only a few plans' results are held at a time, never the portfolio's.
    ///
    /// Files are read a window at a time on all cores; a file that cannot be loaded (or repeats a
    /// plan id already read) is left out and returned, in file order, as with
    /// ``UnloadablePlans/collect``.
    ///
    /// - Parameter window: how many files are read at once (default: four per core, which keeps
    ///   the cores busy between the waits at each window's end, and few plans held).
    /// - Returns: the errors of the files that could not be loaded, in file order.
    /// - Throws: the first file's error when none loads; `consume` was then never called.
    public static func stream<Value>(files: [String], relativeTo folder: WorkingFolder, today: Today,
                                     _ reading: HistoryReading = .complete, window: Int? = nil,
                                     _ transform: @Sendable (LoadedPlan) -> Value,
                                     consume: (Value) -> Void) throws(PlanError) -> [PlanError]
    {
        let window = max(1, window ?? max(2, ProcessInfo.processInfo.activeProcessorCount) * 4)
        var failures: [PlanError] = [], fileOfID: [String: String] = [:], consumed = false
        var start = 0
        while start < files.count {
            let part = Array(files[start..<min(start + window, files.count)])
            start += part.count
            let results = ResultSlots<(id: String, value: Value)>(count: part.count)
            DispatchQueue.concurrentPerform(iterations: part.count) { index in
                results.set(index, Result { () throws(PlanError) -> (id: String, value: Value) in
                    let loaded = try load(file: part[index], reading: reading, relativeTo: folder, today: today)
                    return (loaded.plan.id, transform(loaded))
                })
            }
            for (index, result) in results.values.enumerated() {
                switch result! {
                case .success(let loaded):
                    if let other = fileOfID[loaded.id] {
                        failures.append(.duplicatePlanID(id: loaded.id, files: [other, part[index]]))
                        continue
                    }
                    fileOfID[loaded.id] = part[index]
                    consumed = true
                    consume(loaded.value)
                case .failure(let error): failures.append(error)
                }
            }
        }
        if !consumed, let first = failures.first { throw first }
        return failures
    }

    /// Every file's result, in file order; plan ids must be unique among the files that load.
    private static func loadEach<Value>(files: [String], _ readOne: @Sendable (String) throws(PlanError) -> (id: String, value: Value))
        -> [Result<Value, PlanError>]
    {
        let results = ResultSlots<(id: String, value: Value)>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.set(index, Result { () throws(PlanError) -> (id: String, value: Value) in try readOne(files[index]) })
        }
        var fileOfID: [String: String] = [:]
        return results.values.enumerated().map { index, result -> Result<Value, PlanError> in
            switch result! {
            case .success(let loaded):
                if let other = fileOfID[loaded.id] { return .failure(.duplicatePlanID(id: loaded.id, files: [other, files[index]])) }
                fileOfID[loaded.id] = files[index]
                return .success(loaded.value)
            case .failure(let error): return .failure(error)
            }
        }
    }

    /// Reads, decodes and validates one plan file: ``read(files:relativeTo:today:_:unloadable:_:)``
    /// for one file, throwing its problems (``check(file:relativeTo:today:)`` collects them).
    ///
    /// - Parameters:
    ///   - file: the plan file's path.
    ///   - reading: how much of each action's history to keep.
    /// - Returns: the plan, with its warnings.
    /// - Throws: ``PlanError/invalidPlan(path:problems:)`` listing every
    ///   problem when the plan has any error; ``PlanError/fileNotFound(path:)``
    ///   or ``PlanError/unreadable(path:reason:)`` when it cannot be read.
    public static func load(file: String, reading: HistoryReading = .complete, relativeTo folder: WorkingFolder,
                            today: Today) throws(PlanError) -> LoadedPlan {
        try load(bytes: try read(file: file, relativeTo: folder), file: file, reading: reading, today: today)
    }

    /// ``load(file:reading:relativeTo:today:)`` for bytes already read from `file`.
    package static func load(bytes: [UInt8], file: String, reading: HistoryReading = .complete,
                             today: Today) throws(PlanError) -> LoadedPlan {
        let check = check(bytes: bytes, file: file, reading: reading, today: today)
        guard let plan = check.plan, !check.hasErrors else {
            throw .invalidPlan(path: file, problems: check.problems)
        }
        return LoadedPlan(file: file, plan: plan, warnings: check.problems)
    }

    /// Reads, decodes and validates one plan file for a change, keeping the
    /// bytes read and, when the fast path read them, where each entry lies.
    ///
    /// The store reads the file by its real path (the one its lock is kept by) and names it
    /// as the user typed it (`shownAs`), as every read-only command does: a plan edited by hand
    /// into an error is `plans/a.json:22:27: error: …` from `update` as from `show`.
    ///
    /// - Throws: as ``load(file:reading:relativeTo:today:)``.
    package static func loadForChange(file: String, shownAs name: String? = nil, relativeTo folder: WorkingFolder, today: Today)
        throws(PlanError) -> (plan: Plan, bytes: [UInt8], layout: PlanLayout?)
    {
        let bytes = try read(file: file, relativeTo: folder)
        let shown = name ?? file
        let (check, layout) = checkKeepingLayout(bytes: bytes, file: shown, reading: .complete, today: today)
        guard let plan = check.plan, !check.hasErrors else { throw .invalidPlan(path: shown, problems: check.problems) }
        return (plan, bytes, layout)
    }

    /// Reads, for a change, only the plan's own fields, its themes and
    /// recommendations, and the actions whose id `keeping` accepts; the
    /// other actions' bytes are passed over unchecked.
    ///
    /// Only for bytes known to be a valid plan (checked whole when last
    /// written, see `PlanStore`): a change that touches one action of a large
    /// plan then pays for that action, not for all of them. `nil` when the
    /// bytes are not in the form the fast reader takes.
    package static func actionForChange(bytes: [UInt8], today: Today,
                                        keeping: @escaping (String) -> Bool) -> (plan: Plan, layout: PlanLayout)? {
        try? StrictScanner.read(bytes, latestRecordable: today.latestRecordable, keepAction: keeping)
    }

    /// Reads only a plan's ids: its own, its recommendations' (with the
    /// plan's fields, themes and recommendations, which are small), and its
    /// actions', each taken from the bytes while the action is passed over
    /// bracket to bracket, unchecked.
    ///
    /// Only for bytes known to be a valid plan, as ``actionForChange(bytes:today:keeping:)``;
    /// `nil` when the bytes are not in the form the fast reader takes.
    package static func identifiers(bytes: [UInt8], today: Today) -> PlanIdentifiers? {
        var actionIDs: [String] = []
        guard let (plan, _) = try? StrictScanner.read(bytes, latestRecordable: today.latestRecordable, keepAction: { id in
            actionIDs.append(id)
            return false
        }) else { return nil }
        return PlanIdentifiers(planID: plan.id, actionIDs: actionIDs, recommendationIDs: plan.recommendations.map(\.id))
    }

    /// Reads and checks one plan file, reporting every problem rather than
    /// throwing for bad content.
    ///
    /// - Throws: ``PlanError/fileNotFound(path:)`` or
    ///   ``PlanError/unreadable(path:reason:)`` when it cannot be read.
    public static func check(file: String, relativeTo folder: WorkingFolder, today: Today) throws(PlanError) -> PlanCheck {
        check(bytes: try read(file: file, relativeTo: folder), file: file, today: today)
    }

    /// Reads a RAG scheme file for `import --scheme FILE`: an object of levels,
    /// the object a plan's `ragScheme` holds, read by the same decoder (levels
    /// with a code, label and colour), with the plan's rule that codes differ,
    /// and exactly one complete level, so that an imported rating of done means one thing.
    ///
    /// - Throws: ``PlanError/invalidScheme(path:problems:)`` with every problem.
    public static func scheme(bytes: [UInt8], file: String) throws(PlanError) -> RAGScheme {
        let root: JSONValue, positions: JSONPositions
        do {
            (root, positions) = try JSONParser.parseWithPositions(bytes)
        } catch {
            throw .invalidScheme(path: file, problems: [
                PlanProblem(.error, file: file, path: "", line: error.line, column: error.column, message: error.message),
            ])
        }
        let (decoded, problems) = DiagnosingScanner.scheme(root, positions: positions, file: file)
        var errors = problems.filter { $0.severity == .error }
        if errors.isEmpty, let decoded {
            var seen: Set<String> = []
            for (index, level) in decoded.levels.enumerated() where !seen.insert(level.code.uppercased()).inserted {
                let path = "\(RAGSchemeField.levels.key)[\(index)].\(RAGLevelField.code.key)"
                errors.append(PlanProblem(.error, file: file, path: path, message: "the code \"\(level.code)\" is given twice"))
            }
            let complete = decoded.levels.filter(\.isComplete).count
            if complete != 1 {
                errors.append(PlanProblem(.error, file: file, path: RAGSchemeField.levels.key,
                                          message: "\(complete == 0 ? "no" : "more than one") level is \(RAGLevelField.complete.key); "
                                            + "mark the one that means done with \(RAGLevelField.complete.key): true"))
            }
        }
        guard errors.isEmpty, let decoded else {
            throw .invalidScheme(path: file, problems: errors.isEmpty
                ? [PlanProblem(.error, file: file, path: "", message: "no RAG scheme here")] : errors)
        }
        return decoded
    }

    /// A syntax error's message, explained when the file holds git's conflict
    /// markers: "unexpected '<'" at a `<<<<<<<` line is a merge left unfinished,
    /// not a stray character (the command line adds how to finish it).
    static func syntaxMessage(_ message: String, line: Int, in bytes: [UInt8]) -> String {
        if ConflictMarkers.isMarker(line: line, in: bytes) {
            return "a git conflict marker from a merge (\(message)): the file holds both sides of a merge made by lines"
        }
        guard let first = ConflictMarkers.firstMarkerLine(in: bytes) else { return message }
        return "\(message) (the file holds git conflict markers from a merge, the first at line \(first))"
    }

    /// Checks a plan held in memory, reporting every problem.
    ///
    /// - Parameters:
    ///   - bytes: the plan file's content.
    ///   - file: the name to report problems against.
    ///   - reading: how much of each action's history to keep.
    public static func check(bytes: [UInt8], file: String, reading: HistoryReading = .complete, today: Today) -> PlanCheck {
        checkKeepingLayout(bytes: bytes, file: file, reading: reading, today: today).check
    }

    /// ``check(bytes:file:reading:today:)``, with where the plan's entries lie in
    /// `bytes` when the fast path read them.
    private static func checkKeepingLayout(bytes: [UInt8], file: String, reading: HistoryReading, today: Today)
        -> (check: PlanCheck, layout: PlanLayout?)
    {
        // The fast path reads a well-formed plan directly; anything unusual
        // (an empty file included) is left to the full reader below, which
        // reports every problem.
        // One day for the scan and the check, so that both judge the same day.
        let latestRecordable = today.latestRecordable
        if JSONParser.isValidUTF8(bytes),
           let (plan, layout) = try? StrictScanner.read(bytes, positionOn: reading.day, latestRecordable: latestRecordable) {
            let problems = PlanValidator.problems(in: plan, file: file, latestRecordable: latestRecordable)
            let hasErrors = problems.contains { $0.severity == .error }
            return (PlanCheck(file: file, plan: hasErrors ? nil : plan, problems: problems), layout)
        }
        var check = checkThoroughly(bytes: bytes, file: file, latestRecordable: latestRecordable)
        check.plan = check.plan?.keepingHistory(for: reading)
        return (check, nil)
    }

    /// Checks a plan with the full JSON reader and decoder, which report every
    /// problem with its place; the result for a valid plan is the fast path's.
    static func checkThoroughly(bytes: [UInt8], file: String, latestRecordable: CalendarDate) -> PlanCheck {
        if bytes.isEmpty {
            return PlanCheck(file: file, plan: nil, problems: [
                PlanProblem(.error, file: file, path: "", message: "the file is empty; a plan file holds one JSON object (see the README's \"Plan files\")"),
            ])
        }
        let root: JSONValue, positions: JSONPositions
        do {
            (root, positions) = try JSONParser.parseWithPositions(bytes)
        } catch {
            return PlanCheck(file: file, plan: nil, problems: [
                PlanProblem(.error, file: file, path: "", line: error.line, column: error.column,
                            message: syntaxMessage(error.message, line: error.line, in: bytes)),
            ])
        }
        let (decoded, decodingProblems) = DiagnosingScanner.plan(root, positions: positions, file: file)
        var problems = decodingProblems
        // The rules between values are checked once every value has the right
        // shape: a value that did not decode would otherwise shift the paths
        // of the entries after it and set off errors about what refers to it.
        guard let plan = decoded, !problems.contains(where: { $0.severity == .error }) else {
            return PlanCheck(file: file, plan: nil, problems: problems)
        }
        problems += PlanValidator.problems(in: plan, file: file, latestRecordable: latestRecordable)
        let hasErrors = problems.contains { $0.severity == .error }
        return PlanCheck(file: file, plan: hasErrors ? nil : plan, problems: problems)
    }
}
