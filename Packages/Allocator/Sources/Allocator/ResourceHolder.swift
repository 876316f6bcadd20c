import Models

/// The ledger entity that holds an allocated value.
public enum ResourceHolder: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A user: its tunnel /31, tunnel id and allocated DZ IP.
    case user(PublicKey)
    /// A link: its /31 and link id.
    case link(PublicKey)
    /// A device interface (a loopback): its /32 and segment-routing id.
    case interface(device: PublicKey, name: String)
    /// A multicast group: its address.
    case multicastGroup(PublicKey)

    /// `"user <key>"`, `"interface Loopback255 of device <key>"`, …
    public var description: String {
        switch self {
        case .user(let key): "user \(key)"
        case .link(let key): "link \(key)"
        case .interface(let device, let name): "interface \(name) of device \(device)"
        case .multicastGroup(let key): "multicast group \(key)"
        }
    }

    /// Ordered by kind (users, links, interfaces, groups), then by key and name.
    public static func < (lhs: ResourceHolder, rhs: ResourceHolder) -> Bool {
        (lhs.sortKey.rank, lhs.sortKey.key, lhs.sortKey.name) < (rhs.sortKey.rank, rhs.sortKey.key, rhs.sortKey.name)
    }

    private var sortKey: (rank: Int, key: PublicKey, name: String) {
        switch self {
        case .user(let key): (0, key, "")
        case .link(let key): (1, key, "")
        case .interface(let device, let name): (2, device, name)
        case .multicastGroup(let key): (3, key, "")
        }
    }
}
