import Foundation
import Ledger
import Models
import PropertyBased
import Testing

/// Replay determinism, as a property: for random sequences of transactions over the global,
/// location, exchange and contributor instructions (valid and invalid, several signers, replays,
/// submitted through two services sharing one file), replaying the log from empty gives the
/// state the services hold, and reopening the file gives it too.
@Suite struct ReplayDeterminismTests {
    @Test func replayingTheLogFromEmptyRebuildsTheSameState() async {
        var totals = RunTotals()
        await propertyCheck(count: 50, input: Gen.int(in: 0...Int.max)) { seed in
            let totalsOfRun = try await Self.check(seed: UInt64(seed))
            totals.add(totalsOfRun)
        }
        print("replay determinism totals: \(totals)")
        // The generator must exercise both sides of the program, across many error codes.
        #expect(totals.accepted > 200, "\(totals)")
        #expect(totals.rejected > 200, "\(totals)")
        #expect(totals.rejectionCodes.count >= 8, "\(totals)")
        #expect(totals.rejectionCodes.contains(.replayedTransaction), "\(totals)")
    }

    /// Runs one random scenario; records an issue naming `seed` for each broken property.
    static func check(seed: UInt64) async throws -> RunTotals {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        var generator = TransactionGenerator(seed: seed)
        var totals = RunTotals()
        let services = [try LedgerService(path: path), try LedgerService(path: path)]

        for _ in 0..<generator.transactionCount {
            let transaction = generator.nextTransaction()
            let service = services[generator.pick(2)]
            do throws(LedgerError) {
                let receipt = try await service.submit(transaction)
                generator.accepted(transaction, receipt)
                totals.accepted += 1
            } catch {
                guard case .rejected(let programError) = error else {
                    Issue.record("seed \(seed): submit failed: \(error)")
                    return totals
                }
                totals.rejected += 1
                totals.rejectionCodes.insert(programError.code)
            }
        }

        let head = try await services[0].head()
        let state = try await services[0].currentState()
        #expect(try await services[1].head() == head, "seed \(seed): the two services disagree")
        #expect(head.stateHash == state.stateHash, "seed \(seed)")
        #expect(head.sequence == UInt64(totals.accepted), "seed \(seed)")

        let report = try LedgerVerifier.verify(path: path)
        #expect(report.isValid, "seed \(seed): \(report)")
        #expect(report.stateHash == head.stateHash, "seed \(seed): replay gives another state")
        #expect(report.finalPosition == LogPosition(sequence: head.sequence, hash: head.hash), "seed \(seed)")

        for service in services { await service.close() }
        let reopened = try LedgerService(path: path)
        #expect(try await reopened.head() == head, "seed \(seed): reopening gives another head")
        #expect(try await reopened.currentState() == state, "seed \(seed): reopening gives another state")
        await reopened.close()
        return totals
    }
}

extension ReplayDeterminismTests {
    /// What the scenarios did, summed.
    struct RunTotals: CustomStringConvertible {
        var accepted = 0
        var rejected = 0
        var rejectionCodes: Set<ErrorCode> = []

        mutating func add(_ other: RunTotals) {
            accepted += other.accepted
            rejected += other.rejected
            rejectionCodes.formUnion(other.rejectionCodes)
        }

        var description: String {
            "\(accepted) accepted, \(rejected) rejected, codes: \(rejectionCodes.map(\.name).sorted())"
        }
    }

    /// A small deterministic random source (SplitMix64), so a failing seed reproduces exactly.
    struct SeededRandomSource: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// Random transactions over the instructions implemented so far, with arguments drawn to hit
    /// both accepted and refused cases, and knowledge of the entities created so far.
    struct TransactionGenerator {
        private var random: SeededRandomSource
        private let foundation: Keypair
        private let signers: [Keypair]
        private var nonces: [PublicKey: UInt64] = [:]
        private var acceptedTransactions: [SignedTransaction] = []
        private var known: [EntityKind: [PublicKey]] = [:]
        let transactionCount: Int

