import Models

/// Something that holds addresses of the device tunnel block: a link's /31 or an interface's
/// address (a loopback /32, or one end of a link /31).
enum TunnelBlockHolder: Hashable, Sendable {
    /// A link's `tunnel_net`.
    case link(PublicKey)
    /// An interface's `ip_net`.
    case interface(DeviceInterfaceRef)
}

/// Verification of the activator's allocations (DESIGN.md decision 3): a value the activator
/// hands in must not collide with any live allocation. Live means the holder is neither rejected
/// nor removed; deleting holders keep their values until the activator closes them.
extension ExecutionContext {
    /// Fails with `AllocationFailed` if `net` overlaps the `tunnel_net` of a live link or the
    /// `ip_net` of a live interface of any device, other than the holders in `except`.
    ///
    /// - Parameter subject: names what `net` is for, for example `loopback Loopback255 of device la2-dz01`.
    func requireFreeTunnelBlockAddress(
        _ net: IPv4Prefix, for subject: @autoclosure () -> String, except: Set<TunnelBlockHolder> = [],
        field: String
    ) throws(ProgramError) {
        let wanted = net.network
        for link in state.links.values.sorted(by: { $0.pubkey < $1.pubkey })
        where link.status != .rejected && !link.tunnelNet.isUnset && !except.contains(.link(link.pubkey)) {
            if link.tunnelNet.network.overlaps(wanted) {
                throw ProgramError(
                    .allocationFailed,
                    "\(net) for \(subject()) collides with tunnel_net \(link.tunnelNet) of link \(link.code)",
                    field: field)
            }
        }
        for device in state.devices.values.sorted(by: { $0.pubkey < $1.pubkey }) {
            for interface in device.interfaces where interface.status != .rejected {
                guard let held = interface.ipNet,
                    !except.contains(.interface(DeviceInterfaceRef(device: device.pubkey, name: interface.name)))
                else { continue }
                if held.network.overlaps(wanted) {
                    throw ProgramError(
                        .allocationFailed,
                        "\(net) for \(subject()) collides with ip_net \(held) of interface \(interface.name) on device \(device.code)",
                        field: field)
                }
            }
        }
    }

    /// Fails with `AllocationFailed` if a live interface other than `except`, on any device,
    /// already has segment-routing node index `index`.
    func requireFreeNodeSegment(_ index: UInt16, except: DeviceInterfaceRef) throws(ProgramError) {
        for device in state.devices.values.sorted(by: { $0.pubkey < $1.pubkey }) {
            for interface in device.interfaces
            where interface.status != .rejected && interface.nodeSegmentIdx == index
                && DeviceInterfaceRef(device: device.pubkey, name: interface.name) != except
            {
                throw ProgramError(
                    .allocationFailed,
                    "node_segment_idx \(index) is already used by interface \(interface.name) on device \(device.code)",
                    field: "node_segment_idx")
            }
        }
    }

    /// Fails with `AllocationFailed` if a live link other than `except` already has `tunnel_id` `id`.
    func requireFreeLinkTunnelId(_ id: UInt16, except: PublicKey) throws(ProgramError) {
        if let other = state.links.values.sorted(by: { $0.pubkey < $1.pubkey }).first(where: {
            $0.pubkey != except && $0.status != .rejected && $0.tunnelId == id
        }) {
            throw ProgramError(
                .allocationFailed, "tunnel_id \(id) is already used by link \(other.code)", field: "tunnel_id")
        }
    }
}
