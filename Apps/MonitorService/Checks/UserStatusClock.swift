import Foundation
import Ledger
import Models

/// Since when each user has been in a waiting status (pending or deleting), as this monitor saw
/// it: the ledger keeps no times, so the clock starts when the monitor first sees the status.
public struct UserStatusClock: Sendable, Hashable {
    /// The statuses the activator is expected to move a user out of.
    public static let waitingStatuses: Set<UserStatus> = [.pending, .deleting]

    /// A waiting status and when it was first seen.
    public struct Waiting: Sendable, Hashable {
        /// The status.
        public var status: UserStatus
        /// When the monitor first saw the user in it.
        public var since: Date
    }

    /// The waiting users.
    public private(set) var waiting: [PublicKey: Waiting] = [:]

    /// No user seen yet.
    public init() {}

    /// Brings the clock up to `state` at `time`: users newly waiting start now, users that left a
    /// waiting status (or the ledger) are forgotten.
    public mutating func observe(_ state: LedgerState, at time: Date) {
        var next: [PublicKey: Waiting] = [:]
        for user in state.users.values where Self.waitingStatuses.contains(user.status) {
            if let seen = waiting[user.pubkey], seen.status == user.status {
                next[user.pubkey] = seen
            } else {
                next[user.pubkey] = Waiting(status: user.status, since: time)
            }
        }
        waiting = next
    }
}
