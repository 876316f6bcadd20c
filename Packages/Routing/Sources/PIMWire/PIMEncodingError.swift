/// A Join/Prune that cannot be put on the wire: a count or a mask length outside its field.
public enum PIMEncodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// More than 255 groups (the count is one octet).
    case tooManyGroups(Int)
    /// More than 65535 joined or pruned sources in the group at `group` (0-based).
    case tooManySources(group: Int, count: Int)
    /// A mask length above 32 in the named field.
    case maskLengthAbove32(field: String, length: UInt8)

    /// What is wrong, in words.
    public var description: String {
        switch self {
        case .tooManyGroups(let count): "\(count) groups, at most 255 fit a Join/Prune"
        case .tooManySources(let group, let count): "group \(group) has \(count) sources, at most 65535 fit"
        case .maskLengthAbove32(let field, let length): "\(field): mask length \(length) above 32"
        }
    }
}
