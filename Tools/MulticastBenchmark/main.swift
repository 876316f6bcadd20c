import BenchmarkSupport
import Foundation

// multicast-bench (`make bench-multicast`, root, frr, python3): multicast on the devnet
// (`Tools/Devnet/devnet.sh` with the release binaries, namespace prefix `dzm`), whose devices
// forward group packets in their agents. host4 (xams, ams-dz01), the devnet's publisher-only
// host, publishes mg01, streaming 1,000 packets/s.
//
// - `multicast.join_to_first_packet_ms`: host3 (xfra, fra-dz01) runs `doublezero connect
//   multicast subscriber mg01`; from the moment it returns to the first packet of the stream
//   received on host3's doublezero1 (a listener waiting there since before the connect); then
//   `disconnect multicast`, and again; the median of `--runs`.
// - `multicast.loss_pct`: host2 subscribes through the publisher's own device (`--device
//   ams-dz01`), and host4 sends `--rate` packets/s for `--seconds`; the share not received.
await exitOnFailure("multicast-bench") {
    let options = try MulticastBenchmarkOptions(arguments: CommandLine.arguments)
    try ShellCommand.requireRoot(
        "multicast-bench", tools: ["ip": "iproute2", "python3": "python3", "vtysh": "frr", "bash": "bash"])
    let devnet = try await DevnetRun.start(prefix: "dzm")
    do {
        let bench = try MulticastRounds(devnet: devnet)
        var joins: [Double] = []
        let stream = try bench.startStream(from: "host4", rate: 1000)
        defer { stream.terminate() }
        for run in 1...options.runs {
            let milliseconds = try bench.joinToFirstPacket(subscriber: "host3")
            print("run \(run): first packet \(String(format: "%.1f", milliseconds)) ms after connect returned")
            joins.append(milliseconds)
        }
        stream.terminate()
        let (sent, received) = try bench.loss(
            subscriber: "host2", device: "ams-dz01", rate: options.rate, seconds: options.seconds)
        let loss = sent == 0 ? 100 : Double(sent - received) / Double(sent) * 100
        print("loss run: \(received) of \(sent) packets received at \(options.rate)/s for \(options.seconds) s")
        devnet.stop()
        print("target: multicast.join_to_first_packet_ms < 1000 ms")
        print(String(format: "multicast.join_to_first_packet_ms: %.1f ms", median(joins)))
        print(String(format: "multicast.loss_pct: %.3f %%", loss))
    } catch {
        devnet.stop()
        throw error
    }
}
