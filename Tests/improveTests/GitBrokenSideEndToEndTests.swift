import Foundation
import PlanKit
import Testing

/// What git does with plans when a side is not a readable plan, in a
/// criss-cross history, in a rebase, and in a clone nobody set up: real
/// clones of a bare origin, the built binary as git's merge driver.
@Suite("Plans in git: broken sides, criss-cross merges, rebase words, set-up",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/git")))
struct GitBrokenSideEndToEndTests {
    typealias Partners = GitMergeEndToEndTests.Partners

    enum Pull: String, CaseIterable, CustomTestStringConvertible {
        case rebase, merge
        var testDescription: String { rawValue }
        var arguments: [String] { self == .rebase ? ["pull", "--rebase", "-q", "origin", "main"] : ["pull", "--no-rebase", "-q", "origin", "main"] }
        /// How git is told to go on once the plan is added.
        var finish: [String] { self == .rebase ? ["-c", "core.editor=true", "rebase", "--continue"] : ["commit", "-q", "--no-edit"] }
    }

    /// Whose commit holds the broken plan: the partner who pushed first (a), or the one pulling (b).
    enum Breaker: String, CaseIterable, CustomTestStringConvertible {
        case pushed, pulling
        var testDescription: String { rawValue == "pushed" ? "the partner's side is broken" : "my side is broken" }
    }

    /// Replaces text in a clone's plan, as a person editing it by hand.
    func edit(_ partners: Partners, in clone: String, _ old: String, _ new: String) throws {
        let url = partners.sandbox.folder.appendingPathComponent("\(clone)/\(partners.plan)")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(old) is in \(clone)'s plan")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: false, encoding: .utf8)
    }

    /// A and B each comment on LM 16; one of them breaks the plan by hand (a
    /// trailing comma after their comment) and commits it; B pulls.
    func pullWithABrokenSide(_ pull: Pull, broken breaker: Breaker) throws -> (Partners, CommandResult) {
        let partners = try Partners()
        #expect(try partners.improve(["update", "lm16", "--comment", "alice note", "--date", "2019-04-01", "--by", "A"], in: "a").status == 0)
        if breaker == .pushed { try edit(partners, in: "a", "\"alice note\"", "\"alice note\",") }
        try partners.git(["commit", "-qam", "A's note"], in: "a")
        try partners.git(["push", "-q", "origin", "HEAD:main"], in: "a")
        #expect(try partners.improve(["update", "lm16", "--comment", "bob note 2", "--date", "2019-04-02", "--by", "B"], in: "b").status == 0)
        if breaker == .pulling { try edit(partners, in: "b", "\"bob note 2\"", "\"bob note 2\",") }
        try partners.git(["commit", "-qam", "B's note"], in: "b")
        return (partners, try partners.git(pull.arguments, in: "b"))
    }

    @Test(arguments: Pull.allCases, Breaker.allCases)
    func aBrokenSideKeepsBothSidesUntilTheyAreRemergedByMeaning(pull: Pull, breaker: Breaker) throws {
        let (partners, result) = try pullWithABrokenSide(pull, broken: breaker)
        #expect(result.status != 0, "git marks the plan unmerged")
        #expect(try partners.git(["status", "--porcelain", partners.plan], in: "b").stdout.hasPrefix("UU "))
        // The side named in the words of the operation: in a rebase git's theirs is my own change.
        let brokenSide = switch (pull, breaker) {
        case (.rebase, .pushed): "ours (upstream)"
        case (.rebase, .pulling): "theirs (your change)"
        case (.merge, .pushed): "theirs ("
        case (.merge, .pulling): "ours (this branch)"
        }
        #expect(result.stderr.contains("\(brokenSide)") && result.stderr.contains("is not a readable plan"), "\(result.stderr)")
        #expect(result.stderr.contains("improve resolve --remerge"))
        let text = try partners.planText(in: "b")
        for note in ["alice note", "bob note 2"] { #expect(text.contains(note), "the line merge keeps \(note)") }
        #expect(text.contains("\n<<<<<<< ") && text.contains("\n||||||| base\n"), "diff3 markers, with the base")
        // Every command that reads the plan explains the markers and the way out.
        let list = try partners.improve(["resolve", "--list"], in: "b")
        #expect(list.status == 0)
        #expect(list.stdout.contains("merged by lines") && list.stdout.contains(brokenSide) && list.stdout.contains("trailing comma"), "\(list.stdout)")
        let validate = try partners.improve(["validate"], in: "b")
        #expect(validate.status == 1)
        #expect(validate.stdout.contains("a git conflict marker from a merge (unexpected '<'"), "\(validate.stdout)")
        // Explained without the record too (a plan merged by git's own line merge, or the record removed).
        let recordFile = partners.sandbox.folder.appendingPathComponent("b/plans/.blackpool-2019.json.conflicts")
        let record = try Data(contentsOf: recordFile)
        try FileManager.default.removeItem(at: recordFile)
        let bare = try partners.improve(["list"], in: "b")
        #expect(bare.status == 65)
        #expect(bare.stderr.contains("holds git conflict markers from a merge (line ") && bare.stderr.contains("improve resolve --remerge"), "\(bare.stderr)")
        try record.write(to: recordFile)
        #expect(validate.stdout.contains("improve resolve --remerge"))
        let show = try partners.improve(["show", "lm16"], in: "b")
        #expect(show.status == 65)
        #expect(show.stderr.contains("git conflict marker") && show.stderr.contains("was merged by lines because"), "\(show.stderr)")
        // Remerging before the fix changes nothing and says which side, on which line of the file.
        let early = try partners.improve(["resolve", "--remerge"], in: "b")
        #expect(early.status == 65)
        #expect(early.stderr.contains("\(brokenSide)") && early.stderr.contains("still does not read as a plan (line "), "\(early.stderr)")
        #expect(try partners.planText(in: "b") == text)
        let take = try partners.improve(["resolve", "lm16", "--take", "theirs"], in: "b")
        #expect(take.status == 64 && take.stderr.contains("run improve resolve --remerge first"), "\(take.stderr)")
        // The documented way out: fix the JSON, remerge, add, go on.
        try edit(partners, in: "b", breaker == .pushed ? "\"alice note\"," : "\"bob note 2\",",
                 breaker == .pushed ? "\"alice note\"" : "\"bob note 2\"")
        let remerge = try partners.improve(["resolve", "--remerge"], in: "b")
        #expect(remerge.status == 0, "\(remerge.stderr)")
        #expect(remerge.stdout.contains("merged by meaning against the base in the markers") && remerge.stdout.contains("git add \(partners.plan)"),
                "\(remerge.stdout)")
        try partners.git(["add", partners.plan], in: "b")
        let finish = try partners.git(pull.finish, in: "b")
        #expect(finish.status == 0, "\(finish.stderr)")
        let merged = try partners.planText(in: "b")
        #expect(!merged.contains("<<<<<<<"))
        let notes = try partners.improve(["show", "lm16"], in: "b").stdout
        for note in ["alice note", "bob note 2"] { #expect(notes.contains(note), "both partners' notes are kept: \(note)") }
        #expect(try partners.improve(["validate"], in: "b").status == 0)
        #expect(try partners.improve(["resolve", "--list"], in: "b").stdout == "no merge conflicts recorded\n")
        #expect(try partners.git(["status", "--porcelain"], in: "b").stdout == "", "nothing left over in the clone")
    }

    @Test func aSideThatAlreadyHoldsConflictMarkersIsMergedWithLongerOnes() throws {
        let partners = try Partners()
        #expect(try partners.improve(["update", "lm16", "--comment", "alice note", "--date", "2019-04-01", "--by", "A"], in: "a").status == 0)
        // A commits a plan left with markers of an unfinished merge around her entry.
        try edit(partners, in: "a", "          \"comment\": \"alice note\"\n        }",
                 "          \"comment\": \"alice note\"\n        }\n<<<<<<< HEAD\n=======\n>>>>>>> other")
        try partners.git(["commit", "-qam", "A's note, markers and all"], in: "a")
        try partners.git(["push", "-q", "origin", "HEAD:main"], in: "a")
        #expect(try partners.improve(["update", "lm16", "--comment", "bob note 2", "--date", "2019-04-02", "--by", "B"], in: "b").status == 0)
        try partners.git(["commit", "-qam", "B's note"], in: "b")
        let pull = try partners.git(Pull.rebase.arguments, in: "b")
        #expect(pull.status != 0)
        #expect(pull.stderr.contains("<<<<<<<< ours (upstream)"), "markers one longer than A's: \(pull.stderr)")
        let text = try partners.planText(in: "b")
        #expect(text.contains("\n<<<<<<<< ours (upstream)\n") && text.contains("\n<<<<<<< HEAD\n"))
        let early = try partners.improve(["resolve", "--remerge"], in: "b")
        #expect(early.status == 65)
        #expect(early.stderr.contains("ours (upstream) still does not read as a plan"), "\(early.stderr)")
        // Removing A's markers (only hers, of seven) is the fix.
        try edit(partners, in: "b", "\n<<<<<<< HEAD\n=======\n>>>>>>> other", "")
        let remerge = try partners.improve(["resolve", "--remerge"], in: "b")
        #expect(remerge.status == 0, "\(remerge.stderr)")
        try partners.git(["add", partners.plan], in: "b")
        #expect(try partners.git(Pull.rebase.finish, in: "b").status == 0)
        let notes = try partners.improve(["show", "lm16"], in: "b").stdout
        for note in ["alice note", "bob note 2"] { #expect(notes.contains(note), "\(note)") }
        #expect(try partners.improve(["validate"], in: "b").status == 0)
    }

    @Test func meaningConflictsInARebaseNameTheUpstreamAndYourChange() throws {
        let partners = try Partners()
        #expect(try partners.improve(["update", "LM 14", "--due", "2019-09", "--reason", "A", "--date", "2019-04-01", "--by", "A"], in: "a").status == 0)
        try partners.git(["commit", "-qam", "A"], in: "a")
        try partners.git(["push", "-q", "origin", "HEAD:main"], in: "a")
        #expect(try partners.improve(["update", "LM 14", "--due", "2019-10", "--reason", "B", "--date", "2019-04-02", "--by", "B"], in: "b").status == 0)
        try partners.git(["commit", "-qam", "B"], in: "b")
        let pull = try partners.git(Pull.rebase.arguments, in: "b")
        #expect(pull.status != 0)
        #expect(pull.stderr.contains("the plan keeps ours (upstream)"), "\(pull.stderr)")
        #expect(pull.stderr.contains("ours \"2019-09\", theirs \"2019-10\""), "upstream is A's: \(pull.stderr)")
        #expect(pull.stderr.contains("in this rebase ours is the upstream, theirs is your change") && pull.stderr.contains("git rebase --continue"))
        let list = try partners.improve(["resolve", "--list"], in: "b").stdout
        #expect(list.contains("(the plan keeps ours; in this rebase ours is the upstream, theirs is your change)"), "\(list)")
        let help = try partners.improve(["resolve", "--help"], in: "b").stdout
        #expect(help.contains("In a rebase (git pull --rebase) git's ours is the upstream"))
        // The settlement's history entry names the side in the rebase's words, not a bare "theirs".
        let settle = try partners.improve(["resolve", "LM 14", "--take", "theirs", "--by", "B", "--date", "2019-04-03"], in: "b")
        #expect(settle.status == 0, "\(settle.stderr)")
        let shown = try partners.improve(["show", "LM 14", "--no-pager"], in: "b").stdout
        #expect(shown.contains("merge conflict settled: theirs (your"), "\(shown)")  // wrapped at the line end
        try partners.git(["rebase", "--abort"], in: "b")
        // In a merge, ours is this branch.
        let merge = try partners.git(Pull.merge.arguments, in: "b")
        #expect(merge.status != 0)
        #expect(merge.stderr.contains("the plan keeps ours (this branch)") && merge.stderr.contains("then git add \(partners.plan) and git commit"), "\(merge.stderr)")
        // A pull names only the fetched commit.
        let fetched = try partners.git(["rev-parse", "--short=7", "FETCH_HEAD"], in: "b").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(merge.stderr.contains("theirs is commit \(fetched)"), "\(merge.stderr)")
    }

    @Test func aCrissCrossMergeLeavesNoRecordAndNoFalseMessage() throws {
        let partners = try Partners()
        func improve(_ arguments: [String]) throws {
            let result = try partners.improve(arguments, in: "a")
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        func git(_ arguments: [String]) throws -> CommandResult { try partners.git(arguments, in: "a") }
        // Two branches set LM 14's deadline differently, then each merges the other's first commit.
        _ = try git(["checkout", "-q", "-B", "main"])
        _ = try git(["checkout", "-q", "-b", "side"])
        try improve(["update", "LM 14", "--due", "2019-10", "--reason", "side", "--date", "2019-04-01", "--by", "A"])
        _ = try git(["commit", "-qam", "side 1"])
        _ = try git(["checkout", "-q", "main"])
        try improve(["update", "LM 14", "--due", "2019-09", "--reason", "main", "--date", "2019-04-02", "--by", "A"])
        _ = try git(["commit", "-qam", "main 1"])
        #expect(try git(["merge", "-q", "side", "-m", "main takes side 1"]).status != 0)
        try improve(["resolve", "lm14", "--take", "theirs"])
        _ = try git(["add", partners.plan])
        #expect(try git(["commit", "-q", "--no-edit"]).status == 0)
        _ = try git(["checkout", "-q", "side"])
        #expect(try git(["merge", "-q", "main~1", "-m", "side takes main 1"]).status != 0)
        try improve(["resolve", "lm14", "--take", "ours"])
        _ = try git(["add", partners.plan])
        #expect(try git(["commit", "-q", "--no-edit"]).status == 0)
        // Each goes on, and main merges side: two merge bases, which conflict with each other.
        try improve(["update", "lm9", "--comment", "side's note", "--date", "2019-04-05", "--by", "A"])
        _ = try git(["commit", "-qam", "side 2"])
        _ = try git(["checkout", "-q", "main"])
        try improve(["update", "lm10", "--comment", "main's note", "--date", "2019-04-05", "--by", "A"])
        _ = try git(["commit", "-qam", "main 2"])
        #expect(try git(["merge-base", "--all", "main", "side"]).stdout.split(separator: "\n").count == 2, "a criss-cross history")
        let merge = try git(["merge", "side", "-m", "criss-cross"])
        #expect(merge.status == 0, "\(merge.stdout)\(merge.stderr)")
        #expect(!merge.stderr.contains("merge conflict") && !merge.stdout.contains("merge conflict"), "\(merge.stderr)")
        let record = partners.sandbox.folder.appendingPathComponent("a/plans/.blackpool-2019.json.conflicts")
        #expect(!FileManager.default.fileExists(atPath: record.path), "no conflicts file is left")
        let list = try partners.improve(["resolve", "--list"], in: "a")
        #expect(list.status == 0)
        #expect(list.stdout == "no merge conflicts recorded\n")
        #expect(try partners.improve(["show", "lm9"], in: "a").stdout.contains("side's note"))
        #expect(try partners.improve(["show", "lm10"], in: "a").stdout.contains("main's note"))
        #expect(try partners.improve(["show", "lm14"], in: "a").stdout.contains("Deadline:         Oct 2019"))
        #expect(try git(["status", "--porcelain"]).stdout == "")
    }

    @Test func gitSetupStoresTheFullPathOfTheProgramFoundOnThePath() throws {
        let partners = try Partners()
        let bin = partners.sandbox.folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("improve"), withDestinationURL: improveBinary)
        let setup = try partners.sandbox.runBinary(["-c", "cd b && improve git-setup"], executable: "/bin/sh",
                                                   environment: ["PATH": "\(bin.path):/usr/bin:/bin"])
        #expect(setup.status == 0, "\(setup.stderr)")
        let real = improveBinary.resolvingSymlinksInPath().path
        #expect(try partners.git(["config", "merge.improve.driver"], in: "b").stdout
            == "\(real) merge-file %O %A %B --path %P --marker-size %L\n")
        #expect(try partners.git(["config", "merge.improve.recursive"], in: "b").stdout == "improve-base\n")
        #expect(try partners.git(["config", "merge.improve-base.driver"], in: "b").stdout
            == "\(real) merge-file %O %A %B --path %P --marker-size %L --virtual-base\n")
    }

    @Test func aCloneWithoutGitSetupIsToldToRunIt() throws {
        let partners = try Partners()
        try partners.git(["clone", "-q", "-b", "main", "origin.git", "c"], in: ".")
        let list = try partners.improve(["list"], in: "c")
        #expect(list.status == 0, "the note does not change the exit code")
        #expect(!list.stdout.isEmpty)
        #expect(list.stderr.components(separatedBy: "run `improve git-setup`").count == 2, "said once: \(list.stderr)")
        #expect(list.stderr.contains("custom merge driver improve lacks command line"))
        // From a folder below, and with a failing command's exit code kept.
        let below = try partners.sandbox.runBinary(["-c", "cd c/plans && \"$0\" show nosuch --plan blackpool-2019.json", improveBinary.path],
                                                   executable: "/bin/sh")
        #expect(below.status == 64)
        #expect(below.stderr.contains("run `improve git-setup`"))
        #expect(try partners.improve(["git-setup"], in: "c").status == 0)
        #expect(try partners.improve(["list"], in: "c").stderr == "")
        // A clone set up before the criss-cross driver is told to run it again.
        try partners.git(["config", "--unset", "merge.improve.recursive"], in: "c")
        #expect(try partners.improve(["list"], in: "c").stderr.contains("run `improve git-setup` again"))
        #expect(try partners.improve(["git-setup"], in: "c").status == 0)
        // A set-up clone, a linked work tree of it (its config is the clone's), and a folder outside git are told nothing.
        #expect(try partners.improve(["list"], in: "b").stderr == "")
        try partners.git(["worktree", "add", "-q", "../b-tree"], in: "b")
        #expect(try partners.improve(["list"], in: "b-tree").stderr == "")
        let outside = try Sandbox()
        _ = try outside.copyExample("blackpool-2019.json")
        #expect(try outside.runBinary(["list"]).stderr == "")
    }

    /// Without the driver git merges the plan by lines itself (markers without the base, no record):
    /// --remerge still merges the sides by meaning, the base taken from git's stage 1.
    @Test func gitsOwnLineMergeInACloneNotSetUpIsRemergedWithTheStagedBase() throws {
        let partners = try Partners()
        try partners.git(["clone", "-q", "-b", "main", "origin.git", "c"], in: ".")
        #expect(try partners.improve(["update", "lm16", "--comment", "alice note", "--date", "2019-04-01", "--by", "A"], in: "a").status == 0)
        try partners.git(["commit", "-qam", "A's note"], in: "a")
        try partners.git(["push", "-q", "origin", "HEAD:main"], in: "a")
        let update = try partners.improve(["update", "lm16", "--comment", "carol note", "--date", "2019-04-02", "--by", "C"], in: "c")
        #expect(update.stderr.contains("run `improve git-setup`"))
        try partners.git(["commit", "-qam", "C's note"], in: "c")
        let pull = try partners.git(Pull.merge.arguments, in: "c")
        #expect(pull.status != 0)
        let text = try partners.planText(in: "c")
        #expect(text.contains("\n<<<<<<< ") && !text.contains("\n||||||| "), "git's own markers, without the base")
        #expect(try partners.improve(["validate"], in: "c").stdout.contains("holds git conflict markers from a merge (line "))
        let list = try partners.improve(["resolve", "--list"], in: "c").stdout
        #expect(list.hasPrefix("\(partners.plan) holds git conflict markers from a merge (line ") && list.contains("improve resolve --remerge"), "\(list)")
        let remerge = try partners.improve(["resolve", "--remerge"], in: "c")
        #expect(remerge.status == 0, "\(remerge.stderr)")
        #expect(remerge.stdout.contains("merged by meaning against the base git staged"), "\(remerge.stdout)")
        try partners.git(["add", partners.plan], in: "c")
        #expect(try partners.git(Pull.merge.finish, in: "c").status == 0)
        let notes = try partners.improve(["show", "lm16"], in: "c").stdout
        for note in ["alice note", "carol note"] { #expect(notes.contains(note), "\(note)") }
        #expect(try partners.improve(["validate", "--strict"], in: "c").status == 0)
    }

    @Test func theGitignoreCoversEveryFileImproveLeavesBesideAPlan() throws {
        let partners = try Partners()
        let plans = partners.sandbox.folder.appendingPathComponent("b/plans")
        // Sidecars, the temporary files of atomic writes (a plan's and a sidecar's), Foundation's leftovers.
        for name in [".blackpool-2019.json.lock", ".blackpool-2019.json.undo", ".blackpool-2019.json.valid",
                     ".blackpool-2019.json.conflicts", ".blackpool-2019.json.tmp-a1B2c3", "..blackpool-2019.json.valid.tmp-Xy12ab",
                     "..blackpool-2019.json.conflicts.tmp-Qw34er", ".dat.nosyncabc1", ".dat.nosync12ab.tmp"] {
            try Data().write(to: plans.appendingPathComponent(name))
        }
        // And whatever real commands leave.
        #expect(try partners.improve(["update", "lm9", "--comment", "note", "--date", "2019-04-01", "--by", "B"], in: "b").status == 0)
        #expect(try partners.improve(["validate"], in: "b").status == 0)
        #expect(try partners.git(["status", "--porcelain", "--untracked-files=all"], in: "b").stdout == " M \(partners.plan)\n")
    }
}
