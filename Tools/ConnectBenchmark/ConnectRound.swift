import BenchmarkSupport
import Foundation
import Synchronization

/// One round: host2 disconnected and forgotten, then `doublezero connect ibrl` timed to its first
/// answered ping through the tunnel and to ams-dz02 holding the user.
struct ConnectRound {
    static let host = "host2"
    static let device = "ams-dz02"
    /// host3, in the other metro.
    static let target = "185.1.0.3"

    let devnet: DevnetRun

    /// The round's two figures: seconds to the first ping, milliseconds from activation to the device.
    func measure() async throws -> (firstPing: Double, deviceApply: Double) {
        try await forget()
        let scratch = devnet.directory.appendingPathComponent("round-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let steps = scratch.appendingPathComponent("connect.err")
        FileManager.default.createFile(atPath: steps.path, contents: nil)
        let connect = Process()
        connect.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        connect.arguments = [
            "ip", "netns", "exec", devnet.namespace(Self.host), devnet.doublezero, "connect", "ibrl", "--device",
            Self.device, "--ledger", devnet.ledger, "--keypair", devnet.key(Self.host), "--sock-file",
            devnet.socket(Self.host),
        ]
        connect.standardOutput = FileHandle.nullDevice
        connect.standardError = try FileHandle(forWritingTo: steps)
        let firstPing = Mutex<Result<Double, BenchmarkError>?>(nil)

        let started = Date()
        try connect.run()
        // The pinger runs on a thread of its own: it blocks in `ping`.
        let pinger = Thread { firstPing.withLock { $0 = self.pingThroughTunnel(since: started) } }
        pinger.start()

        var activated: Date?
        var applied: Date?
        let deadline = Date().addingTimeInterval(30)
        while applied == nil, Date() < deadline {
            if activated == nil {
                let text = (try? String(contentsOf: steps, encoding: .utf8)) ?? ""
                if text.contains("account activated") { activated = Date() }
            }
            if activated != nil, deviceHoldsUser() { applied = Date() }
            usleep(2000)
        }
        guard let activated, let applied else {
            let text = (try? String(contentsOf: steps, encoding: .utf8)) ?? ""
            throw BenchmarkError("no activation or no device apply within 30 s; connect said:\n\(text)")
        }
        connect.waitUntilExit()
        guard connect.terminationStatus == 0 else {
            let text = (try? String(contentsOf: steps, encoding: .utf8)) ?? ""
            throw BenchmarkError("doublezero connect exited with \(connect.terminationStatus):\n\(text)")
        }
        while firstPing.withLock({ $0 }) == nil { usleep(10_000) }
        let ping = try firstPing.withLock { $0! }.get()
        return (ping, applied.timeIntervalSince(activated) * 1000)
    }

    /// Whether the device's agent reports the host's tunnel built and its config applied.
    func deviceHoldsUser() -> Bool {
        guard let data = try? Data(contentsOf: devnet.agentStatus(Self.device)),
            let status = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            status["applied"] as? Bool == true,
            let tunnels = status["user_tunnels"] as? [[String: Any]]
        else { return false }
        return tunnels.contains { $0["client_underlay"] as? String == "185.1.0.2" && $0["error"] == nil }
    }

    /// Pings host3 through doublezero0 (once it exists) until the first answer; its time since `start`.
    func pingThroughTunnel(since start: Date) -> Result<Double, BenchmarkError> {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard
                let output = try? ShellCommand.run(
                    [
                        "ip", "netns", "exec", devnet.namespace(Self.host), "ping", "-D", "-n", "-c", "1", "-i", "0.02",
                        "-w", "10", "-I", "doublezero0", Self.target,
                    ], allowFailure: true)
            else { continue }
            // "[1765100000.123456] 64 bytes from 185.1.0.3: icmp_seq=7 ttl=62 time=0.3 ms"
            for line in output.split(separator: "\n") where line.contains("bytes from") {
                guard line.hasPrefix("["), let end = line.firstIndex(of: "]"),
                    let stamp = Double(line[line.index(after: line.startIndex)..<end])
                else { continue }
                return .success(stamp - start.timeIntervalSince1970)
            }
            usleep(10_000)  // doublezero0 not there yet (ping exits at once)
        }
        return .failure(BenchmarkError("no ping answered through doublezero0 within 30 s"))
    }

    /// Disconnects the host if connected and waits until the device and host3 no longer hold it.
    func forget() async throws {
        let links = try ShellCommand.run(["ip", "-n", devnet.namespace(Self.host), "-br", "link"])
        if links.contains("doublezero0") {
            try ShellCommand.run([
                "ip", "netns", "exec", devnet.namespace(Self.host), devnet.doublezero, "disconnect", "--ledger",
                devnet.ledger, "--keypair", devnet.key(Self.host), "--sock-file", devnet.socket(Self.host),
            ])
        }
        for _ in 0..<300 {
            let routes = try ShellCommand.run(["ip", "-n", devnet.namespace("host3"), "route", "show", "proto", "186"])
            let hostLinks = try ShellCommand.run(["ip", "-n", devnet.namespace(Self.host), "-br", "link"])
            if !deviceHoldsUser(), !routes.contains("185.1.0.2 "), !hostLinks.contains("doublezero0") {
                try await Task.sleep(for: .seconds(1))
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchmarkError("host2 was still known to the network 30 s after its disconnect")
    }
}
