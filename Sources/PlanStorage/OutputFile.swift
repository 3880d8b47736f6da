/// A file a command makes for people to open (a Word or Excel board pack, a
/// plan exported as a workbook): written whole or not at all, like a plan.
public enum OutputFile {
    /// Replaces (or creates) `path` atomically: a reader never sees half a
    /// file, and a failure leaves the old file, or none, and no temporary file.
    ///
    /// - Parameter shownAs: the name errors give the file, as the user typed it.
    /// - Throws: ``PlanWriteError`` (`readOnly`, `noFolder`, `writeFailed`, `stickyFolder`).
    public static func replace(_ path: String, with bytes: [UInt8], shownAs: String) throws(PlanWriteError) {
        try AtomicFile.replace(path, with: bytes, shownAs: shownAs)
    }
}
