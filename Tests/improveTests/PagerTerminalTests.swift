import Foundation
import Testing

/// The pager in a real interactive shell (tmux, `bash -i`, job control on):
/// long output shows at once, `q` or Ctrl-C gives the prompt back, and
/// nothing is left running. Skipped, saying so, where tmux is missing.
@Suite("The pager in a real terminal", .serialized, .enabled(if: TerminalSession.available, "tmux is not installed"))
struct PagerTerminalTests {
    /// A shell in a sandbox holding both example plans.
    private func session(columns: Int = 80, environment: [String: String] = [:]) throws -> (TerminalSession, Sandbox) {
        let sandbox = try Sandbox()
        try sandbox.copyExample("blackpool-2019.json")
        try sandbox.copyExample("portsmouth-2014.json")
        return (try TerminalSession(columns: columns, folder: sandbox.folder, environment: environment), sandbox)
    }

    /// Runs `command` (which ends by echoing `rc=$?`), checks the pager shows
    /// `expected` within 2 s, presses `keys`, and checks the prompt and the
    /// exit status come back within 2 s with no pager or improve left behind.
    private func page(_ command: String, expecting expected: String, thenPress keys: String, columns: Int = 80,
                      environment: [String: String] = [:], pager: String = "less", status: Int = 0) throws {
        let (terminal, _) = try session(columns: columns, environment: environment)
        defer { terminal.close() }
        try terminal.type("clear; \(command); echo rc=$?")
        // The screen holds the typed command at once, so the output is looked for outside the prompt's line.
        let shown = terminal.waitFor(seconds: 2) { $0.split(separator: "\n").contains { !$0.hasPrefix("PROMPT$") && $0.contains(expected) } }
        #expect(shown != nil, "\(command) at \(columns) columns: nothing shown within 2 s:\n\(terminal.screen())")
        // The pager may start a moment after its first screen is drawn on a loaded machine: looked for for up to 2 s.
        var running = terminal.children()
        let deadline = Date().addingTimeInterval(2)
        while !running.contains(where: { $0.hasPrefix(pager) }), Date() < deadline {
            usleep(50_000)
            running = terminal.children()
        }
        #expect(running.contains { $0.hasPrefix(pager) }, "\(command): no \(pager) running: \(running)")
        // The pager must be in the foreground: a stopped one (state T) is a hung terminal.
        #expect(!running.contains { $0.hasPrefix(pager) && $0.contains("T") }, "\(command): the pager is stopped: \(running)")
        try terminal.press(keys)
        let back = terminal.waitFor(seconds: 2) { $0.contains("rc=\(status)\nPROMPT$") }
        #expect(back != nil, "\(command): after \(keys) the prompt did not return within 2 s:\n\(terminal.screen())")
        let left = terminal.children().filter { $0.hasPrefix("less") || $0.hasPrefix("more") || $0.hasPrefix("improve") }
        #expect(left.isEmpty, "\(command): still running after \(keys): \(left)")
        #expect(!terminal.screen().contains("Broken pipe"), "\(command): \(terminal.screen())")
    }

    @Test("show, list and overdue page at 80×24 and q gives the prompt back", arguments: [
        ("improve show lm8 --plan plans/blackpool-2019.json", "Carry out full skills audit", 0),
        ("improve list --plan plans/portsmouth-2014.json", "ID", 0),
        ("improve overdue --as-of 2019-04-10", "overdue", 1),
    ])
    func quitWithQ(command: String, expected: String, status: Int) throws {
        try page(command, expecting: expected, thenPress: "q", status: status)
    }

