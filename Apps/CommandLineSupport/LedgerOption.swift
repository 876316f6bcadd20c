import ArgumentParser

/// The `--ledger PATH|URL` option, shared by every command that reads or writes the ledger.
///
/// Use it as `@OptionGroup var ledger: LedgerOption` and read ``location``.
public struct LedgerOption: ParsableArguments, Sendable {
    /// Where the ledger is: an embedded SQLite file or an HTTP ledger server.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger: the path of its SQLite file (opened directly, same host only), "
                + "or the http(s):// URL of a doublezero-ledger server.",
            valueName: "path-or-url"),
        transform: { try LedgerLocation(validating: $0) })
    public var ledger: LedgerLocation

    /// Where the ledger is (the parsed `--ledger` value).
    public var location: LedgerLocation { ledger }

    /// Creates the option group; ArgumentParser fills it in when parsing.
    public init() {}
}
