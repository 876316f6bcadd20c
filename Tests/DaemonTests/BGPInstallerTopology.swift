import BGP
import Foundation
import LinuxHost
import LinuxHostTesting
import Models
import NIOPosix
import Synchronization

/// The route installer's live-test world: two scratch namespaces joined by a veth pair, the user
/// host (`veth0` 169.254.0.1/31, the DZ IP 147.51.126.1/32 on `lo`) and the device (`veth0`
/// 169.254.0.0/31) running BIRD 2 as a device-like BGP peer. No GRE: the session runs straight
/// over the /31, as it would over the tunnel. Namespaces and BIRD are removed whatever happens.
/// Needs root, iproute2 and Debian `bird2`; without them it fails, never skips.
struct BGPInstallerTopology {
    static let deviceASN: UInt32 = 65342
    static let dzIP: IPv4Address = "147.51.126.1"
    static let userAddress: IPv4Address = "169.254.0.1"
    static let deviceAddress: IPv4Address = "169.254.0.0"
    private static let counter = Atomic<Int>(0)

    let user: ScratchNamespace
    let device: ScratchNamespace
    let bird: DeviceBIRD

    /// The device's BIRD configuration: passive, timers 1/3, exporting 147.51.126.2/32 and
    /// 147.51.126.3/32 (protocol `users`, disabled to withdraw them), 10.20.0.0/16 (`others`),
    /// and our own DZ IP back with AS_PATH `[65342 65000]` (`echoed`), which must never be installed.
    static var deviceConfig: String {
        """
        log stderr all;
        router id \(deviceAddress);
        protocol device { scan time 1; }
        protocol static users {
            ipv4;
            route 147.51.126.2/32 blackhole;
            route 147.51.126.3/32 blackhole;
        }
        protocol static others {
            ipv4;
            route 10.20.0.0/16 blackhole;
        }
        protocol static echoed {
            ipv4;
            route \(dzIP)/32 blackhole;
        }
        protocol bgp dz_user {
            local \(deviceAddress) as \(deviceASN);
            neighbor \(userAddress) as 65000;
            passive on;
            hold time 3;
            keepalive time 1;
            ipv4 {
                import all;
                export filter {
                    if proto = "echoed" then bgp_path.prepend(65000);
                    accept;
                };
            };
        }
        """
    }

    /// Builds the topology, starts BIRD, runs `body`, and removes everything.
    static func with<T>(_ body: (BGPInstallerTopology) async throws -> T) async throws -> T {
        guard getuid() == 0 else { throw InstallerTestFailure("the route installer live tests need root") }
        for tool in ["/usr/sbin/bird", "/usr/sbin/birdc"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw InstallerTestFailure(
                "the route installer live tests need BIRD 2: \(tool) missing (apt-get install bird2)")
        }
        let tag = "\(getpid() % 100_000)-\(counter.add(1, ordering: .relaxed).newValue)"
        return try await ScratchNamespace.with(names: ["bri-u-\(tag)", "bri-d-\(tag)"]) { namespaces in
            let (user, device) = (namespaces[0], namespaces[1])
            try runInstallerCommand([
                "ip", "-n", user.name, "link", "add", "veth0", "type", "veth", "peer", "name", "veth0", "netns",
                device.name,
            ])
            try runInstallerCommand(["ip", "-n", user.name, "addr", "add", "\(userAddress)/31", "dev", "veth0"])
            try runInstallerCommand(["ip", "-n", user.name, "addr", "add", "\(dzIP)/32", "dev", "lo"])
            try runInstallerCommand(["ip", "-n", device.name, "addr", "add", "\(deviceAddress)/31", "dev", "veth0"])
            for namespace in [user.name, device.name] {
                try runInstallerCommand(["ip", "-n", namespace, "link", "set", "lo", "up"])
                try runInstallerCommand(["ip", "-n", namespace, "link", "set", "veth0", "up"])
            }
            let bird = try DeviceBIRD(namespace: device.name, config: deviceConfig)
            defer { bird.remove() }
            try bird.start()
            return try await body(BGPInstallerTopology(user: user, device: device, bird: bird))
        }
    }

