import AppTestSupport
import Foundation
import Ledger
import LedgerClient
import Models
import Synchronization
import Testing

/// `doublezero-ledger serve` and `doublezero-activator run` as processes; the activator is
/// killed with SIGKILL several times while users keep arriving. Every user ends activated, with
/// unique in-pool allocations and consistent device counters.
@Suite("doublezero-activator crash safety")
struct ActivatorCrashTests {
    static let kills = 5
    static let userCount = 160

    @Test("a missing keypair file: exit 1 with a message naming it")
    func missingKeypair() async throws {
        try await withScratchDirectory { directory in
            let run = try await AppRun.run(
                "doublezero-activator",
                [
                    "run", "--ledger", directory.appendingPathComponent("ledger.sqlite").path, "--keypair",
                    "/nonexistent/id.json",
                ])
            #expect(run.exitCode == 1, "stderr: \(run.standardError)")
            #expect(run.standardError.contains("/nonexistent/id.json"), "stderr: \(run.standardError)")
        }
    }

    @Test("SIGKILL the activator mid-stream 5 times: everything activated once, no collision")
    func killActivatorMidStream() async throws {
        try await withScratchDirectory { directory in
            let path = directory.appendingPathComponent("ledger.sqlite").path
            let initRun = try await AppRun.run(
                "doublezero-ledger",
                ["init", "--db", path, "--foundation", ActivatorTestNetwork.sharedFoundation.publicKey.base58])
            try #require(initRun.exitCode == 0, "init failed: \(initRun.standardError)")
            let server = try BackgroundApp(
                "doublezero-ledger", ["serve", "--db", path, "--listen", "127.0.0.1:0"], in: directory)
            let line = try #require(
                await server.waitForOutputLine(startingWith: "listening on "),
                "the server did not start; stderr: \(server.standardError)")
            let url = "http://" + line.dropFirst("listening on ".count)
            let client = try RemoteLedger(url: url)
            let network = try await ActivatorTestNetwork(ledger: client)
            let keypairPath = directory.appendingPathComponent("activator.json").path
            try network.activatorKey.file.write(to: keypairPath)

            func startActivator() throws -> BackgroundApp {
                try BackgroundApp(
                    "doublezero-activator", ["run", "--ledger", url, "--keypair", keypairPath], in: directory)
            }
            var activator = try startActivator()
            var devices: [PublicKey] = []
            for number in 1...4 { devices.append(try await network.createDevice(UInt8(number))) }
            try await network.waitUntil("the devices are activated", timeout: .seconds(60)) { state in
                devices.allSatisfy { state.devices[$0]?.status == .activated }
            }
            // Users arrive at a steady pace (about 15 ms apart) and keep arriving until the last
            // kill, so every kill lands mid-stream. Before each kill the test waits until the
            // activator (re)started has activated something new: each life did real work.
            let killsDone = Atomic<Bool>(false)
            let creator = Task {
                var users: [PublicKey] = []
                var number = 0
                while number < Self.userCount || !killsDone.load(ordering: .relaxed) {
                    let type: UserType = number % 10 == 0 ? .edgeFiltering : .ibrl
                    let device = devices[(number % 10 == 0 ? number / 10 : number) % devices.count]
                    users.append(try await network.createUser(type, number: number, on: device))
                    number += 1
                    try await Task.sleep(for: .milliseconds(15))
                }
                return users
            }
            func activatedCount(_ state: LedgerState) -> Int {
                state.users.values.filter { $0.status == .activated }.count
            }
            var activatedAtKills: [Int] = []
            for _ in 1...Self.kills {
                try await Task.sleep(for: .milliseconds(Int.random(in: 150...400)))
                let before = activatedAtKills.last ?? 0
                try await network.waitUntil("the activator activates more than \(before) users", timeout: .seconds(60))
                {
                    activatedCount($0) > before
                }
                _ = await activator.stop(signal: SIGKILL)
                // A submission already on the wire may still land; count after it has.
                try await Task.sleep(for: .milliseconds(100))
                activatedAtKills.append(activatedCount(try await network.state()))
                activator = try startActivator()
            }
            killsDone.store(true, ordering: .relaxed)
            let users = try await creator.value
            try await network.waitUntil("every user is activated", timeout: .seconds(60)) { state in
                users.allSatisfy { state.users[$0]?.status == .activated }
            }
            AllocationInvariants.check(try await network.state())
            #expect(await activator.stop(signal: SIGTERM) == 0, "stderr: \(activator.standardError.suffix(2000))")
            try await client.shutdown()
            #expect(await server.stop(signal: SIGTERM) == 0)
        }
    }
}
