import ArgumentParser
import CommandLineSupport
import Foundation
import Models

extension Links {
    /// `link create` flags.
    struct CreateFields: CreateInstructionFields {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code (e.g. ny5-dz01:la2-dz01).", valueName: "code"))
        var code: String

        /// Side-A device.
        @Option(
            name: .long,
            help: ArgumentHelp("Side A device (code or pubkey); its contributor runs the link.", valueName: "device"))
        var sideA: String

        /// Side-A interface.
        @Option(name: .long, help: ArgumentHelp("Side A interface name (e.g. Ethernet1).", valueName: "name"))
        var sideAInterface: String

        /// Side-Z device.
        @Option(name: .long, help: ArgumentHelp("Side Z device (code or pubkey).", valueName: "device"))
        var sideZ: String

        /// Side-Z interface (WAN only).
        @Option(
            name: .long,
            help: ArgumentHelp("Side Z interface name (WAN only; DZX: given on accept).", valueName: "name"))
        var sideZInterface: String?

        /// WAN or DZX.
        @Option(name: .long, help: ArgumentHelp("The link's kind.", valueName: "type"))
        var linkType = LinkType.wan

        /// Capacity.
        @Option(name: .long, help: ArgumentHelp("Capacity, 10Gbps to 400Gbps (e.g. 10Gbps).", valueName: "bandwidth"))
        var bandwidth: Bandwidth

        /// MTU.
        @Option(name: .long, help: ArgumentHelp("MTU; must be 9000.", valueName: "bytes"))
        var mtu = Link.mtu

        /// One-way delay.
        @Option(name: .long, help: ArgumentHelp("Delay in milliseconds, 0.01 to 1000.", valueName: "ms"))
        var delayMs: Double

        /// Jitter.
        @Option(name: .long, help: ArgumentHelp("Jitter in milliseconds, 0.01 to 1000.", valueName: "ms"))
        var jitterMs: Double

        /// Rejects a side-Z interface on a DZX link, a missing one on a WAN link, and out-of-range values.
        func validate() throws {
            switch (linkType, sideZInterface) {
            case (.wan, nil):
                throw ValidationError("a WAN link needs --side-z-interface.")
            case (.dzx, .some):
                throw ValidationError("a DZX link takes no --side-z-interface; side Z names it when it accepts.")
            default:
                break
            }
            try Links.checkBandwidth(bandwidth, flag: "--bandwidth")
            _ = try Links.nanoseconds(milliseconds: delayMs, flag: "--delay-ms")
            _ = try Links.nanoseconds(milliseconds: jitterMs, flag: "--jitter-ms")
        }

        /// CreateLink with the devices resolved from codes.
        func instructions(in session: LedgerSession) async throws -> [Instruction] {
            [
                .createLink(
                    CreateLinkArgs(
                        code: code, sideA: try await session.key(of: Device.self, reference: sideA),
                        sideZ: try await session.key(of: Device.self, reference: sideZ), linkType: linkType,
                        bandwidth: bandwidth.bitsPerSecond, mtu: mtu,
                        delayNs: try Links.nanoseconds(milliseconds: delayMs, flag: "--delay-ms"),
                        jitterNs: try Links.nanoseconds(milliseconds: jitterMs, flag: "--jitter-ms"),
                        sideAIfaceName: sideAInterface, sideZIfaceName: sideZInterface))
            ]
        }
    }

    /// `link update` flags.
    struct UpdateFields: UpdateInstructionFields {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New capacity.
        @Option(name: .long, help: ArgumentHelp("New capacity (e.g. 100Gbps).", valueName: "bandwidth"))
        var bandwidth: Bandwidth?

        /// New delay.
        @Option(name: .long, help: ArgumentHelp("New delay in milliseconds.", valueName: "ms"))
        var delayMs: Double?

        /// New jitter.
        @Option(name: .long, help: ArgumentHelp("New jitter in milliseconds.", valueName: "ms"))
        var jitterMs: Double?

        /// Delay override for the IS-IS metric.
        @Option(
            name: .long,
            help: ArgumentHelp("Delay used for the IS-IS metric instead of the measured one (0: off).", valueName: "ms")
        )
        var delayOverrideMs: Double?

        /// Operator intent.
        @Option(
            name: [.customLong("status"), .customLong("desired-status")],
            help: ArgumentHelp("New status: activated, soft_drained or hard_drained (RFC 9).", valueName: "status"))
        var status: LinkStatus?

        /// Rejects out-of-range values.
        func validate() throws {
            if let bandwidth { try Links.checkBandwidth(bandwidth, flag: "--bandwidth") }
            if let delayMs { _ = try Links.nanoseconds(milliseconds: delayMs, flag: "--delay-ms") }
            if let jitterMs { _ = try Links.nanoseconds(milliseconds: jitterMs, flag: "--jitter-ms") }
            if let delayOverrideMs, delayOverrideMs != 0 {
                _ = try Links.nanoseconds(milliseconds: delayOverrideMs, flag: "--delay-override-ms")
            }
        }

        /// UpdateLink with the given fields.
        func instructions(updating record: Link, in session: LedgerSession) async throws -> [Instruction] {
            let overrideNs = try delayOverrideMs.map {
                $0 == 0 ? 0 : try Links.nanoseconds(milliseconds: $0, flag: "--delay-override-ms")
            }
            return [
                .updateLink(
                    UpdateLinkArgs(
                        pubkey: record.pubkey, code: code, bandwidth: bandwidth?.bitsPerSecond,
                        delayNs: try delayMs.map { try Links.nanoseconds(milliseconds: $0, flag: "--delay-ms") },
                        jitterNs: try jitterMs.map { try Links.nanoseconds(milliseconds: $0, flag: "--jitter-ms") },
                        delayOverrideNs: overrideNs, status: status))
            ]
        }
    }

    /// `link list` filters.
    struct ListFilters: ListFiltering {
        /// Only this contributor's links.
        @Option(name: .shortAndLong, help: ArgumentHelp("Only this contributor's links.", valueName: "contributor"))
        var contributor: String?

        /// Only links with this side-A device.
        @Option(name: .long, help: ArgumentHelp("Only links with this side A device.", valueName: "device"))
        var sideA: String?

        /// Only links with this side-Z device.
        @Option(name: .long, help: ArgumentHelp("Only links with this side Z device.", valueName: "device"))
        var sideZ: String?

        /// Only links of this kind.
        @Option(name: .long, help: ArgumentHelp("Only links of this kind.", valueName: "type"))
        var linkType: LinkType?

        /// Only links with this status.
        @Option(name: .long, help: ArgumentHelp("Only links with this status.", valueName: "status"))
        var status: LinkStatus?

        /// Only links whose code contains this text.
        @Option(name: .long, help: ArgumentHelp("Only links whose code contains this text.", valueName: "text"))
        var code: String?

        /// Fewer columns.
        @Flag(name: .long, help: "Leave out the mtu, delay_override_ms and owner columns.")
        var narrow = false

        /// The query the flags ask for.
        func query(in session: LedgerSession) async throws -> RecordQuery<Link> {
            var query = RecordQuery<Link>()
            query.require(
                "contributor_pk", \.contributor,
                equals: try await session.key(of: Contributor.self, referenceIfGiven: contributor))
            query.require("side_a_pk", \.sideA, equals: try await session.key(of: Device.self, referenceIfGiven: sideA))
            query.require("side_z_pk", \.sideZ, equals: try await session.key(of: Device.self, referenceIfGiven: sideZ))
            query.require("link_type", \.linkType, equals: linkType)
            query.require("status", \.status, equals: status)
            query.requireCode(containing: code)
            return query
        }
    }
}
