import Foundation
import Ledger
import Models
import Testing

/// A transaction is valid on one ledger, for a bounded time, and once refused never later.
@Suite struct TransactionAdmissionTests {
    /// A clock the tests move by hand.
    final class ManualClock: @unchecked Sendable {
        private let lock = NSLock()
        private var seconds: UInt64
        init(_ seconds: UInt64) { self.seconds = seconds }
        var now: UInt64 { lock.withLock { seconds } }
        func advance(by delta: UInt64) { lock.withLock { seconds += delta } }
    }

    @Test func aTransactionCapturedFromOneLedgerIsRefusedByAnother() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        // One founder, two ledgers: the same key has the same role on both.
        var scenario = LedgerFileScenario()
        let first = try LedgerService(path: directory.path("first.sqlite"), creating: scenario.genesis)
        let second = try LedgerService(
            path: directory.path("second.sqlite"), creating: LedgerGenesis(foundation: scenario.foundation.publicKey))
        #expect(first.genesis().id != second.genesis().id)
        _ = try await first.submit(scenario.initialization())
        _ = try await second.submit(
            SignedTransaction([.initGlobalState], signedBy: scenario.foundation, for: second.genesis().id))

        // Captured from the first ledger's public log...
        let accepted = try await first.submit(scenario.createLocation("lax"))
        var log = first.follow(from: accepted.sequence).makeAsyncIterator()
        let captured = try #require(try await log.next()).transaction
        // ...and replayed on the second.
        let refusal = await submitExpectingRejection(of: captured, by: second)
        #expect(refusal?.code == .wrongLedger)
        #expect(refusal?.field == "ledger")
        #expect(refusal?.message.contains(first.genesis().id.hex) == true)
        #expect(try await second.entities(of: .location, matching: .all).isEmpty)
    }

    @Test func anExpiredTransactionIsRefusedAndSoIsOneValidForTooLong() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let clock = ManualClock(1_800_000_000)
        let ledger = try LedgerService(
            path: directory.path(), creating: scenario.genesis, clock: { clock.now })
        let ledgerID = scenario.genesis.id
        _ = try await ledger.submit(
            SignedTransaction(
                [.initGlobalState], signedBy: scenario.foundation, for: ledgerID,
                notAfter: TransactionValidity.notAfter(now: clock.now)))
        let head = try await ledger.head()

        // Signed now with the default window; submitted after it has passed.
        let late = SignedTransaction(
            [.setEpoch(SetEpochArgs(epoch: 2))], signedBy: scenario.foundation, for: ledgerID,
            notAfter: TransactionValidity.notAfter(now: clock.now))
        clock.advance(by: TransactionValidity.defaultWindow + 1)
        let expired = await submitExpectingRejection(of: late, by: ledger)
        #expect(expired?.code == .transactionExpired)
        #expect(expired?.field == "not_after")
        #expect(expired?.message.contains("expired 1 s ago") == true)

        // A signature meant to stay usable for a day is refused too.
        let forever = SignedTransaction(
            [.setEpoch(SetEpochArgs(epoch: 2))], signedBy: scenario.foundation, for: ledgerID,
            notAfter: clock.now + 86_400)
        #expect(await submitExpectingRejection(of: forever, by: ledger)?.code == .transactionExpired)

        // At the edge of the window (and of the allowed clock skew) it is accepted.
        let edge = SignedTransaction(
            [.setEpoch(SetEpochArgs(epoch: 2))], signedBy: scenario.foundation, for: ledgerID,
            notAfter: clock.now + TransactionValidity.defaultWindow + TransactionValidity.clockSkewAllowance)
        #expect(try await ledger.submit(edge).sequence == head.sequence + 1)
    }

    @Test func aRefusedTransactionCannotBeAppliedLaterWhenTheStateWouldAllowIt() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: directory.path(), creating: scenario.genesis)
        _ = try await ledger.submit(scenario.initialization())
        let member = Keypair()
        // The member is not yet a foundation member: refused.
        let early = SignedTransaction(
            [.createLocation(CreateLocationArgs(code: "ewr", name: "NY", country: "US", latitude: 40, longitude: -74))],
            signedBy: member, for: scenario.genesis.id)
        #expect(await submitExpectingRejection(of: early, by: ledger)?.code == .notAllowed)
        // Now it would be allowed...
        _ = try await ledger.submit(scenario.signed(.addFoundationAllowlist(PubkeyArgs(pubkey: member.publicKey))))
        // ...but the refused transaction stays refused; a freshly signed one goes through.
        let again = await submitExpectingRejection(of: early, by: ledger)
        #expect(again?.code == .nonceRefusedBefore)
        #expect(again?.field == "nonce")
        let fresh = SignedTransaction(early.message.instructions, signedBy: member, for: scenario.genesis.id)
        _ = try await ledger.submit(fresh)
        #expect(try await ledger.entities(of: .location, matching: .all).count == 1)
    }

    @Test func theRefusalMemoryForgetsExpiredPairsAndStaysBounded() {
        var memory = RefusedTransactions(capacity: 3)
        let signer = Keypair().publicKey
        let ledger = LedgerGenesis(foundation: signer).id
        func message(_ nonce: UInt64, notAfter: UInt64) -> TransactionMessage {
            TransactionMessage(signer: signer, nonce: nonce, ledger: ledger, notAfter: notAfter, instructions: [])
        }
        memory.remember(message(1, notAfter: 100), now: 10)
        memory.remember(message(2, notAfter: 200), now: 10)
        memory.remember(message(3, notAfter: 300), now: 10)
        #expect(memory.count == 3)
        // Full: the pair closest to expiry goes first.
        memory.remember(message(4, notAfter: 400), now: 10)
        #expect(memory.count == 3)
        #expect(!memory.contains(message(1, notAfter: 100)))
        #expect(memory.contains(message(4, notAfter: 400)))
        // Expired pairs are forgotten.
        memory.forget(expiredBefore: 250)
        #expect(memory.count == 2)
        #expect(!memory.contains(message(2, notAfter: 200)))
    }
}
