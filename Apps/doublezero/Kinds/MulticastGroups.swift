import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// Multicast groups: the channels publishers send to and subscribers join.
enum MulticastGroups: CreatableEntity, UpdatableEntity, DeletableEntity, SuspendableEntity {
    typealias Record = MulticastGroup

    static let commandName = "multicast-group"
    static let noun = "multicast group"
    static let abstract = "Manage multicast groups: the channels publishers send to and subscribers join."
    static let discussion = """
        A group gets a multicast address from the global config's multicast group block when the \
        activator activates it. Publishers get their DoubleZero IP from the global publisher pool. Who \
        may publish or subscribe is the group's allowlists of client keys (`allowlist publisher|subscriber \
        add`). A group can only be deleted when no user publishes or subscribes to it.
        """
    static var subcommands: [any ParsableCommand.Type] {
        [
            CreateEntity<Self>.self, UpdateEntity<Self>.self, DeleteEntity<Self>.self, ListEntities<Self>.self,
            GetEntity<Self>.self, SuspendOrResumeEntity<Self, Suspension>.self,
            SuspendOrResumeEntity<Self, Resumption>.self, AllowlistCommand.self,
        ]
    }
    static let resumeCommandName = "reactivate"

    static var columns: [RecordColumn<MulticastGroup>] {
        [
            .init("account") { $0.pubkey.base58 },
            .init("code") { $0.code },
            .init("multicast_ip") { $0.multicastIp.description },
            .init("max_bandwidth") { Bandwidth(bitsPerSecond: $0.maxBandwidth).description },
            .init("publishers") { "\($0.publisherCount)" },
            .init("subscribers") { "\($0.subscriberCount)" },
            .init("reject_reason", .detail) { $0.rejectReason ?? "" },
            .init("status") { $0.status.rawValue },
            .init("owner") { $0.owner.base58 },
        ]
    }

    /// The group's allowlists, one row per (mode, client key).
    static func detailTables(of row: AccountRow<MulticastGroup>) -> [TextTable] {
        let entries =
            row.publisherAllowlist.map { ["publisher", $0.base58] }
            + row.subscriberAllowlist.map { ["subscriber", $0.base58] }
        return entries.isEmpty ? [] : [TextTable(header: ["mode", "user_payer"], rows: entries)]
    }

    static func deleteInstruction(for record: MulticastGroup) -> Instruction {
        .deleteMulticastGroup(PubkeyArgs(pubkey: record.pubkey))
    }
    static func suspendInstruction(_ key: PublicKey) -> Instruction { .suspendMulticastGroup(PubkeyArgs(pubkey: key)) }
    static func resumeInstruction(_ key: PublicKey) -> Instruction {
        .reactivateMulticastGroup(PubkeyArgs(pubkey: key))
    }

    /// Roles in groups as upstream prints them: `P:mg01,P:mg02,S:mg03` (codes of the groups fetched in
    /// `accounts`).
    static func roles(publishing: [PublicKey], subscribing: [PublicKey], accounts: ReferencedAccounts) -> String {
        (publishing.map { "P:" + accounts.code(of: $0) } + subscribing.map { "S:" + accounts.code(of: $0) })
            .joined(separator: ",")
    }

    /// `multicast-group create` flags.
    struct CreateFields: CreateInstructionFields {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code, up to 32 characters (e.g. mg01).", valueName: "code"))
        var code: String

        /// Bandwidth cap.
        @Option(name: .long, help: ArgumentHelp("Bandwidth cap, more than 0 (e.g. 10Gbps).", valueName: "bandwidth"))
        var maxBandwidth: Bandwidth

        /// Owner key.
        @Option(name: .long, help: ArgumentHelp("The owning key (base58, or `me`).", valueName: "pubkey"))
        var owner: KeyReference

        /// CreateMulticastGroup.
        func instructions(in session: LedgerSession) async throws -> [Instruction] {
            [
                .createMulticastGroup(
                    CreateMulticastGroupArgs(
                        code: code, maxBandwidth: maxBandwidth.bitsPerSecond, owner: try session.publicKey(owner)))
            ]
        }
    }

    /// `multicast-group update` flags.
    struct UpdateFields: UpdateInstructionFields {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New bandwidth cap.
        @Option(name: .long, help: ArgumentHelp("New bandwidth cap.", valueName: "bandwidth"))
        var maxBandwidth: Bandwidth?

        /// New owner.
        @Option(name: .long, help: ArgumentHelp("New owning key (base58, or `me`).", valueName: "pubkey"))
        var owner: KeyReference?

        /// UpdateMulticastGroup with the given fields.
        func instructions(updating record: MulticastGroup, in session: LedgerSession) async throws -> [Instruction] {
            [
                .updateMulticastGroup(
                    UpdateMulticastGroupArgs(
                        pubkey: record.pubkey, code: code, maxBandwidth: maxBandwidth?.bitsPerSecond,
                        owner: try owner.map(session.publicKey)))
            ]
        }
    }
}
