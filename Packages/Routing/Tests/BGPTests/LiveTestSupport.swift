import BGP
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Why a live test cannot run; thrown (so the test fails loudly) rather than skipped.
struct LiveTestError: Error, CustomStringConvertible {
    let description: String
}

/// Runs a command to completion and returns its standard output; throws with stderr on failure.
@discardableResult
func runCommand(_ arguments: [String], allowFailure: Bool = false) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: outData, as: UTF8.self)
    if process.terminationStatus != 0 && !allowFailure {
        throw LiveTestError(
            description: "`\(arguments.joined(separator: " "))` exited \(process.terminationStatus): "
                + String(decoding: errData, as: UTF8.self) + text)
    }
    return text
}

/// The tools the live tests need: root, iproute2 and BIRD 2 (Debian `bird2`).
enum LiveTestRequirements {
    static func check() throws {
        guard getuid() == 0 else {
            throw LiveTestError(description: "BGP live tests need root (network namespaces); run as root")
        }
        for tool in ["/usr/sbin/bird", "/usr/sbin/birdc"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw LiveTestError(description: "BGP live tests need BIRD 2: \(tool) missing (apt-get install bird2)")
        }
        _ = try runCommand(["ip", "-V"])
    }
}

/// Two network namespaces joined by a veth pair: ours ("user", 169.254.0.1/31) and the
/// peer's ("device", 169.254.0.0/31), like a user tunnel's overlay. Deleted by ``remove()``.
final class OverlayNetwork: Sendable {
    static let counter = NIOLockedValueBox(0)
    let user: String
    let device: String
    let userAddress = "169.254.0.1"
    let deviceAddress = "169.254.0.0"

    init() throws {
        let index = Self.counter.withLockedValue { value -> Int in
            value += 1
            return value
        }
        let tag = "\(getpid() % 100_000)-\(index)"
        user = "bgpu-\(tag)"
        device = "bgpd-\(tag)"
        do {
            try runCommand(["ip", "netns", "add", user])
            try runCommand(["ip", "netns", "add", device])
            try runCommand([
                "ip", "-n", user, "link", "add", "veth0", "type", "veth", "peer", "name", "veth0", "netns", device,
            ])
            try runCommand(["ip", "-n", user, "addr", "add", "\(userAddress)/31", "dev", "veth0"])
            try runCommand(["ip", "-n", device, "addr", "add", "\(deviceAddress)/31", "dev", "veth0"])
            for namespace in [user, device] {
                try runCommand(["ip", "-n", namespace, "link", "set", "lo", "up"])
                try runCommand(["ip", "-n", namespace, "link", "set", "veth0", "up"])
            }
        } catch {
            remove()
            throw error
        }
    }

    /// Deletes both namespaces (and with them the veth pair).
    func remove() {
        _ = try? runCommand(["ip", "netns", "del", user], allowFailure: true)
        _ = try? runCommand(["ip", "netns", "del", device], allowFailure: true)
    }
}

/// A one-thread event loop group whose thread lives in a network namespace: every socket the
/// speaker creates on it belongs to that namespace (sockets keep the namespace they were made in).
func makeEventLoopGroup(inNamespace name: String) async throws -> MultiThreadedEventLoopGroup {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let result = try await group.next().submit { () -> Int32 in
        let fd = open("/var/run/netns/\(name)", O_RDONLY)
        guard fd >= 0 else { return errno }
        defer { close(fd) }
        // glibc's setns(2), which the Glibc module does not import; 0x40000000 = CLONE_NEWNET.
        // Only the calling thread moves.
        guard let symbol = dlsym(nil, "setns") else { return ENOSYS }
        typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32
        let setNamespace = unsafeBitCast(symbol, to: SetNamespace.self)
        return setNamespace(fd, 0x4000_0000) == 0 ? 0 : errno
    }.get()
    guard result == 0 else {
        try? await group.shutdownGracefully()
        throw LiveTestError(description: "setns into \(name) failed: errno \(result)")
    }
    return group
}

/// One BIRD 2 daemon in a namespace with its own config, control socket and pid file in a
/// temporary directory.
final class BIRDDaemon: @unchecked Sendable {
    let namespace: String
    let directory: URL
    var socketPath: String { directory.appendingPathComponent("bird.ctl").path }
    var configPath: String { directory.appendingPathComponent("bird.conf").path }
    private(set) var process: Process?

