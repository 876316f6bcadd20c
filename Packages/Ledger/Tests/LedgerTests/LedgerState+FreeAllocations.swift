import Ledger
import Models

/// Free allocations in a ledger state, found the way an activator would: the first candidate
/// that nothing live uses. The random transaction generator hands them to activations it means
/// to be accepted (and picks used ones for activations it means to be refused).
///
/// Links take /31s from the lower part of the device tunnel block and loopbacks /32s from its
/// upper half, so the two never compete for the first candidates.
extension LedgerState {
    /// The addresses held in the device tunnel block by live links and interfaces.
    var heldTunnelBlockNets: [IPv4Prefix] {
        let links = links.values.filter { $0.status != .rejected && !$0.tunnelNet.isUnset }.map(\.tunnelNet)
        let interfaces = devices.values.flatMap { device in
            device.interfaces.filter { $0.status != .rejected }.compactMap(\.ipNet)
        }
        return (links + interfaces).sorted { $0.address < $1.address }
    }

    /// Whether a link (in any status) binds the interface `name` of `device`.
    func isBound(_ name: String, on device: PublicKey) -> Bool {
        links.values.contains {
            ($0.sideA == device && $0.sideAIfaceName == name) || ($0.sideZ == device && $0.sideZIfaceName == name)
        }
    }

    /// The first aligned /31 of the device tunnel block's lower part that nothing live holds.
    func freeLinkTunnelNet() -> IPv4Prefix? {
        guard let block = globalConfig?.deviceTunnelBlock else { return nil }
        return firstFree(in: block, offsets: stride(from: 0, to: 1024, by: 2), length: 31)
    }

    /// The first /32 of the device tunnel block's upper half that nothing live holds.
    func freeLoopbackNet() -> IPv4Prefix? {
        guard let block = globalConfig?.deviceTunnelBlock else { return nil }
        let start = block.size / 2
        return firstFree(in: block, offsets: stride(from: start, to: start + 512, by: 1), length: 32)
    }

    /// The lowest link tunnel id (1...1024) no live link uses.
    func freeLinkTunnelId() -> UInt16? {
        let used = Set(links.values.filter { $0.status != .rejected }.map(\.tunnelId))
        return (1...Link.maxTunnelId).first { !used.contains($0) }
    }

    /// The lowest segment-routing id (1 or more) no live interface uses.
    func freeNodeSegment() -> UInt16 {
        let used = Set(devices.values.flatMap { $0.interfaces.filter { $0.status != .rejected }.map(\.nodeSegmentIdx) })
        return (1...UInt16.max).first { !used.contains($0) } ?? 0
    }

    /// The lowest user allocation slot (as ``UserTestbed/activation(_:slot:dzIp:endpoint:)``
    /// numbers them: tunnel id 500 + slot, the slot-th /31 of 169.254.0.0/24) whose tunnel id no
    /// other user of `device` and whose /31 no other user holds.
    func freeUserSlot(on device: PublicKey, except user: PublicKey) -> UInt16? {
        let others = users.values.filter { $0.pubkey != user }
        let usedIds = Set(others.filter { $0.device == device }.map(\.tunnelId))
        let usedNets = others.map(\.tunnelNet).filter { !$0.isUnset }
        return (0..<UInt16(128)).first { slot in
            let net = IPv4Prefix(uncheckedAddress: IPv4Address(169, 254, 0, UInt8(slot * 2)), length: 31)
            return !usedIds.contains(User.firstTunnelId + slot) && !usedNets.contains { $0.overlaps(net) }
        }
    }

    /// The first address of `prefixes` (skipping each prefix's reserved first address) that no
    /// user other than `user` has as its DZ IP.
    func freeDzIp(in prefixes: [IPv4Prefix], except user: PublicKey) -> IPv4Address? {
        let used = Set(users.values.filter { $0.pubkey != user }.map(\.dzIp))
        for prefix in prefixes {
            for offset in 1..<min(prefix.size, 256) {
                if let address = prefix.address(at: offset), !used.contains(address) { return address }
            }
        }
        return nil
    }

    /// The first address of the multicast group block (after its first) no group uses.
    func freeMulticastGroupIp() -> IPv4Address? {
        guard let block = globalConfig?.multicastGroupBlock else { return nil }
        let used = Set(multicastGroups.values.map(\.multicastIp))
        return (1..<min(block.size, 256)).lazy.compactMap { block.address(at: $0) }.first { !used.contains($0) }
    }

    private func firstFree(
        in block: IPv4Prefix, offsets: StrideTo<UInt64>, length: UInt8
    ) -> IPv4Prefix? {
        let held = heldTunnelBlockNets
        for offset in offsets {
            guard let address = block.address(at: offset) else { return nil }
            let candidate = IPv4Prefix(uncheckedAddress: address, length: length)
            if !held.contains(where: { $0.network.overlaps(candidate) }) { return candidate }
        }
        return nil
    }
}
