/// The pieces of `Deflate`: the match finder, Huffman code lengths, and the
/// bit writer (least significant bit first, as DEFLATE packs its bits).
extension Deflate {
    /// LZ77 over the input with a hash chain: `head` holds the latest position of each three-byte
    /// hash, `previous` the position before it with the same hash, kept for the last window only
    /// (a ring indexed by position modulo the window): a search never follows the chain past the
    /// window, and the slot of a position still in the window is rewritten only by a position a whole
    /// window later, which is not yet inserted while that search runs. Four bytes per byte of input
    /// made a board pack's 200 MB document 800 MB more; the ring is 128 KB whatever the input.
    ///
    /// Positions are counted from the start of the whole input; `input` holds its bytes from `base`
    /// to `end` (all of them for `compress`, the window and what follows it for a `Stream`).
    struct Matcher {
        var input: [UInt8]
        var base = 0
        var position = 0
        var head: [Int32]
        var previous: [Int32]
        static let window = 32_768
        static let hashBits = 15
        /// How many earlier positions one search looks at, and the match long enough to stop at.
        static let chainLimit = 96
        static let goodEnough = 128
        /// The bytes past a position that deciding its symbol may read (two matches of 258, one a byte later).
        static let lookahead = 262

        init(input: [UInt8]) {
            self.input = input
            head = [Int32](repeating: -1, count: 1 << Self.hashBits)
            // A ring of the window whatever the input: its slots below the input's length are the same either way.
            previous = [Int32](repeating: -1, count: Self.window)
        }

        /// One past the last position held.
        var end: Int { base + input.count }

        @inline(__always) func byte(_ at: Int) -> UInt8 { input[at &- base] }

        func hash(_ at: Int) -> Int {
            let value = Int(byte(at)) << 16 | Int(byte(at + 1)) << 8 | Int(byte(at + 2))
            return (value &* 2_654_435_761) >> (32 - Self.hashBits) & ((1 << Self.hashBits) - 1)
        }

        mutating func insert(_ at: Int) {
            guard at + 2 < end else { return }
            let key = hash(at)
            previous[at & (Self.window - 1)] = head[key]
            head[key] = Int32(at)
        }

        /// The longest earlier match for the bytes at `at` (length 0 when none of 3 or more).
        func longestMatch(_ at: Int) -> (length: Int, distance: Int) {
            guard at + 2 < end else { return (0, 0) }
            let maximum = min(258, end - at)
            var candidate = Int(head[hash(at)])
            var best = (length: 0, distance: 0)
            var steps = 0
            while candidate >= 0, at - candidate <= Self.window, steps < Self.chainLimit {
                if byte(candidate + best.length) == byte(at + best.length) || best.length == 0 {
                    var length = 0
                    while length < maximum, byte(candidate + length) == byte(at + length) { length += 1 }
                    if length > best.length {
                        best = (length, at - candidate)
                        if length >= Self.goodEnough || length == maximum { break }
                    }
                }
                candidate = Int(previous[candidate & (Self.window - 1)])
                steps += 1
            }
            return best.length >= 3 ? best : (0, 0)
        }

        /// Adds symbols until `limit` or the end of the input; true at the end.
        ///
        /// With `isComplete` false more input may follow: it stops `lookahead` bytes before the end
        /// held, so that every symbol is the one the whole input would give.
        mutating func next(into symbols: inout [Symbol], limit: Int, isComplete: Bool = true) -> Bool {
            let stop = isComplete ? end : end - Self.lookahead
            while position < stop, symbols.count < limit {
                // The match here, unless the next position has a longer one (lazy matching).
                let match = longestMatch(position)
                if match.length >= 3, match.length < Self.goodEnough, position + 1 < end {
                    insert(position)
                    let later = longestMatch(position + 1)
                    if later.length > match.length {
                        symbols.append(Symbol(length: UInt16(byte(position)), distance: 0))
                        position += 1
                        continue
                    }
                    symbols.append(Symbol(length: UInt16(match.length), distance: UInt16(match.distance)))
                    for offset in 1..<match.length { insert(position + offset) }
                    position += match.length
                } else if match.length >= 3 {
                    symbols.append(Symbol(length: UInt16(match.length), distance: UInt16(match.distance)))
                    for offset in 0..<match.length { insert(position + offset) }
                    position += match.length
                } else {
                    symbols.append(Symbol(length: UInt16(byte(position)), distance: 0))
                    insert(position)
                    position += 1
                }
            }
            return position >= end
        }
    }

