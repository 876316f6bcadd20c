import Ledger
import Models

extension NetworkChecks {
    /// The link statuses that carry traffic (or are meant to, once undrained).
    static let inService: Set<LinkStatus> = [.activated, .softDrained, .hardDrained]

    /// Links whose ends are missing or not activated, and upstream's unlinked-interface audit.
    func linkFindings(_ state: LedgerState) -> [Finding] {
        var findings: [Finding] = []
        for link in state.links.values where link.status != .rejected {
            let subject = Self.subject(link)
            let ends = [("A", link.sideA, link.sideAIfaceName), ("Z", link.sideZ, link.sideZIfaceName)]
            for (side, key, interfaceName) in ends {
                guard let device = state.devices[key] else {
                    findings.append(
                        Finding(
                            .linkEndMissing, subject,
                            "link \(link.code) (\(link.status.rawValue)) names side \(side) device \(key.base58), "
                                + "which is not in the ledger; delete the link (doublezero link delete --pubkey "
                                + "\(link.code)) or recreate the device",
                            detail: side))
                    continue
                }
                guard Self.inService.contains(link.status) else { continue }
                if device.status != .activated {
                    findings.append(
                        Finding(
                            .linkEndNotActivated, subject,
                            "link \(link.code) is \(link.status.rawValue) but its side \(side) device "
                                + "\(device.code) is \(device.status.rawValue); traffic over it has nowhere to go — "
                                + "bring \(device.code) back or drain the link (doublezero link update --pubkey "
                                + "\(link.code) --status soft_drained)",
                            detail: side))
                }
                if link.status == .activated, let interface = device.interface(named: interfaceName),
                    interface.status == .unlinked
                {
                    findings.append(
                        Finding(
                            .interfaceUnlinked, subject,
                            "interface \(interface.name) of \(device.code) is unlinked, but activated link "
                                + "\(link.code) uses it; the device will not carry the link — re-create the link "
                                + "or fix the interface's status",
                            detail: side))
                }
            }
        }
        return findings
    }
}
