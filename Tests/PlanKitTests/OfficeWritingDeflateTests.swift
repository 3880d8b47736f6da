import Foundation
import Testing
@testable import OfficeDocument
import TestSupport

/// The DEFLATE compressor, checked against the project's own `Inflate` and
/// against zlib (Python's `zlib` module, when python3 is here).
@Suite struct OfficeWritingDeflateTests {
    /// Inputs of every kind: empty, one byte, random, repetitive, XML-like, long runs, and large.
    static func inputs(_ generator: inout SeededGenerator) -> [(name: String, bytes: [UInt8])] {
        var cases: [(String, [UInt8])] = [("empty", []), ("one byte", [65]), ("two bytes", [0, 0])]
        for size in [3, 100, 1_000, 70_000] {
            cases.append(("random \(size)", (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        }
        // Few distinct bytes: short, overlapping matches.
        cases.append(("four letters", (0..<50_000).map { _ in Array("ACGT".utf8)[Int.random(in: 0..<4, using: &generator)] }))
        cases.append(("one byte repeated", [UInt8](repeating: 7, count: 100_000)))
        var xml = "<sheetData>"
        for row in 1...3_000 {
            xml += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"s\"><v>\(Int.random(in: 0..<500, using: &generator))</v></c>"
            xml += "<c r=\"B\(row)\" s=\"2\"><v>\(Double(Int.random(in: 0..<100_000, using: &generator)) / 100)</v></c></row>"
        }
        cases.append(("worksheet XML", Array((xml + "</sheetData>").utf8)))
        // Large and mixed: random stretches between copies of earlier text, some far back (distances near 32 KB).
        var large: [UInt8] = []
        while large.count < 1_500_000 {
            if large.count > 40_000, Bool.random(using: &generator) {
                let back = Int.random(in: 1...32_768, using: &generator)
                let length = Int.random(in: 3...400, using: &generator)
                for _ in 0..<length { large.append(large[large.count - back]) }
            } else {
                for _ in 0..<Int.random(in: 1...300, using: &generator) { large.append(UInt8.random(in: 32...90, using: &generator)) }
            }
        }
        cases.append(("large mixed", large))
        return cases
    }

    @Test func whatIsCompressedInflatesBackWithTheProjectsInflate() throws {
        var generator = SeededGenerator(test: "whatIsCompressedInflatesBackWithTheProjectsInflate")
        for (name, bytes) in Self.inputs(&generator) {
            let compressed = Deflate.compress(bytes)
            let back = try Inflate.decompress(compressed, limit: bytes.count + 1)
            #expect(back == bytes, "\(name) (seed \(generator.seed))")
        }
    }

    @Test func zlibInflatesWhatIsCompressed() throws {
        guard ExternalTool.find("python3") != nil else {
            return ExternalTool.skip("zlibInflatesWhatIsCompressed", "python3 is not installed")
        }
        var generator = SeededGenerator(test: "zlibInflatesWhatIsCompressed")
        let folder = try writingFolder("deflate-zlib")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = Self.inputs(&generator)
        var files: [String] = []
        for (index, (_, bytes)) in cases.enumerated() {
            let file = folder.appendingPathComponent("\(index).deflate")
            try Data(Deflate.compress(bytes)).write(to: file)
            files.append(file.path)
        }
        let script = """
        import sys, zlib
        for name in sys.argv[1:]:
            data = zlib.decompress(open(name, 'rb').read(), -15)
            open(name + '.out', 'wb').write(data)
        """
        let outcome = try #require(ExternalTool.python(script, files: files))
        #expect(outcome.succeeded, "zlib refused a stream: \(outcome.errors) (seed \(generator.seed))")
        for (index, (name, bytes)) in cases.enumerated() {
            let back = try Data(contentsOf: URL(fileURLWithPath: files[index] + ".out"))
            #expect([UInt8](back) == bytes, "\(name) (seed \(generator.seed))")
        }
    }

    @Test func xmlShrinksNearlyAsWellAsWithZlib() throws {
        var generator = SeededGenerator(test: "xmlShrinksNearlyAsWellAsWithZlib")
        let xml = try #require(Self.inputs(&generator).first { $0.name == "worksheet XML" }).bytes
        let ours = Deflate.compress(xml).count
        let theirs = try SystemZlib.deflate(xml, level: 6).count
        print("worksheet XML: \(xml.count) bytes, ours \(ours), zlib level 6 \(theirs)")
        #expect(Double(ours) < Double(theirs) * 1.25)
        #expect(ours * 4 < xml.count)
    }

    @Test func randomBytesAreStoredNotExpanded() {
        var generator = SeededGenerator(test: "randomBytesAreStoredNotExpanded")
        let bytes = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // A block covers at most 16,384 symbols (here bytes); stored, each costs 5 bytes more than its bytes.
        #expect(Deflate.compress(bytes).count <= bytes.count + 5 * (bytes.count / Deflate.blockSymbols + 2))
    }

    @Test func zipWriterEntriesReadBackDeflatedAndStored() throws {
        var zip = ZipWriter()
        let text = String(repeating: "<row><c>text</c></row>", count: 500)
        zip.add("a/deflated.xml", text: text)
        zip.add("stored.bin", [1, 2, 3], method: .stored)
        zip.add("empty.txt", [])
        zip.add("naïve ünïcode.xml", text: "é")
        let archive = try ZipArchive(bytes: zip.bytes())
        #expect(archive.entries.map(\.name) == ["a/deflated.xml", "stored.bin", "empty.txt", "naïve ünïcode.xml"])
        #expect(archive.entries.map(\.method) == [8, 0, 0, 0])
        #expect(try archive.contents(of: "a/deflated.xml") == Array(text.utf8))
        #expect(try archive.contents(of: "stored.bin") == [1, 2, 3])
        #expect(try archive.contents(of: "empty.txt") == [])
        #expect(try archive.contents(of: "naïve ünïcode.xml") == Array("é".utf8))
        #expect(archive.entries.allSatisfy { $0.flags & 0x800 != 0 })
    }
}
