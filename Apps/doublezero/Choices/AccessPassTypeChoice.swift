import ArgumentParser

/// The kind of an access pass, as given with `--accesspass-type`.
enum AccessPassTypeChoice: String, CaseIterable, ExpressibleByArgument {
    /// Paid in advance for a number of epochs (the default).
    case prepaid
    /// Granted to a Solana validator; needs --solana-validator.
    case solanaValidator = "solana-validator"
    /// Granted to a Solana RPC node; needs --solana-validator (the node's key).
    case solanaRPC = "solana-rpc"
    /// Any other arrangement; needs --others-name.
    case others
}
