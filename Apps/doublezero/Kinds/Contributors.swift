import ArgumentParser
import Ledger
import Models

/// Contributors: the organisations that own and run devices and links.
enum Contributors: CreatableEntity, UpdatableEntity, DeletableEntity, SuspendableEntity {
    typealias Record = Contributor

    static let commandName = "contributor"
    static let noun = "contributor"
    static let abstract = "Manage contributors: the organisations that own and run devices and links."
    static let discussion = """
        A contributor's owner key manages its devices and links. A contributor cannot be deleted while \
        devices or links refer to it.
        """
    static var subcommands: [any ParsableCommand.Type] {
        [
            CreateEntity<Self>.self, UpdateEntity<Self>.self, DeleteEntity<Self>.self, ListEntities<Self>.self,
            GetEntity<Self>.self, SuspendOrResumeEntity<Self, Suspension>.self,
            SuspendOrResumeEntity<Self, Resumption>.self,
        ]
    }

    static var columns: [RecordColumn<Contributor>] {
        [
            .init("account") { $0.pubkey.base58 },
            .init("code") { $0.code },
            .init("ops_manager", .detail) { $0.opsManager?.base58 ?? "" },
            .init("reference_count", .detail) { "\($0.referenceCount)" },
            .init("status") { $0.status.rawValue },
            .init("owner") { $0.owner.base58 },
        ]
    }

    static func deleteInstruction(for record: Contributor) -> Instruction {
        .deleteContributor(PubkeyArgs(pubkey: record.pubkey))
    }
    static func suspendInstruction(_ key: PublicKey) -> Instruction { .suspendContributor(PubkeyArgs(pubkey: key)) }
    static func resumeInstruction(_ key: PublicKey) -> Instruction { .resumeContributor(PubkeyArgs(pubkey: key)) }

    /// `contributor create` flags.
    struct CreateFields: CreateInstructionFields {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code, up to 32 characters.", valueName: "code"))
        var code: String

        /// The key that manages the contributor's devices and links.
        @Option(
            name: .long,
            help: ArgumentHelp("The key that manages its devices and links (base58, or `me`).", valueName: "pubkey"))
        var owner: KeyReference

        /// CreateContributor.
        func instructions(in session: LedgerSession) async throws -> [Instruction] {
            [.createContributor(CreateContributorArgs(code: code, owner: try session.publicKey(owner)))]
        }
    }

    /// `contributor update` flags.
    struct UpdateFields: UpdateInstructionFields {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New owner key.
        @Option(name: .long, help: ArgumentHelp("New owner key (base58, or `me`).", valueName: "pubkey"))
        var owner: KeyReference?

        /// Operations manager key.
        @Option(name: .long, help: ArgumentHelp("Operations manager key (base58, or `me`).", valueName: "pubkey"))
        var opsManager: KeyReference?

        /// UpdateContributor with the given fields.
        func instructions(updating record: Contributor, in session: LedgerSession) async throws -> [Instruction] {
            [
                .updateContributor(
                    UpdateContributorArgs(
                        pubkey: record.pubkey, code: code, owner: try owner.map(session.publicKey),
                        opsManager: try opsManager.map(session.publicKey)))
            ]
        }
    }
}
