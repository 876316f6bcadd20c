import BenchmarkSupport
import Foundation

/// Two namespaces joined by a veth pair: the exporter (10.99.0.1/24) and the receivers
/// (10.99.0.2 for our speaker, 10.99.0.3 for the receiving BIRD, both on one interface).
struct BenchmarkNetwork {
    let exporter = "bgpbench-exp-\(getpid())"
    let receivers = "bgpbench-rcv-\(getpid())"

    func create() throws {
        try ShellCommand.run(["ip", "netns", "add", exporter])
        try ShellCommand.run(["ip", "netns", "add", receivers])
        try ShellCommand.run([
            "ip", "-n", exporter, "link", "add", "veth0", "type", "veth", "peer", "name", "veth0", "netns", receivers,
        ])
        try ShellCommand.run(["ip", "-n", exporter, "addr", "add", "10.99.0.1/24", "dev", "veth0"])
        try ShellCommand.run(["ip", "-n", receivers, "addr", "add", "10.99.0.2/24", "dev", "veth0"])
        try ShellCommand.run(["ip", "-n", receivers, "addr", "add", "10.99.0.3/24", "dev", "veth0"])
        for namespace in [exporter, receivers] {
            try ShellCommand.run(["ip", "-n", namespace, "link", "set", "lo", "up"])
            try ShellCommand.run(["ip", "-n", namespace, "link", "set", "veth0", "up"])
        }
    }

    func remove() {
        _ = try? ShellCommand.run(["ip", "netns", "del", exporter], allowFailure: true)
        _ = try? ShellCommand.run(["ip", "netns", "del", receivers], allowFailure: true)
    }
}

/// One BIRD 2 daemon in a namespace, with its config, control socket and pid file in `directory`.
final class BIRDDaemon {
    let name: String
    let namespace: String
    let directory: URL
    private var process: Process?
    var socketPath: String { directory.appendingPathComponent("\(name).ctl").path }

    init(name: String, namespace: String, directory: URL, config: String) throws {
        self.name = name
        self.namespace = namespace
        self.directory = directory
        try config.write(to: directory.appendingPathComponent("\(name).conf"), atomically: true, encoding: .utf8)
    }

    func start() throws {
        let process = try ShellCommand.start([
            "ip", "netns", "exec", namespace, "/usr/sbin/bird", "-f", "-c",
            directory.appendingPathComponent("\(name).conf").path,
            "-s", socketPath, "-P", directory.appendingPathComponent("\(name).pid").path,
        ])
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if command("show status").contains("Daemon is up") { return }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw BenchmarkError("BIRD \(name) did not start in \(namespace)")
    }

    /// One birdc command (words split on spaces); the output, even when birdc exits non-zero.
    func command(_ line: String) -> String {
        (try? ShellCommand.run(
            ["birdc", "-s", socketPath] + line.split(separator: " ").map(String.init), allowFailure: true)) ?? ""
    }

    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// Moves the calling thread into a network namespace (setns(2) through dlsym: the Glibc module
/// does not import it). Sockets created on this thread afterwards belong to that namespace.
func enterNamespace(_ name: String) throws {
    let fd = open("/var/run/netns/\(name)", O_RDONLY)
    guard fd >= 0 else { throw BenchmarkError("cannot open namespace \(name): errno \(errno)") }
    defer { close(fd) }
    guard let symbol = dlsym(nil, "setns") else { throw BenchmarkError("setns not found") }
    typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32
    guard unsafeBitCast(symbol, to: SetNamespace.self)(fd, 0x4000_0000) == 0 else {
        throw BenchmarkError("setns into \(name) failed: errno \(errno)")
    }
}
