import Allocator
import Ledger
import Models
import Testing

/// Checks a ledger state the activator worked on: every allocation in its pool and held once,
/// and device user counters equal to the users on each device.
enum AllocationInvariants {
    /// The ledger's entities that hold allocations.
    static func snapshot(of state: LedgerState) -> AllocationSnapshot {
        AllocationSnapshot(
            globalConfig: state.globalConfig!, devices: Array(state.devices.values), links: Array(state.links.values),
            users: Array(state.users.values), multicastGroups: Array(state.multicastGroups.values))
    }

    /// Records an issue for every violation in `state`.
    static func check(_ state: LedgerState, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let config = state.globalConfig else {
            Issue.record("no global config", sourceLocation: sourceLocation)
            return
        }
        let snapshot = AllocationSnapshot(
            globalConfig: config, devices: Array(state.devices.values), links: Array(state.links.values),
            users: Array(state.users.values), multicastGroups: Array(state.multicastGroups.values))
        let pools = ResourcePools(snapshot: snapshot)
        let findings = pools.audit(snapshot)
        #expect(findings.isEmpty, "audit findings: \(findings)", sourceLocation: sourceLocation)
        // Every value distinct (pool and value), whoever holds it.
        let usages = pools.usages(in: snapshot)
        var seen: [String: ResourceHolder] = [:]
        for usage in usages {
            let key = "\(usage.pool)|\(usage.value)"
            if let other = seen[key] {
                Issue.record(
                    "\(usage.value) in \(usage.pool) held by \(other) and \(usage.holder)",
                    sourceLocation: sourceLocation)
            }
            seen[key] = usage.holder
        }
        for user in state.users.values where user.status == .activated {
            #expect(
                config.userTunnelBlock.contains(user.tunnelNet), "\(user.tunnelNet)", sourceLocation: sourceLocation)
            #expect(user.tunnelId >= 500, sourceLocation: sourceLocation)
        }
        for device in state.devices.values {
            let onDevice = state.users.values.filter { $0.device == device.pubkey && $0.status != .rejected }
            let unicast = onDevice.filter { $0.userType != .multicast }.count
            let multicast = onDevice.filter { $0.userType == .multicast }.count
            #expect(
                Int(device.unicastUsersCount) == unicast, "device \(device.code) unicast",
                sourceLocation: sourceLocation)
            #expect(
                Int(device.multicastUsersCount) == multicast, "device \(device.code) multicast",
                sourceLocation: sourceLocation)
        }
    }
}
