import FoundationEssentials
import Glibc

/// Opening and reading plan files: only regular files of a readable size.
extension PlanLoader {
    /// Checks that a plan file exists and can be read, without reading it.
    ///
    /// - Throws: ``PlanError/fileNotFound(path:)`` or ``PlanError/unreadable(path:reason:)``.
    package static func checkReadable(file: String, relativeTo folder: WorkingFolder) throws(PlanError) {
        close(try open(file: file, relativeTo: folder))
    }

    /// The largest plan file read, in bytes (2 GiB): far above the 650 MiB of
    /// a 100,000-action portfolio with two years of history, and far below
    /// what would exhaust a machine's memory.
    public static let maximumFileSize = 2 << 30

    /// Opens a plan file for reading: only a regular file, never a FIFO, a
    /// device, a socket or a folder (a FIFO would hang a cron job, a device
    /// could be read for ever), and not one larger than ``maximumFileSize``.
    private static func open(file: String, relativeTo folder: WorkingFolder) throws(PlanError) -> Int32 {
        var info = stat()
        let path = folder.resolve(file)
        guard stat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .fileNotFound(path: file) }
            throw .unreadable(path: file, reason: String(cString: strerror(errno)))
        }
        try checkKind(info, file: file)
        // Without blocking, in case the file was swapped for a FIFO meanwhile.
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw .unreadable(path: file, reason: errno == EACCES ? "permission denied" : String(cString: strerror(errno)))
        }
        guard fstat(descriptor, &info) == 0 else {
            close(descriptor)
            throw .unreadable(path: file, reason: String(cString: strerror(errno)))
        }
        do {
            try checkKind(info, file: file)
        } catch {
            close(descriptor)
            throw error
        }
        return descriptor
    }

    /// Refuses what is not a regular file of a readable size.
    private static func checkKind(_ info: stat, file: String) throws(PlanError) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notAFile(path: file, kind: .folder)
        case S_IFIFO: throw .notAFile(path: file, kind: .fifo)
        case S_IFSOCK: throw .notAFile(path: file, kind: .socket)
        case S_IFCHR, S_IFBLK: throw .notAFile(path: file, kind: .device)
        default: throw .notAFile(path: file, kind: .other)
        }
        if Int(info.st_size) > maximumFileSize { throw .tooLarge(path: file, bytes: Int(info.st_size), limit: maximumFileSize) }
    }

    /// The first `limit` bytes of a plan file (fewer when it is shorter), opened as ``read(file:relativeTo:)`` opens it.
    package static func read(file: String, relativeTo folder: WorkingFolder, upTo limit: Int) throws(PlanError) -> [UInt8] {
        let descriptor = try open(file: file, relativeTo: folder)
        defer { close(descriptor) }
        var bytes = [UInt8](unsafeUninitializedCapacity: limit) { _, initialized in initialized = limit }
        var count = 0
        while count < limit {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, limit - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: file, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeLast(limit - count)
        return bytes
    }

    /// The bytes of a file: only a regular file, no larger than ``maximumFileSize``
    /// (the CLI reads spreadsheets and scheme files with it too); a relative
    /// `file` is read from `folder`, and named as typed in any error.
    package static func read(file: String, relativeTo folder: WorkingFolder) throws(PlanError) -> [UInt8] {
        let descriptor = try open(file: file, relativeTo: folder)
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .unreadable(path: file, reason: String(cString: strerror(errno))) }
        // Read straight into the buffer the parser uses, growing it if the file grew meanwhile.
        // One byte more than the file's size, so that reaching the end needs no second buffer.
        var bytes = [UInt8](unsafeUninitializedCapacity: max(Int(info.st_size), 0) + 1) { _, initialized in
            initialized = max(Int(info.st_size), 0) + 1
        }
        var count = 0
        while true {
            if count == bytes.count {
                // The file grew while it was read; it may not grow past the limit.
                if count > maximumFileSize { throw .tooLarge(path: file, bytes: count, limit: maximumFileSize) }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: bytes.count))
            }
            let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: file, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
