import FoundationEssentials
import Glibc
import PlanJSON
import PlanKit

/// Which merge made the sides: in a rebase git's "ours" is the upstream the
/// change is replayed onto and "theirs" is the person's own change, so the
/// words for the sides depend on it.
public struct MergeSides: Equatable, Sendable {
    public enum Operation: String, Sendable { case merge, rebase }
    public var operation: Operation
    /// The branch merged in (git's name for theirs in a merge), when known.
    public var branch: String?

    public init(operation: Operation, branch: String? = nil) {
        self.operation = operation
        self.branch = branch
    }
}

/// A merge made by lines because a side was not a readable plan: the plan file
/// holds git's conflict markers (or a line merge that needs checking) until the
/// broken side is fixed and the merge is made again by meaning.
public struct LineMerge: Equatable, Sendable {
    /// A side that could not be read as a plan, and why.
    public struct BrokenSide: Equatable, Sendable {
        /// `ours` or `theirs` (git's names; see ``MergeSides``).
        public var side: String
        /// The line of that side's file the first error is on, when known.
        public var line: Int?
        public var problem: String

        public init(side: String, line: Int?, problem: String) {
            self.side = side
            self.line = line
            self.problem = problem
        }
    }

    public var broken: [BrokenSide]
    /// The length of the conflict markers the merge wrote (7 unless a side held markers already).
    public var markerSize: Int

    public init(broken: [BrokenSide], markerSize: Int) {
        self.broken = broken
        self.markerSize = markerSize
    }
}

/// What a merge left to finish in a plan, as recorded beside it.
public struct MergeRecord: Equatable, Sendable {
    public var conflicts: [MergeConflict]
    /// Set when the merge was made by lines (a side was not a plan).
    public var lineMerge: LineMerge?
    /// The merge or rebase that made it, when recorded.
    public var sides: MergeSides?
}

/// The conflicts a merge left in a plan, kept beside it (`.NAME.json.conflicts`)
/// until each is settled: the item, the field, and the values in the common
/// version, ours and theirs, as JSON; or, for a merge made by lines because a
/// side was not a plan, which side and why (``LineMerge``).
public enum ConflictFile {
    /// `plans/.NAME.json.conflicts` for `plans/NAME.json` (relative stays relative).
    public static func path(for planPath: String) -> String { Sidecar.path(.conflicts, of: planPath) }

    /// Whether a conflicts file is there but was written for other bytes of
    /// the plan than it has now (the merge was aborted, or the plan changed
    /// since), or may not be trusted (a link, someone else's: see ``Sidecar``).
    /// A merge by lines is never stale: the person is meant to edit the file
    /// before the merge is made again.
    public static func isStale(for planPath: String) -> Bool {
        let data: [UInt8]?
        do { data = try Sidecar.bytes(path(for: planPath), of: planPath) } catch { return true }
        guard let data else { return false }
        guard let root = try? JSONParser.parse(Array(data)), case .string(let recorded)? = root["planBytes"],
              let plan = FileManager.default.contents(atPath: planPath) else { return true }
        if root["lineMerge"] != nil { return false }
        return recorded != CheckedFingerprint.of(Array(plan))
    }

    /// The conflicts recorded for the plan as it is, or `[]` when there are
    /// none, the file cannot be read, or it is stale (``isStale(for:)``).
    public static func read(for planPath: String) -> [MergeConflict] {
        record(for: planPath)?.conflicts ?? []
    }

    /// Everything recorded for the plan as it is, or `nil` when nothing is,
    /// the file cannot be read, or it is stale.
    public static func record(for planPath: String) -> MergeRecord? {
        guard !isStale(for: planPath), let data = try? Sidecar.bytes(path(for: planPath), of: planPath),
              let root = try? JSONParser.parse(Array(data)) else { return nil }
        var sides: MergeSides?
        if case .string(let name)? = root["during"], let operation = MergeSides.Operation(rawValue: name) {
            var branch: String?
            if case .string(let given)? = root["branch"] { branch = given }
            sides = MergeSides(operation: operation, branch: branch)
        }
        var lineMerge: LineMerge?
        if case .object? = root["lineMerge"], let merge = root["lineMerge"] {
            var size = 7
            if case .number(let number)? = merge["markerSize"], let value = Int(number) { size = value }
            var broken: [LineMerge.BrokenSide] = []
            if case .array(let sides)? = merge["broken"] {
                for side in sides {
                    guard case .string(let name)? = side["side"], case .string(let problem)? = side["problem"] else { continue }
                    var line: Int?
                    if case .number(let number)? = side["line"] { line = Int(number) }
                    broken.append(LineMerge.BrokenSide(side: name, line: line, problem: problem))
                }
            }
            lineMerge = LineMerge(broken: broken, markerSize: size)
        }
        var conflicts: [MergeConflict] = []
        if case .array(let items)? = root["conflicts"] {
            conflicts = items.compactMap { item in
                guard case .string(let name)? = item["kind"], let kind = MergeItemKind(rawValue: name), case .string(let id)? = item["id"],
                      case .array(let field)? = item["field"] else { return nil }
                let keys = field.compactMap { value -> String? in
                    if case .string(let key) = value { return key }
                    return nil
                }
                func side(_ name: String) -> JSONValue? {
                    guard case .object(let members)? = item[name], let value = members.first(where: { $0.key == "value" })?.value else { return nil }
                    return value
                }
                return MergeConflict(kind: kind, id: id, field: keys, base: side("base"), ours: side("ours"), theirs: side("theirs"))
            }
        }
        guard !conflicts.isEmpty || lineMerge != nil else { return nil }
        return MergeRecord(conflicts: conflicts, lineMerge: lineMerge, sides: sides)
    }

