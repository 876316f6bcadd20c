import ArgumentParser
import Models

/// `--activator KEY|me` and `--sentinel KEY|me`: new authority keys (`init` and `authority set`).
struct AuthorityKeys: ParsableArguments {
    /// The new activator key.
    @Option(name: .long, help: ArgumentHelp("The key the activator signs with (base58, or `me`).", valueName: "pubkey"))
    var activator: KeyReference?

    /// The new sentinel key.
    @Option(name: .long, help: ArgumentHelp("The sentinel service's key (base58, or `me`).", valueName: "pubkey"))
    var sentinel: KeyReference?

    /// Whether either key was given.
    var isGiven: Bool { activator != nil || sentinel != nil }

    /// The SetAuthority arguments, `me` resolved through `session`.
    func arguments(in session: LedgerSession) throws -> SetAuthorityArgs {
        SetAuthorityArgs(
            activatorAuthority: try activator.map(session.publicKey),
            sentinelAuthority: try sentinel.map(session.publicKey))
    }
}
