/// Where each value of a parsed document starts in its bytes, so that a
/// message about a value can give its line and column as an editor counts
/// them (1-based; columns in characters).
///
/// Values are numbered in document order, the root first: a value's members
/// or elements follow it, each followed by its own.
public struct JSONPositions: Sendable {
    /// A value of the document, by its number in document order.
    public typealias Node = Int

    /// The numbering, as the parser makes it.
    struct Nodes: Sendable {
        /// The byte offset where each value starts.
        var starts: [Int] = []
        /// For each value, the number after the last value inside it.
        var ends: [Int] = []
    }

    private let bytes: [UInt8]
    private let nodes: Nodes

    init(bytes: [UInt8], nodes: Nodes) {
        self.bytes = bytes
        self.nodes = nodes
    }

    /// The document's root value.
    public var root: Node { 0 }

    /// The first member of an object or element of an array (when it has one).
    public func firstChild(of node: Node) -> Node { node + 1 }

    /// The member or element after this one in its object or array (when there is one).
    public func nextSibling(of node: Node) -> Node {
        node < nodes.ends.count ? nodes.ends[node] : node + 1
    }


    /// The byte offset where a value starts.
    public func offset(of node: Node) -> Int {
        node < nodes.starts.count ? nodes.starts[node] : 0
    }

    /// The lines and columns of byte offsets, in one pass over the document
    /// (a file can be large, and a broken one can have many problems).
    public func linesAndColumns(of offsets: [Int]) -> [(line: Int, column: Int)] {
        var result = [(line: Int, column: Int)](repeating: (1, 1), count: offsets.count)
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var counter = LineCounter()
        bytes.withUnsafeBufferPointer { buffer in
            for index in order {
                counter.advance(to: offsets[index], in: buffer)
                result[index] = (counter.line, counter.column)
            }
        }
        return result
    }
}

/// Counts lines and columns as editors do (1-based; a column is a character,
/// not a byte) while moving forward through a document's bytes.
struct LineCounter {
    private(set) var line = 1
    private(set) var column = 1
    private var position = 0

    /// Moves to `offset` (never backwards, never past the end). A line ends
    /// at a line feed or at a carriage return not followed by one; a byte
    /// order mark takes no column.
    mutating func advance(to offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        let target = min(offset, bytes.count)
        if position == 0, target >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
        while position < target {
            let byte = bytes[position]
            if byte == 0x0A || (byte == 0x0D && (position + 1 == bytes.count || bytes[position + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            position += 1
        }
    }
}
