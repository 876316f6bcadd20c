import Models

/// The activated users of every device, placed in their tunnel slots.
///
/// A user is skipped when its record cannot make a working tunnel: tunnel id 0 or outside the
/// rendered slots, client IP or DZ IP unset, DZ IP a BGP martian, tunnel net not a /31. When two
/// users claim the same slot the later one (ledger order) wins. When two slots carry the same
/// (tunnel source, client IP) pair, the lower slot wins and the higher one is left out entirely,
/// cleanup lines included (RFC 13 users avoid this by terminating on different endpoints).
struct UserTunnelIndex: Sendable {
    /// The rendered slot ids.
    let slots: ClosedRange<UInt16>
    /// Activated users by device, ledger order.
    private let usersByDevice: [PublicKey: [User]]
    /// Group addresses (and their dotted form, the boundary list's sort key) by group key; groups
    /// without an address are left out.
    private let groupAddresses: [PublicKey: (address: IPv4Address, text: String)]

    /// Indexes `users` (ledger order) and the group addresses.
    init(users: [User], multicastGroups: [MulticastGroup], slots: ClosedRange<UInt16>) {
        self.slots = slots
        usersByDevice = Dictionary(grouping: users.filter { $0.status == .activated }, by: \.device)
        var addresses: [PublicKey: (address: IPv4Address, text: String)] = [:]
        for group in multicastGroups where !group.multicastIp.isUnspecified {
            addresses[group.pubkey] = (group.multicastIp, group.multicastIp.description)
        }
        groupAddresses = addresses
    }

    /// Every slot of `device`, by id, with the user holding it.
    func tunnels(of device: Device) -> [DeviceConfigTunnel] {
        var holders = [DeviceConfigTunnelUser?](repeating: nil, count: slots.count)
        for user in usersByDevice[device.pubkey] ?? [] {
            guard slots.contains(user.tunnelId), let tunnel = tunnelUser(user, on: device) else { continue }
            holders[Int(user.tunnelId - slots.lowerBound)] = tunnel
        }
        var seenUnderlays = Set<UInt64>()
        var tunnels: [DeviceConfigTunnel] = []
        tunnels.reserveCapacity(holders.count)
        for (offset, holder) in holders.enumerated() {
            if let holder {
                let pair = UInt64(holder.underlaySource.value) << 32 | UInt64(holder.underlayDestination.value)
                guard seenUnderlays.insert(pair).inserted else { continue }
            }
            tunnels.append(DeviceConfigTunnel(id: slots.lowerBound + UInt16(offset), user: holder))
        }
        return tunnels
    }

    /// The tunnel an activated user gets, or nil when its record is unusable.
    private func tunnelUser(_ user: User, on device: Device) -> DeviceConfigTunnelUser? {
        guard !user.clientIp.isUnspecified, !user.dzIp.isUnspecified, !user.dzIp.isBGPMartian,
            let halves = user.tunnelNet.halves
        else { return nil }
        let service: DeviceConfigTunnelUser.Service
        if user.userType == .multicast {
            let publishers = user.publishers.compactMap { groupAddresses[$0] }
            let subscribers = user.subscribers.compactMap { groupAddresses[$0] }
            // Upstream sorts the boundary list as dotted strings: 239.0.0.10 before 239.0.0.2.
            var seen = Set<IPv4Address>()
            let boundary = (publishers + subscribers).filter { seen.insert($0.address).inserted }
                .sorted { $0.text < $1.text }
            service = .multicast(
                publishers: publishers.map(\.address), subscribers: subscribers.map(\.address),
                boundary: boundary.map(\.address))
        } else {
            service = .unicast(vrf: 1, metroRouting: true)
        }
        return DeviceConfigTunnelUser(
            pubkey: user.pubkey, service: service,
            underlaySource: user.tunnelEndpoint.isUnspecified ? device.publicIp : user.tunnelEndpoint,
            underlayDestination: user.clientIp, overlaySource: halves.lower, overlayDestination: halves.upper,
            dzIp: user.dzIp)
    }
}
