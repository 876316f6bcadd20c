import BenchmarkNetwork
import BenchmarkSupport
import Foundation
import Models
import Routing

/// `make bench-controller`: how long the controller takes to render every device's config.
///
/// The network (``BenchmarkNetwork``) has `--devices` (100) devices with `--users` (96) users each.
/// One measured run derives every device's config model from the ledger snapshot
/// (``NetworkDeviceConfigs``) and renders all of them to EOS text; the bytes produced are summed.
/// After one warm-up, `--runs` (7) runs are timed and the median is reported. Figures are printed
/// last, one per line: `controller.render_all_ms`, `controller.bytes`.
@main
struct ControllerBenchmark {
    /// Command-line options.
    struct Options {
        var devices = 100
        var users = 96
        var runs = 7

        init(arguments: [String]) throws {
            try WholeNumberFlags<Self>(["--devices": \.devices, "--users": \.users, "--runs": \.runs])
                .parse(arguments, into: &self)
            guard devices <= 250 else { throw BenchmarkError("--devices must be at most 250") }
            guard users <= DeviceConfigOptions.defaultTunnelSlotCount else {
                throw BenchmarkError(
                    "--users must be at most \(DeviceConfigOptions.defaultTunnelSlotCount) (the slots)")
            }
        }
    }

    static func main() {
        exitOnFailure("controller-bench") { try run(Options(arguments: CommandLine.arguments)) }
    }

    static func run(_ options: Options) throws {
        let snapshot = BenchmarkNetwork.snapshot(devices: options.devices, usersPerDevice: options.users)
        print("network: \(options.devices) devices, \(options.users) users each, \(snapshot.links.count) links")
        _ = try renderAll(snapshot)
        var times: [Double] = []
        var bytes = 0
        for number in 1...options.runs {
            let clock = ContinuousClock()
            let start = clock.now
            bytes = try renderAll(snapshot)
            let elapsed = clock.now - start
            let milliseconds = elapsed.inMilliseconds
            times.append(milliseconds)
            print(String(format: "run %d: %.2f ms, %d bytes", number, milliseconds, bytes))
        }
        print(String(format: "controller.render_all_ms: %.2f ms", median(times)))
        print("controller.bytes: \(bytes) bytes")
    }

    /// Derives and renders every device; returns the total bytes of text.
    static func renderAll(_ snapshot: DeviceConfigSnapshot) throws -> Int {
        let configs = NetworkDeviceConfigs(snapshot: snapshot)
        var bytes = 0
        for entry in configs.entries {
            let config = try entry.result.get()
            bytes += try EOSConfigRenderer.render(config).utf8.count
        }
        return bytes
    }
}
