import AppTestSupport
import Foundation
import Testing

/// The built `doublezerod run` binary, as systemd would run it: serves its socket, persists the
/// reconciler switch, serves metrics when asked, stops on SIGTERM and removes its socket.
@Suite("doublezerod binary")
struct DaemonBinaryTests {
    @Test("run: answers /status over --sock-file, persists /enable, refuses a malformed provision, stops on SIGTERM")
    func smoke() async throws {
        try await withScratchDirectory { directory in
            let socketPath = directory.appendingPathComponent("run/doublezerod.sock").path
            let stateDirectory = directory.appendingPathComponent("state").path
            let daemon = try BackgroundApp(
                "doublezerod",
                [
                    "run", "--ledger", "http://127.0.0.1:8899", "--sock-file", socketPath, "--state-dir",
                    stateDirectory,
                    "--client-ip", "203.0.113.10", "--env", "localnet", "--metrics-enable", "--metrics-addr",
                    "127.0.0.1:0",
                ], in: directory)
            let listening = await daemon.waitForOutputLine(startingWith: "listening on ")
            #expect(listening == "listening on \(socketPath)", "stderr: \(daemon.standardError)")
            let client = RawHTTPClient(address: .unix(socketPath))

            let status = try await client.get("/status")
            #expect(status.status == 200)
            #expect(
                try JSONValue(parsing: status.body)
                    == JSONValue(parsing: #"[{"doublezero_status":{"session_status":"disconnected"}}]"#))
            let statusV2 = try await JSONValue(parsing: client.get("/v2/status").body)
            #expect(
                statusV2
                    == (try JSONValue(
                        parsing:
                            #"{"reconciler_enabled":false,"client_ip":"203.0.113.10","network":"localnet","services":[],"generation":1}"#
                    )))
            #expect(
                try await JSONValue(parsing: client.get("/config").body)
                    == JSONValue(parsing: #"{"program_id":"","rpc_url":"http://127.0.0.1:8899"}"#))

            #expect(try await client.send("POST", "/enable").status == 200)
            let state = try String(contentsOfFile: stateDirectory + "/state.json", encoding: .utf8)
            #expect(state == "{\"reconciler_enabled\":true}\n")
            // A refused request builds nothing (a valid one would build a tunnel in this namespace:
            // the namespace tests do that).
            let provision = try await client.send(
                "POST", "/provision", body: #"{"user_type":"IBRL","tunnel_net":"169.254.0.0/30"}"#)
            #expect(provision.status == 400)
            #expect(provision.body.contains("must be a /31"), "\(provision.body)")
            #expect(try await client.get("/status").body.contains("disconnected"))

            let metricsLine = try #require(await daemon.waitForOutputLine(startingWith: "metrics on 127.0.0.1:"))
            let port = try #require(UInt16(metricsLine.dropFirst("metrics on 127.0.0.1:".count)))
            let metrics = try await RawHTTPClient(address: .loopback(port: port)).get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.body.contains(#"doublezero_build_info{"#))
            #expect(metrics.body.contains("doublezero_session_is_up 0"))

            let exit = await daemon.stop(signal: SIGTERM)
            #expect(exit == 0, "stderr: \(daemon.standardError)")
            #expect(!FileManager.default.fileExists(atPath: socketPath), "the socket is removed on exit")
            #expect(FileManager.default.fileExists(atPath: stateDirectory + "/state.json"), "the state is kept")
        }
    }

    @Test("run over a corrupt state.json exits 1 naming the file")
    func corruptState() async throws {
        try await withScratchDirectory { directory in
            let stateDirectory = directory.appendingPathComponent("state")
            try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
            try Data("{oops".utf8).write(to: stateDirectory.appendingPathComponent("state.json"))
            let run = try await AppRun.run(
                "doublezerod",
                [
                    "run", "--ledger", "ledger.sqlite", "--sock-file", directory.appendingPathComponent("d.sock").path,
                    "--state-dir", stateDirectory.path, "--client-ip", "203.0.113.10",
                ])
            #expect(run.exitCode == 1)
            #expect(run.standardError.contains("the state file \(stateDirectory.path)/state.json is corrupt"))
        }
    }

    @Test("run with a bad --client-ip exits 1 saying so")
    func badClientIP() async throws {
        let run = try await AppRun.run("doublezerod", ["run", "--ledger", "ledger.sqlite", "--client-ip", "1.2.3"])
        #expect(run.exitCode == 1)
        #expect(run.standardError.contains("--client-ip '1.2.3' is not an IPv4 address"))
    }
}
