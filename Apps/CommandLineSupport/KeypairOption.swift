import ArgumentParser

/// The `--keypair PATH` option: the Ed25519 key file that signs ledger transactions.
///
/// The file is Solana-compatible (a JSON array of 64 bytes). The default is the upstream CLI's
/// `~/.config/doublezero/id.json`; `~` is expanded when the file is read.
public struct KeypairOption: ParsableArguments, Sendable {
    /// The upstream default key file path.
    public static let defaultPath = "~/.config/doublezero/id.json"

    /// The path of the signing key file.
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The Ed25519 key file that signs transactions (Solana format: JSON array of 64 bytes).",
            valueName: "path"))
    public var keypair: String = KeypairOption.defaultPath

    /// The key file's path with `~` expanded, ready to open.
    public var path: String { HomeRelativePath.expand(keypair) }

    /// Creates the option group; ArgumentParser fills it in when parsing.
    public init() {}
}
