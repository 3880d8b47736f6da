import PlanKit

/// Finds which of several plan files holds an id typed by the user, reading
/// of each plan only its ids when it can.
///
/// A plan whose bytes are still those `improve` last wrote after checking it
/// whole (its ``CheckedFingerprint`` stands) is known to load: its ids are
/// taken straight from the bytes, each action passed over bracket to bracket
/// (``PlanLoader/identifiers(bytes:today:)``). Any other plan (edited by hand, fresh
/// from git, never written by `improve`) is read and checked whole, as a
/// whole read of the folder would, so that a broken plan stops the search with
/// the same error, in the same file order, and two files with one plan id
/// are refused the same way. The answer is the one-plan-at-a-time
/// lookup's (``PlanIdentifiers/resolve(_:among:)``): the same entry, the
/// same ambiguity, the same suggestions.
public enum PlanFolderIndex {
    /// Told the path (as given) of each plan read whole while looking for an
    /// id: how a test sees that the other plans of a folder were read for
    /// their ids only. Task-local, so that tests running at once do not mix.
    @TaskLocal public static var wholeReads: (@Sendable (String) -> Void)?

    /// The file that holds what `typed` names, and what it names there.
    ///
    /// - Parameters:
    ///   - typed: the id as typed, `PLAN:ID` or bare.
    ///   - files: the plan files, in order.
    /// - Throws: ``PlanError`` for the first file, in file order, that cannot
    ///   be loaded, or ``PlanError/duplicatePlanID(id:files:)``; then
    ///   ``LookupError`` when the id names nothing, or something in several plans.
    public static func locate(_ typed: String, in files: [String], relativeTo folder: WorkingFolder, today: Today) throws -> (file: PlanFile, entry: EntryReference) {
        let plans = try identifiers(of: files, relativeTo: folder, today: today, unloadable: .stop).values
        let entry = try PlanIdentifiers.resolve(typed, among: plans.map(\.ids))
        return (plans[entry.plan].file, entry)
    }

    /// The one file whose plan `typed` names by its exact id (`yot-7:1.1`), and
    /// the rest of what was typed (`1.1`), found by reading the head of each
    /// file only (``PlanLoader/planID(file:relativeTo:)``): the other plans'
    /// actions are never read, so one action in a folder of 1,500 plans costs
    /// one plan's read, and a broken plan elsewhere in the folder does not
    /// stop it (`validate` and every list still report that one).
    ///
    /// `nil` – and the caller then resolves over every plan's ids, as
    /// ``locate(_:in:relativeTo:today:)`` does – when the id names no plan
    /// exactly, when two files claim the plan's id (which the whole read
    /// refuses, naming both), or when any file's head cannot be read for sure.
    /// The answer is then the same as the whole resolution's: an exact plan id
    /// is looked in alone, whatever the other plans hold.
    public static func fileNamedByPlan(_ typed: String, in files: [String], relativeTo folder: WorkingFolder) -> (file: PlanFile, rest: String)? {
        guard let colon = typed.firstIndex(of: ":") else { return nil }
        let planID = String(typed[..<colon])
        guard !planID.isEmpty, let heads = planIDsAtHeads(of: files, relativeTo: folder),
              let named = heads.first(where: { $0.planID == planID }) else { return nil }
        let rest = String(typed[typed.index(after: colon)...]).trimmingSpaces()
        return (PlanFile(named.file, relativeTo: folder, planID: planID), rest)
    }

    /// Each file's plan id, read from its head alone (``PlanLoader/planID(file:relativeTo:)``),
    /// in file order; `nil` when any file's head cannot be read for sure, or two
    /// files give one id (the whole read refuses that, naming both).
    public static func planIDsAtHeads(of files: [String], relativeTo folder: WorkingFolder) -> [(file: String, planID: String)]? {
        var heads: [(file: String, planID: String)] = [], seen: Set<String> = []
        heads.reserveCapacity(files.count)
        for file in files {
            guard case .found(let id)? = try? PlanLoader.planID(file: file, relativeTo: folder), seen.insert(id).inserted else { return nil }
            heads.append((file, id))
        }
        return heads
    }

    /// The ids of every plan that loads, with its file, in file order, and
    /// (with ``UnloadablePlans/collect``) why the others do not: the files and
    /// errors a whole read of the same files gives (see ``PlanLoader/read(files:relativeTo:today:_:unloadable:_:)``).
    public static func identifiers(of files: [String], relativeTo folder: WorkingFolder, today: Today,
                                   unloadable: UnloadablePlans) throws(PlanError)
        -> (values: [(file: PlanFile, ids: PlanIdentifiers)], failures: [PlanError])
    {
        let wholeReads = wholeReads
        return try PlanLoader.collect(files: files, unloadable: unloadable) { file throws(PlanError) -> (id: String, value: (file: PlanFile, ids: PlanIdentifiers)) in
            let bytes = try PlanLoader.read(file: file, relativeTo: folder)
            var planFile = PlanFile(file, relativeTo: folder)
            let ids: PlanIdentifiers
            if let read = idsOnly(bytes, of: planFile, today: today) {
                ids = read
            } else {
                wholeReads?(file)
                ids = PlanIdentifiers(try PlanLoader.load(bytes: bytes, file: file, today: today).plan)
            }
            planFile.planID = ids.planID
            return (ids.planID, (planFile, ids))
        }
    }

    /// A plan's ids read from its bytes alone, when they are the bytes last
    /// checked whole; `nil` when the plan must be read whole. As for a change
    /// to one action, a check whose history is later than may be recorded now
    /// (a clock set back) does not stand.
    static func idsOnly(_ bytes: [UInt8], of file: PlanFile, today: Today) -> PlanIdentifiers? {
        guard let checked = CheckedFingerprint.latestIfUnchanged(bytes, planPath: file.realPath),
              checked.map({ $0 <= today.latestRecordable }) ?? true else { return nil }
        return PlanLoader.identifiers(bytes: bytes, today: today)
    }
}
