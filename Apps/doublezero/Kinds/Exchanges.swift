import ArgumentParser
import CommandLineSupport
import Ledger
import Models

/// Exchanges: metro areas that group devices (RFC 6 metro routing).
enum Exchanges: CreatableEntity, UpdatableEntity, DeletableEntity, SuspendableEntity {
    typealias Record = Exchange

    static let commandName = "exchange"
    static let noun = "exchange"
    static let abstract = "Manage exchanges: the metro areas that group devices."
    static let discussion = """
        An exchange is a metro (e.g. nyc). At creation it gets a unique BGP community from 10000–10999 \
        (taken from the global config's next_bgp_community). Devices tag their users' routes with \
        21682:1200 and 21682:<community>, and do not send users routes from their own metro, so \
        traffic inside a metro stays on the local internet. Fix a wrong value with \
        `exchange update --bgp-community`.
        """
    static var subcommands: [any ParsableCommand.Type] {
        [
            CreateEntity<Self>.self, UpdateEntity<Self>.self, DeleteEntity<Self>.self, ListEntities<Self>.self,
            GetEntity<Self>.self, SuspendOrResumeEntity<Self, Suspension>.self,
            SuspendOrResumeEntity<Self, Resumption>.self,
        ]
    }

    static let referencedKinds: [EntityKind] = [.device]
    static var columns: [RecordColumn<Exchange>] {
        [
            .init("account") { $0.pubkey.base58 },
            .init("code") { $0.code },
            .init("name") { $0.name },
            .init("device1") { $0.accounts.code(of: $0.device1) },
            .init("device2") { $0.accounts.code(of: $0.device2) },
            .init("lat") { "\($0.latitude)" },
            .init("lng") { "\($0.longitude)" },
            .init("bgp_community") { "\($0.bgpCommunity)" },
            .init("reference_count", .detail) { "\($0.referenceCount)" },
            .init("status") { $0.status.rawValue },
            .init("owner") { $0.owner.base58 },
        ]
    }

    static func deleteInstruction(for record: Exchange) -> Instruction {
        .deleteExchange(PubkeyArgs(pubkey: record.pubkey))
    }
    static func suspendInstruction(_ key: PublicKey) -> Instruction { .suspendExchange(PubkeyArgs(pubkey: key)) }
    static func resumeInstruction(_ key: PublicKey) -> Instruction { .resumeExchange(PubkeyArgs(pubkey: key)) }

    /// `exchange create` flags.
    struct CreateFields: CreateInstructionFields {
        /// Unique code.
        @Option(name: .long, help: ArgumentHelp("Unique code, up to 32 characters (e.g. nyc).", valueName: "code"))
        var code: String

        /// Human-readable name.
        @Option(name: .long, help: ArgumentHelp("Name, up to 64 characters (e.g. \"New York\").", valueName: "name"))
        var name: String

        /// Coordinates of the metro.
        @OptionGroup var coordinates: CoordinateFields

        /// CreateExchange (the ledger assigns the BGP community).
        func instructions(in session: LedgerSession) async throws -> [Instruction] {
            [
                .createExchange(
                    CreateExchangeArgs(code: code, name: name, latitude: coordinates.lat, longitude: coordinates.lng))
            ]
        }
    }

    /// `exchange update` flags.
    struct UpdateFields: UpdateInstructionFields {
        /// New code.
        @Option(name: .long, help: ArgumentHelp("New code.", valueName: "code"))
        var code: String?

        /// New name.
        @Option(name: .long, help: ArgumentHelp("New name.", valueName: "name"))
        var name: String?

        /// New coordinates.
        @OptionGroup var coordinates: CoordinateChanges

        /// Replacement BGP community.
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Replace the metro's BGP community (10000–10999; must not be used by another exchange).",
                valueName: "community"))
        var bgpCommunity: UInt16?

        /// Rejects a community outside 10000–10999 (Models' rule), as a usage error.
        func validate() throws {
            if let bgpCommunity {
                try ProgramError.checkingUsage(flag: "--bgp-community") { () throws(ProgramError) in
                    try Exchange.validateBgpCommunity(bgpCommunity)
                }
            }
        }

        /// UpdateExchange with the given fields.
        func instructions(updating record: Exchange, in session: LedgerSession) async throws -> [Instruction] {
            [
                .updateExchange(
                    UpdateExchangeArgs(
                        pubkey: record.pubkey, code: code, name: name, latitude: coordinates.lat,
                        longitude: coordinates.lng, bgpCommunity: bgpCommunity))
            ]
        }
    }
}
