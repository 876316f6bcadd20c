/// The kinds of entity the ledger stores; the raw value names them in URLs, JSON and SQL.
public enum EntityKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// The global-state singleton.
    case globalState = "global_state"
    /// The global-config singleton.
    case globalConfig = "global_config"
    /// Locations.
    case location
    /// Exchanges.
    case exchange
    /// Contributors.
    case contributor
    /// Devices (with their interfaces).
    case device
    /// Links.
    case link
    /// Users.
    case user
    /// Multicast groups.
    case multicastGroup = "multicast_group"
    /// Access passes.
    case accessPass = "access_pass"
}
