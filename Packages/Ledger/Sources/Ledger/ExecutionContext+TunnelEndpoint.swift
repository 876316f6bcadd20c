import Models

/// The RFC 13 tunnel endpoint rules, shared by user creation and activation.
///
/// A user's GRE tunnel runs between its client IP and one device address: the device's public
/// IP (`tunnel_endpoint` 0.0.0.0 means exactly that) or a user-tunnel-endpoint interface.
/// Devices have no GRE keys, so one client IP may not have two live tunnels on the same
/// (device, endpoint) pair.
extension ExecutionContext {
    /// Fails with `InvalidTunnelEndpoint` unless `endpoint` is 0.0.0.0 or one of `device`'s
    /// user tunnel endpoints, and no other user of `clientIp` holding a slot terminates on the
    /// same address of the same device.
    ///
    /// - Parameter user: the user being created or activated (left out of the comparison).
    func requireUsableTunnelEndpoint(
        _ endpoint: IPv4Address, on device: Device, clientIp: IPv4Address, for user: PublicKey
    ) throws(ProgramError) {
        let endpoints = device.userTunnelEndpoints
        guard endpoint.isUnspecified || endpoints.contains(endpoint) else {
            throw ProgramError(
                .invalidTunnelEndpoint,
                "tunnel_endpoint \(endpoint) is not a user tunnel endpoint of device \(device.code) (\(endpoints.map(\.description).joined(separator: ", ")))",
                field: "tunnel_endpoint")
        }
        let address = device.terminatingAddress(of: endpoint)
        if let other = state.users.values.first(where: {
            $0.pubkey != user && $0.clientIp == clientIp && $0.device == device.pubkey && $0.holdsSlot
                && device.terminatingAddress(of: $0.tunnelEndpoint) == address
        }) {
            throw ProgramError(
                .invalidTunnelEndpoint,
                "client \(clientIp) already has a tunnel to \(address) on device \(device.code) (user \(other.pubkey), \(other.userType.rawValue)); RFC 13: a second tunnel needs another user tunnel endpoint (0.0.0.0 means the public IP \(device.publicIp))",
                field: "tunnel_endpoint")
        }
    }

    /// Fails with `InvalidTunnelEndpoint` if the activation moves a tunnel whose endpoint was
    /// already chosen: when `user` names an endpoint (other than 0.0.0.0), `activated` must
    /// resolve to the same device address. A user created with 0.0.0.0 leaves the choice to
    /// the activator.
    func requireKeepsChosenTunnelEndpoint(_ activated: IPv4Address, of user: User, on device: Device)
        throws(ProgramError)
    {
        guard !user.tunnelEndpoint.isUnspecified else { return }
        guard device.terminatingAddress(of: activated) == device.terminatingAddress(of: user.tunnelEndpoint) else {
            throw ProgramError(
                .invalidTunnelEndpoint,
                "user \(user.pubkey) uses tunnel endpoint \(user.tunnelEndpoint); the activation may not move it to \(activated)",
                field: "tunnel_endpoint")
        }
    }
}

extension Device {
    /// The device address a tunnel with `endpoint` terminates on: the public IP for 0.0.0.0.
    fileprivate func terminatingAddress(of endpoint: IPv4Address) -> IPv4Address {
        endpoint.isUnspecified ? publicIp : endpoint
    }
}
