/// What an alert is about: one rule of the network the monitor checks.
///
/// The raw values are the `kind` label of the monitor's metrics and the `kind` field of its JSON.
public enum AlertKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An exchange's BGP community is outside 10000–10999 (RFC 6).
    case exchangeCommunityOutOfRange = "exchange_community_out_of_range"
    /// Two or more exchanges share a BGP community (RFC 6).
    case exchangeCommunityDuplicate = "exchange_community_duplicate"
    /// A device has fewer than two addresses users can tunnel to (RFC 13).
    case deviceTunnelEndpoints = "device_tunnel_endpoints"
    /// A device's unicast or multicast user counter disagrees with the users it holds.
    case deviceUserCountMismatch = "device_user_count_mismatch"
    /// A device holds more users of a type than its limit.
    case deviceUsersOverLimit = "device_users_over_limit"
    /// A user has been pending or deleting for longer than the threshold (is the activator down?).
    case userStuck = "user_stuck"
    /// The Allocator's audit found an allocation held twice, outside its pool, or reserved.
    case allocationConflict = "allocation_conflict"
    /// An address or id pool is fuller than the threshold.
    case poolUtilisation = "pool_utilisation"
    /// A link names a device that does not exist.
    case linkEndMissing = "link_end_missing"
    /// A link in service has an end device that is not activated.
    case linkEndNotActivated = "link_end_not_activated"
    /// A device interface is `unlinked` while an activated link uses it.
    case interfaceUnlinked = "interface_unlinked"
    /// A device has not fetched its config from the controller for longer than the threshold.
    case deviceConfigStale = "device_config_stale"
    /// The controller's metrics could not be read, so config fetches cannot be checked.
    case controllerUnreachable = "controller_unreachable"

    /// How urgent alerts of this kind are.
    public var severity: AlertSeverity {
        switch self {
        case .exchangeCommunityOutOfRange, .exchangeCommunityDuplicate, .deviceUserCountMismatch,
            .deviceUsersOverLimit, .allocationConflict, .linkEndMissing:
            .critical
        case .deviceTunnelEndpoints, .userStuck, .poolUtilisation, .linkEndNotActivated, .interfaceUnlinked,
            .deviceConfigStale, .controllerUnreachable:
            .warning
        }
    }

    /// A short title for tables and logs.
    public var title: String {
        switch self {
        case .exchangeCommunityOutOfRange: "BGP community out of range"
        case .exchangeCommunityDuplicate: "BGP community duplicated"
        case .deviceTunnelEndpoints: "too few user tunnel endpoints"
        case .deviceUserCountMismatch: "user counter disagrees"
        case .deviceUsersOverLimit: "users over limit"
        case .userStuck: "user stuck"
        case .allocationConflict: "allocation conflict"
        case .poolUtilisation: "pool filling up"
        case .linkEndMissing: "link end missing"
        case .linkEndNotActivated: "link end not activated"
        case .interfaceUnlinked: "interface unlinked in an activated link"
        case .deviceConfigStale: "device stopped fetching its config"
        case .controllerUnreachable: "controller metrics unreachable"
        }
    }
}
