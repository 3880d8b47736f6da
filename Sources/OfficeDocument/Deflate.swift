/// A DEFLATE compressor (RFC 1951), the other half of `Inflate`: what a
/// written `.xlsx` or `.docx` is compressed with, since the project takes no
/// packages and links no zlib.
///
/// Matches are found with a hash chain over the last 32 KB (three-byte
/// hashes, a bounded walk, one step of lazy matching), and each block of up
/// to 16,384 symbols is written with its own dynamic Huffman codes, or stored
/// when that would be smaller (already-compressed or random bytes). XML,
/// which repeats itself, shrinks about as well as with zlib's default level.
public enum Deflate {
    /// Raw DEFLATE of `input` (no zlib or gzip header).
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var writer = BitWriter()
        guard !input.isEmpty else {
            // One final fixed-Huffman block holding only the end-of-block code.
            writer.write(1, bits: 1)
            writer.write(1, bits: 2)
            writer.write(0, bits: 7)
            return writer.finish()
        }
        var matcher = Matcher(input: input)
        var symbols: [Symbol] = []
        symbols.reserveCapacity(blockSymbols)
        var blockStart = 0
        while true {
            let done = matcher.next(into: &symbols, limit: blockSymbols)
            let blockEnd = matcher.position
            writeBlock(symbols, bytes: input[blockStart..<blockEnd], isFinal: done, to: &writer)
            symbols.removeAll(keepingCapacity: true)
            blockStart = blockEnd
            if done { break }
        }
        return writer.finish()
    }

    static let blockSymbols = 16_384

    /// A literal byte (`distance` 0) or a match of `length` bytes `distance` back.
    struct Symbol {
        var length: UInt16
        var distance: UInt16
    }

    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
                                      3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    /// The order the code-length code's lengths are written in.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The length code (0-based, for symbol 257 + code) of each match length 0...258.
    static let lengthCodes: [UInt8] = {
        var codes = [UInt8](repeating: 0, count: 259)
        var code = 0
        for length in 3...258 {
            while code + 1 < lengthBase.count, lengthBase[code + 1] <= length { code += 1 }
            codes[length] = UInt8(code)
        }
        return codes
    }()

    static func distanceCode(_ distance: Int) -> Int {
        var low = 0, high = distanceBase.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if distanceBase[middle] <= distance { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// One block: dynamic Huffman codes for its symbols, or stored bytes when those are fewer bits.
    static func writeBlock(_ symbols: [Symbol], bytes: ArraySlice<UInt8>, isFinal: Bool, to writer: inout BitWriter) {
        var literalFrequencies = [Int](repeating: 0, count: 286)
        var distanceFrequencies = [Int](repeating: 0, count: 30)
        for symbol in symbols {
            if symbol.distance == 0 {
                literalFrequencies[Int(symbol.length)] += 1
            } else {
                literalFrequencies[257 + Int(lengthCodes[Int(symbol.length)])] += 1
                distanceFrequencies[distanceCode(Int(symbol.distance))] += 1
            }
        }
        literalFrequencies[256] = 1
        // Two codes at least in each tree, so every decoder takes them as complete codes.
        for index in 0..<2 where distanceFrequencies.filter({ $0 > 0 }).count < 2 { distanceFrequencies[index] = max(distanceFrequencies[index], 1) }
        if literalFrequencies.filter({ $0 > 0 }).count < 2 { literalFrequencies[0] = max(literalFrequencies[0], 1) }

        let literalLengths = HuffmanLengths.make(literalFrequencies, limit: 15)
        let distanceLengths = HuffmanLengths.make(distanceFrequencies, limit: 15)
        var literalCount = 286
        while literalCount > 257, literalLengths[literalCount - 1] == 0 { literalCount -= 1 }
        var distanceCount = 30
        while distanceCount > 1, distanceLengths[distanceCount - 1] == 0 { distanceCount -= 1 }

        // The two trees' lengths, run-length coded (16: repeat previous, 17/18: runs of zeros).
        let lengths = Array(literalLengths[0..<literalCount]) + Array(distanceLengths[0..<distanceCount])
        var runs: [(code: Int, extra: Int)] = []
        var index = 0
        while index < lengths.count {
            let value = lengths[index]
            var run = 1
            while index + run < lengths.count, lengths[index + run] == value { run += 1 }
            if value == 0, run >= 3 {
                let taken = min(run, 138)
                runs.append(taken >= 11 ? (18, taken - 11) : (17, taken - 3))
                index += taken
            } else if value != 0, run >= 4 {
                runs.append((value, 0))
                let taken = min(run - 1, 6)
                runs.append((16, taken - 3))
                index += 1 + taken
            } else {
                runs.append((value, 0))
                index += 1
            }
        }
        var codeLengthFrequencies = [Int](repeating: 0, count: 19)
        for run in runs { codeLengthFrequencies[run.code] += 1 }
        if codeLengthFrequencies.filter({ $0 > 0 }).count < 2 { codeLengthFrequencies[codeLengthFrequencies[0] > 0 ? 1 : 0] += 1 }
        let codeLengthLengths = HuffmanLengths.make(codeLengthFrequencies, limit: 7)
        var codeLengthCount = 19
        while codeLengthCount > 4, codeLengthLengths[codeLengthOrder[codeLengthCount - 1]] == 0 { codeLengthCount -= 1 }

        // The cost in bits of each choice.
        var dynamicBits = 3 + 5 + 5 + 4 + 3 * codeLengthCount
        for run in runs {
            dynamicBits += codeLengthLengths[run.code] + (run.code == 16 ? 2 : run.code == 17 ? 3 : run.code == 18 ? 7 : 0)
        }
        for symbol in 0..<286 { dynamicBits += literalFrequencies[symbol] * literalLengths[symbol] }
        for code in 0..<29 { dynamicBits += literalFrequencies[257 + code] * lengthExtra[code] }
        for code in 0..<30 { dynamicBits += distanceFrequencies[code] * (distanceLengths[code] + distanceExtra[code]) }
        let storedBits = (bytes.count / 65_535 + 1) * 5 * 8 + bytes.count * 8 + 7

        guard dynamicBits < storedBits else {
            writeStored(bytes, isFinal: isFinal, to: &writer)
            return
        }
        let literalCodes = HuffmanLengths.codes(literalLengths)
        let distanceCodes = HuffmanLengths.codes(distanceLengths)
        let codeLengthCodes = HuffmanLengths.codes(codeLengthLengths)
        writer.write(isFinal ? 1 : 0, bits: 1)
        writer.write(2, bits: 2)
        writer.write(literalCount - 257, bits: 5)
        writer.write(distanceCount - 1, bits: 5)
        writer.write(codeLengthCount - 4, bits: 4)
        for position in 0..<codeLengthCount { writer.write(codeLengthLengths[codeLengthOrder[position]], bits: 3) }
        for run in runs {
            writer.write(codeLengthCodes[run.code], bits: codeLengthLengths[run.code])
            switch run.code {
            case 16: writer.write(run.extra, bits: 2)
            case 17: writer.write(run.extra, bits: 3)
            case 18: writer.write(run.extra, bits: 7)
            default: break
            }
        }
        for symbol in symbols {
            if symbol.distance == 0 {
                let literal = Int(symbol.length)
                writer.write(literalCodes[literal], bits: literalLengths[literal])
            } else {
                let length = Int(symbol.length), distance = Int(symbol.distance)
                let lengthCode = Int(lengthCodes[length])
                writer.write(literalCodes[257 + lengthCode], bits: literalLengths[257 + lengthCode])
                writer.write(length - lengthBase[lengthCode], bits: lengthExtra[lengthCode])
                let distanceCode = distanceCode(distance)
                writer.write(distanceCodes[distanceCode], bits: distanceLengths[distanceCode])
                writer.write(distance - distanceBase[distanceCode], bits: distanceExtra[distanceCode])
            }
        }
        writer.write(literalCodes[256], bits: literalLengths[256])
    }

    /// Stored blocks of at most 65,535 bytes each, byte-aligned.
    static func writeStored(_ bytes: ArraySlice<UInt8>, isFinal: Bool, to writer: inout BitWriter) {
        var start = bytes.startIndex
        repeat {
            let end = min(start + 65_535, bytes.endIndex)
            writer.write(isFinal && end == bytes.endIndex ? 1 : 0, bits: 1)
            writer.write(0, bits: 2)
            writer.alignToByte()
            let length = end - start
            writer.write(length, bits: 16)
            writer.write(length ^ 0xFFFF, bits: 16)
            writer.append(bytes[start..<end])
            start = end
        } while start < bytes.endIndex
    }
}
