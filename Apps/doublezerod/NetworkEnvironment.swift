import ArgumentParser

/// doublezerod's `--env`: which DoubleZero network the host is on (reported as `network` by
/// `/v2/status`, so the CLI can show it and compare it with its own).
enum NetworkEnvironment: String, CaseIterable, ExpressibleByArgument {
    /// Mainnet (upstream's moniker is `mainnet-beta`).
    case mainnetBeta = "mainnet-beta"
    /// Mainnet, the short spelling.
    case mainnet
    /// Testnet (upstream's default).
    case testnet
    /// Devnet.
    case devnet
    /// A local network (tests, `make devnet`).
    case localnet

    /// The moniker the API reports: `mainnet-beta`, `testnet`, `devnet` or `localnet`.
    var moniker: String { self == .mainnet ? NetworkEnvironment.mainnetBeta.rawValue : rawValue }
}
