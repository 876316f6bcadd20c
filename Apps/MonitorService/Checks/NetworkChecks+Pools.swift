import Allocator
import Ledger
import Models

extension NetworkChecks {
    /// The Allocator's audit, and pools fuller than the threshold.
    func poolFindings(_ report: PoolReport, state: LedgerState) -> [Finding] {
        var findings: [Finding] = []
        for finding in report.findings {
            switch finding.kind {
            case .duplicateUsage, .usedOutsidePool, .usesReservedAddress, .unknownPool, .usedButNotAllocated:
                let pool = PoolReport.name(of: finding.pool, in: state)
                // At most five holders by name: a value held by hundreds must not make a huge alert.
                var holders = finding.holders.prefix(5).map { Self.describe($0, in: state) }.joined(separator: ", ")
                if finding.holders.count > 5 { holders += " and \(finding.holders.count - 5) more" }
                let what =
                    switch finding.kind {
                    case .duplicateUsage: "is held by several entities (\(holders))"
                    case .usedOutsidePool: "is held outside pool \(pool) by \(holders)"
                    case .usesReservedAddress: "is a reserved address of \(pool), held by \(holders)"
                    case .unknownPool: "is held in \(pool), a pool that does not exist, by \(holders)"
                    default: "is held by \(holders) but \(pool) does not have it allocated"
                    }
                findings.append(
                    Finding(
                        .allocationConflict, AlertSubject(kind: "pool", id: pool, label: pool),
                        "\(finding.value) \(what); traffic to it can go to the wrong place — delete or re-create "
                            + "the holder that should not have it, so the activator allocates it afresh",
                        detail: "\(finding.kind.rawValue)/\(finding.value)"))
            case .allocatedButNotUsed:
                continue  // rebuilt pools hold only what entities use; nothing leaks here
            }
        }
        for pool in report.pools where pool.utilisation.capacity > 0 {
            let fraction = pool.utilisation.fraction
            guard fraction > thresholds.poolUtilisation else { continue }
            findings.append(
                Finding(
                    .poolUtilisation, AlertSubject(kind: "pool", id: pool.name, label: pool.name),
                    "pool \(pool.name) is \(Int((fraction * 100).rounded()))% full (\(pool.utilisation)), above "
                        + "\(Int((thresholds.poolUtilisation * 100).rounded()))%; widen it (doublezero global-config "
                        + "set) or add capacity before it runs out"))
        }
        return findings
    }

    /// `user <key>`, `link ams-dz01:fra-dz01`, `interface Loopback255 of ams-dz01`, `multicast group mg01`.
    static func describe(_ holder: ResourceHolder, in state: LedgerState) -> String {
        switch holder {
        case .user(let key): "user \(key.base58)"
        case .link(let key): "link \(state.links[key]?.code ?? key.base58)"
        case .interface(let device, let name): "interface \(name) of \(state.devices[device]?.code ?? device.base58)"
        case .multicastGroup(let key): "multicast group \(state.multicastGroups[key]?.code ?? key.base58)"
        }
    }
}
