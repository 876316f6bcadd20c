import BenchmarkSupport
import Foundation

/// The benchmark's moves on the devnet: connects and disconnects, the publisher's stream, the
/// listeners (Python in the host namespaces).
struct MulticastRounds {
    /// A multicast role.
    enum Role: String { case publisher, subscriber }

    let devnet: DevnetRun
    /// mg01's address.
    let group: String

    init(devnet: DevnetRun) throws {
        self.devnet = devnet
        let list = try ShellCommand.run([
            "ip", "netns", "exec", devnet.namespace("core"), devnet.doublezero, "multicast-group", "list",
            "--json-compact",
            "--ledger", devnet.ledger,
        ])
        guard let groups = try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]],
            let address = groups.first(where: { $0["code"] as? String == "mg01" })?["multicast_ip"] as? String
        else { throw BenchmarkError("no mg01 in the devnet's ledger: \(list)") }
        group = address
    }

    /// `doublezero connect multicast ROLE mg01` on `host` (through `device` when given).
    func connect(_ host: String, _ role: Role, device: String?) throws {
        try ShellCommand.run(
            [
                "ip", "netns", "exec", devnet.namespace(host), devnet.doublezero, "connect", "multicast", role.rawValue,
                "mg01",
            ]
                + (device.map { ["--device", $0] } ?? []) + connection(host))
    }

    /// `doublezero disconnect multicast` on `host`, then waits until doublezero1 is gone.
    func disconnect(_ host: String) throws {
        try ShellCommand.run(
            ["ip", "netns", "exec", devnet.namespace(host), devnet.doublezero, "disconnect", "multicast"]
                + connection(host))
        for _ in 0..<300 where try hasTunnel(host) { usleep(100_000) }
    }

    /// The publisher's stream, `rate` packets/s until terminated.
    func startStream(from host: String, rate: Int) throws -> Process {
        try ShellCommand.start([
            "ip", "netns", "exec", devnet.namespace(host), "python3", Self.tool("multicast-send.py"), group,
            try dzIP(host), String(Int.max), String(rate),
        ])
    }

    /// One round: a listener waits on `subscriber`'s doublezero1, connect runs, and the first
    /// packet's arrival is timed from connect's return.
    func joinToFirstPacket(subscriber: String) throws -> Double {
        if try hasTunnel(subscriber) { try disconnect(subscriber) }
        sleep(1)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("first-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listener.arguments = [
            "ip", "netns", "exec", devnet.namespace(subscriber), "python3", "-c", Self.firstPacket, group,
        ]
        listener.standardOutput = try FileHandle(forWritingTo: output)
        try listener.run()
        try connect(subscriber, .subscriber, device: nil)
        let returned = Date().timeIntervalSince1970
        listener.waitUntilExit()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard let first = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchmarkError("no packet reached \(subscriber)'s doublezero1 within 20 s (\(text))")
        }
        try disconnect(subscriber)
        return (first - returned) * 1000
    }

    /// `subscriber` joins through `device`; `rate` packets/s for `seconds` from host4; (sent, received).
    func loss(subscriber: String, device: String, rate: Int, seconds: Int) throws -> (Int, Int) {
        try connect(subscriber, .subscriber, device: device)
        // Until the device forwards to the new tunnel: a short burst must arrive.
        for _ in 0..<20 {
            if try stream(to: subscriber, count: 200, rate: 1000) >= 190 { break }
            sleep(1)
        }
        let count = rate * seconds
        return (count, try stream(to: subscriber, count: count, rate: rate))
    }

    /// `count` packets at `rate`/s from host4 to `subscriber`; how many arrived.
    private func stream(to subscriber: String, count: Int, rate: Int) throws -> Int {
        let listener = try ShellCommand.startCapturing([
            "ip", "netns", "exec", devnet.namespace(subscriber), "python3", Self.tool("multicast-count.py"), group,
            String(count), "3",
        ])
        usleep(400_000)
        try ShellCommand.run([
            "ip", "netns", "exec", devnet.namespace("host4"), "python3", Self.tool("multicast-send.py"), group,
            try dzIP("host4"), String(count), String(rate),
        ])
        return Int(listener.finish().trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    private func connection(_ host: String) -> [String] {
        ["--ledger", devnet.ledger, "--keypair", devnet.key(host), "--sock-file", devnet.socket(host)]
    }

    private func hasTunnel(_ host: String) throws -> Bool {
        try ShellCommand.run(["ip", "-n", devnet.namespace(host), "-br", "link"]).contains("doublezero1")
    }

    /// The /32 on `host`'s doublezero1: its DZ IP.
    private func dzIP(_ host: String) throws -> String {
        let text = try ShellCommand.run([
            "ip", "-n", devnet.namespace(host), "-4", "-o", "addr", "show", "dev", "doublezero1",
        ])
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            if let index = words.firstIndex(of: "inet"), index + 1 < words.count, words[index + 1].hasSuffix("/32") {
                return String(words[index + 1].dropLast(3))
            }
        }
        throw BenchmarkError("\(host) has no DZ IP on doublezero1: \(text)")
    }

    /// A script of `Tools/Devnet` (the devnet's multicast sender and counter).
    static func tool(_ name: String) -> String {
        URL(fileURLWithPath: DevnetRun.script).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// GROUP: waits for doublezero1, joins there, prints the wall-clock time of the first datagram.
    static let firstPacket = """
        import socket, struct, sys, time
        group = sys.argv[1]
        deadline = time.time() + 20
        while True:
            try:
                index = socket.if_nametoindex("doublezero1")
                break
            except OSError:
                if time.time() > deadline:
                    sys.exit(1)
                time.sleep(0.005)
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", 5000))
        while True:
            try:
                s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                    struct.pack("4s4si", socket.inet_aton(group), socket.inet_aton("0.0.0.0"), index))
                break
            except OSError:
                if time.time() > deadline:
                    sys.exit(1)
                time.sleep(0.005)
        s.settimeout(max(0.1, deadline - time.time()))
        s.recvfrom(2000)
        print(repr(time.time()))
        """
}
