import Foundation
import PlanJSON
import PlanKit

/// The conflicts a merge left in a plan, kept beside it (`.NAME.json.conflicts`)
/// until each is settled: the item, the field, and the values in the common
/// version, ours and theirs, as JSON.
public enum ConflictFile {
    /// `plans/.NAME.json.conflicts` for `plans/NAME.json` (relative stays relative).
    public static func path(for planPath: String) -> String { Sidecar.path(.conflicts, of: planPath) }

    /// Whether a conflicts file is there but was written for other bytes of
    /// the plan than it has now (the merge was aborted, or the plan changed
    /// since), or may not be trusted (a link, someone else's: see ``Sidecar``).
    public static func isStale(for planPath: String) -> Bool {
        let data: [UInt8]?
        do { data = try Sidecar.bytes(path(for: planPath), of: planPath) } catch { return true }
        guard let data else { return false }
        guard let root = try? JSONParser.parse(Array(data)), case .string(let recorded)? = root["planBytes"],
              let plan = FileManager.default.contents(atPath: planPath) else { return true }
        return recorded != CheckedFingerprint.of(Array(plan))
    }

    /// The conflicts recorded for the plan as it is, or `[]` when there are
    /// none, the file cannot be read, or it is stale (``isStale(for:)``).
    public static func read(for planPath: String) -> [MergeConflict] {
        guard !isStale(for: planPath), let data = try? Sidecar.bytes(path(for: planPath), of: planPath),
              let root = try? JSONParser.parse(Array(data)), case .array(let items)? = root["conflicts"] else { return [] }
        return items.compactMap { item in
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

    /// Records the conflicts for a plan as its file now is, replacing any
    /// recorded before; none removes the file. One that may not be used (a
    /// link, someone else's) is refused and left as it is.
    ///   - bytesOf: the file whose bytes the plan will have (git's merge result, before git copies it); the plan's own by default.
    public static func write(_ conflicts: [MergeConflict], planID: String, for planPath: String, bytesOf: String? = nil) throws(PlanWriteError) {
        let file = path(for: planPath)
        try Sidecar.check(file, of: planPath)
        guard !conflicts.isEmpty else {
            if unlink(file) != 0, errno != ENOENT {
                throw .writeFailed(path: file, reason: String(cString: strerror(errno)))
            }
            return
        }
        // A side that had no value is written as {} (no "value"), so null stays a value.
        func side(_ value: JSONValue?) -> JSONValue { .object(value.map { [JSONMember("value", $0)] } ?? []) }
        // The plan's bytes as they are with these conflicts in it: a file for other bytes is stale.
        let planBytes = FileManager.default.contents(atPath: bytesOf ?? planPath).map { CheckedFingerprint.of(Array($0)) } ?? ""
        let document = JSONValue.object([
            JSONMember("plan", .string(planID)),
            JSONMember("planBytes", .string(planBytes)),
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
        let problems = PlanValidator.problems(in: plan, file: file)
        if problems.contains(where: { $0.severity == .error }) { throw .wouldNotValidate(path: file, problems: problems) }
        try AtomicFile.replace(file, with: JSONWriter.bytes(from: plan.jsonValue()))
        landed?(file)
    }
}
