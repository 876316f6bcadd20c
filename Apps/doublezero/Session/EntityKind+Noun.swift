import Ledger

extension EntityKind {
    /// The kind as a phrase in messages, e.g. `multicast group`.
    var noun: String {
        switch self {
        case .globalState: "global state"
        case .globalConfig: "global config"
        case .location: "location"
        case .exchange: "exchange"
        case .contributor: "contributor"
        case .device: "device"
        case .link: "link"
        case .user: "user"
        case .multicastGroup: "multicast group"
        case .accessPass: "access pass"
        }
    }
}
