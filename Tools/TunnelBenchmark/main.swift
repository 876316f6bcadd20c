import Foundation
import Tunnel

// tunnel-bench: provisioning time through our netlink vs `ip` commands, and TCP throughput
// through the userspace GRE datapath vs the bare veth. Run as root (`make bench-tunnel`);
// needs iproute2 and iperf3. The figures are printed last, one per line.
//
// Environment: TUNNEL_BENCH_ITERATIONS (default 30), TUNNEL_BENCH_SECONDS (default 5).

let environment = ProcessInfo.processInfo.environment
let iterations = Int(environment["TUNNEL_BENCH_ITERATIONS"] ?? "") ?? 30
let seconds = Int(environment["TUNNEL_BENCH_SECONDS"] ?? "") ?? 5

do {
    try Command.requireRootAndTools(["ip", "iperf3"])
    print("provisioning one tunnel (2 addresses, MTU, up, 10 routes), median of \(iterations)...")
    let provisioning = try ProvisioningBenchmark(iterations: iterations).run()
    print("  interface: \(provisioning.interfaceKind)")
    print("  our netlink: \(provisioning.ours)   ip commands: \(provisioning.ip)")
    print("TCP throughput, iperf3 \(seconds) s each: bare veth, then userspace GRE...")
    let throughput = try ThroughputBenchmark(seconds: seconds).run()
    let userspaceGbps = throughput.userspaceBitsPerSecond / 1e9
    let vethGbps = throughput.vethBitsPerSecond / 1e9
    print("targets: provisioning >= 10 x faster than ip; userspace GRE >= 0.5 of bare veth")
    print("tunnel.provision_speedup_vs_ip: \(String(format: "%.1f", provisioning.speedup)) x")
    print("tunnel.userspace_gbps: \(String(format: "%.2f", userspaceGbps)) Gbit/s")
    print("tunnel.veth_gbps: \(String(format: "%.2f", vethGbps)) Gbit/s")
    print("tunnel.userspace_ratio: \(String(format: "%.3f", userspaceGbps / vethGbps))")
} catch {
    FileHandle.standardError.write(Data("tunnel-bench: \(error)\n".utf8))
    exit(1)
}
