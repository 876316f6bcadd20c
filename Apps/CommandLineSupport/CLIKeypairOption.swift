import ArgumentParser

/// The `doublezero` CLI's `--keypair PATH` option, resolved through ``CLISettings``: the flag, else
/// `DOUBLEZERO_KEYPAIR`, else `keypair_path` in the config file, else `~/.config/doublezero/id.json`.
///
/// Use it as `@OptionGroup var keypair: CLIKeypairOption` and read the path with ``resolved(in:)``.
public struct CLIKeypairOption: ParsableArguments, Sendable {
    /// The key file given on the command line, if any.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The Ed25519 key file that signs transactions (Solana format: JSON array of 64 bytes). Default: "
                + "$DOUBLEZERO_KEYPAIR, else `keypair_path` in the config file, else \(KeypairOption.defaultPath).",
            valueName: "path"))
    public var keypair: String?

    /// Creates the option group; ArgumentParser fills it in when parsing.
    public init() {}

    /// The key file's path (`~` expanded) this command uses, and where it came from.
    ///
    /// - Throws: an invalid-value ``CLIConfigError`` for an empty path.
    public func resolved(in settings: CLISettings) throws(CLIConfigError) -> ResolvedSetting<String> {
        try settings.keypairPath(flag: keypair)
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
