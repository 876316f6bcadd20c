import ArgumentParser
import CommandLineSupport
import Foundation
import Ledger
import Models

/// Links: the circuits between two devices.
enum Links: CreatableEntity, UpdatableEntity, DeletableEntity {
    typealias Record = Link

    static let commandName = "link"
    static let noun = "link"
    static let abstract = "Manage links: the circuits that join two devices."
    static let discussion = """
        A link binds an interface on side A to an interface on side Z. WAN links join two devices of the \
        same contributor; DZX links cross contributors and side Z names its interface when it accepts \
        (`link accept`) or refuses the request (`link decline`); until accepted, a DZX request holds \
        nothing on the side-Z device. Bandwidth is 10–400 Gbps, MTU 9000, delay and jitter 0.01–1000 ms; the delay \
        sets the IS-IS metric. New links are Pending until the activator allocates their tunnel /31 and \
        ID. Drain a link (`update --status soft_drained|hard_drained`) before deleting it.
        """
    static var subcommands: [any ParsableCommand.Type] {
        [
            CreateEntity<Self>.self, UpdateEntity<Self>.self, DeleteEntity<Self>.self, ListEntities<Self>.self,
            GetEntity<Self>.self, AcceptLink.self, DeclineLink.self,
        ]
    }

    static let referencedKinds: [EntityKind] = [.contributor, .device]
    static var columns: [RecordColumn<Link>] {
        [
            .init("account") { $0.pubkey.base58 },
            .init("code") { $0.code },
            .init("contributor") { $0.accounts.code(of: $0.contributor) },
            .init("side_a_name") { $0.accounts.code(of: $0.sideA) },
            .init("side_a_iface_name") { $0.sideAIfaceName },
            .init("side_z_name") { $0.accounts.code(of: $0.sideZ) },
            .init("side_z_iface_name") { $0.sideZIfaceName },
            .init("link_type") { $0.linkType.rawValue },
            .init("bandwidth") { Bandwidth(bitsPerSecond: $0.bandwidth).description },
            .init("mtu", .wide) { "\($0.mtu)" },
            .init("delay_ms") { Links.milliseconds($0.delayNs) },
            .init("jitter_ms") { Links.milliseconds($0.jitterNs) },
            .init("delay_override_ms", .wide) { Links.milliseconds($0.delayOverrideNs) },
            .init("tunnel_id") { "\($0.tunnelId)" },
            .init("tunnel_net") { $0.tunnelNet.isUnset ? "" : $0.tunnelNet.description },
            .init("reject_reason", .detail) { $0.rejectReason ?? "" },
            .init("status") { $0.status.rawValue },
            .init("owner", .wide) { $0.owner.base58 },
        ]
    }

    static func deleteInstruction(for record: Link) -> Instruction { .deleteLink(PubkeyArgs(pubkey: record.pubkey)) }

    /// Nanoseconds as milliseconds with up to three decimals (`1.5`, `0.01`).
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        var text = String(format: "%.3f", Double(nanoseconds) / 1_000_000)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Milliseconds given with `flag` as nanoseconds, checked against Models' link delay range.
    static func nanoseconds(milliseconds: Double, flag: String) throws -> UInt64 {
        let nanoseconds = (milliseconds * 1_000_000).rounded()
        guard nanoseconds >= 0, nanoseconds < Double(UInt64.max), Link.delayRange.contains(UInt64(nanoseconds)) else {
            throw ValidationError(
                "\(flag) must be between \(Links.milliseconds(Link.delayRange.lowerBound)) and "
                    + "\(Links.milliseconds(Link.delayRange.upperBound)) milliseconds (got \(milliseconds)).")
        }
        return UInt64(nanoseconds)
    }

    /// `bandwidth` given with `flag`, checked against Models' link bandwidth range.
    static func checkBandwidth(_ bandwidth: Bandwidth, flag: String) throws {
        guard Link.bandwidthRange.contains(bandwidth.bitsPerSecond) else {
            throw ValidationError(
                "\(flag) must be between \(Bandwidth(bitsPerSecond: Link.bandwidthRange.lowerBound)) and "
                    + "\(Bandwidth(bitsPerSecond: Link.bandwidthRange.upperBound)) (got \(bandwidth)).")
        }
    }
}
