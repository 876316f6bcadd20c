import ArgumentParser
import CommandLineSupport
import Ledger
import Models

extension AccessPasses {
    /// `access-pass get`: picks a pass by its (client IP, user payer) pair.
    struct AccessPassSelector: RecordSelecting {
        /// The pass's client IP.
        @Option(name: .long, help: ArgumentHelp("The client IP the pass admits (0.0.0.0: any).", valueName: "ipv4"))
        var clientIP: IPv4Address

        /// The pass's payer key.
        @Option(name: .long, help: ArgumentHelp("The client key it admits (base58, or `me`).", valueName: "pubkey"))
        var userPayer: KeyReference

        /// The pass for (client IP, user payer).
        func record<Record: LedgerRecord>(_ type: Record.Type, in session: LedgerSession) async throws -> Record {
            let payer = try session.publicKey(userPayer)
            let key = EntitySeed.accessPass(clientIp: clientIP, userPayer: payer).publicKey
            guard let record = try await session.record(Record.self, at: key) else {
                throw CommandFailure("no access pass for client IP \(clientIP) and user payer \(payer)")
            }
            return record
        }
    }

    /// `access-pass create` (`set`) flags.
    struct CreateFields: CreateInstructionFields {
        /// The kind of pass.
        @Option(name: .long, help: ArgumentHelp("The kind of pass.", valueName: "type"))
        var accesspassType = AccessPassType.prepaid

        /// The IP it admits.
        @Option(name: .long, help: ArgumentHelp("The client IP it admits (0.0.0.0: any IP).", valueName: "ipv4"))
        var clientIP: IPv4Address

        /// The key it admits.
        @Option(name: .long, help: ArgumentHelp("The client key it admits (base58, or `me`).", valueName: "pubkey"))
        var userPayer: KeyReference

        /// How many epochs it lasts.
        @Option(name: .long, help: ArgumentHelp("Epochs it lasts from now. (default: no end)", valueName: "count"))
        var epochs: UInt64?

        /// The validator or RPC node key for those pass types.
        @Option(
            name: .long, help: ArgumentHelp("The Solana node key (solana_validator, solana_rpc).", valueName: "pubkey"))
        var solanaValidator: PublicKey?

        /// The arrangement's name for `others` passes.
        @Option(name: .long, help: ArgumentHelp("What the pass is for (others).", valueName: "name"))
        var othersName: String?

        /// Let the payer connect from more than one IP.
        @Flag(name: .customLong("allow-multiple-ip"), help: "Let the payer connect from more than one IP.")
        var allowMultipleIP = false

        /// Groups the holder may publish to.
        @Option(name: .long, help: ArgumentHelp("A group the holder may publish to (repeatable).", valueName: "group"))
        var multicastPublisher: [String] = []

        /// Groups the holder may subscribe to.
        @Option(
            name: .long, help: ArgumentHelp("A group the holder may subscribe to (repeatable).", valueName: "group"))
        var multicastSubscriber: [String] = []

        /// Rejects a pass type without the key or name it needs.
        func validate() throws {
            let needsNodeKey = accesspassType == .solanaValidator || accesspassType == .solanaRPC
            if needsNodeKey && solanaValidator == nil {
                throw ValidationError("--accesspass-type \(accesspassType.rawValue) needs --solana-validator.")
            }
            if accesspassType == .others && othersName == nil {
                throw ValidationError("--accesspass-type others needs --others-name.")
            }
        }

        /// SetAccessPass, then the allowlist additions for the groups named.
        func instructions(in session: LedgerSession) async throws -> [Instruction] {
            let payer = try session.publicKey(userPayer)
            let pass = SetAccessPassArgs(
                accessPassType: accesspassType, typeKey: solanaValidator, typeName: othersName, clientIp: clientIP,
                userPayer: payer,
                lastAccessEpoch: try await AccessPasses.lastAccessEpoch(runningFor: epochs, in: session),
                allowMultipleIp: allowMultipleIP)
            return [.setAccessPass(pass)]
                + (try await AccessPasses.allowlistInstructions(
                    publish: multicastPublisher, subscribe: multicastSubscriber, payer: payer, in: session))
        }
    }

    /// `access-pass update` flags.
    struct UpdateFields: UpdateInstructionFields {
        /// New length.
        @Option(name: .long, help: ArgumentHelp("Epochs it lasts from now.", valueName: "count"))
        var epochs: UInt64?

        /// No end.
        @Flag(name: .long, help: "Let it run without end.")
        var unlimited = false

        /// New multiple-IP setting.
        @Flag(
            name: .customLong("allow-multiple-ip"), inversion: .prefixedNo,
            help: "Whether the payer may connect from more than one IP.")
        var allowMultipleIP: Bool?

        /// Groups to add to the publisher allowlist.
        @Option(name: .long, help: ArgumentHelp("Allow publishing to this group (repeatable).", valueName: "group"))
        var multicastPublisher: [String] = []

        /// Groups to add to the subscriber allowlist.
        @Option(name: .long, help: ArgumentHelp("Allow subscribing to this group (repeatable).", valueName: "group"))
        var multicastSubscriber: [String] = []

        /// Rejects --epochs together with --unlimited.
        func validate() throws {
            if epochs != nil && unlimited {
                throw ValidationError("--epochs and --unlimited cannot be used together; pick one.")
            }
        }

        /// SetAccessPass with the pass's other fields kept, then the allowlist additions.
        func instructions(updating record: AccessPass, in session: LedgerSession) async throws -> [Instruction] {
            var lastAccessEpoch = record.lastAccessEpoch
            if unlimited { lastAccessEpoch = AccessPass.unlimitedEpoch }
            if let epochs { lastAccessEpoch = try await AccessPasses.lastAccessEpoch(runningFor: epochs, in: session) }
            let pass = SetAccessPassArgs(
                accessPassType: record.accessPassType, typeKey: record.typeKey, typeName: record.typeName,
                clientIp: record.clientIp, userPayer: record.userPayer, lastAccessEpoch: lastAccessEpoch,
                allowMultipleIp: allowMultipleIP ?? record.allowMultipleIp)
            return [.setAccessPass(pass)]
                + (try await AccessPasses.allowlistInstructions(
                    publish: multicastPublisher, subscribe: multicastSubscriber, payer: record.userPayer, in: session))
        }
    }

    /// `access-pass list` filters.
    struct ListFilters: ListFiltering {
        /// Only passes for this IP.
        @Option(name: .long, help: ArgumentHelp("Only passes for this client IP.", valueName: "ipv4"))
        var clientIP: IPv4Address?

        /// Only passes for this payer.
        @Option(
            name: .long, help: ArgumentHelp("Only passes for this client key (base58, or `me`).", valueName: "pubkey"))
        var userPayer: KeyReference?

        /// Only passes of this kind.
        @Option(name: .long, help: ArgumentHelp("Only passes of this kind.", valueName: "type"))
        var accesspassType: AccessPassType?

        /// Fewer columns.
        @Flag(name: .long, help: "Leave out the owner column.")
        var narrow = false

        /// The query the flags ask for.
        func query(in session: LedgerSession) async throws -> RecordQuery<AccessPass> {
            var query = RecordQuery<AccessPass>()
            query.require("client_ip", \.clientIp, equals: clientIP)
            query.require("user_payer", \.userPayer, equals: try userPayer.map(session.publicKey))
            query.require("accesspass_type", \.accessPassType, equals: accesspassType)
            return query
        }
    }
}
