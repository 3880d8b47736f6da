/// Forgiving matching of action and recommendation ids as people type them.
///
/// Case, spaces, hyphens and underscores don't matter: `lm7`, `LM7`, `lm-7`
/// and `LM 7` all name `LM 7`, and `hmip8` names `HMIP 8`.
public enum IdentifierMatcher {
    /// The id reduced to what matters when matching: lowercase, without
    /// spaces, hyphens or underscores.
    public static func normalise(_ id: String) -> String {
        // Ids are almost always ASCII: a pass over the bytes, without Unicode case mapping.
        if id.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(id.utf8.count)
            for byte in id.utf8 {
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "_"), 0x09...0x0D: continue
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
                default: bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(id.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" })
    }

    /// Whether `typed` names `id`.
    public static func matches(_ typed: String, _ id: String) -> Bool {
        normalise(typed) == normalise(id)
    }

    /// The ids a mistyped id most likely meant, best first, at most three.
    ///
    /// An id that the typed text extends or shortens at the end (`LM 71` and
    /// `LM 7`) or that swaps two neighbouring characters (`LM 71` and `LM 17`)
    /// is a strong match; failing those, ids within one or two edits are offered.
    ///
    /// - Parameters:
    ///   - typed: the id as typed.
    ///   - ids: the ids that exist, in plan order.
    /// - Returns: up to three suggestions, in plan order within each strength.
    public static func suggestions(for typed: String, among ids: [String]) -> [String] {
        let wanted = normalise(typed)
        guard !wanted.isEmpty else { return [] }
        let normalised = ids.map(normalise)
        var strong: [String] = []
        for (id, candidate) in zip(ids, normalised) where candidate != wanted {
            let extends = candidate.count >= 2 && wanted.hasPrefix(candidate) && wanted.count - candidate.count == 1
            let shortens = wanted.count >= 2 && candidate.hasPrefix(wanted) && candidate.count - wanted.count == 1
            let swapped = candidate.count == wanted.count && EditDistance.distance(candidate, wanted) == 1
                && Set(candidate) == Set(wanted) && candidate.sorted() == wanted.sorted()
            if extends || shortens || swapped { strong.append(id) }
        }
        if !strong.isEmpty { return Array(strong.prefix(3)) }
        let limit = wanted.count <= 3 ? 1 : 2
        let near = zip(ids, normalised)
            .map { ($0, EditDistance.distance($1, wanted)) }
            .filter { $0.1 <= limit && $0.1 > 0 }
            .sorted { $0.1 < $1.1 }
        return Array(near.prefix(3).map(\.0))
    }
}
