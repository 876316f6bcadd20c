import Foundation
import Ledger
import LedgerServer
import LedgerTestSupport
import Models
import Synchronization
import Testing

/// The rate limit as a client meets it: over HTTP, against a served ledger that counts what
/// reaches it.
@Suite("Authentication rate limit over HTTP")
struct AuthenticationGateTests {
    /// A ledger that counts submissions by signer and otherwise forwards.
    final class CountingLedger: LedgerAPI {
        let inner: any LedgerAPI
        private let counts = Mutex<[PublicKey: Int]>([:])
        init(_ inner: any LedgerAPI) { self.inner = inner }
        func submissions(by key: PublicKey) -> Int { counts.withLock { $0[key] ?? 0 } }
        func submit(_ transaction: SignedTransaction) async throws(LedgerError) -> SubmitReceipt {
            counts.withLock { $0[transaction.message.signer, default: 0] += 1 }
            return try await inner.submit(transaction)
        }
        func genesis() async throws(LedgerError) -> LedgerGenesis { try await inner.genesis() }
        func entity(_ ref: EntityRef) async throws(LedgerError) -> Entity? { try await inner.entity(ref) }
        func entities(of kind: EntityKind, matching filter: EntityFilter) async throws(LedgerError) -> [Entity] {
            try await inner.entities(of: kind, matching: filter)
        }
        func head() async throws(LedgerError) -> LedgerHead { try await inner.head() }
        func follow(from sequence: UInt64) -> AsyncThrowingStream<LogEntry, any Error> { inner.follow(from: sequence) }
    }

    @Test(
        "five refusals for lack of authority lock a key out: 429 with Retry-After, the ledger never sees it, the foundation goes on"
    )
    func keyLockout() async throws {
        nonisolated(unsafe) var counting: CountingLedger?
        try await ServerFixture.with(
            .inMemory, authentication: AuthenticationLimits(globalDistinctKeys: 1000),
            wrap: { ledger in
                let wrapped = CountingLedger(ledger)
                counting = wrapped
                return wrapped
            }
        ) { fixture in
            let ledger = try #require(counting)
            let http = fixture.http
            #expect(try await http.post("/v1/transactions", fixture.transactions.initialize().wire).status == 200)
            let stranger = fixture.transactions.stranger
            for number in 0..<5 {
                let reply = try await http.post(
                    "/v1/transactions", fixture.transactions.createLocation("st\(number)", by: stranger).wire)
                #expect(reply.status == 422 && reply.programError?.code == .notAllowed, "\(reply.text)")
            }
            let locked = try await http.post(
                "/v1/transactions", fixture.transactions.createLocation("st9", by: stranger).wire)
            #expect(locked.status == 429)
            #expect(locked.programError?.code == .rateLimited, "\(locked.text)")
            let retry = try #require(locked.retryAfter.flatMap(Int.init))
            #expect((1...60).contains(retry))
            #expect(ledger.submissions(by: stranger.publicKey) == 5, "the locked request never reached the ledger")
            // A bad signature claiming the locked key is refused the same way.
            let forged = TransactionFactory.wire(
                message: fixture.transactions.createLocation("st10", by: stranger).messageBytes,
                signature: [UInt8](repeating: 7, count: 64))
            #expect(try await http.post("/v1/transactions", forged).status == 429)
            // The foundation is untouched.
            let founded = try await http.post("/v1/transactions", fixture.transactions.createLocation("ams").wire)
            #expect(founded.status == 200, "\(founded.text)")
            let metrics = try await http.get("/metrics").text
            #expect(metrics.contains(#"ledger_auth_lockouts_total{scope="key"} 1"#))
            #expect(metrics.contains(#"ledger_auth_attempts_total{result="rejected_rate_limited"} 2"#))
            #expect(metrics.contains("ledger_auth_locked_keys 1"))
        }
    }

    @Test("invalid signatures count against the key they claim")
    func badSignatures() async throws {
        try await ServerFixture.with(.inMemory, authentication: AuthenticationLimits(globalDistinctKeys: 1000)) {
            fixture in
            let http = fixture.http
            _ = try await http.post("/v1/transactions", fixture.transactions.initialize().wire)
            let stranger = fixture.transactions.stranger
            for number in 0..<5 {
                let forged = TransactionFactory.wire(
                    message: fixture.transactions.createLocation("bad\(number)", by: stranger).messageBytes,
                    signature: [UInt8](repeating: UInt8(number), count: 64))
                #expect(try await http.post("/v1/transactions", forged).status == 400)
            }
            let valid = try await http.post(
                "/v1/transactions", fixture.transactions.createLocation("ok", by: stranger).wire)
            #expect(valid.status == 429)
        }
    }

    @Test("ten failing unknown keys lock out every unknown key; the foundation and an access-pass holder keep working")
    func globalLockout() async throws {
        try await ServerFixture.with(.inMemory) { fixture in
            let http = fixture.http
            let transactions = fixture.transactions
            #expect(try await http.post("/v1/transactions", transactions.initialize().wire).status == 200)
            // An access-pass holder gains standing.
            let holder = Keypair()
            let pass = SignedTransaction(
                [.setAccessPass(SetAccessPassArgs(clientIp: IPv4Address(100, 0, 0, 1), userPayer: holder.publicKey))],
                signedBy: transactions.foundation, for: transactions.genesis.id, nonce: 1)
            #expect(try await http.post("/v1/transactions", pass.wire).status == 200)
            let standing = fixture.server.server.gate.standing
            let deadline = ContinuousClock.now + .seconds(10)
            while !standing.contains(holder.publicKey), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(standing.contains(holder.publicKey))
            for number in 0..<10 {
                let reply = try await http.post(
                    "/v1/transactions", transactions.createLocation("x\(number)", by: Keypair()).wire)
                #expect(reply.status == 422)
            }
            let unknown = try await http.post(
                "/v1/transactions", transactions.createLocation("y", by: Keypair()).wire)
            #expect(unknown.status == 429 && unknown.programError?.code == .rateLimited, "\(unknown.text)")
            #expect(unknown.retryAfter != nil)
            let founded = try await http.post("/v1/transactions", transactions.createLocation("ams").wire)
            #expect(founded.status == 200, "\(founded.text)")
            // The holder is heard (its create_location is refused for authority, not rate limited).
            let held = try await http.post("/v1/transactions", transactions.createLocation("z", by: holder).wire)
            #expect(held.status == 422, "\(held.text)")
            let metrics = try await http.get("/metrics").text
            #expect(metrics.contains(#"ledger_auth_lockouts_total{scope="global"} 1"#))
        }
    }
}
