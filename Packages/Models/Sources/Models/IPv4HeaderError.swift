/// Why bytes could not be read as an IPv4 header (``IPv4Header``).
public enum IPv4HeaderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Only `length` bytes where the header needs `needed` (20, or its length with options).
    case truncated(length: Int, needed: Int)
    /// The version field is not 4.
    case notVersion4(version: UInt8)
    /// The header length field (IHL × 4, in bytes) is below the 20-byte minimum.
    case headerLengthBelowMinimum(Int)

    /// A sentence naming the fault.
    public var description: String {
        switch self {
        case .truncated(let length, let needed):
            "IPv4 header truncated: \(length) bytes, at least \(needed) needed"
        case .notVersion4(let version):
            "bad IPv4 header: version \(version), expected 4"
        case .headerLengthBelowMinimum(let length):
            "bad IPv4 header: header length \(length) below 20"
        }
    }
}
