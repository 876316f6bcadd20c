import Ledger
import Models

/// What each device actually holds, counted from the users (not from the device's own counters):
/// the users holding a slot on it, by type. One pass over the users, shared by the checks and the
/// dashboard.
public struct DeviceTally: Sendable, Hashable {
    /// The users holding a slot on one device.
    public struct Counts: Sendable, Hashable {
        /// By user type.
        public var byType: [UserType: Int] = [:]
        /// Unicast users (every type but multicast).
        public var unicast: Int { byType.reduce(0) { $0 + ($1.key.isUnicast ? $1.value : 0) } }
        /// Multicast users.
        public var multicast: Int { byType[.multicast] ?? 0 }
        /// Users of one type.
        public func count(of type: UserType) -> Int { byType[type] ?? 0 }
    }

    /// Counts by device key (devices without users are absent).
    public private(set) var devices: [PublicKey: Counts] = [:]
    /// Users by status, over the whole network.
    public private(set) var usersByStatus: [UserStatus: Int] = [:]

    /// Counts the users of `state`.
    public init(_ state: LedgerState) {
        for user in state.users.values {
            usersByStatus[user.status, default: 0] += 1
            if user.holdsSlot { devices[user.device, default: Counts()].byType[user.userType, default: 0] += 1 }
        }
    }

    /// The counts of `device` (zero when it holds nobody).
    public subscript(device: PublicKey) -> Counts { devices[device] ?? Counts() }
}
