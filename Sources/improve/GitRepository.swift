import FoundationEssentials
import Glibc
import PlanKit
import PlanStorage

/// What improve needs to know of the git repository a plan is in: which
/// operation a merge belongs to (to name its sides), and whether the clone is
/// set up to merge plans by meaning. Files are read directly where that is
/// enough, so that commands run outside a merge cost no git process.
enum GitRepository {
    /// The merge or rebase git is running now (for the merge driver and resolve,
    /// run from inside the work tree).
    static func currentSides(environment: [String: String], in folder: WorkingFolder) -> MergeSides {
        let paths = (try? GitSetupCommand.git(["rev-parse", "--git-path", "rebase-merge", "--git-path", "rebase-apply"], in: folder)) ?? nil
        let rebasing = (paths ?? "").split(separator: "\n").contains { FileManager.default.fileExists(atPath: folder.resolve(String($0))) }
        if rebasing { return MergeSides(operation: .rebase) }
        // git names the commit merged in GITHEAD_<sha>=NAME for merge drivers.
        // A pull names no branch, only the fetched commit: shown short.
        guard let name = environment.first(where: { $0.key.hasPrefix("GITHEAD_") })?.value, !name.isEmpty else {
            return MergeSides(operation: .merge)
        }
        let isCommit = name.count == 40 && name.allSatisfy(\.isHexDigit)
        return MergeSides(operation: .merge, branch: isCommit ? "commit \(name.prefix(7))" : name)
    }

