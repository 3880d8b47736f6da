import Foundation
import PlanKit
import PlanInterchange
import Testing

@Suite("CSV imports are bounded, as Word and Excel imports are")
struct ImportLimitTests {
    func importing(_ file: String, in sandbox: Sandbox) throws -> CommandResult {
        try sandbox.run(["import", file, "--out", "plan.json", "--organisation", "O", "--inspection-date", "2019-01"])
    }

    func noPlanWritten(_ sandbox: Sandbox) -> Bool {
        !FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("plan.json").path)
    }

    @Test func aHundredMegabyteCSVIsRefusedFromItsSize() throws {
        let sandbox = try Sandbox()
        // A sparse file: a header, then 100 MB that is never written to disk, nor read.
        try sandbox.write("huge.csv", "ID,Action\n1,x\n")
        let handle = try FileHandle(forWritingTo: sandbox.folder.appendingPathComponent("huge.csv"))
        try handle.truncate(atOffset: 100_000_000)
        try handle.close()
        let result = try importing("huge.csv", in: sandbox)
        #expect(result.status == 65)
        #expect(result.stderr.contains("huge.csv is 95 MiB, more than the \(DelimitedText.maximumFileSize >> 20) MiB a CSV or TSV file to import may be"), "\(result.stderr)")
        #expect(noPlanWritten(sandbox))
        // The same limit for the spreadsheets beside it.
        try sandbox.write("small.csv", "ID,Action\n1,x\n")
        let recommendations = try sandbox.run(["import", "small.csv", "--recommendations", "huge.csv", "--out", "plan.json",
                                               "--organisation", "O", "--inspection-date", "2019-01"])
        #expect(recommendations.status == 65)
        #expect(recommendations.stderr.contains("huge.csv is 95 MiB"))
        #expect(noPlanWritten(sandbox))
    }

    @Test func aFieldPastTheLimitIsRefusedNamingItsRowAndColumn() throws {
        let sandbox = try Sandbox()
        let limit = DelimitedText.Limits().fieldLength
        let atLimit = String(repeating: "x", count: limit)
        try sandbox.write("long.csv", "ID,Theme,Action\n1.1,1,\(atLimit)\n1.2,1,\"\(atLimit)y\"\n")
        let result = try importing("long.csv", in: sandbox)
        #expect(result.status == 65)
        #expect(result.stderr.contains("long.csv: row 3, column 3 holds more than 32,767 characters"), "\(result.stderr)")
        #expect(noPlanWritten(sandbox))
        // A field of exactly the limit imports.
        try sandbox.write("full.csv", "ID,Theme,Action\n1.1,1,\(atLimit)\n")
        let full = try importing("full.csv", in: sandbox)
        #expect(full.status == 0, "\(full.stderr)")
    }

    @Test func rowsPastTheLimitAreRefusedNamingIt() throws {
        let sandbox = try Sandbox()
        let limit = DelimitedText.Limits().records
        var text = "ID,Action\n"
        for row in 1..<limit { text += "\(row),x\n" }
        try sandbox.write("at-limit.csv", text)
        try sandbox.write("many.csv", text + "\(limit),x\n")
        let result = try importing("many.csv", in: sandbox)
        #expect(result.status == 65)
        #expect(result.stderr.contains("many.csv has more than 10,000 rows, the most an import reads"), "\(result.stderr)")
        #expect(noPlanWritten(sandbox))
        #expect(try DelimitedText.records(text, separator: ",").count == limit)
    }

    @Test func theLimitsStopTheReaderWhereTheyArePassed() throws {
        let limits = DelimitedText.Limits(fieldLength: 3, fields: 3, records: 3)
        #expect(try DelimitedText.records("a,bbb,c\n1,2,3\n", separator: ",", limits: limits).count == 2)
        #expect(throws: DelimitedText.Failure.fieldTooLong(row: 2, column: 2, limit: 3)) {
            try DelimitedText.records("a,b\n1,\"2\n34\"\n", separator: ",", limits: limits)
        }
        #expect(throws: DelimitedText.Failure.tooManyFields(row: 1, limit: 3)) {
            try DelimitedText.records("a,b,c,d\n", separator: ",", limits: limits)
        }
        #expect(throws: DelimitedText.Failure.tooManyRecords(limit: 3)) {
            try DelimitedText.records("a\n\nb\nc\nd\n", separator: ",", limits: limits)
        }
        // Blank lines are not records.
        #expect(try DelimitedText.records("a\n\n\n\nb\nc\n", separator: ",", limits: limits).count == 3)
        #expect(throws: DelimitedText.Failure.tooManyCells(limit: 5)) {
            try DelimitedText.records("a,b\n1,2\n3,4\n", separator: ",", limits: DelimitedText.Limits(cells: 5))
        }
    }

    @Test func aFileOfCommasIsRefusedByItsCells() throws {
        // 15 MB of empty cells: under the file size, the row and the column limits, but
        // 15 million cells, which would take gigabytes once read.
        let sandbox = try Sandbox()
        let commas = String(repeating: ",", count: 1500)
        var text = "ID,Action\(commas)\n"
        for row in 1..<9_999 { text += "\(row),x\(commas)\n" }
        try sandbox.write("commas.csv", text)
        let result = try importing("commas.csv", in: sandbox)
        #expect(result.status == 65)
        #expect(result.stderr.contains("commas.csv has more than 500,000 cells (rows by columns)"), "\(result.stderr)")
        #expect(noPlanWritten(sandbox))
    }
}

/// A `--map` that makes ids of a column of sentences is refused with the row that shows it.
@Suite("A column mapped to id must hold ids")
struct MappedIDTests {
    let csv = """
    Description,Action,Lead
    Improve the quality of assessments across the whole service,Audit ten cases a month,YOT Manager
    Make sure every child has a named worker from the first day,Allocate within a day,Team Leader
    """

    @Test func sentencesMappedToIdAreRefusedAndNothingIsWritten() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plan.csv", csv)
        let result = try sandbox.run(["import", "plan.csv", "--out", "p.json", "--organisation", "O", "--inspection-date", "2019-01",
                                      "--map", "Description=id"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("improve: plan.csv: the column \"Description\" mapped to id holds sentences, not ids (row 2: \"Improve the quality"),
                "\(result.stderr)")
        #expect(result.stderr.contains("--map \"Description=action\""))
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("p.json").path))
    }

    @Test func shortCodesMappedToIdAreTaken() throws {
        let sandbox = try Sandbox()
        try sandbox.write("plan.csv", "Code,Action,Lead\nR1,Audit ten cases a month,YOT Manager\nR2 b,Allocate within a day,Team Leader\n")
        let result = try sandbox.run(["import", "plan.csv", "--out", "p.json", "--organisation", "O", "--inspection-date", "2019-01",
                                      "--map", "Code=id"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("created p.json (p): 2 actions"), "\(result.stdout)")
    }
}
