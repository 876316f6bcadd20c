import Models

/// Why a ledger user cannot be turned into a service.
public enum WantedServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The user's device is not in the ledger.
    case unknownDevice(PublicKey)
    /// The user's tunnel network is not a /31.
    case badTunnelNet(IPv4Prefix)
    /// Neither the user nor the device gives a tunnel endpoint.
    case noTunnelEndpoint(String)

    /// What went wrong.
    public var description: String {
        switch self {
        case .unknownDevice(let key): "its device \(key) is not in the ledger"
        case .badTunnelNet(let prefix): "its tunnel net \(prefix) is not a /31"
        case .noTunnelEndpoint(let code): "neither it nor its device \(code) has a tunnel endpoint"
        }
    }
}
