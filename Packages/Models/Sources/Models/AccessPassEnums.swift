/// Status of an access pass.
public enum AccessPassStatus: String, CaseIterable, Sendable, Codable {
    /// No user has connected with it yet.
    case requested
    /// At least one live user was admitted by it.
    case connected
    /// Its last user has gone.
    case disconnected
}

/// Kind of access pass.
public enum AccessPassType: String, CaseIterable, Sendable, Codable {
    /// A plain paid-for pass.
    case prepaid
    /// Held by a Solana validator; carries the validator identity (`type_key`).
    case solanaValidator = "solana_validator"
    /// Held by a Solana RPC node; carries its identity (`type_key`).
    case solanaRPC = "solana_rpc"
    /// Any other kind, named by `type_name`.
    case others
}
