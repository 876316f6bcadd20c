import BenchmarkSupport
import Foundation
import Models

/// The exporting BIRD 2 of the route-install measurement, in its namespace, with config, control
/// socket and pid file in `directory`: `routes` static /32s from 100.64.0.0 upwards, exported to
/// the user at 169.254.0.1 (AS 65000) from 169.254.0.0 (AS 65342), passive, timers 1/3.
final class ExporterBIRD {
    let namespace: String
    let directory: URL
    private var process: Process?
    var socketPath: String { directory.appendingPathComponent("exporter.ctl").path }

    init(namespace: String, directory: URL, routes: Int) throws {
        self.namespace = namespace
        self.directory = directory
        var lines = [
            "router id 169.254.0.0;", "protocol device { scan time 10; }", "protocol static bulk {", "    ipv4;",
        ]
        lines.reserveCapacity(routes + 10)
        for index in 0..<routes {
            lines.append("    route \(IPv4Address(0x6440_0000 + UInt32(index)))/32 blackhole;")
        }
        lines += [
            "}",
            "protocol bgp to_user { local 169.254.0.0 as 65342; neighbor 169.254.0.1 as 65000; passive on;",
            "    hold time 3; keepalive time 1; ipv4 { import none; export all; }; }",
        ]
        try (lines.joined(separator: "\n") + "\n").write(
            to: directory.appendingPathComponent("exporter.conf"), atomically: true, encoding: .utf8)
    }

    /// Starts BIRD and waits until its static table holds `routes` routes.
    func start(routes: Int) throws {
        process = try ShellCommand.start([
            "ip", "netns", "exec", namespace, "/usr/sbin/bird", "-f", "-c",
            directory.appendingPathComponent("exporter.conf").path, "-s", socketPath, "-P",
            directory.appendingPathComponent("exporter.pid").path,
        ])
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if command("show route count").contains("\(routes) of \(routes) routes") { return }
            guard process?.isRunning == true else { break }
            usleep(50_000)
        }
        throw BenchmarkError("the exporter BIRD did not load \(routes) routes: \(command("show route count"))")
    }

    /// One birdc command (words split on spaces); its output, even when birdc exits non-zero.
    func command(_ line: String) -> String {
        (try? ShellCommand.run(
            ["birdc", "-s", socketPath] + line.split(separator: " ").map(String.init), allowFailure: true)) ?? ""
    }

    /// Kills BIRD.
    func stop() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
