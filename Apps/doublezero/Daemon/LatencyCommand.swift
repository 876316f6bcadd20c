import ArgumentParser
import CommandLineSupport

/// `doublezero latency`: shows the measured latency to every device.
struct LatencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Show the latency from this host to every activated device, best first.",
        discussion: "Asks doublezerod, which probes the devices. Columns: pubkey, code, IP, min, max, avg, reachable."
    )

    /// doublezerod's API socket.
    @OptionGroup var socket: CLISocketOption

    /// Table or JSON.
    @OptionGroup var output: OutputOptions

    /// Not built yet: throws ``NotBuiltYet``.
    func run() async throws {
        throw NotBuiltYet(feature: "doublezero latency", issue: .userHostDaemon)
    }
}
