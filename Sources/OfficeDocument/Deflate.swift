/// A DEFLATE compressor (RFC 1951), the other half of `Inflate`.
public enum Deflate {
    /// Raw DEFLATE of `input` (no zlib or gzip header).
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        // Stored blocks for now.
        var out: [UInt8] = []
        var start = 0
        repeat {
            let end = min(start + 65_535, input.count)
            let final: UInt8 = end == input.count ? 1 : 0
            out.append(final)
            let length = UInt16(end - start)
            out.append16(length)
            out.append16(~length)
            out += input[start..<end]
            start = end
        } while start < input.count
        return out
    }
}
