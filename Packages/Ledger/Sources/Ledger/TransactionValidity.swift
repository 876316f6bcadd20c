import Foundation

/// How long a signed transaction stays valid, and the clock it is measured with.
///
/// Every ``TransactionMessage`` carries `not_after` (seconds since 1970, UTC): the ledger refuses
/// it after that second (`TransactionExpired`), and refuses a `not_after` further ahead than
/// ``defaultWindow`` plus ``clockSkewAllowance``, so no signature stays usable for long. Clients
/// sign with ``notAfter(now:)``: two minutes from their clock.
public enum TransactionValidity {
    /// How long clients make a transaction valid for: 120 s.
    public static let defaultWindow: UInt64 = 120
    /// How far a client's clock may run ahead of the ledger's: 30 s.
    public static let clockSkewAllowance: UInt64 = 30

    /// Seconds since 1970 (UTC) on this machine's clock.
    public static func now() -> UInt64 {
        UInt64(max(0, Date().timeIntervalSince1970))
    }

    /// The `not_after` a client signs with: ``defaultWindow`` from `now`.
    public static func notAfter(now: UInt64 = TransactionValidity.now()) -> UInt64 {
        now + defaultWindow
    }
}
