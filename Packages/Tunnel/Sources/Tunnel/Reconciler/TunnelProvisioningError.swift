import Models

/// Why one tunnel could not be provisioned or removed; the other tunnels are unaffected.
public enum TunnelProvisioningError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The overlay is not a `/31`.
    case overlayNotSlash31(tunnel: String, overlay: IPv4Prefix)
    /// A netlink step failed.
    case netlink(tunnel: String, step: String, NetlinkError)
    /// The userspace datapath could not be started.
    case datapath(tunnel: String, TunnelDatapathError)
    /// A link of that name exists and is not this tunnel.
    case nameTaken(tunnel: String, kind: String?)

    /// A sentence naming the tunnel, the step and the cause.
    public var description: String {
        switch self {
        case .overlayNotSlash31(let tunnel, let overlay):
            return "tunnel \(tunnel): overlay \(overlay) is not a /31"
        case .netlink(let tunnel, let step, let error):
            return "tunnel \(tunnel): \(step): \(error)"
        case .datapath(_, let error):
            return error.description
        case .nameTaken(let tunnel, let kind):
            return "tunnel \(tunnel): a \(kind ?? "non-tunnel") link of that name already exists"
        }
    }
}
