/// A DEFLATE decoder (RFC 1951): the compression inside every `.docx` and
/// `.xlsx`, written here because the project takes no packages.
///
/// It follows the RFC's own structure (as zlib's `puff.c` does): stored,
/// fixed-Huffman and dynamic-Huffman blocks, codes decoded by counting
/// lengths. The output is bounded by `limit` while it is written, so a
/// small file that claims a small size but inflates without end (a zip
/// bomb) stops at the limit instead of filling memory.
public enum Inflate {
    /// Why a stream could not be inflated.
    public enum Failure: Error, Equatable, Sendable {
        /// The stream breaks the format; `offset` is the input byte where it was noticed.
        case corrupt(String, offset: Int)
        /// The output would pass `limit` bytes.
        case tooLarge(limit: Int)
    }

    /// Inflates a raw DEFLATE stream (no zlib or gzip header).
    ///
    /// - Parameters:
    ///   - input: the compressed bytes.
    ///   - limit: the most bytes the output may hold.
    ///   - expectedSize: a size hint (the ZIP directory's), used only to reserve memory.
    public static func decompress(_ input: [UInt8], limit: Int, expectedSize: Int = 0) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(min(max(expectedSize, input.count * 3), limit))
        try input.withUnsafeBufferPointer { (buffer) throws(Failure) in
            var state = State(input: buffer, limit: limit)
            try state.run(into: &output)
        }
        return output
    }

    /// A canonical Huffman code as counts per length and symbols in code order (RFC 1951 §3.2.2).
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        /// Builds the code for `lengths` (0 = symbol unused). Returns nil for
        /// an over-subscribed code; an incomplete one is allowed only where
        /// the RFC allows it (a single distance code), which the caller decides.
        init?(lengths: ArraySlice<Int>, allowIncomplete: Bool) {
            symbols = [Int](repeating: 0, count: lengths.count)
            for length in lengths { counts[length] += 1 }
            var left = 1
            for length in 1...15 {
                left <<= 1
                left -= counts[length]
                if left < 0 { return nil }
            }
            let used = lengths.count - counts[0]
            if left > 0, !allowIncomplete, used > 1 { return nil }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            for (symbol, length) in zip(0..., lengths) where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    struct State {
        let input: UnsafeBufferPointer<UInt8>
        let limit: Int
        var position = 0
        var bitBuffer: UInt64 = 0
        var bitCount = 0

        init(input: UnsafeBufferPointer<UInt8>, limit: Int) {
            self.input = input
            self.limit = limit
        }

        mutating func bits(_ need: Int) throws(Failure) -> Int {
            while bitCount < need {
                guard position < input.count else { throw .corrupt("the stream ends in the middle of a block", offset: position) }
                bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
                position += 1
                bitCount += 8
            }
            let value = Int(bitBuffer & ((1 << UInt64(need)) - 1))
            bitBuffer >>= UInt64(need)
            bitCount -= need
            return value
        }

        mutating func decode(_ code: Huffman) throws(Failure) -> Int {
            var value = 0, first = 0, index = 0
            for length in 1...15 {
                value |= try bits(1)
                let count = code.counts[length]
                if value - count < first { return code.symbols[index + (value - first)] }
                index += count
                first += count
                first <<= 1
                value <<= 1
            }
            throw .corrupt("a Huffman code that the block's table does not have", offset: position)
        }

        mutating func run(into output: inout [UInt8]) throws(Failure) {
            var last = 0
            repeat {
                last = try bits(1)
                switch try bits(2) {
                case 0: try stored(into: &output)
                case 1: try codes(Self.fixedLengths, Self.fixedDistances, into: &output)
                case 2:
                    let (lengths, distances) = try dynamicTables()
                    try codes(lengths, distances, into: &output)
                default: throw .corrupt("a block of the reserved type 3", offset: position)
                }
            } while last == 0
        }

        mutating func stored(into output: inout [UInt8]) throws(Failure) {
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.count else { throw .corrupt("a stored block's length is cut off", offset: position) }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            guard length == ~complement & 0xFFFF else { throw .corrupt("a stored block's length does not match its check", offset: position) }
            position += 4
            guard position + length <= input.count else { throw .corrupt("a stored block is cut off", offset: position) }
            guard output.count + length <= limit else { throw .tooLarge(limit: limit) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: input[position..<(position + length)]))
            position += length
        }

        static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                   2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

        static let fixedLengths: Huffman = {
            var lengths = [Int](repeating: 8, count: 288)
            for symbol in 144..<256 { lengths[symbol] = 9 }
            for symbol in 256..<280 { lengths[symbol] = 7 }
            return Huffman(lengths: lengths[...], allowIncomplete: false)!
        }()
        static let fixedDistances = Huffman(lengths: [Int](repeating: 5, count: 30)[...], allowIncomplete: true)!

        mutating func codes(_ lengths: Huffman, _ distances: Huffman, into output: inout [UInt8]) throws(Failure) {
            while true {
                let symbol = try decode(lengths)
                if symbol < 256 {
                    guard output.count < limit else { throw .tooLarge(limit: limit) }
                    output.append(UInt8(symbol))
                } else if symbol == 256 {
                    return
                } else {
                    let lengthCode = symbol - 257
                    guard lengthCode < 29 else { throw .corrupt("the length code \(symbol), which does not exist", offset: position) }
                    let length = Self.lengthBase[lengthCode] + (try bits(Self.lengthExtra[lengthCode]))
                    let distanceCode = try decode(distances)
                    guard distanceCode < 30 else { throw .corrupt("the distance code \(distanceCode), which does not exist", offset: position) }
                    let distance = Self.distanceBase[distanceCode] + (try bits(Self.distanceExtra[distanceCode]))
                    guard distance <= output.count else { throw .corrupt("a distance back past the start of the output", offset: position) }
                    guard output.count + length <= limit else { throw .tooLarge(limit: limit) }
                    // Byte by byte: the copy may overlap what it writes (distance < length), and appending a
                    // slice of the output to itself would copy the whole buffer each time.
                    let start = output.count - distance
                    for index in 0..<length { output.append(output[start + index]) }
                }
            }
        }

        static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

        mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
            let lengthCount = try bits(5) + 257
            let distanceCount = try bits(5) + 1
            let codeCount = try bits(4) + 4
            guard lengthCount <= 286, distanceCount <= 30 else { throw .corrupt("a dynamic block with too many codes", offset: position) }
            var codeLengths = [Int](repeating: 0, count: 19)
            for index in 0..<codeCount { codeLengths[Self.codeLengthOrder[index]] = try bits(3) }
            guard let codeLengthCode = Huffman(lengths: codeLengths[...], allowIncomplete: false) else {
                throw .corrupt("a dynamic block's code-length code is not a prefix code", offset: position)
            }
            var lengths = [Int](repeating: 0, count: lengthCount + distanceCount)
            var index = 0
            while index < lengths.count {
                let symbol = try decode(codeLengthCode)
                if symbol < 16 {
                    lengths[index] = symbol
                    index += 1
                    continue
                }
                var repeated = 0
                let times: Int
                switch symbol {
                case 16:
                    guard index > 0 else { throw .corrupt("a repeat of the previous length with none before it", offset: position) }
                    repeated = lengths[index - 1]
                    times = 3 + (try bits(2))
                case 17: times = 3 + (try bits(3))
                default: times = 11 + (try bits(7))
                }
                guard index + times <= lengths.count else { throw .corrupt("code lengths that run past the table", offset: position) }
                for _ in 0..<times {
                    lengths[index] = repeated
                    index += 1
                }
            }
            guard lengths[256] != 0 else { throw .corrupt("a dynamic block without an end-of-block code", offset: position) }
            guard let literal = Huffman(lengths: lengths[..<lengthCount], allowIncomplete: false) else {
                throw .corrupt("a dynamic block's literal/length code is not a prefix code", offset: position)
            }
            guard let distance = Huffman(lengths: lengths[lengthCount...], allowIncomplete: true) else {
                throw .corrupt("a dynamic block's distance code is not a prefix code", offset: position)
            }
            return (literal, distance)
        }
    }
}
