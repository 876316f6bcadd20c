import Models

/// The (signer, nonce) pairs the program refused while their transactions were still valid, so
/// a refused transaction can never be applied later, when the state would let it through.
///
/// A pair is kept until its transaction's `not_after` has passed (after that the transaction is
/// refused as expired anyway), so memory is bounded by the refusals of one validity window.
/// Beyond ``capacity`` the pairs closest to expiry are dropped first. The memory is this
/// process's: another process appending to the same file does not see it.
public struct RefusedTransactions: Sendable {
    /// A transaction's identity.
    private struct Key: Hashable, Sendable {
        let signer: PublicKey
        let nonce: UInt64
    }

    /// The most pairs kept.
    public let capacity: Int
    /// `not_after` by pair.
    private var notAfter: [Key: UInt64] = [:]

    /// An empty memory holding at most `capacity` pairs.
    public init(capacity: Int = 100_000) {
        precondition(capacity > 0, "the refusal memory needs room for one pair")
        self.capacity = capacity
    }

    /// The number of pairs held.
    public var count: Int { notAfter.count }

    /// Whether `message`'s (signer, nonce) was refused before.
    public func contains(_ message: TransactionMessage) -> Bool {
        notAfter[Key(signer: message.signer, nonce: message.nonce)] != nil
    }

    /// Remembers that `message` was refused; forgets expired pairs first when full.
    public mutating func remember(_ message: TransactionMessage, now: UInt64) {
        if notAfter.count >= capacity { forget(expiredBefore: now) }
        if notAfter.count >= capacity, let soonest = notAfter.min(by: { $0.value < $1.value }) {
            notAfter[soonest.key] = nil
        }
        notAfter[Key(signer: message.signer, nonce: message.nonce)] = message.notAfter
    }

    /// Forgets every pair whose transaction expired before `now`.
    public mutating func forget(expiredBefore now: UInt64) {
        notAfter = notAfter.filter { $0.value >= now }
    }
}
