import ArgumentParser

/// The `doublezero` CLI's `--ledger PATH|URL` option, resolved through ``CLISettings``: the flag, else
/// `DOUBLEZERO_LEDGER`, else `ledger` in the config file (`doublezero config set --ledger URL`).
///
/// Use it as `@OptionGroup var ledger: CLILedgerOption` and read the location with ``resolved(in:)``.
/// When nothing gives a ledger, parsing fails with a usage error (exit 64) that says how to set one.
/// (The services take the plain, required ``LedgerOption`` and read no CLI config.)
public struct CLILedgerOption: ParsableArguments, Sendable {
    /// The ledger given on the command line, if any.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger: the path of its SQLite file (opened directly, same host only), or the http(s):// URL "
                + "of a doublezero-ledger server. Default: $DOUBLEZERO_LEDGER, else `ledger` in the config "
                + "file (`doublezero config set --ledger`).",
            valueName: "path-or-url"),
        transform: { try LedgerLocation(validating: $0) })
    public var ledger: LedgerLocation?

    /// Creates the option group; ArgumentParser fills it in when parsing.
    public init() {}

    /// The ledger this command uses, and where it came from.
    ///
    /// - Throws: ``CLIConfigError/noLedger`` when nothing gives one, or an invalid-value error naming
    ///   the variable or the config file line.
    public func resolved(in settings: CLISettings) throws(CLIConfigError) -> ResolvedSetting<LedgerLocation> {
        try settings.ledger(flag: ledger)
    }

    /// Fails parsing when no ledger can be resolved (see ``CLIConfigError/commandLineError``).
    public func validate() throws {
        do {
            _ = try resolved(in: CLISettings.load())
        } catch {
            throw error.commandLineError
        }
    }
}
