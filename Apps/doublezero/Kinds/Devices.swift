import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// Devices (DZDs): the routers that carry DoubleZero traffic and terminate user tunnels.
enum Devices: CreatableEntity, UpdatableEntity, DeletableEntity {
    typealias Record = Device

    static let commandName = "device"
    static let noun = "device"
    static let abstract = "Manage devices: the routers (DZDs) that carry traffic and terminate user tunnels."
    static let discussion = """
        A device stands at a location, belongs to an exchange (metro) and a contributor, and has a public \
        IP plus one or more dz_prefixes it hands DoubleZero IPs out of. Users connect to it over GRE. \
        It takes at most --max-unicast-users unicast and --max-multicast-users multicast users (48 each \
        by default; 0 means none of that type). New devices are Pending until the activator allocates \
        their resources. Drain a device (`update --status drained`) and remove its interfaces before \
        deleting it.
        """
    static var subcommands: [any ParsableCommand.Type] {
        [
            CreateEntity<Self>.self, UpdateEntity<Self>.self, DeleteEntity<Self>.self, ListEntities<Self>.self,
            GetEntity<Self>.self, DeviceInterfaceCommand.self,
        ]
    }

    static let referencedKinds: [EntityKind] = [.contributor, .location, .exchange]
    static var columns: [RecordColumn<Device>] {
        [
            .init("account") { $0.pubkey.base58 },
            .init("code") { $0.code },
            .init("contributor") { $0.accounts.code(of: $0.contributor) },
            .init("location") { $0.accounts.code(of: $0.location) },
            .init("exchange") { $0.accounts.code(of: $0.exchange) },
            .init("device_type") { $0.deviceType.rawValue },
            .init("public_ip") { $0.publicIp.description },
            .init("dz_prefixes", .wide) { IPv4PrefixList($0.dzPrefixes).description },
            .init("cyoa_ips") { row in
                row.interfaces.filter { $0.cyoa != .none }.compactMap { $0.ipNet?.address.description }
                    .joined(separator: ",")
            },
            .init("unicast_users") { "\($0.unicastUsersCount)/\($0.maxUnicastUsers)" },
            .init("multicast_users") { "\($0.multicastUsersCount)/\($0.maxMulticastUsers)" },
            .init("metrics_publisher", .detail) { $0.metricsPublisher?.base58 ?? "" },
            .init("reference_count", .detail) { "\($0.referenceCount)" },
            .init("reject_reason", .detail) { $0.rejectReason ?? "" },
            .init("status") { $0.status.rawValue },
            .init("mgmt_vrf", .wide) { $0.mgmtVrf },
            .init("owner", .wide) { $0.owner.base58 },
        ]
    }

    /// By exchange name, then code (as upstream).
    static func sortKey(of row: AccountRow<Device>) -> String {
        (row.accounts.record(Exchange.self, at: row.exchange)?.name ?? "") + "\u{0}" + row.code
    }

    /// The device's interfaces.
    static func detailTables(of row: AccountRow<Device>) -> [TextTable] {
        guard !row.interfaces.isEmpty else { return [] }
        let rows = row.interfaces.map { DeviceInterfaceRow(device: row.record, interface: $0) }
        return [TextTable(columns: DeviceInterfaceRow.columns(includingDevice: false), rows: rows)]
    }

    static func deleteInstruction(for record: Device) -> Instruction {
        .deleteDevice(PubkeyArgs(pubkey: record.pubkey))
    }
}
