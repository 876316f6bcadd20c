import Tunnel

/// Why the dataplane could not build or change a service.
enum HostDataplaneError: Error, CustomStringConvertible {
    /// The tunnel could not be provisioned.
    case tunnel(TunnelProvisioningError)
    /// A netlink request failed.
    case netlink(String, NetlinkError)

    var description: String {
        switch self {
        case .tunnel(let error): "\(error)"
        case .netlink(let step, let error): "\(step): \(error)"
        }
    }
}
