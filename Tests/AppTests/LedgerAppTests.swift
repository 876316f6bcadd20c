import AppTestSupport
@_spi(LedgerStoreTesting) import Ledger
import Foundation
import LedgerClient
import Testing

/// `doublezero-ledger init`, `serve` and `verify`, run as a user would.
@Suite("doublezero-ledger")
struct LedgerAppTests {
    /// The key every test ledger is founded by.
    private let foundation = Keypair()

    /// Runs `doublezero-ledger init --db <directory>/ledger.sqlite --foundation KEY` and returns the path.
    private func initLedger(in directory: URL) async throws -> String {
        let path = directory.appendingPathComponent("ledger.sqlite").path
        let run = try await AppRun.run(
            "doublezero-ledger", ["init", "--db", path, "--foundation", foundation.publicKey.base58])
        #expect(run.exitCode == 0, "stderr: \(run.standardError)")
        #expect(run.standardOutput.contains("at \(path), founded by \(foundation.publicKey)"))
        return path
    }

    @Test("init, then serve on an ephemeral port: healthz and head through the client; SIGTERM exits 0")
    func initAndServe() async throws {
        try await withScratchDirectory { directory in
            let path = try await initLedger(in: directory)
            let server = try BackgroundApp(
                "doublezero-ledger", ["serve", "--db", path, "--listen", "127.0.0.1:0"], in: directory)
            let line = try #require(
                await server.waitForOutputLine(startingWith: "listening on "),
                "no listening line; stderr: \(server.standardError)")
            let address = String(line.dropFirst("listening on ".count))
            let port = try #require(Int(address.split(separator: ":").last ?? ""))
            #expect(address.hasPrefix("127.0.0.1:") && port > 0)

            let client = try RemoteLedger(url: "http://\(address)")
            try await client.checkHealth()
            let head = try await client.head()
            #expect(head.sequence == 0)
            #expect(head.hash == LogEntry.genesisHash)
            try await client.shutdown()

            let exitCode = await server.stop(signal: SIGTERM)
            #expect(exitCode == 0, "stderr: \(server.standardError)")
            #expect(server.standardError.contains("ledger server listening"))
        }
    }

    @Test("serve stops gracefully on SIGINT too, with a follower connected")
    func serveStopsWithFollower() async throws {
        try await withScratchDirectory { directory in
            let path = try await initLedger(in: directory)
            let server = try BackgroundApp(
                "doublezero-ledger", ["serve", "--db", path, "--listen", "127.0.0.1:0"], in: directory)
            let line = try #require(await server.waitForOutputLine(startingWith: "listening on "))
            let client = try RemoteLedger(url: "http://" + line.dropFirst("listening on ".count))
            let receipt = try await client.submit([.initGlobalState], signedBy: foundation)
            var follow = client.follow(from: 1).makeAsyncIterator()
            #expect(try await follow.next()?.sequence == receipt.sequence)

            #expect(await server.stop(signal: SIGINT) == 0, "stderr: \(server.standardError)")
            try await client.shutdown()
        }
    }

    @Test("init refuses an existing file and leaves it alone")
    func initRefusesExisting() async throws {
        try await withScratchDirectory { directory in
            let path = try await initLedger(in: directory)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let again = try await AppRun.run(
                "doublezero-ledger", ["init", "--db", path, "--foundation", foundation.publicKey.base58])
            #expect(again.exitCode == 1)
            #expect(again.standardError.contains("already exists"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test("serve refuses a missing file and says to run init")
    func serveNeedsFile() async throws {
        let run = try await AppRun.run(
            "doublezero-ledger", ["serve", "--db", "missing.sqlite", "--listen", "127.0.0.1:0"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("doublezero-ledger init"))
        #expect(run.standardOutput.isEmpty)
    }

    @Test("verify: an intact file exits 0 and reports entries, head and state hash; --json too")
    func verifyIntact() async throws {
        try await withScratchDirectory { directory in
            let path = try await initLedger(in: directory)
            let ledger = try LedgerService(path: path)
            _ = try await ledger.submit([.initGlobalState], signedBy: foundation)
            let head = try await ledger.head()
            await ledger.close()

            let text = try await AppRun.run("doublezero-ledger", ["verify", "--db", path])
            #expect(text.exitCode == 0, "stderr: \(text.standardError)")
            #expect(text.standardOutput.contains("entries checked: 1"))
            #expect(text.standardOutput.contains(head.hash))
            #expect(text.standardOutput.contains(head.stateHash))
            #expect(text.standardOutput.contains("intact"))

            let json = try await AppRun.run("doublezero-ledger", ["verify", "--db", path, "--json"])
            #expect(json.exitCode == 0)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
            #expect(object["intact"] as? Bool == true)
            #expect(object["entries_checked"] as? Int == 1)
            #expect(object["state_hash"] as? String == head.stateHash)
        }
    }

    @Test("verify: a damaged file exits 1 and names the problem")
    func verifyDamaged() async throws {
        try await withScratchDirectory { directory in
            let path = try await initLedger(in: directory)
            let ledger = try LedgerService(path: path)
            _ = try await ledger.submit([.initGlobalState], signedBy: foundation)
            await ledger.close()
            let store = try LedgerStore(path: path)
            try store.executeRawSQL("DELETE FROM entities")
            try store.close()

            let run = try await AppRun.run("doublezero-ledger", ["verify", "--db", path])
            #expect(run.exitCode == 1, "stdout: \(run.standardOutput) stderr: \(run.standardError)")
            #expect(run.standardOutput.contains("problem"))
            #expect(run.standardOutput.contains("entities table"))
        }
    }

    @Test("verify of a missing file exits 1")
    func verifyMissing() async throws {
        let run = try await AppRun.run("doublezero-ledger", ["verify", "--db", "missing.sqlite"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("missing.sqlite"))
    }
}
