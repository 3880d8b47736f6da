import FoundationEssentials
import PlanJSON
import PlanKit

/// Why a leads file (lead name → e-mail address) cannot be used.
public enum LeadAddressError: Error, Equatable, Sendable {
    /// The file is not JSON.
    case syntax(file: String, JSONSyntaxError)
    /// The file is JSON, but not one object (`found` names its type).
    case notAnObject(file: String, found: String)
    /// A lead's value is not a string.
    case notText(file: String, lead: String, found: String)
    /// A lead's value is not an address (`name@example.gov.uk`).
    case badAddress(file: String, lead: String, address: String)
    /// Two names of the file are one lead (compared ignoring case and spacing).
    case repeatedLead(file: String, lead: String, other: String)
    /// A blank name.
    case blankLead(file: String)
}

/// The addresses of leads, from a JSON object of lead name → address
/// (`{"YOT Manager": "yot.manager@example.gov.uk"}`), names matched ignoring case and spacing.
public struct LeadAddresses: Sendable {
    public var file: String
    private var addresses: [String: String] = [:]

    /// No addresses at all (no leads file).
    public init(file: String) { self.file = file }

    /// Reads and checks a leads file: every name must be unique and every address addr-spec-like.
    public init(file: String, bytes: [UInt8]) throws(LeadAddressError) {
        self.file = file
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw .syntax(file: file, error) }
        guard case .object(let members) = value else { throw .notAnObject(file: file, found: value.typeName) }
        var names: [String: String] = [:]
        for member in members {
            let key = LeadReminders.key(member.key)
            guard !key.isEmpty else { throw .blankLead(file: file) }
            guard case .string(let address) = member.value else {
                throw .notText(file: file, lead: member.key, found: member.value.typeName)
            }
            let trimmed = address.trimming(.whitespaces)
            guard Self.isAddress(trimmed) else { throw .badAddress(file: file, lead: member.key, address: address) }
            if let other = names[key] { throw .repeatedLead(file: file, lead: member.key, other: other) }
            names[key] = member.key
            addresses[key] = trimmed
        }
    }

    /// The lead's address, or `nil` when the file has none.
    public func address(for lead: String) -> String? { addresses[LeadReminders.key(lead)] }

    public var isEmpty: Bool { addresses.isEmpty }

    /// Whether the text is an address of the plain form `local@domain` (RFC 5322 addr-spec, dot-atoms only):
    /// no display name, no spaces, no comments, no quoted local part, at most 254 characters.
    public static func isAddress(_ text: String) -> Bool {
        guard text.utf8.count <= 254, let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at], domain = text[text.index(after: at)...]
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-")
        func dotAtom(_ part: Substring, allowed: (Character) -> Bool) -> Bool {
            let atoms = part.split(separator: ".", omittingEmptySubsequences: false)
            return !atoms.isEmpty && atoms.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed) }
        }
        guard local.count <= 64, dotAtom(local, allowed: { atext.contains($0) }) else { return false }
        let labelCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        guard dotAtom(domain, allowed: { labelCharacters.contains($0) }) else { return false }
        return domain.split(separator: ".").allSatisfy { !$0.hasPrefix("-") && !$0.hasSuffix("-") && $0.count <= 63 }
    }
}
