import Foundation
import Ledger
import Models
import PropertyBased
import Testing

/// Replay determinism, as a property: for random sequences of transactions over every
/// instruction family (mostly valid life-cycle steps planned against the current state, mixed
/// with refused ones: wrong signers and statuses, bad arguments and allocations, replays),
/// submitted through two services sharing one file, replaying the log from empty gives the
/// state the services hold, and reopening the file gives it too.
@Suite struct ReplayDeterminismTests {
    /// Forty random scenarios keep the property; together they accept at least 25 distinct
    /// instructions (the life-cycle steps of every family among them) and are refused with at
    /// least 10 distinct error codes.
    @Test func replayingTheLogFromEmptyRebuildsTheSameState() async {
        var totals = RunTotals()
        await propertyCheck(count: 40, input: Gen.int(in: 0...Int.max)) { seed in
            let run = try await Self.check(seed: UInt64(seed))
            print("replay determinism seed \(seed): \(run.totals.summary)")
            totals.add(run.totals)
        }
        print("replay determinism totals: \(totals)")
        // The generator must exercise both sides of the program: many instructions accepted (not
        // just refused), across many error codes.
        #expect(totals.accepted > 1000, "\(totals)")
        #expect(totals.rejected > 500, "\(totals)")
        #expect(totals.acceptedInstructions.count >= 25, "\(totals)")
        #expect(totals.rejectionCodes.count >= 10, "\(totals)")
        #expect(totals.rejectionCodes[.replayedTransaction] != nil, "\(totals)")
        // Each family's life cycle gets through, the activator's steps included.
        let neverAccepted = Self.lifeCycleSteps.filter { totals.acceptedInstructions[$0] == nil }
        #expect(neverAccepted.isEmpty, "never accepted: \(neverAccepted)\n\(totals)")
    }

    /// Instructions every family's life cycle needs, which the generator must get accepted.
    static let lifeCycleSteps = [
        "create_device", "activate_device", "close_device", "create_device_interface", "activate_device_interface",
        "create_link", "activate_link", "reject_link", "close_link", "set_access_pass", "create_user", "activate_user",
        "close_user", "create_multicast_group", "activate_multicast_group",
    ]

    /// The generator is a function of its seed: the same seed gives the same log, entry for
    /// entry, so a failing seed reproduces.
    @Test func aSeedAlwaysGivesTheSameLog() async throws {
        let first = try await Self.check(seed: 0x5EED)
        let second = try await Self.check(seed: 0x5EED)
        #expect(first.head == second.head)
        #expect(first.totals.accepted > 0 && first.totals.rejected > 0, "\(first.totals)")
    }

    /// Runs one random scenario; records an issue naming `seed` for each broken property.
    ///
    /// - Returns: what the scenario did and the head of its log.
    static func check(seed: UInt64) async throws -> (totals: RunTotals, head: LedgerHead?) {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        var generator = RandomTransactionGenerator(seed: seed)
        var totals = RunTotals()
        let clock = { @Sendable in RandomTransactionGenerator.now }
        let services = [
            try LedgerService(path: path, creating: generator.genesis, clock: clock),
            try LedgerService(path: path, clock: clock),
        ]

        for _ in 0..<generator.transactionCount {
            let service = services[generator.pick(2)]
            let transaction = generator.nextTransaction(in: try await service.currentState())
            do throws(LedgerError) {
                _ = try await service.submit(transaction)
                generator.accepted(transaction)
                totals.accepted += 1
                for instruction in transaction.message.instructions {
                    totals.acceptedInstructions[instruction.name, default: 0] += 1
                }
            } catch {
                guard case .rejected(let programError) = error else {
                    Issue.record("seed \(seed): submit failed: \(error)")
                    return (totals, nil)
                }
                totals.rejected += 1
                totals.rejectionCodes[programError.code, default: 0] += 1
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
        let reopened = try LedgerService(path: path, creating: generator.genesis)
        #expect(try await reopened.head() == head, "seed \(seed): reopening gives another head")
        #expect(try await reopened.currentState() == state, "seed \(seed): reopening gives another state")
        await reopened.close()
        return (totals, head)
    }
}

extension ReplayDeterminismTests {
    /// What the scenarios did, summed.
    struct RunTotals: CustomStringConvertible {
        /// Transactions accepted.
        var accepted = 0
        /// Transactions refused.
        var rejected = 0
        /// How many accepted transactions carried each instruction, by instruction name.
        var acceptedInstructions: [String: Int] = [:]
        /// How many refusals each error code caused.
        var rejectionCodes: [ErrorCode: Int] = [:]

        /// Adds another run's counts.
        mutating func add(_ other: RunTotals) {
            accepted += other.accepted
            rejected += other.rejected
            acceptedInstructions.merge(other.acceptedInstructions, uniquingKeysWith: +)
            rejectionCodes.merge(other.rejectionCodes, uniquingKeysWith: +)
        }

        /// One line: the counts and how many distinct instructions and codes.
        var summary: String {
            "\(accepted) accepted, \(rejected) refused, \(acceptedInstructions.count) instructions accepted, "
                + "\(rejectionCodes.count) rejection codes"
        }

        /// The summary, then the count of every instruction accepted and every code refused.
        var description: String {
            let instructions = acceptedInstructions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let codes = rejectionCodes.sorted { $0.key.name < $1.key.name }.map { "\($0.key.name)=\($0.value)" }
            return
                "\(summary)\naccepted: \(instructions.joined(separator: " "))\nrefused: \(codes.joined(separator: " "))"
        }
    }
}
