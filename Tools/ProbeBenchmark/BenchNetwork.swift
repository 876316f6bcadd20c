import ArgumentParser
import BenchmarkSupport
import Foundation
import LinuxHostTesting
import Models

/// Two namespaces joined by veth: client 10.78.0.1/24, server 10.78.0.2 and following
/// addresses. The namespaces are LinuxHost scratch namespaces, the veth pair is created straight
/// inside them; `remove()` deletes both.
struct BenchNetwork {
    let client: String
    let server: String
    private var namespaces: [ScratchNamespace] = []
    private(set) var serverAddresses: [IPv4Address] = []

    init(tag: String) {
        client = "probe-bench-\(tag)-c"
        server = "probe-bench-\(tag)-s"
    }

    mutating func create(serverAddresses count: Int) throws {
        for name in [client, server] { namespaces.append(try ScratchNamespace(name: name)) }
        try ShellCommand.run([
            "ip", "link", "add", "veth0", "netns", client, "type", "veth", "peer", "name", "veth0", "netns", server,
        ])
        for namespace in [client, server] {
            try ShellCommand.run(["ip", "-n", namespace, "link", "set", "lo", "up"])
            try ShellCommand.run(["ip", "-n", namespace, "link", "set", "veth0", "up"])
        }
        try ShellCommand.run(["ip", "-n", client, "address", "add", "10.78.0.1/24", "dev", "veth0"])
        // The link watcher may take up to a second to activate the link; until then the noop
        // qdisc drops every packet.
        for _ in 0..<500 {
            let states = try [client, server].map { try ShellCommand.run(["ip", "-n", $0, "link", "show", "veth0"]) }
            if states.allSatisfy({ $0.contains("state UP") && !$0.contains("qdisc noop") }) { break }
            usleep(10_000)
        }
        serverAddresses = (0..<count).map { IPv4Address(10, 78, 0, UInt8(2 + $0)) }
        for address in serverAddresses {
            try ShellCommand.run(["ip", "-n", server, "address", "add", "\(address)/24", "dev", "veth0"])
        }
    }

    func remove() {
        for namespace in namespaces { namespace.delete() }
    }

    /// `ping`'s average RTT in microseconds over `count` echoes `interval` seconds apart, from
    /// the client.
    func ping(_ address: IPv4Address, count: Int, interval: String) throws -> Double {
        let output = try ShellCommand.run([
            "ip", "netns", "exec", client, "ping", "-n", "-q", "-c", "\(count)", "-i", interval, "\(address)",
        ])
        guard let line = output.split(separator: "\n").first(where: { $0.contains("min/avg/max") }),
            let figures = line.split(separator: "=").last?.split(separator: " ").first?.split(separator: "/"),
            figures.count >= 2, let average = Double(figures[1])
        else { throw ValidationError("cannot read ping's summary: \(output)") }
        return average * 1000
    }
}