    /// Records the conflicts for a plan as its file now is, replacing any
    /// recorded before; none removes the file. One that may not be used (a
    /// link, someone else's) is refused and left as it is.
    ///   - bytesOf: the file whose bytes the plan will have (git's merge result, before git copies it); the plan's own by default.
    ///   - lineMerge: set when the merge was made by lines (a side was not a plan).
    ///   - sides: the merge or rebase that made it, so that the sides can be named in its words.
    public static func write(_ conflicts: [MergeConflict], planID: String, for planPath: String, bytesOf: String? = nil,
                             lineMerge: LineMerge? = nil, sides: MergeSides? = nil) throws(PlanWriteError) {
        let file = path(for: planPath)
        try Sidecar.check(file, of: planPath)
        guard !conflicts.isEmpty || lineMerge != nil else {
            if unlink(file) != 0, errno != ENOENT {
                throw .writeFailed(path: file, reason: String(cString: strerror(errno)))
            }
            return
        }
        // A side that had no value is written as {} (no "value"), so null stays a value.
        func side(_ value: JSONValue?) -> JSONValue { .object(value.map { [JSONMember("value", $0)] } ?? []) }
        // The plan's bytes as they are with these conflicts in it: a file for other bytes is stale.
        let planBytes = FileManager.default.contents(atPath: bytesOf ?? planPath).map { CheckedFingerprint.of(Array($0)) } ?? ""
        var members = [
            JSONMember("plan", .string(planID)),
            JSONMember("planBytes", .string(planBytes)),
        ]
        if let sides {
            members.append(JSONMember("during", .string(sides.operation.rawValue)))
            if let branch = sides.branch { members.append(JSONMember("branch", .string(branch))) }
        }
        if let lineMerge {
            members.append(JSONMember("lineMerge", .object([
                JSONMember("markerSize", .number(String(lineMerge.markerSize))),
                JSONMember("broken", .array(lineMerge.broken.map { side in
                    .object([JSONMember("side", .string(side.side))]
                        + (side.line.map { [JSONMember("line", .number(String($0)))] } ?? [])
                        + [JSONMember("problem", .string(side.problem))])
                })),
            ])))
        }
        let document = JSONValue.object(members + [
            JSONMember("conflicts", .array(conflicts.map { conflict in
                .object([
                    JSONMember("item", .string(conflict.item)),
                    JSONMember("kind", .string(conflict.kind.rawValue)),
                    JSONMember("id", .string(conflict.id)),
                    JSONMember("field", .array(conflict.field.map { .string($0) })),
                    JSONMember("base", side(conflict.base)),
                    JSONMember("ours", side(conflict.ours)),
                    JSONMember("theirs", side(conflict.theirs)),
                ])
            })),
        ])
        try AtomicFile.replace(file, with: JSONWriter.bytes(from: document), like: planPath)
    }
}

extension PlanStore {
    /// Writes a merged plan over a file (the merge driver's "ours"), after
    /// checking it by the rules it will be read with; no lock or journal, as
    /// git owns the file while it merges.
    public func replace(file: String, with plan: Plan) throws(PlanWriteError) {
        let problems = PlanValidator.problems(in: plan, file: file, latestRecordable: today.latestRecordable)
        if problems.contains(where: { $0.severity == .error }) { throw .wouldNotValidate(path: file, problems: problems) }
        try AtomicFile.replace(workingFolder.resolve(file), with: JSONWriter.bytes(from: plan.jsonValue()), shownAs: file)
        landed?(file)
    }
}
