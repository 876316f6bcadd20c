import BenchmarkSupport
import Foundation
import Tunnel

// tunnel-bench: provisioning time through our netlink vs `ip` commands, and TCP throughput
// through the userspace GRE datapath vs the bare veth. Run as root (`make bench-tunnel`);
// needs iproute2 and iperf3. Options: --iterations N (provisionings timed, median; 30),
// --seconds N (each iperf3 run; 5), --runs N (throughput runs, each figure the median; 3),
// --nic-like-underlay (both throughput measurements over a veth without TSO and with GRO on
// threaded NAPI, as NICs on a wire behave; needs ethtool). The figures are printed last, one
// per line.

struct TunnelBenchmarkOptions {
    var iterations = 30
    var seconds = 5
    var runs = 3
    var nicLikeUnderlay = false
}

exitOnFailure("tunnel-bench") {
    var options = TunnelBenchmarkOptions()
    try WholeNumberFlags<TunnelBenchmarkOptions>(
        ["--iterations": \.iterations, "--seconds": \.seconds, "--runs": \.runs],
        switches: ["--nic-like-underlay": (\.nicLikeUnderlay, true)]
    ).parse(CommandLine.arguments, into: &options)
    try ShellCommand.requireRoot(
        "tunnel-bench",
        tools: options.nicLikeUnderlay
            ? ["ip": "iproute2", "iperf3": "iperf3", "ethtool": "ethtool"] : ["ip": "iproute2", "iperf3": "iperf3"])
    print("provisioning one tunnel (2 addresses, MTU, up, 10 routes), median of \(options.iterations)...")
    let provisioning = try ProvisioningBenchmark(iterations: options.iterations).run()
    print("  interface: \(provisioning.interfaceKind)")
    print("  our netlink: \(provisioning.ours)   ip commands: \(provisioning.ip)")
    print("TCP throughput, iperf3 \(options.seconds) s each: bare veth, then userspace GRE; \(options.runs) runs...")
    if options.nicLikeUnderlay { print("  underlay: veth without TSO, GRO on threaded NAPI (NIC-like)") }
    var vethRuns: [Double] = []
    var userspaceRuns: [Double] = []
    for run in 1...options.runs {
        let throughput = try ThroughputBenchmark(seconds: options.seconds, nicLikeUnderlay: options.nicLikeUnderlay)
            .run()
        vethRuns.append(throughput.vethBitsPerSecond / 1e9)
        userspaceRuns.append(throughput.userspaceBitsPerSecond / 1e9)
        print(
            String(
                format: "  run %d: veth %.2f Gbit/s, userspace GRE %.2f Gbit/s", run, vethRuns.last!,
                userspaceRuns.last!))
    }
    let userspaceGbps = median(userspaceRuns)
    let vethGbps = median(vethRuns)
    print("targets: provisioning >= 10 x faster than ip; userspace GRE >= 0.5 of bare veth")
    print("tunnel.provision_speedup_vs_ip: \(String(format: "%.1f", provisioning.speedup)) x")
    print("tunnel.userspace_gbps: \(String(format: "%.2f", userspaceGbps)) Gbit/s")
    print("tunnel.veth_gbps: \(String(format: "%.2f", vethGbps)) Gbit/s")
    print("tunnel.userspace_ratio: \(String(format: "%.3f", median(zip(userspaceRuns, vethRuns).map { $0 / $1 })))")
}
