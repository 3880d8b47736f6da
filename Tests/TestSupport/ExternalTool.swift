import Foundation

/// Programs outside the project that tests check its files with: Python
/// (with openpyxl, python-docx), LibreOffice headless, pdfinfo. None is
/// required: a test asks `isAvailable` first and, when the tool is absent,
/// prints why it skips the check and passes (CI installs them in `.ci/run`).
public enum ExternalTool {
    /// What a program printed and how it ended.
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
        public var succeeded: Bool { status == 0 }
    }

    /// Runs `executable` (looked up on PATH when not a path) with `arguments`; nil when it cannot be started.
    public static func run(_ executable: String, _ arguments: [String], in folder: URL? = nil,
                           environment: [String: String] = [:], timeout: TimeInterval = 120) -> Outcome? {
        guard let path = executable.contains("/") ? executable : find(executable) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString).out")
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        // Files, not pipes: a chatty program cannot block on a full pipe while we wait for it.
        guard let outputHandle = try? FileHandle(forWritingTo: outputFile), let errorHandle = try? FileHandle(forWritingTo: errorFile) else {
            return nil
        }
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { process.terminate(); break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.waitUntilExit()
        try? outputHandle.close()
        try? errorHandle.close()
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, output: output, errors: errors)
    }

    /// The full path of a program on PATH, or nil.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a Python 3 snippet; `files` are its `sys.argv[1:]`. Nil when there is no python3.
    public static func python(_ script: String, files: [String] = []) -> Outcome? {
        run("python3", ["-c", script] + files)
    }

    nonisolated(unsafe) private static var modules: [String: Bool] = [:]
    private static let lock = NSLock()

    /// Whether python3 is here and can import `module` (openpyxl, docx).
    public static func isAvailable(module: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if let known = modules[module] { return known }
        let available = python("import \(module)")?.succeeded ?? false
        modules[module] = available
        return available
    }

    /// LibreOffice's program, when installed (`soffice` or `libreoffice`).
    public static var office: String? { find("soffice") ?? find("libreoffice") }

    /// Converts `file` with LibreOffice headless to `format` (pdf, csv) in `folder`; the converted file's path, or nil.
    /// Each call has its own user profile, so tests running at once do not fight over one.
    public static func convert(_ file: URL, to format: String, in folder: URL) -> URL? {
        guard let office else { return nil }
        let profile = folder.appendingPathComponent("lo-profile-\(UUID().uuidString)")
        let outcome = run(office, ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", format,
                                   "--outdir", folder.path, file.path], timeout: 180)
        try? FileManager.default.removeItem(at: profile)
        let converted = folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "." + (format.split(separator: ":").first.map(String.init) ?? format))
        guard outcome?.succeeded == true, FileManager.default.fileExists(atPath: converted.path) else { return nil }
        return converted
    }

    /// Says on stdout that a check is skipped, and why (a test passes without it).
    public static func skip(_ test: String, _ why: String) {
        print("\(test): SKIPPED \(why) (CI installs it in .ci/run)")
    }
}
