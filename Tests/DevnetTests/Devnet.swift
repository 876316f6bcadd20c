import AppTestSupport
import Foundation
import Testing

/// `Tools/Devnet/devnet.sh` running in the background for a test, with its own namespace prefix,
/// directory and ports, and the ways a test looks at and acts on it (as the devnet's own "try"
/// lines do: `ip netns exec`, `doublezero`, `vtysh`, the agents' `status.json`).
///
/// ``with(_:)`` stops the script with SIGTERM however the body ends; the script's exit trap stops
/// every process and removes its namespaces, and the test checks none is left.
final class Devnet: @unchecked Sendable {
    /// The hosts of the devnet's topology: name, address, metro.
    static let hosts: [(name: String, address: String, metro: String)] = [
        ("host1", "185.1.0.1", "xams"), ("host2", "185.1.0.2", "xams"), ("host3", "185.1.0.3", "xfra"),
    ]
    static let prefix = "dze"
    static let port = 7950

    let directory: URL
    let script: BackgroundApp
    let bin: URL

    static func address(of host: String) -> String { hosts.first { $0.name == host }!.address }

    var ledgerURL: String { "http://100.64.0.1:\(Self.port)" }

    /// Starts the devnet, runs `body` and stops it.
    static func with(_ body: (Devnet) async throws -> Void) async throws {
        let net = try await Devnet()
        do {
            try await body(net)
        } catch {
            await net.stop()
            throw error
        }
        await net.stop()
    }

    /// The devnet script.
    static let scriptPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tools/Devnet/devnet.sh").standardized.path

    /// Where the built apps are.
    static func binDirectory() throws -> URL {
        try AppBinary.locate("doublezero").url.deletingLastPathComponent()
    }

