import Foundation
import LinuxHostTesting
import Models
import Synchronization
import Testing

@testable import Probe

/// Two network namespaces joined by a veth pair, for live tests: `client` (10.77.0.1/24) and
/// `server` (10.77.0.2/24 plus any extra addresses). Test traffic never touches the root
/// namespace. Needs root and iproute2; fails loudly without them.
///
/// Use ``TestNetwork/with(extraServerAddresses:_:)``: it deletes both namespaces afterwards
/// (they are LinuxHost ``ScratchNamespace``s), also when the body fails or throws.
struct TestNetwork: Sendable {
    /// Why a live test cannot run here.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// A command that exited with a failure.
    struct CommandFailed: Error, CustomStringConvertible {
        let command: [String]
        let status: Int32
        let output: String
        var description: String { "`\(command.joined(separator: " "))` exited with \(status): \(output)" }
    }

    /// The client namespace.
    let clientNamespace: ScratchNamespace
    /// The server namespace.
    let serverNamespace: ScratchNamespace
    /// The client namespace's name.
    var client: String { clientNamespace.name }
    /// The server namespace's name.
    var server: String { serverNamespace.name }
    /// The client's address.
    let clientAddress: IPv4Address = "10.77.0.1"
    /// The server's address.
    let serverAddress: IPv4Address = "10.77.0.2"

    /// Runs `body` on a thread inside the client namespace (sockets opened there stay there).
    func inClient<T: Sendable>(_ body: @escaping @Sendable () throws(ProbeError) -> T) throws -> T {
        try clientNamespace.namespace.perform(body).get()
    }

    /// Runs `body` on a thread inside the server namespace.
    func inServer<T: Sendable>(_ body: @escaping @Sendable () throws(ProbeError) -> T) throws -> T {
        try serverNamespace.namespace.perform(body).get()
    }

    /// Numbers the networks of this process so parallel tests get distinct namespaces.
    private static let counter = Atomic<Int>(0)

    /// Builds a network, runs `body`, and removes the network whatever happens.
    static func with<T>(
        extraServerAddresses: [IPv4Address] = [], _ body: (TestNetwork) async throws -> T
    ) async throws -> T {
        try requireLiveTestPrerequisites()
        let number = counter.add(1, ordering: .relaxed).newValue
        let names = ["probe-t\(getpid())-\(number)c", "probe-t\(getpid())-\(number)s"]
        return try await ScratchNamespace.with(names: names) { namespaces in
            let network = TestNetwork(clientNamespace: namespaces[0], serverNamespace: namespaces[1])
            try network.connect(extraServerAddresses: extraServerAddresses)
            return try await body(network)
        }
    }

    /// Fails (does not skip) when not root or a needed tool is missing.
    static func requireLiveTestPrerequisites(tools: [String] = ["ip", "ping", "nft", "sysctl"]) throws {
        guard getuid() == 0 else {
            throw Unavailable(description: "live probe tests need root (network namespaces, raw sockets); run as root")
        }
        for tool in tools where findExecutable(tool) == nil {
            throw Unavailable(
                description:
                    "live probe tests need `\(tool)` on PATH (Debian: iproute2, iputils-ping, nftables, procps)")
        }
    }

    /// The full path of `tool` on PATH (and the sbin directories), if any.
    static func findExecutable(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a command and returns its standard output; throws when it fails.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        guard let executable = findExecutable(arguments[0]) else {
            throw Unavailable(description: "`\(arguments[0])` is not installed")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw CommandFailed(command: arguments, status: process.terminationStatus, output: text)
        }
        return text
    }

    /// Runs a command inside the client namespace.
    @discardableResult
    func runInClient(_ arguments: [String]) throws -> String {
        try Self.run(["ip", "netns", "exec", client] + arguments)
    }

    /// Runs a command inside the server namespace.
    @discardableResult
    func runInServer(_ arguments: [String]) throws -> String {
        try Self.run(["ip", "netns", "exec", server] + arguments)
    }