    @Test("Ctrl-C in the pager gives the prompt back and leaves the terminal sane")
    func quitWithControlC() throws {
        try page("improve list --plan plans/portsmouth-2014.json", expecting: "ID", thenPress: "C-c")
        // Sane: a further command runs and echoes normally.
        let (terminal, _) = try session()
        defer { terminal.close() }
        try terminal.type("improve list --plan plans/portsmouth-2014.json; echo rc=$?")
        _ = terminal.waitFor(seconds: 2) { $0.contains("ID") }
        try terminal.press("C-c")
        _ = terminal.waitFor(seconds: 2) { $0.contains("rc=") }
        try terminal.type("echo typed-and-seen")
        #expect(terminal.waitFor(seconds: 2) { $0.contains("typed-and-seen\nPROMPT$") } != nil, "\(terminal.screen())")
    }

    @Test("Ctrl-\\ leaves no pager behind and the terminal sane")
    func quitWithControlBackslash() throws {
        let (terminal, _) = try session()
        defer { terminal.close() }
        try terminal.type("improve list --plan plans/portsmouth-2014.json; echo rc=$?")
        #expect(terminal.waitFor(seconds: 2) { $0.contains("ID") } != nil)
        try terminal.press("C-\\")
        _ = terminal.waitFor(seconds: 2) { $0.contains("rc=") }
        // Whatever happened to the pager, it is gone or still in charge: never left behind the prompt.
        if terminal.screen().contains("rc=") {
            let left = terminal.children().filter { $0.hasPrefix("less") || $0.hasPrefix("sh") }
            #expect(left.isEmpty, "still running: \(left)")
        } else {
            try terminal.press("q")
        }
        try terminal.type("echo typed-and-seen")
        #expect(terminal.waitFor(seconds: 2) { $0.contains("typed-and-seen\nPROMPT$") } != nil, "\(terminal.screen())")
    }

    @Test("In the C locale the pager still shows … as itself, not as bytes")
    func cLocale() throws {
        let (terminal, _) = try session(environment: ["LANG": "C"])
        defer { terminal.close() }
        try terminal.type("improve list --plan plans/portsmouth-2014.json; echo rc=$?")
        let shown = terminal.waitFor(seconds: 2) { $0.contains("ID") }
        #expect(shown?.contains("…") == true, "\(terminal.screen())")
        #expect(shown?.contains("<E2>") == false)
        try terminal.press("q")
        #expect(terminal.waitFor(seconds: 2) { $0.contains("rc=0\nPROMPT$") } != nil)
    }

    @Test("A pager with its own options (PAGER='less -S') is run as given")
    func pagerWithOptions() throws {
        try page("improve list --plan plans/portsmouth-2014.json", expecting: "ID", thenPress: "q",
                 environment: ["PAGER": "less -S"])
    }

    @Test("At 60 and 120 columns too", arguments: [60, 120])
    func otherWidths(columns: Int) throws {
        try page("improve show lm8 --plan plans/blackpool-2019.json", expecting: "Carry out full skills", thenPress: "q",
                 columns: columns)
    }

    @Test("PAGER=more pages, and q gives the prompt back")
    func more() throws {
        try page("improve list --plan plans/portsmouth-2014.json", expecting: "--More--", thenPress: "q",
                 environment: ["PAGER": "more"], pager: "more")
    }

    @Test("A pager that is not installed: the text is written plainly and the prompt comes back")
    func missingPager() throws {
        let (terminal, _) = try session(environment: ["PAGER": "/nonexistent/pager"])
        defer { terminal.close() }
        try terminal.type("clear; improve list --plan plans/portsmouth-2014.json; echo rc=$?")
        let back = terminal.waitFor(seconds: 2) { $0.contains("rc=0\nPROMPT$") }
        #expect(back != nil, "\(terminal.screen())")
        #expect(terminal.children().isEmpty, "\(terminal.children())")
    }

    @Test("Output shorter than the screen is not paged")
    func shortOutput() throws {
        let (terminal, _) = try session()
        defer { terminal.close() }
        try terminal.type("clear; improve list --plan plans/blackpool-2019.json --status none --theme 5; echo rc=$?")
        let back = terminal.waitFor(seconds: 2) { $0.contains("rc=0\nPROMPT$") }
        #expect(back != nil, "\(terminal.screen())")
        #expect(back?.contains("5.1") == true)
    }
}
