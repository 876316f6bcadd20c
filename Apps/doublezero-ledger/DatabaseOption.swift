import ArgumentParser

/// The `--db PATH` option: the ledger's SQLite file, shared by every `doublezero-ledger` subcommand.
struct DatabaseOption: ParsableArguments {
    /// The path of the ledger's SQLite file.
    @Option(
        name: .long,
        help: ArgumentHelp("The ledger's SQLite file (opened in WAL mode).", valueName: "path"))
    var db: String
}
