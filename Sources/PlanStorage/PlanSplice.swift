import PlanJSON
import PlanKit

/// Writes a changed plan by replacing only the entries that changed.
///
/// When a change edits entries in place (no entry added, removed or moved, and
/// nothing outside the lists changed) and each changed entry's bytes in the file
/// are exactly what ``JSONWriter`` writes for it, the new file is the old bytes
/// with those entries re-encoded. The result is byte for byte what encoding the
/// whole plan would give for a file in canonical form, without the cost of
/// encoding thousands of unchanged actions; any other case answers `nil` and the
/// caller encodes the whole plan.
enum PlanSplice {
    /// How deep a list entry sits: root object, then the list, then the entry.
    private static let entryIndent = 2

    /// The new file's bytes, or `nil` when the change cannot be spliced.
    ///
    /// - Parameters:
    ///   - bytes: the plan file as read.
    ///   - layout: where `original`'s entries lie in `bytes`.
    ///   - original: the plan read from `bytes`.
    ///   - changed: the plan to write.
    static func bytes(_ bytes: [UInt8], layout: PlanLayout, original: Plan, changed: Plan) -> [UInt8]? {
        var outside = changed
        outside.themes = original.themes
        outside.recommendations = original.recommendations
        outside.actions = original.actions
        guard outside == original else { return nil }
        var replacements: [(range: Range<Int>, bytes: [UInt8])] = []
        guard collect(original.themes, changed.themes, layout.themes, bytes, id: \.id, json: \.jsonValue, into: &replacements),
              collect(original.recommendations, changed.recommendations, layout.recommendations, bytes,
                      id: \.id, json: \.jsonValue, into: &replacements),
              collect(original.actions, changed.actions, layout.actions, bytes, id: \.id, json: \.jsonValue, into: &replacements)
        else { return nil }
        replacements.sort { $0.range.lowerBound < $1.range.lowerBound }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + replacements.reduce(0) { $0 + $1.bytes.count })
        var position = 0
        for replacement in replacements {
            result.append(contentsOf: bytes[position..<replacement.range.lowerBound])
            result.append(contentsOf: replacement.bytes)
            position = replacement.range.upperBound
        }
        result.append(contentsOf: bytes[position...])
        return result
    }

    /// Adds the replacements for one list; `false` when the list can't be spliced.
    private static func collect<Entry: Equatable>(_ before: [Entry], _ after: [Entry], _ ranges: [Range<Int>],
                                                  _ bytes: [UInt8], id: (Entry) -> String, json: (Entry) -> JSONValue,
                                                  into replacements: inout [(range: Range<Int>, bytes: [UInt8])]) -> Bool {
        guard before.count == after.count, ranges.count == before.count else { return false }
        for index in before.indices where before[index] != after[index] {
            let range = ranges[index]
            guard id(before[index]) == id(after[index]),
                  bytes[range].elementsEqual(JSONWriter.bytes(from: json(before[index]), indent: entryIndent))
            else { return false }
            replacements.append((range, JSONWriter.bytes(from: json(after[index]), indent: entryIndent)))
        }
        return true
    }
}
