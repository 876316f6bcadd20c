import ArgumentParser

/// The `--sock-file PATH` option (aliases `--socket`, `--socket-path`): the Unix socket of `doublezerod`'s
/// local API. `doublezerod` listens on it; the `doublezero` CLI's connect/disconnect/status/latency verbs
/// talk to it. (The CLI resolves it through its settings instead: ``CLISocketOption``.)
public struct DaemonSocketOption: ParsableArguments, Sendable {
    /// The default socket path, where doublezerod's systemd unit puts it (upstream's
    /// `/var/run/doublezerod/doublezerod.sock` is the same file wherever `/var/run` links to `/run`).
    public static let defaultPath = "/run/doublezerod/doublezerod.sock"

    /// The path of doublezerod's API socket.
    @Option(
        name: [.customLong("sock-file"), .customLong("socket"), .customLong("socket-path")],
        help: ArgumentHelp("The Unix socket of doublezerod's local API.", valueName: "path"))
    public var sockFile: String = DaemonSocketOption.defaultPath

    /// Creates the option group; ArgumentParser fills it in when parsing.
    public init() {}
}