        init(seed: UInt64) {
            random = SeededRandomSource(seed: seed)
            var generator = random
            func keypair() -> Keypair {
                // 32 seeded bytes always make a valid Ed25519 seed.
                try! Keypair(seed: (0..<4).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } })
            }
            foundation = keypair()
            signers = [foundation, keypair(), keypair(), keypair()]
            random = generator
            transactionCount = 20 + Int(generator.next() % 41)
        }

        /// A number in 0..<count.
        mutating func pick(_ count: Int) -> Int { Int.random(in: 0..<count, using: &random) }

        /// True with probability `percent`/100.
        mutating func chance(_ percent: Int) -> Bool { pick(100) < percent }

        mutating func element<T>(_ items: [T]) -> T { items[pick(items.count)] }

        /// Notes what an accepted transaction created.
        mutating func accepted(_ transaction: SignedTransaction, _ receipt: SubmitReceipt) {
            acceptedTransactions.append(transaction)
            for change in receipt.changes
            where change.entity != nil && !(known[change.ref.kind] ?? []).contains(change.ref.pubkey) {
                known[change.ref.kind, default: []].append(change.ref.pubkey)
            }
        }

        mutating func nextTransaction() -> SignedTransaction {
            if acceptedTransactions.isEmpty && chance(90) {
                return sign([.initGlobalState, .setGlobalConfig(config(valid: true))], by: foundation)
            }
            if !acceptedTransactions.isEmpty && chance(5) {
                return element(acceptedTransactions)  // an exact replay
            }
            let instructions = (0..<element([1, 1, 1, 1, 1, 1, 1, 2, 2, 3])).map { _ in nextInstruction() }
            let signer = chance(75) ? foundation : element(signers)
            if let earlier = acceptedTransactions.last(where: { $0.message.signer == signer.publicKey }), chance(3) {
                // Another message under a nonce the signer already used.
                return SignedTransaction(
                    signing: TransactionMessage(
                        signer: signer.publicKey, nonce: earlier.message.nonce, instructions: instructions),
                    with: signer)
            }
            return sign(instructions, by: signer)
        }

        private mutating func sign(_ instructions: [Instruction], by signer: Keypair) -> SignedTransaction {
            let nonce = (nonces[signer.publicKey] ?? 0) + 1
            nonces[signer.publicKey] = nonce
            return SignedTransaction(
                signing: TransactionMessage(signer: signer.publicKey, nonce: nonce, instructions: instructions),
                with: signer)
        }

        private mutating func nextInstruction() -> Instruction {
            switch pick(24) {
            case 0: return .initGlobalState
            case 1:
                return .setAuthority(
                    SetAuthorityArgs(activatorAuthority: anyKey(), sentinelAuthority: chance(50) ? anyKey() : nil))
            case 2: return .addFoundationAllowlist(PubkeyArgs(pubkey: element(signers).publicKey))
            case 3: return .removeFoundationAllowlist(PubkeyArgs(pubkey: element(signers).publicKey))
            case 4:
                return chance(50)
                    ? .addQaAllowlist(PubkeyArgs(pubkey: anyKey())) : .removeQaAllowlist(PubkeyArgs(pubkey: anyKey()))
            case 5: return .setGlobalConfig(config(valid: chance(70)))
            case 6:
                return .addMulticastPublisherBlock(
                    PrefixArgs(prefix: element(["147.51.128.0/24", "147.51.130.0/24", "147.51.126.0/23"])))
            case 7: return .setEpoch(SetEpochArgs(epoch: UInt64(pick(40))))
            case 8, 9:
                return .createLocation(
                    CreateLocationArgs(
                        code: code(), name: name(),
                        country: element(["US", "DE", "JP", "NL", "SG", "GB", "USA", "1X"]), latitude: latitude(),
                        longitude: longitude(), locId: UInt32(pick(1000))))
            case 10:
                return .updateLocation(
                    UpdateLocationArgs(
                        pubkey: key(of: .location), code: chance(30) ? code() : nil, name: chance(40) ? name() : nil,
                        country: chance(20) ? element(["NL", "GBR"]) : nil, latitude: chance(30) ? latitude() : nil,
                        longitude: chance(30) ? longitude() : nil, locId: chance(20) ? UInt32(pick(100)) : nil))
            case 11: return lifecycle(.location)
            case 12, 13:
                return .createExchange(
                    CreateExchangeArgs(code: code(), name: name(), latitude: latitude(), longitude: longitude()))
            case 14:
                return .updateExchange(
                    UpdateExchangeArgs(
                        pubkey: key(of: .exchange), code: chance(30) ? code() : nil, name: chance(40) ? name() : nil,
                        latitude: chance(30) ? latitude() : nil, longitude: chance(30) ? longitude() : nil,
                        bgpCommunity: chance(40) ? UInt16(9_995 + pick(20)) : nil))
            case 15: return lifecycle(.exchange)
            case 16, 17:
                return .createContributor(CreateContributorArgs(code: code(), owner: element(signers).publicKey))
            case 18:
                return .updateContributor(
                    UpdateContributorArgs(
                        pubkey: key(of: .contributor), code: chance(20) ? code() : nil,
                        owner: chance(20) ? element(signers).publicKey : nil,
                        opsManager: chance(60) ? (chance(20) ? PublicKey.zero : anyKey()) : nil))
            case 19: return lifecycle(.contributor)
            default: return lifecycle(element([.location, .exchange, .contributor]))
            }
        }

        /// Suspend, resume or delete an entity of `kind`.
        private mutating func lifecycle(_ kind: EntityKind) -> Instruction {
            let args = PubkeyArgs(pubkey: key(of: kind))
            switch (kind, pick(3)) {
            case (.location, 0): return .suspendLocation(args)
            case (.location, 1): return .resumeLocation(args)
            case (.location, _): return .deleteLocation(args)
            case (.exchange, 0): return .suspendExchange(args)
            case (.exchange, 1): return .resumeExchange(args)
            case (.exchange, _): return .deleteExchange(args)
            case (_, 0): return .suspendContributor(args)
            case (_, 1): return .resumeContributor(args)
            default: return .deleteContributor(args)
            }
        }

        private mutating func config(valid: Bool) -> SetGlobalConfigArgs {
            SetGlobalConfigArgs(
                localAsn: chance(90) ? 65000 + UInt32(pick(100)) : 0, remoteAsn: 65342,
                deviceTunnelBlock: valid ? "172.16.0.0/16" : element(["172.17.0.0/16", "8.8.0.0/16"]),
                userTunnelBlock: "169.254.0.0/16", multicastGroupBlock: "233.84.178.0/24",
                multicastPublisherBlocks: chance(20) ? ["147.51.126.0/23", "147.51.200.0/24"] : nil,
                nextBgpCommunity: chance(20) ? UInt16(9_990 + pick(30)) : nil)
        }

        /// A known entity of `kind` most of the time, else a key that names nothing.
        private mutating func key(of kind: EntityKind) -> PublicKey {
            if let keys = known[kind], !keys.isEmpty, chance(85) { return element(keys) }
            return anyKey()
        }

        private mutating func anyKey() -> PublicKey {
            PublicKey(uncheckedBytes: (0..<4).flatMap { _ in withUnsafeBytes(of: random.next()) { Array($0) } })
        }

        private mutating func code() -> String {
            element([
                "lax", "ewr", "fra", "sin", "LAX", "ams-1", "tyo:2", "bad code", "", String(repeating: "x", count: 33),
            ])
        }

        private mutating func name() -> String {
            element(["Los Angeles", "Newark", "Frankfurt am Main", "シンガポール", String(repeating: "n", count: 65)])
        }

        private mutating func latitude() -> Double { Double.random(in: -95...95, using: &random) }

        private mutating func longitude() -> Double { Double.random(in: -185...185, using: &random) }
    }
}
