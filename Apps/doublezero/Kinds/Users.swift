import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// Users: one account per tunnel of a user host.
enum Users: CreatableEntity, DeletableEntity {
    typealias Record = User
    typealias GetSelector = PubkeySelector

    static let commandName = "user"
    static let noun = "user"
    static let abstract = "Manage users: the accounts behind each user host's tunnels."
    static let discussion = """
        A user is one tunnel of one host (client IP) to one device. A host may hold one unicast user \
        (tunnel doublezero0) and one multicast user (doublezero1) at the same time, on different tunnel \
        endpoints. `doublezero connect` normally creates users; these verbs are for administrators. \
        The signer is the user's owner and needs an access pass for the client IP. New users are \
        Pending until the activator allocates their tunnel /31, tunnel ID and DoubleZero IP.
        """
    static var subcommands: [any ParsableCommand.Type] {
        [
            CreateEntity<Self>.self, DeleteEntity<Self>.self, ListEntities<Self>.self, GetEntity<Self>.self,
            SubscribeUser.self, RequestBanUser.self,
        ]
    }

    static let referencedKinds: [EntityKind] = [.device, .location, .multicastGroup, .accessPass]
    static var columns: [RecordColumn<User>] {
        [
            .init("account") { $0.pubkey.base58 },
            .init("user_type") { $0.userType.rawValue },
            .init("groups") { row in
                MulticastGroups.roles(publishing: row.publishers, subscribing: row.subscribers, accounts: row.accounts)
            },
            .init("device") { $0.accounts.code(of: $0.device) },
            .init("location") { row in
                row.accounts.record(Device.self, at: row.device)
                    .flatMap { row.accounts.record(Location.self, at: $0.location)?.name } ?? ""
            },
            .init("cyoa_type") { $0.cyoaType.rawValue },
            .init("client_ip") { $0.clientIp.description },
            .init("dz_ip") { $0.dzIp.description },
            .init("accesspass", .wide) { row in
                [IPv4Address.unspecified, row.clientIp]
                    .compactMap {
                        row.accounts.record(
                            AccessPass.self, at: EntitySeed.accessPass(clientIp: $0, userPayer: row.owner).publicKey)
                    }
                    .first.map(AccessPasses.summary) ?? ""
            },
            .init("tunnel_id") { "\($0.tunnelId)" },
            .init("tunnel_net", .wide) { $0.tunnelNet.isUnset ? "" : $0.tunnelNet.description },
            .init("tunnel_endpoint", .wide) { $0.tunnelEndpoint.description },
            .init("validator_pubkey", .detail) { $0.validatorPubkey?.base58 ?? "" },
            .init("reject_reason", .detail) { $0.rejectReason ?? "" },
            .init("status") { $0.status.rawValue },
            .init("owner", .wide) { $0.owner.base58 },
        ]
    }

    /// By device code, then tunnel ID (as upstream).
    static func sortKey(of row: AccountRow<User>) -> String {
        let tunnel = String(row.tunnelId)
        return row.accounts.code(of: row.device) + "\u{0}" + String(repeating: "0", count: 5 - tunnel.count) + tunnel
            + "\u{0}" + row.pubkey.base58
    }

    static func deleteInstruction(for record: User) -> Instruction { .deleteUser(PubkeyArgs(pubkey: record.pubkey)) }
}
