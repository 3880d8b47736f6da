/// DEFLATE of input that arrives in pieces: what a large part of an Office
/// file (a board pack's `word/document.xml`, a sheet of 100,000 rows) is
/// compressed with, so that its XML is never held whole.
///
/// It gives the same bytes as ``Deflate/compress(_:)`` of all the pieces put
/// together, however they are cut: a symbol is decided only once the bytes it
/// may look at (``Matcher/lookahead`` past it) have arrived, a block ends
/// where the whole input's would (after 16,384 symbols, or at the end), and
/// the bytes kept are the 32 KB window and the current block (a block kept
/// stored needs its bytes), a few megabytes at most whatever the input.
extension Deflate {
    public struct Stream: Sendable {
        var matcher = Matcher(input: [])
        var symbols: [Symbol] = []
        var blockStart = 0
        var writer = BitWriter()

        public init() {
            symbols.reserveCapacity(Deflate.blockSymbols)
        }

        /// How many bytes have been given.
        public var inputCount: Int { matcher.end }

        /// Compresses what it can of these bytes; the rest waits for more input or ``finish()``.
        public mutating func append<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
            matcher.input.append(contentsOf: bytes)
            // Deciding symbols a few at a time costs more than it saves: wait for a useful stretch.
            guard matcher.end - matcher.position >= Matcher.lookahead + 16_384 else { return }
            compressHeld()
        }

        /// The compressed bytes written so far, handed over (the stream keeps no copy of them).
        public mutating func takeOutput() -> [UInt8] {
            defer { writer.bytes = [] }
            return writer.bytes
        }

        /// The rest of the compressed bytes: the input is complete.
        public mutating func finish() -> [UInt8] {
            guard matcher.end > 0 else {
                // One final fixed-Huffman block holding only the end-of-block code, as `compress` writes it.
                writer.write(1, bits: 1)
                writer.write(1, bits: 2)
                writer.write(0, bits: 7)
                return writer.finish()
            }
            while true {
                let done = matcher.next(into: &symbols, limit: Deflate.blockSymbols)
                writeBlock(isFinal: done)
                if done { break }
            }
            return writer.finish()
        }

        /// Decides symbols up to the lookahead; writes each block that fills while more input surely follows.
        mutating func compressHeld() {
            while true {
                _ = matcher.next(into: &symbols, limit: Deflate.blockSymbols, isComplete: false)
                // A full block is final only if nothing follows; that is known only when input remains.
                guard symbols.count >= Deflate.blockSymbols, matcher.position < matcher.end else { break }
                writeBlock(isFinal: false)
            }
            dropUnneeded()
        }

        mutating func writeBlock(isFinal: Bool) {
            let bytes = matcher.input[(blockStart - matcher.base)..<(matcher.position - matcher.base)]
            Deflate.writeBlock(symbols, bytes: bytes, isFinal: isFinal, to: &writer)
            symbols.removeAll(keepingCapacity: true)
            blockStart = matcher.position
        }

        /// Lets go of the bytes no match can reach and no stored block needs, once there are many of them.
        mutating func dropUnneeded() {
            let keep = min(blockStart, matcher.position - Matcher.window)
            let unneeded = keep - matcher.base
            guard unneeded >= 1 << 20 else { return }
            matcher.input.removeFirst(unneeded)
            matcher.base = keep
        }
    }
}
