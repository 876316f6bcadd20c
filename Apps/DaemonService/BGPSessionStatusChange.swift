import BGP
import Foundation

/// A BGP session's status and when it took that value, as `/status` shows it
/// (`session_status`, `last_session_update`) and ``BGPRouteInstaller/statusChanges`` reports it.
public struct BGPSessionStatusChange: Hashable, Sendable {
    /// The new status.
    public var status: BGPSessionStatus
    /// When the installer saw it.
    public var changedAt: Date

    /// A change to `status` at `changedAt`.
    public init(status: BGPSessionStatus, changedAt: Date) {
        self.status = status
        self.changedAt = changedAt
    }
}