    /// The note for a clone whose `.gitattributes` hands plans to the improve
    /// merge driver while its git config does not define it (so `git pull`
    /// fails with "custom merge driver improve lacks command line"); `nil`
    /// when all is well, or when `folder` is not in a git repository.
    static func setupNote(from folder: String, in workingFolder: WorkingFolder) -> String? {
        var current = URL(fileURLWithPath: folder).standardizedFileURL
        var namesDriver = false
        for _ in 0..<64 {
            let attributes = current.appendingPathComponent(".gitattributes").path
            if !namesDriver, let text = textOfFile(attributes) {
                namesDriver = text.split(whereSeparator: \.isNewline).contains { line in
                    !line.hasPrefix("#") && line.split(whereSeparator: \.isWhitespace).dropFirst().contains("merge=improve")
                }
            }
            let dotGit = current.appendingPathComponent(".git").path
            var isFolder = false
            if FileManager.default.fileExists(atPath: dotGit, isDirectory: &isFolder) {
                guard namesDriver else { return nil }
                if let config = configFile(dotGit: dotGit, isFolder: isFolder),
                   let text = textOfFile(config), definesDriver(text) {
                    // Set up before the driver for criss-cross merges' inner merge existed.
                    guard !definesDriver(text, key: "recursive") else { return nil }
                    return "improve: note: this clone's merge driver for plans predates the one for criss-cross merges "
                        + "(merge.improve.recursive); run `improve git-setup` again in this clone"
                }
                // The driver may be set in a global or included config: git knows.
                let driver = (try? GitSetupCommand.git(["-C", current.path, "config", "--get", "merge.improve.driver"], in: workingFolder)) ?? nil
                if let driver, !driver.trimmingWhitespace().isEmpty { return nil }
                return "improve: note: \(current.path)/.gitattributes has plans merged by improve, but this clone's git config "
                    + "does not say how to run it (git pull would fail with \"custom merge driver improve lacks command line\"); "
                    + "run `improve git-setup` once in this clone"
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
        return nil
    }

    /// A file git reads as bytes, as text: a byte that is not UTF-8 (a Latin-1 name in a
    /// comment or in `user.name`) is replaced, not a reason to pass over the whole file,
    /// so that the note is still given; `nil` when the file cannot be read.
    static func textOfFile(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The config file of the repository whose `.git` is at `dotGit`: in the
    /// folder, or, for a linked work tree (`.git` a file), in the common folder.
    private static func configFile(dotGit: String, isFolder: Bool) -> String? {
        if isFolder { return dotGit + "/config" }
        guard let text = textOfFile(dotGit),
              let line = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("gitdir:") }) else { return nil }
        var gitdir = line.dropFirst("gitdir:".count).trimming(.whitespaces)
        if !gitdir.hasPrefix("/") { gitdir = URL(fileURLWithPath: dotGit).deletingLastPathComponent().appendingPathComponent(gitdir).path }
        if let common = textOfFile(gitdir + "/commondir") {
            let trimmed = common.trimmingWhitespace()
            let folder = trimmed.hasPrefix("/") ? trimmed : URL(fileURLWithPath: gitdir).appendingPathComponent(trimmed).path
            return folder + "/config"
        }
        return gitdir + "/config"
    }

    /// Whether a config file has `driver = …` (or another key) in its `[merge "improve"]` section.
    static func definesDriver(_ config: String, key: String = "driver") -> Bool {
        var inSection = false
        for raw in config.split(whereSeparator: \.isNewline) {
            let line = raw.trimming(.whitespaces)
            if line.hasPrefix("[") {
                inSection = line.replacingEvery(" ", with: "").lowercased() == "[merge\"improve\"]"
            } else if inSection, line.lowercased().hasPrefix(key), line.contains("=") {
                return true
            }
        }
        return false
    }

    /// This program's own file, with links resolved: what git should run,
    /// whatever PATH a git GUI or hook has.
    static func runningBinary() -> String? {
        guard let resolved = realpath("/proc/self/exe", nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

extension MergeSides {
    /// Git's "ours" in the words of the operation: in a rebase it is the upstream.
    var ours: String { operation == .rebase ? "ours (upstream)" : "ours (this branch)" }

    /// Git's "theirs": in a rebase it is the person's own change being replayed.
    var theirs: String {
        if operation == .rebase { return "theirs (your change)" }
        return branch.map { "theirs (\($0))" } ?? "theirs (the branch merged in)"
    }

    /// One side's name by git's word for it.
    func name(_ side: String) -> String { side == "ours" ? ours : side == "theirs" ? theirs : side }

    /// Which side is whose: "ours is the upstream, theirs is your change".
    var legend: String {
        if operation == .rebase { return "in this rebase ours is the upstream, theirs is your change" }
        return "ours is this branch, theirs is " + (branch ?? "the branch merged in")
    }

    /// How the operation is finished once the plan is added.
    var finish: String { operation == .rebase ? "git rebase --continue" : "git commit" }
}

extension GitRepository {

    /// What a merge left in a plan that holds conflict markers or was merged
    /// by lines, and how to finish it, in one sentence; `nil` for neither.
    static func mergeNote(file: String, in folder: WorkingFolder) -> String? {
        if let record = ConflictFile.record(for: folder.resolve(file)), let note = lineMergeNote(file: file, record: record) { return note }
        guard let data = FileManager.default.contents(atPath: folder.resolve(file)),
              let line = ConflictMarkers.firstMarkerLine(in: Array(data)) else { return nil }
        return "\(file) holds git conflict markers from a merge (line \(line)); fix the JSON, then run improve resolve --remerge "
            + "(it merges the sides by meaning), then git add \(file)"
    }

    /// What a merge by lines left, and how to finish it, in one sentence.
    static func lineMergeNote(file: String, record: MergeRecord) -> String? {
        guard let lineMerge = record.lineMerge else { return nil }
        let sides = record.sides ?? MergeSides(operation: .merge)
        let broken = lineMerge.broken.map { side in
            sides.name(side.side) + (side.line.map { " (its line \($0): \(side.problem))" } ?? " (\(side.problem))")
        }
        return "\(file) was merged by lines because \(broken.joined(separator: " and ")) "
            + "\(broken.count == 1 ? "was" : "were") not a readable plan; fix the JSON, then run improve resolve --remerge, "
            + "then git add \(file) and \(sides.finish)"
    }
}
