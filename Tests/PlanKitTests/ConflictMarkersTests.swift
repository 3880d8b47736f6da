import Testing
@testable import PlanKit

@Suite("Splitting a file merged by lines at git's conflict markers")
struct ConflictMarkersTests {
    let merged = """
    shared 1
    <<<<<<< ours (upstream)
    ours a
    ||||||| base
    base a
    =======
    theirs a
    theirs b
    >>>>>>> theirs (your change)
    shared 2
    """

    @Test func eachSideGetsItsOwnLinesAndTheSharedOnesWithWhereTheyCameFrom() throws {
        let split = try #require(try ConflictMarkers.split(merged))
        #expect(split.hunks == 1)
        #expect(split.ours.text == "shared 1\nours a\nshared 2")
        #expect(split.theirs.text == "shared 1\ntheirs a\ntheirs b\nshared 2")
        #expect(split.base?.text == "shared 1\nbase a\nshared 2")
        #expect(split.theirs.lines == [1, 7, 8, 10])
        #expect(split.theirs.mergedLine(3) == 8)
        #expect(ConflictMarkers.firstMarkerLine(in: Array(merged.utf8)) == 2)
        #expect(ConflictMarkers.isMarker(line: 6, in: Array(merged.utf8)))
        #expect(!ConflictMarkers.isMarker(line: 7, in: Array(merged.utf8)))
    }

    @Test func markersOfASideAreLeftInItWhenTheMergesOwnAreLonger() throws {
        let nested = "x\n<<<<<<<< ours\n<<<<<<< HEAD\nmine\n=======\n>>>>>>> other\n======== \ntheirs\n>>>>>>>> theirs\n"
        #expect(ConflictMarkers.longestMarker(in: Array(nested.utf8)) == 8)
        let split = try #require(try ConflictMarkers.split(nested))
        #expect(split.ours.text == "x\n<<<<<<< HEAD\nmine\n=======\n>>>>>>> other\n")
        #expect(split.theirs.text == "x\ntheirs\n")
        #expect(split.base == nil, "no ||||||| section: no base")
    }

    @Test func noMarkersIsNoSplitAndAnUnclosedConflictIsAnError() throws {
        #expect(try ConflictMarkers.split("{\n  \"a\": \"<<<<<<< not at a line's start\"\n}\n") == nil)
        #expect(try ConflictMarkers.split("<<<<<<<x\n=======y\n") == nil, "a run of '<' with text straight after it is not a marker")
        #expect(throws: ConflictMarkers.SplitError(line: 2, message: "the conflict that starts here has no closing '>>>>>>>' marker")) {
            try ConflictMarkers.split("a\n<<<<<<< ours\nb\n=======\nc\n")
        }
    }
}
