import Ledger
import Models

extension NetworkChecks {
    /// RFC 13 endpoints, and each device's counters against the users it holds and its limits.
    func deviceFindings(_ state: LedgerState, tally: DeviceTally) -> [Finding] {
        var findings: [Finding] = []
        for device in state.devices.values where device.status != .rejected && device.status != .deleting {
            let subject = Self.subject(device)
            let endpoints = device.userTunnelEndpoints
            if endpoints.count < thresholds.tunnelEndpoints {
                findings.append(
                    Finding(
                        .deviceTunnelEndpoints, subject,
                        "device \(device.code) has \(endpoints.count) user tunnel endpoint"
                            + "\(endpoints.count == 1 ? "" : "s") (\(endpoints.map(\.description).joined(separator: ", "))); "
                            + "RFC 13 needs \(thresholds.tunnelEndpoints) so a host can hold a unicast and a multicast "
                            + "tunnel to it; add one: doublezero device interface create --device \(device.code) "
                            + "--name Loopback100 --ip-net A.B.C.D/32 --user-tunnel-endpoint"))
            }
            let held = tally[device.pubkey]
            let families: [(name: String, counter: Int, holding: Int, limit: Int, flag: String)] = [
                (
                    "unicast", Int(device.unicastUsersCount), held.unicast, Int(device.maxUnicastUsers),
                    "max-unicast-users"
                ),
                (
                    "multicast", Int(device.multicastUsersCount), held.multicast, Int(device.maxMulticastUsers),
                    "max-multicast-users"
                ),
            ]
            for family in families {
                if family.counter != family.holding {
                    findings.append(
                        Finding(
                            .deviceUserCountMismatch, subject,
                            "device \(device.code) counts \(family.counter) \(family.name) users but \(family.holding) "
                                + "hold a \(family.name) slot on it; the ledger's counter is wrong, so admission "
                                + "decisions for this device are too — compare with doublezero user list",
                            detail: family.name))
                }
                let most = max(family.counter, family.holding)
                if most > family.limit {
                    findings.append(
                        Finding(
                            .deviceUsersOverLimit, subject,
                            "device \(device.code) holds \(most) \(family.name) users, over its limit of "
                                + "\(family.limit); raise it (doublezero device update --pubkey \(device.code) "
                                + "--\(family.flag) N) or move users to another device",
                            detail: family.name))
                }
            }
        }
        return findings
    }
}