    init(namespace: String, config: String) throws {
        self.namespace = namespace
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bird-\(namespace)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts BIRD in the foreground (`-f`) under `ip netns exec` and waits for its control socket.
    func start() throws {
        try? FileManager.default.removeItem(atPath: socketPath)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "ip", "netns", "exec", namespace, "/usr/sbin/bird", "-f", "-c", configPath, "-s", socketPath, "-P",
            directory.appendingPathComponent("bird.pid").path,
        ]
        let logPath = directory.appendingPathComponent("bird.out").path
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if let reply = try? runCommand(["birdc", "-s", socketPath, "show", "status"]),
                reply.contains("Daemon is up")
            {
                return
            }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        let output = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        throw LiveTestError(description: "BIRD did not start in \(namespace): \(output)")
    }

    /// Sends a signal to BIRD (`ip netns exec` execs BIRD, so the process is BIRD itself).
    func signal(_ number: Int32) {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, number)
    }

    /// Kills BIRD and waits for it to exit.
    func kill9() {
        guard let process else { return }
        if process.isRunning {
            kill(process.processIdentifier, SIGCONT)
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        self.process = nil
    }

    /// Runs a birdc command and returns its output (birdc exits non-zero for "Network not found").
    func command(_ words: String...) throws -> String {
        try runCommand(["birdc", "-s", socketPath] + words, allowFailure: true)
    }

    /// What BIRD wrote to stdout and stderr (its log with `log stderr all;`).
    var log: String {
        (try? String(contentsOfFile: directory.appendingPathComponent("bird.out").path, encoding: .utf8)) ?? ""
    }

    /// Kills BIRD and deletes its directory.
    func remove() {
        kill9()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Collects a stream's elements so a test can wait for one that matches.
final class EventRecorder<Element: Sendable>: Sendable {
    private let elements = NIOLockedValueBox<[Element]>([])
    private let task: NIOLockedValueBox<Task<Void, Never>?> = NIOLockedValueBox(nil)

    /// Records `stream`; `observe`, when given, sees each element as it is recorded, in the
    /// recording task (for a test that must act at once, without the polling delay of ``first``).
    init(_ stream: AsyncStream<Element>, observe: (@Sendable (Element) async -> Void)? = nil) {
        let elements = self.elements
        task.withLockedValue {
            $0 = Task {
                for await element in stream {
                    elements.withLockedValue { $0.append(element) }
                    await observe?(element)
                }
            }
        }
    }

    var all: [Element] { elements.withLockedValue { $0 } }

    /// The first element after index `from` that matches, waiting at most `timeout`.
    func first(
        after from: Int = 0, within timeout: Duration, where matches: (Element) -> Bool
    ) async -> (index: Int, element: Element)? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            let snapshot = all
            if from < snapshot.count, let index = snapshot[from...].firstIndex(where: matches) {
                return (index, snapshot[index])
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return nil
    }
}

/// Polls `body` until it returns true or `timeout` passes.
func eventually(within timeout: Duration, _ body: () throws -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if (try? body()) == true { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return false
}

/// The kernel's TCP counters (`nstat` names, absolute values) of a network namespace.
func tcpCounters(in namespace: String, _ names: [String]) throws -> [String: Int] {
    // -a absolute, -s leave nstat's history file alone, -z zeros too.
    let output = try runCommand(["ip", "netns", "exec", namespace, "nstat", "-asz"] + names)
    var counters: [String: Int] = [:]
    for line in output.split(separator: "\n") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if fields.count >= 2, names.contains(String(fields[0])), let value = Int(fields[1]) {
            counters[String(fields[0])] = value
        }
    }
    return counters
}

/// Writes ``KernelRouteChange``s into a namespace's kernel tables with `ip route`, as the
/// daemon's netlink writer would, and lists what is there.
enum NamespaceRoutes {
    /// `ip route replace` / `ip route del` of one change inside `namespace`.
    static func apply(_ change: KernelRouteChange, in namespace: String) throws {
        let (verb, route) =
            switch change {
            case .replace(let route): ("replace", route)
            case .delete(let route): ("del", route)
            }
        var arguments = [
            "ip", "-n", namespace, "route", verb, route.destination.description, "via", route.gateway.description,
        ]
        if let source = route.source { arguments += ["src", source.description] }
        arguments += ["table", String(route.table), "proto", String(route.routeProtocol)]
        try runCommand(arguments)
    }

    /// The destinations of the routes with protocol `routeProtocol` in every table of `namespace`.
    static func destinations(in namespace: String, routeProtocol: UInt8 = 186) throws -> [String] {
        try runCommand(["ip", "-n", namespace, "-4", "route", "show", "table", "all", "proto", String(routeProtocol)])
            .split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    }
}
