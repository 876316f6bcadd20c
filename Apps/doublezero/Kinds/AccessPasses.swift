import ArgumentParser
import CommandLineSupport
import Foundation
import Ledger
import Models

/// Access passes: permission for a client key to connect from an IP.
enum AccessPasses: CreatableEntity, UpdatableEntity, DeletableEntity {
    typealias Record = AccessPass
    typealias GetSelector = AccessPassSelector

    static let commandName = "access-pass"
    static let noun = "access pass"
    static let pluralNoun = "access passes"
    static let abstract = "Manage access passes: which client key may connect from which IP, and for how long."
    static let discussion = """
        A user can only be created for a (client IP, user payer) pair that holds an access pass (client \
        IP 0.0.0.0: any IP). Unicast users also need the pass to run until the current epoch; multicast \
        users need the user payer on the group's publisher or subscriber allowlist, which \
        --multicast-publisher and --multicast-subscriber add. Foundation members and the sentinel manage \
        passes. Upstream calls `create` `set` and `delete` `close`; both names work.
        """
    static let createAliases = ["set"]
    static let deleteAliases = ["close"]
    static var subcommands: [any ParsableCommand.Type] {
        [
            CreateEntity<Self>.self, UpdateEntity<Self>.self, DeleteEntity<Self>.self, ListEntities<Self>.self,
            GetEntity<Self>.self,
        ]
    }

    static let referencedKinds: [EntityKind] = [.multicastGroup]
    static var columns: [RecordColumn<AccessPass>] {
        [
            .init("account") { $0.pubkey.base58 },
            .init("accesspass_type") { $0.accessPassType.rawValue },
            .init("type_key", .detail) { $0.typeKey?.base58 ?? "" },
            .init("type_name", .detail) { $0.typeName ?? "" },
            .init("client_ip") { $0.clientIp.description },
            .init("user_payer") { $0.userPayer.base58 },
            .init("multicast") { row in
                let groups = row.accounts.records(MulticastGroup.self)
                return MulticastGroups.roles(
                    publishing: groups.filter { $0.publisherAllowlist.contains(row.userPayer) }.map(\.pubkey),
                    subscribing: groups.filter { $0.subscriberAllowlist.contains(row.userPayer) }.map(\.pubkey),
                    accounts: row.accounts)
            },
            .init("last_access_epoch") { AccessPasses.epochText($0.lastAccessEpoch) },
            .init("remaining_epoch") { row in
                row.lastAccessEpoch == AccessPass.unlimitedEpoch
                    ? "MAX"
                    : String(row.lastAccessEpoch >= row.accounts.epoch ? row.lastAccessEpoch - row.accounts.epoch : 0)
            },
            .init("flags") { $0.allowMultipleIp ? "allow_multiple_ip" : "" },
            .init("connections") { "\($0.connectionCount)" },
            .init("status") { $0.status.rawValue },
            .init("owner", .wide) { $0.owner.base58 },
        ]
    }

    /// By client IP, then user payer.
    static func sortKey(of row: AccountRow<AccessPass>) -> String {
        String(format: "%010u", row.clientIp.value) + "\u{0}" + row.userPayer.base58
    }

    static func deleteInstruction(for record: AccessPass) -> Instruction {
        .closeAccessPass(AccessPassKeyArgs(clientIp: record.clientIp, userPayer: record.userPayer))
    }

    /// The pass in upstream's short text form, e.g. `prepaid: (MAX)` or `solana_validator: (120)`.
    static func summary(_ pass: AccessPass) -> String {
        "\(pass.accessPassType.rawValue): (\(epochText(pass.lastAccessEpoch)))"
    }

    /// An epoch, or `MAX` for a pass without end.
    static func epochText(_ epoch: UInt64) -> String {
        epoch == AccessPass.unlimitedEpoch ? "MAX" : String(epoch)
    }

    /// The `last_access_epoch` that lets a pass run for `epochs` more epochs (no end without a count).
    static func lastAccessEpoch(runningFor epochs: UInt64?, in session: LedgerSession) async throws -> UInt64 {
        guard let epochs else { return AccessPass.unlimitedEpoch }
        let (sum, overflow) = try await session.requireGlobalState().epoch.addingReportingOverflow(epochs)
        return overflow ? AccessPass.unlimitedEpoch : sum
    }

    /// The instructions that put `payer` on the publisher allowlists of `publish` and the subscriber
    /// allowlists of `subscribe` (group codes or keys), skipping lists it is already on.
    static func allowlistInstructions(
        publish: [String], subscribe: [String], payer: PublicKey, in session: LedgerSession
    ) async throws -> [Instruction] {
        var instructions: [Instruction] = []
        for reference in publish {
            let group = try await session.record(MulticastGroup.self, reference: reference)
            if !group.publisherAllowlist.contains(payer) {
                instructions.append(
                    .addMulticastGroupPublisher(MulticastAllowlistArgs(group: group.pubkey, userPayer: payer)))
            }
        }
        for reference in subscribe {
            let group = try await session.record(MulticastGroup.self, reference: reference)
            if !group.subscriberAllowlist.contains(payer) {
                instructions.append(
                    .addMulticastGroupSubscriber(MulticastAllowlistArgs(group: group.pubkey, userPayer: payer)))
            }
        }
        return instructions
    }
}
