/// A JSON value as read from or written to a plan file.
///
/// Objects keep their members in document order, so that a plan written back
/// has its keys in a stable, readable order and duplicate keys can be reported
/// rather than silently dropped. Numbers keep their source text, so that no
/// precision is lost before the model decides what kind of number it expects.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// A number, as its JSON text (`1`, `-0.5e3`).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// An object's members in document order; keys may repeat.
    case object([JSONMember])

    /// The name of the value's JSON type, as a message shows it.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The value of `key` in an object (the first, if the key repeats), or `nil`.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
