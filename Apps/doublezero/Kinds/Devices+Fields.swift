import ArgumentParser
import CommandLineSupport
import Foundation
import Models

extension Devices {
    /// `device create` flags.
    struct CreateFields: CreateInstructionFields {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code, up to 32 characters (e.g. ny5-dz01).", valueName: "code"))
        var code: String

        /// Owning contributor.
        @Option(name: .long, help: ArgumentHelp("The owning contributor (code or pubkey).", valueName: "contributor"))
        var contributor: String

        /// Where it stands.
        @Option(name: .long, help: ArgumentHelp("Its location (code or pubkey).", valueName: "location"))
        var location: String

        /// Its metro.
        @Option(name: .long, help: ArgumentHelp("Its exchange, i.e. metro (code or pubkey).", valueName: "exchange"))
        var exchange: String

        /// Public IPv4 address.
        @Option(name: .long, help: ArgumentHelp("Its public IPv4 address (global unless transit).", valueName: "ipv4"))
        var publicIP: IPv4Address

        /// Prefixes it hands DoubleZero IPs out of.
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Global prefixes it hands DoubleZero IPs out of, comma-separated (e.g. 64.86.249.80/29).",
                valueName: "prefixes"))
        var dzPrefixes: IPv4PrefixList

        /// The key that signs its telemetry.
        @Option(
            name: .long,
            help: ArgumentHelp(
                "The key that signs its telemetry and BGP status (base58, or `me`).", valueName: "pubkey"))
        var metricsPublisher: KeyReference?

        /// Management VRF.
        @Option(name: .long, help: ArgumentHelp("Management VRF (empty: the default VRF).", valueName: "vrf"))
        var mgmtVrf = ""

        /// Role.
        @Option(name: .long, help: ArgumentHelp("Its role.", valueName: "type"))
        var deviceType = DeviceType.hybrid

        /// Unicast user limit.
        @Option(name: .long, help: ArgumentHelp("Most unicast users it takes (0: none).", valueName: "count"))
        var maxUnicastUsers = Device.defaultMaxUsersPerType

        /// Multicast user limit.
        @Option(name: .long, help: ArgumentHelp("Most multicast users it takes (0: none).", valueName: "count"))
        var maxMulticastUsers = Device.defaultMaxUsersPerType

        /// CreateDevice, with the contributor, location and exchange resolved from codes.
        func instructions(in session: LedgerSession) async throws -> [Instruction] {
            [
                .createDevice(
                    CreateDeviceArgs(
                        code: code, contributor: try await session.key(of: Contributor.self, reference: contributor),
                        location: try await session.key(of: Location.self, reference: location),
                        exchange: try await session.key(of: Exchange.self, reference: exchange),
                        deviceType: deviceType, publicIp: publicIP, dzPrefixes: dzPrefixes.prefixes,
                        metricsPublisher: try metricsPublisher.map(session.publicKey), mgmtVrf: mgmtVrf,
                        maxUnicastUsers: maxUnicastUsers, maxMulticastUsers: maxMulticastUsers))
            ]
        }
    }

    /// `device update` flags.
    struct UpdateFields: UpdateInstructionFields {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New location.
        @Option(name: .long, help: ArgumentHelp("New location (code or pubkey).", valueName: "location"))
        var location: String?

        /// New exchange.
        @Option(name: .long, help: ArgumentHelp("New exchange (code or pubkey).", valueName: "exchange"))
        var exchange: String?

        /// New public IP.
        @Option(name: .long, help: ArgumentHelp("New public IPv4 address.", valueName: "ipv4"))
        var publicIP: IPv4Address?

        /// New prefixes.
        @Option(name: .long, help: ArgumentHelp("New dz_prefixes, comma-separated.", valueName: "prefixes"))
        var dzPrefixes: IPv4PrefixList?

        /// New telemetry key.
        @Option(name: .long, help: ArgumentHelp("New telemetry signing key (base58, or `me`).", valueName: "pubkey"))
        var metricsPublisher: KeyReference?

        /// New management VRF.
        @Option(name: .long, help: ArgumentHelp("New management VRF.", valueName: "vrf"))
        var mgmtVrf: String?

        /// New role.
        @Option(name: .long, help: ArgumentHelp("New role.", valueName: "type"))
        var deviceType: DeviceType?

        /// New unicast limit.
        @Option(name: .long, help: ArgumentHelp("New unicast user limit (0: none).", valueName: "count"))
        var maxUnicastUsers: UInt16?

        /// New multicast limit.
        @Option(name: .long, help: ArgumentHelp("New multicast user limit (0: none).", valueName: "count"))
        var maxMulticastUsers: UInt16?

        /// Drain or undrain (owners: activated ⇄ drained; the foundation may also suspend or reject).
        @Option(
            name: .long,
            help: ArgumentHelp(
                "New status: drained (no new users; needed before delete) or activated; the foundation may also set suspended.",
                valueName: "status"))
        var status: DeviceStatus?

        /// UpdateDevice with the given fields, codes resolved.
        func instructions(updating record: Device, in session: LedgerSession) async throws -> [Instruction] {
            let newLocation = try await session.key(of: Location.self, referenceIfGiven: location)
            let newExchange = try await session.key(of: Exchange.self, referenceIfGiven: exchange)
            return [
                .updateDevice(
                    UpdateDeviceArgs(
                        pubkey: record.pubkey, code: code, deviceType: deviceType, publicIp: publicIP,
                        dzPrefixes: dzPrefixes?.prefixes, metricsPublisher: try metricsPublisher.map(session.publicKey),
                        mgmtVrf: mgmtVrf, location: newLocation, exchange: newExchange,
                        maxUnicastUsers: maxUnicastUsers, maxMulticastUsers: maxMulticastUsers, status: status))
            ]
        }
    }

    /// `device list` filters.
    struct ListFilters: ListFiltering {
        /// Only this contributor's devices.
        @Option(name: .shortAndLong, help: ArgumentHelp("Only this contributor's devices.", valueName: "contributor"))
        var contributor: String?

        /// Only devices in this exchange.
        @Option(name: .long, help: ArgumentHelp("Only devices in this exchange.", valueName: "exchange"))
        var exchange: String?

        /// Only devices at this location.
        @Option(name: .long, help: ArgumentHelp("Only devices at this location.", valueName: "location"))
        var location: String?

        /// Only devices of this role.
        @Option(name: .long, help: ArgumentHelp("Only devices of this role.", valueName: "type"))
        var deviceType: DeviceType?

        /// Only devices with this status.
        @Option(name: .long, help: ArgumentHelp("Only devices with this status.", valueName: "status"))
        var status: DeviceStatus?

        /// Only devices whose code contains this text.
        @Option(name: .long, help: ArgumentHelp("Only devices whose code contains this text.", valueName: "text"))
        var code: String?

        /// Fewer columns.
        @Flag(name: .long, help: "Leave out the dz_prefixes, mgmt_vrf and owner columns.")
        var narrow = false

        /// The query the flags ask for.
        func query(in session: LedgerSession) async throws -> RecordQuery<Device> {
            var query = RecordQuery<Device>()
            query.require(
                "contributor_pk", \.contributor,
                equals: try await session.key(of: Contributor.self, referenceIfGiven: contributor))
            query.require(
                "exchange_pk", \.exchange, equals: try await session.key(of: Exchange.self, referenceIfGiven: exchange))
            query.require(
                "location_pk", \.location, equals: try await session.key(of: Location.self, referenceIfGiven: location))
            query.require("device_type", \.deviceType, equals: deviceType)
            query.require("status", \.status, equals: status)
            query.requireCode(containing: code)
            return query
        }
    }
}