    /// Joins the two namespaces with a veth pair and addresses it.
    private func connect(extraServerAddresses: [IPv4Address]) throws {
        // Both ends are created straight inside their namespaces, never in the root namespace.
        try Self.run([
            "ip", "link", "add", "veth0", "netns", client, "type", "veth", "peer", "name", "veth0", "netns", server,
        ])
        try runInClient(["ip", "link", "set", "lo", "up"])
        try runInServer(["ip", "link", "set", "lo", "up"])
        try runInClient(["ip", "address", "add", "\(clientAddress)/24", "dev", "veth0"])
        try runInServer(["ip", "address", "add", "\(serverAddress)/24", "dev", "veth0"])
        for address in extraServerAddresses {
            try runInServer(["ip", "address", "add", "\(address)/24", "dev", "veth0"])
        }
        try runInClient(["ip", "link", "set", "veth0", "up"])
        try runInServer(["ip", "link", "set", "veth0", "up"])
        try waitUntilLinkIsUp()
    }

    /// Waits (up to 5 s) until both veth ends are operationally up with their real qdisc: the
    /// kernel's link watcher may take up to a second to activate a new link, and until then the
    /// `noop` qdisc drops every packet.
    private func waitUntilLinkIsUp() throws {
        var states: [String] = []
        for _ in 0..<500 {
            states = try [runInClient(["ip", "link", "show", "veth0"]), runInServer(["ip", "link", "show", "veth0"])]
            if states.allSatisfy({ $0.contains("state UP") && !$0.contains("qdisc noop") }) { return }
            usleep(10_000)
        }
        throw Unavailable(description: "veth0 did not come up within 5 s: \(states)")
    }

    /// Drops packets arriving in the server namespace: one nftables rule per entry of `matches`,
    /// each the rule's match expression, e.g. `["ip", "daddr", "10.77.0.4"]`.
    func drop(_ matches: [[String]]) throws {
        try runInServer(["nft", "add", "table", "inet", "probetest"])
        try runInServer(["nft", "add", "chain", "inet", "probetest", "input", "{ type filter hook input priority 0; }"])
        for match in matches {
            try runInServer(["nft", "add", "rule", "inet", "probetest", "input"] + match + ["drop"])
        }
    }

    /// Allows datagram ICMP sockets for every group in the client namespace.
    func allowDatagramICMP() throws {
        try runInClient(["sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647"])
    }

    /// Round-trip figures `ping -q` printed: min and avg in microseconds.
    struct PingSummary {
        var minimum: Double
        var average: Double
        var received: Int
    }

    /// Runs `ping -c count -i interval -q address` in the client namespace.
    func ping(_ address: IPv4Address, count: Int, interval: String) throws -> PingSummary {
        let output = try runInClient(["ping", "-n", "-q", "-c", "\(count)", "-i", interval, "-s", "56", "\(address)"])
        // "rtt min/avg/max/mdev = 0.031/0.045/0.090/0.012 ms" and "20 packets transmitted, 20 received"
        guard let rttLine = output.split(separator: "\n").first(where: { $0.contains("min/avg/max") }),
            let figures = rttLine.split(separator: "=").last?.split(separator: " ").first?.split(separator: "/"),
            figures.count >= 2, let minimum = Double(figures[0]), let average = Double(figures[1]),
            let countLine = output.split(separator: "\n").first(where: { $0.contains("received") }),
            let received = countLine.split(separator: ",").dropFirst().first?.split(separator: " ").first
                .flatMap({ Int($0) })
        else { throw Unavailable(description: "cannot read ping's summary: \(output)") }
        return PingSummary(minimum: minimum * 1000, average: average * 1000, received: received)
    }
}

extension Duration {
    /// The duration in microseconds, as a Double.
    var microsecondsValue: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000_000 + Double(attoseconds) / 1_000_000_000_000
    }
}
