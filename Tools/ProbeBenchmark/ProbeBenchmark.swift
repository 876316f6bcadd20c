import BenchmarkSupport
import ArgumentParser
import Foundation
import LinuxHost
import Models
import Probe

/// `make bench-probe`: the ICMP prober's CPU cost and its agreement with `ping`, measured
/// between two network namespaces joined by a veth pair (needs root and iproute2 and
/// iputils-ping). The prober's socket is opened inside the client namespace
/// (LinuxHost's `NetworkNamespace.perform`); `ping` runs there through `ip netns exec`.
///
/// Each run measures:
/// - CPU time (user + system, `getrusage`) of one pass of `targets × probes` echoes,
///   scaled to 1,000 probes;
/// - the difference of average RTTs, prober minus `ping`, over the same path in the same run.
///
/// The figures are medians over the runs, printed last, one per line.
@main
struct ProbeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe-bench", abstract: "ICMP prober CPU cost and RTT agreement with ping (root).")

    @Option(help: "Runs; the figures are medians.")
    var runs = 5

    @Option(help: "Targets (addresses on the server namespace) in the CPU pass.")
    var targets = 50

    @Option(help: "Probes per target in the CPU pass.")
    var probes = 20

    @Option(help: "Echoes per run for the comparison with ping.")
    var pingCount = 50

    func validate() throws {
        guard (1...250).contains(targets) else { throw ValidationError("--targets must be in 1...250") }
        for (flag, value) in [("--runs", runs), ("--probes", probes), ("--ping-count", pingCount)] where value < 1 {
            throw ValidationError("\(flag) must be at least 1, not \(value)")
        }
    }

    mutating func run() throws {
        try ShellCommand.requireRoot("probe-bench", tools: ["ip": "iproute2", "ping": "iputils-ping"])
        var network = BenchNetwork(tag: "\(getpid())")
        defer { network.remove() }
        try network.create(serverAddresses: targets)

        let socket = try NetworkNamespace(named: network.client).perform { () throws(ProbeError) in
            try ICMPSocket(.automatic)
        }.get()
        print("socket: \(socket.kind.rawValue) ICMP (net.ipv4.ping_group_range decides)")
        let probeTargets = network.serverAddresses.map { ProbeTarget(device: .zero, deviceCode: "bench", address: $0) }
        let cpuProber = try ICMPEchoProber(
            socket: socket, configuration: .init(count: probes, interval: .milliseconds(1), timeout: .seconds(5)))
        let pingProber = try ICMPEchoProber(
            socket: socket, configuration: .init(count: pingCount, interval: .milliseconds(10), timeout: .seconds(5)))
        _ = try cpuProber.probeBlocking(probeTargets)  // warm-up: ARP, caches

        var cpuPer1000: [Double] = []
        var differences: [Double] = []
        for run in 1...runs {
            let before = CPUTime.now()
            let results = try cpuProber.probeBlocking(probeTargets)
            let after = CPUTime.now()
            let cpu = after.total - before.total
            let user = after.user - before.user
            let sent = results.reduce(0) { $0 + $1.statistics.sent }
            let received = results.reduce(0) { $0 + $1.statistics.received }
            cpuPer1000.append(cpu / Double(sent) * 1000)

            let ping = try network.ping(network.serverAddresses[0], count: pingCount, interval: "0.01")
            let own = try pingProber.probeBlocking([probeTargets[0]])[0].statistics
            let ownAverage = own.average.map(\.inMicroseconds) ?? .nan
            differences.append(ownAverage - ping)
            print(
                "run \(run): \(sent) probes, \(received) replies, cpu \(Self.format(cpu)) ms"
                    + " (user \(Self.format(user)), \(Self.format(cpuPer1000.last!)) ms/1000); avg rtt prober \(Self.format(ownAverage)) us,"
                    + " ping \(Self.format(ping)) us, diff \(Self.format(differences.last!)) us")
        }
        print("probe.cpu_ms_per_1000: \(Self.format(median(cpuPer1000))) ms")
        print("probe.rtt_diff_vs_ping_us: \(Self.format(median(differences))) us")
    }

    static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// Process CPU time in milliseconds (`getrusage`, tick-sampled, so the user/system split is
/// rough). System time may include kernel work on the veth path charged to this process: the
/// server namespace answers echoes in softirq context, often on the sending CPU.
struct CPUTime {
    var user: Double
    var system: Double
    var total: Double { user + system }

    /// This process.
    static func now() -> CPUTime { usage(RUSAGE_SELF.rawValue) }

    private static func usage(_ who: Int32) -> CPUTime {
        var usage = rusage()
        getrusage(who, &usage)
        func ms(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return CPUTime(user: ms(usage.ru_utime), system: ms(usage.ru_stime))
    }
}
