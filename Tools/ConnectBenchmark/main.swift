import BenchmarkSupport
import Foundation

// connect-bench (`make bench-connect`, root, frr, iproute2, ping): how fast a host joins the
// network, on the devnet (`Tools/Devnet/devnet.sh`, run in the background with the release
// binaries and namespaces of its own, prefix `dzb`). Each of `--runs` rounds disconnects host2
// (metro xams, device ams-dz02), waits until the network forgot it, then starts `doublezero
// connect ibrl --device ams-dz02` on it and measures
//
// - `connect.first_ping_s`: from starting connect to the first echo from host3 (metro xfra)
//   answered through the tunnel: pings bound to doublezero0 (`ping -I doublezero0`, every 20 ms
//   once the interface exists), so a reply counts only when both directions crossed the
//   tunnels (host3's answer reaches host2's doublezero0 only once host3 holds host2's /32);
// - `connect.device_apply_ms`: from connect's "account activated" step (it follows the ledger's
//   log, so it sees the activation within milliseconds) to ams-dz02's agent reporting the user's
//   tunnel built and FRR's config applied (its status.json, polled every 2 ms).
//
// Figures are medians over the rounds, printed last.
await exitOnFailure("connect-bench") {
    let options = try ConnectBenchmarkOptions(arguments: CommandLine.arguments)
    try ShellCommand.requireRoot(
        "connect-bench", tools: ["ip": "iproute2", "ping": "iputils-ping", "vtysh": "frr", "bash": "bash"])
    let devnet = try await DevnetRun.start(prefix: "dzb")
    var firstPings: [Double] = []
    var applies: [Double] = []
    do {
        for run in 1...options.runs {
            let round = try await ConnectRound(devnet: devnet).measure()
            print(
                "run \(run): first ping through the tunnel after \(String(format: "%.3f", round.firstPing)) s, "
                    + "device applied \(String(format: "%.1f", round.deviceApply)) ms after the activation")
            firstPings.append(round.firstPing)
            applies.append(round.deviceApply)
        }
    } catch {
        devnet.stop()
        throw error
    }
    devnet.stop()
    print("target: connect.first_ping_s < 2 s (upstream's daemon alone polls the ledger every 10 s)")
    print(String(format: "connect.first_ping_s: %.3f s", median(firstPings)))
    print(String(format: "connect.device_apply_ms: %.1f ms", median(applies)))
}
