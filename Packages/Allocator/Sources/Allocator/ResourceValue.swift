import Models

/// A value a pool hands out: an IP block or an integer id.
public enum ResourceValue: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// An IP block (a /31 tunnel net, a /32 address, …).
    case block(IPv4Prefix)
    /// An id (tunnel id, link id, segment-routing id).
    case id(UInt32)

    /// The block, if this is one.
    public var block: IPv4Prefix? {
        if case .block(let block) = self { block } else { nil }
    }

    /// The id, if this is one.
    public var id: UInt32? {
        if case .id(let id) = self { id } else { nil }
    }

    /// `"169.254.0.0/31"` or `"500"`.
    public var description: String {
        switch self {
        case .block(let block): block.description
        case .id(let id): String(id)
        }
    }

    /// Blocks before ids; blocks by address then length (larger first), ids numerically.
    public static func < (lhs: ResourceValue, rhs: ResourceValue) -> Bool {
        switch (lhs, rhs) {
        case (.block(let a), .block(let b)): (a.address, a.length) < (b.address, b.length)
        case (.id(let a), .id(let b)): a < b
        case (.block, .id): true
        case (.id, .block): false
        }
    }
}