    /// Huffman code lengths for symbol frequencies, no longer than a limit, and the canonical codes they give.
    enum HuffmanLengths {
        static func make(_ frequencies: [Int], limit: Int) -> [Int] {
            var weights = frequencies
            while true {
                let lengths = unlimited(weights)
                if (lengths.max() ?? 0) <= limit { return lengths }
                // Too deep: flatten the weights (halving, keeping every used symbol) and build again.
                weights = weights.map { $0 == 0 ? 0 : max(1, $0 / 2) }
            }
        }

        /// Plain Huffman lengths, by merging the two lightest nodes (two queues: leaves sorted, merged nodes in order).
        static func unlimited(_ frequencies: [Int]) -> [Int] {
            var lengths = [Int](repeating: 0, count: frequencies.count)
            let used = frequencies.indices.filter { frequencies[$0] > 0 }.sorted { (frequencies[$0], $0) < (frequencies[$1], $1) }
            if used.count == 1 { lengths[used[0]] = 1 }
            guard used.count > 1 else { return lengths }
            // Nodes: leaves 0..<n, then merged nodes; parent links to find depths.
            var weight = used.map { frequencies[$0] }
            var parent = [Int](repeating: -1, count: used.count)
            var leaf = 0, merged = used.count
            func lightest() -> Int {
                if leaf < used.count, merged >= weight.count || weight[leaf] <= weight[merged] { leaf += 1; return leaf - 1 }
                merged += 1
                return merged - 1
            }
            while (used.count - leaf) + (weight.count - merged) > 1 {
                let a = lightest(), b = lightest()
                weight.append(weight[a] + weight[b])
                parent.append(-1)
                parent[a] = weight.count - 1
                parent[b] = weight.count - 1
            }
            var depth = [Int](repeating: 0, count: weight.count)
            for node in stride(from: weight.count - 2, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
            for (index, symbol) in used.enumerated() { lengths[symbol] = depth[index] }
            return lengths
        }

        /// Canonical codes (RFC 1951 3.2.2), bit-reversed for writing least significant bit first.
        static func codes(_ lengths: [Int]) -> [Int] {
            let maximum = lengths.max() ?? 0
            var counts = [Int](repeating: 0, count: maximum + 1)
            for length in lengths where length > 0 { counts[length] += 1 }
            var next = [Int](repeating: 0, count: maximum + 2)
            var code = 0
            if maximum > 0 {
                for bits in 1...maximum {
                    code = (code + counts[bits - 1]) << 1
                    next[bits] = code
                }
            }
            var codes = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length > 0 {
                var value = next[length], reversed = 0
                next[length] += 1
                for _ in 0..<length { reversed = reversed << 1 | value & 1; value >>= 1 }
                codes[symbol] = reversed
            }
            return codes
        }
    }

    /// Bits packed least significant first into bytes.
    struct BitWriter {
        var bytes: [UInt8] = []
        var buffer: UInt64 = 0
        var count = 0

        mutating func write(_ value: Int, bits: Int) {
            guard bits > 0 else { return }
            buffer |= UInt64(value & ((1 << bits) - 1)) << UInt64(count)
            count += bits
            while count >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                count -= 8
            }
        }

        mutating func alignToByte() {
            if count > 0 { write(0, bits: 8 - count) }
        }

        mutating func append(_ data: ArraySlice<UInt8>) {
            precondition(count == 0)
            bytes.append(contentsOf: data)
        }

        mutating func finish() -> [UInt8] {
            alignToByte()
            return bytes
        }
    }
}
