import ActivatorService
import Foundation
import Ledger
import LedgerTestSupport
import Logging
import Models
import Testing

/// How the activator handles the ledger's refusals: a refused batch is retried one instruction
/// per transaction; `AllocationFailed` rebuilds the pools and retries.
@Suite struct ActivatorRefusalTests {
    /// Creates `count` pending IBRL users on an activated device, with no activator running.
    private static func pendingUsers(_ count: Int, in network: ActivatorTestNetwork) async throws -> [PublicKey] {
        let device = try await network.createDevice(1)
        try await network.run([.activateDevice(PubkeyArgs(pubkey: device))], as: network.activatorKey)
        var users: [PublicKey] = []
        for number in 0..<count { users.append(try await network.createUser(.ibrl, number: number, on: device)) }
        return users
    }

    private static func activator(on ledger: any LedgerAPI, _ network: ActivatorTestNetwork) -> Activator {
        var logger = Logger(label: "test.refusals")
        logger.logLevel = .critical
        return Activator(ledger: ledger, keypair: network.activatorKey, logger: logger, retryDelay: .milliseconds(20))
    }

    /// One poisoned instruction in a batch: the batch is refused, the others go through one by one.
    @Test func refusedBatchIsRetriedOneByOne() async throws {
        let network = try await ActivatorTestNetwork()
        let users = try await Self.pendingUsers(20, in: network)
        let poisoned = users[7]
        let ledger = RefusingLedger(network.ledger) { transaction in
            transaction.activatedUsers.contains(poisoned)
                ? ProgramError(.notAllowed, "scripted refusal") : nil
        }
        let activator = Self.activator(on: ledger, network)
        let running = Task { await activator.runUntilCancelled() }
        try await network.waitUntil("every other user is activated") { state in
            users.filter { $0 != poisoned }.allSatisfy { state.users[$0]?.status == .activated }
        }
        let state = try await network.state()
        #expect(state.users[poisoned]?.status == .pending)
        let statistics = await activator.statistics
        #expect(statistics.activations == users.count - 1)
        #expect(statistics.refusals == 1)
        #expect(ledger.refused == 2, "the batch, then the poisoned instruction alone")
        AllocationInvariants.check(state)
        running.cancel()
        _ = await running.result
        await network.tearDown()
    }

    /// `AllocationFailed` on the first activation: the pools are rebuilt (a new session) and the
    /// user is activated on the retry.
    @Test func allocationFailedRebuildsAndRetries() async throws {
        let network = try await ActivatorTestNetwork()
        let users = try await Self.pendingUsers(1, in: network)
        let ledger = RefusingLedger(network.ledger) { _ in nil }
        let firstAttempt = FirstAttempt()
        let scripted = RefusingLedger(ledger) { transaction in
            !transaction.activatedUsers.isEmpty && firstAttempt.take()
                ? ProgramError(.allocationFailed, "scripted: tunnel_net is held by another user") : nil
        }
        let activator = Self.activator(on: scripted, network)
        let running = Task { await activator.runUntilCancelled() }
        try await network.waitUntil("the user is activated") { state in state.users[users[0]]?.status == .activated }
        let statistics = await activator.statistics
        #expect(statistics.sessions == 2, "one rebuild after AllocationFailed")
        #expect(statistics.activations == 1)
        AllocationInvariants.check(try await network.state())
        running.cancel()
        _ = await running.result
        await network.tearDown()
    }
}

/// True exactly once.
final class FirstAttempt: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false

    /// True the first time it is called, false afterwards.
    func take() -> Bool {
        lock.withLock {
            defer { taken = true }
            return !taken
        }
    }
}
