import ArgumentParser
import CommandLineSupport
import DeviceAgentService
import Foundation
import Logging
import ServiceLifecycle

/// `doublezero-device-agent run`: the agent's loop until SIGTERM or SIGINT.
struct RunDeviceAgent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Follow the controller and apply the device's config until stopped.",
        discussion: """
            Prints one line per applied config on standard output (`applied config ETAG: N user tunnels`) \
            and writes DIR/status.json after each apply (etags, time, tunnels with packet counts, FRR \
            process ids and restarts). FRR's files (config, sockets, logs: frr/NAME.log) are under DIR/frr. \
            Logs go to standard error at the level named by LOG_LEVEL (default info). On SIGTERM or SIGINT \
            it removes the tunnels and stops FRR. Needs root, Debian `frr`, `frr-pythontools` and `iproute2`.
            """
    )

    /// The controller's base URL.
    @Option(name: .long, help: ArgumentHelp("The controller's base URL.", valueName: "url"))
    var controller: String

    /// The device's code.
    @Option(name: .long, help: ArgumentHelp("The device's code (or base58 public key).", valueName: "code"))
    var device: String

    /// The agent's directory.
    @Option(
        name: .long,
        help: ArgumentHelp("Where the status file and FRR's files go (created).", valueName: "path"))
    var dir: String = "/var/lib/doublezero-device-agent"

    /// The longest long-poll.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds one long-poll of the controller may wait for a change (1-60).", valueName: "seconds"))
    var longPollSeconds: Int = 30

    func validate() throws {
        guard let url = URL(string: controller), let scheme = url.scheme, ["http", "https"].contains(scheme),
            url.host != nil
        else {
            throw ValidationError("--controller must be an http(s) URL with a host, like http://10.0.0.1:7851")
        }
        guard !device.isEmpty, device.count <= 64 else { throw ValidationError("--device must be 1 to 64 characters") }
        guard (1...60).contains(longPollSeconds) else { throw ValidationError("--long-poll-seconds must be 1 to 60") }
    }

    func run() async throws {
        guard getuid() == 0 else {
            throw CommandFailure("the device agent needs root (it runs FRR and builds tunnels)")
        }
        StandardErrorLogging.bootstrap()
        let logger = Logger(label: "doublezero.device-agent")
        let configuration = DeviceAgentConfiguration(
            controller: URL(string: controller)!, device: device,
            directory: URL(fileURLWithPath: dir, isDirectory: true).standardizedFileURL,
            longPollWait: .seconds(longPollSeconds))
        let agent = DeviceAgent(configuration: configuration, logger: logger) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        let group = ServiceGroup(services: [agent], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        do {
            try await group.run()
        } catch {
            throw CommandFailure("the device agent failed: \(error)")
        }
    }
}