    private init() async throws {
        bin = try Self.binDirectory()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "devnet-test-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        script = try BackgroundApp(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            [
                "--default-signal", "bash", Self.scriptPath, "--bin", bin.path, "--prefix", Self.prefix, "--dir",
                directory.appendingPathComponent("net").path, "--port", String(Self.port),
            ], label: "devnet", in: directory)
        let running = await script.waitForOutputLine(startingWith: "devnet: running", timeout: .seconds(240))
        if running == nil {
            let output = script.standardOutput.suffix(6000) + "\n" + script.standardError.suffix(4000)
            await stop()
            Issue.record("the devnet did not come up:\n\(output)")
            throw CancellationError()
        }
    }

    /// SIGTERM to the script (it tears everything down), then checks no namespace of ours is left.
    func stop() async {
        _ = await script.stop(signal: SIGTERM, timeout: .seconds(90))
        let left = (try? Self.run("ip", ["netns", "list"])) ?? ""
        #expect(!left.contains("\(Self.prefix)-"), "namespaces left behind: \(left)")
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Looking and acting

    var netDirectory: URL { directory.appendingPathComponent("net") }

    func key(_ role: String) -> String { netDirectory.appendingPathComponent("keys/\(role).json").path }

    /// `doublezero ARGS --sock-file S` in `host`'s namespace; its standard output.
    @discardableResult
    func dz(_ host: String, _ arguments: String...) throws -> String {
        let socket = netDirectory.appendingPathComponent("hosts/\(host)/doublezerod.sock").path
        return try Self.run(
            "ip",
            ["netns", "exec", "\(Self.prefix)-\(host)", bin.appendingPathComponent("doublezero").path]
                + arguments + ["--sock-file", socket])
    }

    /// `doublezero ARGS` against the ledger as `role` (default: the foundation), from the core namespace.
    @discardableResult
    func ledger(as role: String = "foundation", _ arguments: String...) throws -> String {
        try Self.run(
            "ip",
            ["netns", "exec", "\(Self.prefix)-core", bin.appendingPathComponent("doublezero").path] + arguments + [
                "--ledger", ledgerURL, "--keypair", key(role),
            ])
    }

    /// The monitor's dashboard inside the core namespace (and forwarded to this machine's loopback).
    var dashboardURL: String { "http://127.0.0.1:\(Self.port + 2)" }

    /// `vtysh -c COMMAND` on `device`'s FRR.
    func vtysh(_ device: String, _ command: String) throws -> String {
        let frr = netDirectory.appendingPathComponent("devices/\(device)/frr").path
        return try Self.run(
            "ip", ["netns", "exec", "\(Self.prefix)-dev-\(device)", "vtysh", "--vty_socket", frr, "-c", command])
    }

    /// `device`'s agent status.
    func agentStatus(_ device: String) throws -> [String: Any] {
        let data = try Data(contentsOf: netDirectory.appendingPathComponent("devices/\(device)/status.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The user tunnels `device`'s agent serves (interface names).
    func agentTunnels(_ device: String) throws -> [String] {
        ((try agentStatus(device)["user_tunnels"] as? [[String: Any]]) ?? []).compactMap { $0["interface"] as? String }
    }

    /// The FRR daemons' process ids on `device`, from its agent.
    func frrProcessIDs(_ device: String) throws -> [Int32] {
        let frr = try agentStatus(device)["frr"] as? [String: Any]
        return ((frr?["pids"] as? [String: Any]) ?? [:]).values.compactMap { ($0 as? NSNumber)?.int32Value }
    }

    /// Whether `host` has a route learned from the network (proto 186) to `address`.
    func hasRoute(_ host: String, to address: String) throws -> Bool {
        let routes = try Self.run("ip", ["-n", "\(Self.prefix)-\(host)", "-4", "route", "show", "proto", "186"])
        return routes.split(separator: "\n").contains { $0.hasPrefix("\(address) ") }
    }

    /// `host`'s links.
    func links(_ host: String) throws -> String {
        try Self.run("ip", ["-n", "\(Self.prefix)-\(host)", "-br", "link"])
    }

    /// doublezero0's packet counters on `host`.
    func tunnelPackets(_ host: String) throws -> (sent: Int, received: Int) {
        let output = try Self.run("ip", ["-n", "\(Self.prefix)-\(host)", "-j", "-s", "link", "show", "doublezero0"])
        let link = try #require((try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])?.first)
        let stats = try #require(link["stats64"] as? [String: Any])
        let tx = (stats["tx"] as? [String: Any])?["packets"] as? Int ?? 0
        let rx = (stats["rx"] as? [String: Any])?["packets"] as? Int ?? 0
        return (tx, rx)
    }

    /// `ping -c COUNT -i INTERVAL` from `host` to `address`: how many answers came back.
    func ping(_ host: String, _ address: String, count: Int, interval: String = "0.2") throws -> (
        sent: Int, received: Int
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "ip", "netns", "exec", "\(Self.prefix)-\(host)", "ping", "-q", "-c", String(count), "-i", interval, "-W",
            "1", address,
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // "600 packets transmitted, 600 received, 0% packet loss, time 6012ms"
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," }).map(String.init)
        let sent = words.firstIndex(of: "transmitted").map { Int(words[$0 - 2]) ?? 0 } ?? 0
        let received = words.firstIndex(of: "received").map { Int(words[$0 - 1]) ?? 0 } ?? 0
        return (sent, received)
    }

    /// Every device's (unicast, multicast) user counters as the ledger keeps them, and the same
    /// counted from the activated users, by device code.
    func deviceCounters() throws -> (ledger: [String: [Int]], users: [String: [Int]]) {
        let devices = try ledger("device", "list", "--json-compact")
        let users = try ledger("user", "list", "--json-compact")
        let deviceList = try #require(try JSONSerialization.jsonObject(with: Data(devices.utf8)) as? [[String: Any]])
        let userList = try #require(try JSONSerialization.jsonObject(with: Data(users.utf8)) as? [[String: Any]])
        var codes: [String: String] = [:]
        var kept: [String: [Int]] = [:]
        var counted: [String: [Int]] = [:]
        for device in deviceList {
            guard let code = device["code"] as? String, let key = device["pubkey"] as? String else { continue }
            codes[key] = code
            kept[code] = [
                (device["unicast_users_count"] as? NSNumber)?.intValue ?? -1,
                (device["multicast_users_count"] as? NSNumber)?.intValue ?? -1,
            ]
            counted[code] = [0, 0]
        }
        for user in userList where user["status"] as? String == "activated" {
            guard let key = user["device_pk"] as? String ?? user["device"] as? String, let code = codes[key] else {
                continue
            }
            let multicast = (user["user_type"] as? String)?.lowercased() == "multicast"
            counted[code]?[multicast ? 1 : 0] += 1
        }
        return (kept, counted)
    }

    /// A multicast group's address, by code.
    func groupAddress(_ code: String) throws -> String? {
        let list = try ledger("multicast-group", "list", "--json-compact")
        let groups = try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]] ?? []
        return groups.first { $0["code"] as? String == code }?["multicast_ip"] as? String
    }

    /// The DZ IP on `host`'s doublezero1 (a multicast publisher's), from the interface.
    func multicastDZIP(_ host: String) throws -> String? {
        let output = try Self.run(
            "ip", ["-n", "\(Self.prefix)-\(host)", "-4", "-o", "addr", "show", "dev", "doublezero1"])
        return output.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ").map(String.init)
            guard let index = words.firstIndex(of: "inet"), index + 1 < words.count else { return nil }
            let address = words[index + 1].split(separator: "/").first.map(String.init) ?? ""
            return words[index + 1].hasSuffix("/32") ? address : nil
        }.first
    }

    /// Sends `count` datagrams at `rate`/s from `source` through `from`'s doublezero1 to
    /// 233.84.178.0:5000 while a listener on `to`'s doublezero1 counts them; how many arrived
    /// (the devnet's own scripts, `Tools/Devnet/multicast-send.py` and `multicast-count.py`).
    func multicastStream(from: String, source: String, to: String, count: Int, rate: Int) throws -> Int {
        let tools = URL(fileURLWithPath: Self.scriptPath).deletingLastPathComponent()
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = [
            "ip", "netns", "exec", "\(Self.prefix)-\(to)", "python3",
            tools.appendingPathComponent("multicast-count.py").path, "233.84.178.0", String(count), "3",
        ]
        let output = Pipe()
        listener.standardOutput = output
        try listener.run()
        usleep(400_000)
        try Self.run(
            "ip",
            [
                "netns", "exec", "\(Self.prefix)-\(from)", "python3",
                tools.appendingPathComponent("multicast-send.py").path, "233.84.178.0", source, String(count),
                String(rate),
            ])
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        listener.waitUntilExit()
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Waits up to `timeout` for `condition`, recording what it waited for when it never holds.
    func waitUntil(_ what: String, timeout: Duration = .seconds(30), _ condition: () async throws -> Bool)
        async throws
    {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out after \(timeout) waiting for \(what)")
        throw CancellationError()
    }

    /// Runs `command ARGS` to completion; its standard output.
    @discardableResult
    static func run(_ command: String, _ arguments: [String]) throws -> String {
        try CommandOutput.run(command, arguments)
    }
}
