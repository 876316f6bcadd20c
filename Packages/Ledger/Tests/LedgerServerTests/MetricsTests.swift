import Foundation
import Ledger
import LedgerTestSupport
import LedgerWireFormat
import Models
import Testing

/// `GET /metrics`: what the server counts, in the Prometheus text format.
@Suite("Ledger server: metrics")
struct MetricsTests {
    /// The value of the sample line `series` (name and labels exactly as written), if present.
    private static func sample(_ series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    /// The metrics text, checked to be a 200 in the Prometheus content type.
    private static func scrape(_ fixture: ServerFixture) async throws -> String {
        let reply = try await fixture.http.get(LedgerHTTPPath.metrics)
        #expect(reply.status == 200)
        #expect(reply.contentType == LedgerMediaType.prometheusText)
        return reply.text
    }

    @Test(
        "accepted and refused transactions by code, submit durations, the head and open log streams",
        arguments: LedgerBackend.allCases)
    func counts(_ backend: LedgerBackend) async throws {
        try await ServerFixture.with(backend) { fixture in
            let initialize = fixture.transactions.initialize()
            _ = try await fixture.client.submit(initialize)
            await #expect(throws: LedgerError.self) { try await fixture.client.submit(initialize) }
            _ = try await fixture.http.post(LedgerHTTPPath.transactions, Array("not a transaction".utf8))
            _ = try await fixture.client.submit(fixture.transactions.createLocation("lax"))

            let text = try await Self.scrape(fixture)
            #expect(Self.sample("ledger_transactions_accepted_total", in: text) == 2, "\(text)")
            let replayed = ErrorCode.replayedTransaction.name
            let malformed = ErrorCode.malformedTransaction.name
            #expect(Self.sample("ledger_transactions_refused_total{code=\"\(replayed)\"}", in: text) == 1)
            #expect(Self.sample("ledger_transactions_refused_total{code=\"\(malformed)\"}", in: text) == 1)
            // The ledger saw three of the four: the malformed body never reached it.
            #expect(Self.sample("ledger_submit_duration_seconds_count", in: text) == 3)
            #expect(Self.sample("ledger_transactions_failed_total", in: text) == 0)
            #expect(Self.sample("ledger_log_head_sequence", in: text) == 2)
            #expect(Self.sample("ledger_log_streams", in: text) == 0)

            // A follower's stream shows while it is open.
            let follower = Task {
                for try await _ in fixture.client.follow(from: 1) {}
            }
            let open = try await eventually(within: .seconds(30)) {
                Self.sample("ledger_log_streams", in: try await Self.scrape(fixture)) == 1
            }
            #expect(open, "ledger_log_streams never showed the open follower")
            follower.cancel()
            let closed = try await eventually(within: .seconds(30)) {
                Self.sample("ledger_log_streams", in: try await Self.scrape(fixture)) == 0
            }
            #expect(closed, "ledger_log_streams kept counting the follower after it went")
        }
    }
}
