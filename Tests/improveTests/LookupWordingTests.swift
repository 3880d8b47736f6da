import Testing
@testable import improve
import PlanKit

/// The library's lookup and query errors carry facts; the command line words them.
@Suite("Lookup and query errors as the command line words them")
struct LookupWordingTests {
    @Test(arguments: [
        (LookupError.notFound(id: "LM 71", planIDs: ["blackpool-2019"], suggestions: ["LM 7", "LM 17"]),
         "improve: no action \"LM 71\" in blackpool-2019; did you mean LM 7 or LM 17?"),
        (LookupError.notFound(id: "zz", planIDs: ["a", "b"], suggestions: []), "improve: no action \"zz\" in a or b"),
        (LookupError.notFound(id: "lm", planIDs: ["a", "b"], suggestions: ["a:LM 1", "b:LM 1", "b:LM 2"]),
         "improve: no action \"lm\" in a or b; did you mean a:LM 1, b:LM 1 or b:LM 2?"),
        (LookupError.ambiguous(id: "1.1", planIDs: ["a", "b"]), "improve: \"1.1\" is in several plans (a, b); name one, e.g. a:1.1"),
        (LookupError.unknownPlan("leeds", loaded: ["a", "b"]), "improve: no plan \"leeds\" loaded (loaded: a, b)"),
        (LookupError.ambiguousPlan("bla", matching: ["blackpool", "blackburn"]),
         "improve: \"bla\" starts the ids of several plans (blackpool, blackburn); write more of it"),
    ])
    func lookupErrors(error: LookupError, message: String) {
        let (text, code) = ErrorReporter.report(error, in: testFolder)
        #expect(text == message)
        #expect(code == .usage)
    }

    @Test(arguments: [
        (QueryError.unknownStatus("purple", known: ["BLUE", "RED"]), "improve: unknown status \"purple\"; use one of BLUE, RED or \"none\""),
        (QueryError.unknownEntry(what: "theme", id: "XX", suggestions: ["LM", "CM"]),
         "improve: no theme \"XX\" in the plans loaded; did you mean \"LM\" or \"CM\"?"),
        (QueryError.unknownLead("Bob", suggestions: []), "improve: no action of the plans loaded has a lead containing \"Bob\""),
    ])
    func queryErrors(error: QueryError, message: String) {
        let (text, code) = ErrorReporter.report(error, in: testFolder)
        #expect(text == message)
        #expect(code == .usage)
    }
}
