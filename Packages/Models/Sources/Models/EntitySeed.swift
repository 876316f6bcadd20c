/// The natural key of an entity as the byte string its public key is derived from.
///
/// Upstream derives every account address from `"doublezero"` plus a type seed plus the
/// entity's identifying parts; we keep the same tuples. Hashing the bytes into a
/// ``PublicKey`` needs SHA-256, which lives in the Ledger package, so this type is only the data.
public enum EntitySeed: Hashable, Sendable {
    /// The global-state singleton.
    case globalState
    /// The global-config singleton.
    case globalConfig
    /// A location, by account index.
    case location(index: UInt64)
    /// An exchange, by account index.
    case exchange(index: UInt64)
    /// A contributor, by account index.
    case contributor(index: UInt64)
    /// A device, by account index.
    case device(index: UInt64)
    /// A link, by account index.
    case link(index: UInt64)
    /// A multicast group, by account index.
    case multicastGroup(index: UInt64)
    /// A user: one per client IP and user type.
    case user(clientIp: IPv4Address, userType: UserType)
    /// An access pass: one per client IP (0.0.0.0 = any) and user payer.
    case accessPass(clientIp: IPv4Address, userPayer: PublicKey)

    /// The prefix every seed starts with.
    public static let prefix = Array("doublezero".utf8)

    /// The seed bytes: prefix, type seed, then the parts (indexes as 16-byte little-endian
    /// integers, as upstream's u128; addresses as 4 bytes in network order).
    public var bytes: [UInt8] {
        switch self {
        case .globalState: Self.prefix + Array("globalstate".utf8)
        case .globalConfig: Self.prefix + Array("config".utf8)
        case .location(let index): Self.prefix + Array("location".utf8) + Self.u128(index)
        case .exchange(let index): Self.prefix + Array("exchange".utf8) + Self.u128(index)
        case .contributor(let index): Self.prefix + Array("contributor".utf8) + Self.u128(index)
        case .device(let index): Self.prefix + Array("device".utf8) + Self.u128(index)
        case .link(let index): Self.prefix + Array("link".utf8) + Self.u128(index)
        case .multicastGroup(let index): Self.prefix + Array("multicast".utf8) + Self.u128(index)
        case .user(let clientIp, let userType):
            Self.prefix + Array("user".utf8) + clientIp.bytes + [Self.wireValue(of: userType)]
        case .accessPass(let clientIp, let userPayer):
            Self.prefix + Array("accesspass".utf8) + clientIp.bytes + userPayer.bytes
        }
    }

    /// The upstream one-byte value of a user type (IBRL 0 ... Multicast 3).
    public static func wireValue(of userType: UserType) -> UInt8 {
        switch userType {
        case .ibrl: 0
        case .ibrlWithAllocatedIP: 1
        case .edgeFiltering: 2
        case .multicast: 3
        }
    }

    private static func u128(_ value: UInt64) -> [UInt8] {
        (0..<16).map { $0 < 8 ? UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) : 0 }
    }
}
