import ArgumentParser

/// The `doublezero` CLI's `--sock-file PATH` option (aliases `--socket`, `--socket-path`), resolved
/// through ``CLISettings``: the flag, else `DOUBLEZERO_SOCKET`, else `sock_file` in the config file,
/// else `/run/doublezerod/doublezerod.sock`.
///
/// Use it as `@OptionGroup var socket: CLISocketOption` and read the path with ``resolved(in:)``.
public struct CLISocketOption: ParsableArguments, Sendable {
    /// The socket given on the command line, if any.
    @Option(
        name: [.customLong("sock-file"), .customLong("socket"), .customLong("socket-path")],
        help: ArgumentHelp(
            "The Unix socket of doublezerod's local API. Default: $DOUBLEZERO_SOCKET, else `sock_file` in the "
                + "config file, else \(DaemonSocketOption.defaultPath).",
            valueName: "path"))
    public var sockFile: String?

    /// Creates the option group; ArgumentParser fills it in when parsing.
    public init() {}

    /// The socket path (`~` expanded) this command uses, and where it came from.
    ///
    /// - Throws: an invalid-value ``CLIConfigError`` for an empty path.
    public func resolved(in settings: CLISettings) throws(CLIConfigError) -> ResolvedSetting<String> {
        try settings.socketPath(flag: sockFile)
    }

    /// Fails parsing when the path cannot be resolved (see ``CLIConfigError/commandLineError``).
    public func validate() throws {
        do {
            _ = try resolved(in: CLISettings.load())
        } catch {
            throw error.commandLineError
        }
    }
}
