/// Why plans could not be loaded.
/// Each case carries the facts (which file, which problems); the command-line
/// front end turns them into sentences.
public enum PlanError: Error, Equatable, Sendable {
    /// The plan file does not exist.
    case fileNotFound(path: String)
    /// The plans folder does not exist.
    case folderNotFound(path: String)
    /// The plans folder holds no plan files.
    case noPlans(folder: String)
    /// The file exists but could not be read (no permission, an I/O error).
    case unreadable(path: String, reason: String)
    /// The path is not a regular file; it is never opened for reading.
    case notAFile(path: String, kind: FileKind)
    /// The file is larger than a plan file may be (``PlanLoader/maximumFileSize``).
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// The plan file has errors; every one is listed.
    case invalidPlan(path: String, problems: [PlanProblem])
    /// Two plan files loaded together have the same plan id (the first file, then the other),
    /// so `PLAN:ID` references could not say which is meant.
    case duplicatePlanID(id: String, files: [String])
    /// A RAG scheme file (`import --scheme FILE`) has errors; every one is listed.
    case invalidScheme(path: String, problems: [PlanProblem])

}

/// What a path that is not a regular file is.
public enum FileKind: Sendable, Equatable {
    case folder, fifo, socket, device, other
}