    /// A speaker dialling BIRD from the user namespace (its one event loop thread entered it
    /// first, so its sockets live there), announcing the DZ IP, reconnecting after 200 ms.
    func makeSpeaker(group: MultiThreadedEventLoopGroup) -> BGPSpeaker {
        let speaker = BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                remoteASN: Self.deviceASN, peerAddress: Self.deviceAddress, localAddress: Self.userAddress,
                reconnectBackoff: ReconnectBackoff(initial: .milliseconds(200), maximum: .seconds(1), jitter: .none)),
            eventLoopGroup: group)
        speaker.announce([IPv4Prefix(uncheckedAddress: Self.dzIP, length: 32)])
        return speaker
    }

    /// A one-thread event loop group whose thread entered the user namespace.
    func makeEventLoopGroup() async throws -> MultiThreadedEventLoopGroup {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let path = "\(NetworkNamespace.namedDirectory)/\(user.name)"
        let result = try await group.next().submit { () -> Int32 in
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { return errno }
            defer { close(fd) }
            // glibc's setns(2) (not imported by Glibc); 0x40000000 = CLONE_NEWNET; only this thread moves.
            guard let symbol = dlsym(nil, "setns") else { return ENOSYS }
            typealias SetNamespace = @convention(c) (Int32, Int32) -> Int32
            return unsafeBitCast(symbol, to: SetNamespace.self)(fd, 0x4000_0000) == 0 ? 0 : errno
        }.get()
        guard result == 0 else {
            try? await group.shutdownGracefully()
            throw InstallerTestFailure("setns into \(user.name) failed: errno \(result)")
        }
        return group
    }

    /// `ip -4 route show table TABLE proto 186` in the user namespace, one route per line.
    func bgpRoutes(table: String = "main") throws -> [String] {
        try runInstallerCommand(["ip", "-n", user.name, "-4", "route", "show", "table", table, "proto", "186"])
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

/// BIRD 2 in a namespace, with its config, control socket and log in a temporary directory.
final class DeviceBIRD: @unchecked Sendable {
    let namespace: String
    let directory: URL
    private var process: Process?
    var socketPath: String { directory.appendingPathComponent("bird.ctl").path }
    var configPath: String { directory.appendingPathComponent("bird.conf").path }

    init(namespace: String, config: String) throws {
        self.namespace = namespace
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "bird-\(namespace)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts BIRD in the foreground under `ip netns exec` and waits for its control socket.
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
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if let reply = try? command("show", "status"), reply.contains("Daemon is up") { return }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        throw InstallerTestFailure("BIRD did not start in \(namespace): \(self.log)")
    }

    /// Kills BIRD (as a crashed device would go) and waits for it to exit.
    func kill9() {
        guard let process else { return }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        self.process = nil
    }

    /// Runs a birdc command and returns its output.
    @discardableResult
    func command(_ words: String...) throws -> String {
        try runInstallerCommand(["birdc", "-s", socketPath] + words, allowFailure: true)
    }

    /// What BIRD logged.
    var log: String {
        (try? String(contentsOfFile: directory.appendingPathComponent("bird.out").path, encoding: .utf8)) ?? ""
    }

    /// Kills BIRD and deletes its directory.
    func remove() {
        kill9()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Why a route installer live test could not run or went wrong outside its assertions.
struct InstallerTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs a command to completion, its output through a temporary file (never a pipe a background
/// child could hold open); throws with its output on a non-zero exit unless `allowFailure`.
@discardableResult
func runInstallerCommand(_ arguments: [String], allowFailure: Bool = false) throws -> String {
    let path = NSTemporaryDirectory() + "installer-test-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    let output = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    if process.terminationStatus != 0 && !allowFailure {
        throw InstallerTestFailure(
            "`\(arguments.joined(separator: " "))` exited \(process.terminationStatus): \(output)")
    }
    return output
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes; whether it held.
func installerEventually(within timeout: Duration, _ condition: () throws -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? condition()) == true { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return (try? condition()) == true
}
