import Foundation

/// Who may use the API's state-changing endpoints (`POST /provision`, `/remove`, `/enable`,
/// `/disable`): root, the daemon's own user, and members of the writer group (`doublezero`).
/// Everyone who can open the socket may read.
public struct WriteAccessRule: Sendable, Hashable {
    /// The verdict on one caller.
    public enum Decision: Sendable, Hashable {
        /// The caller may change things.
        case granted
        /// The caller may not; the reason says who may.
        case denied(String)
    }

    /// The daemon's own user id (its CLI, run as the same user, may change things).
    public var daemonUserID: UInt32
    /// The writer group's name, for messages.
    public var groupName: String
    /// The writer group's id, or nil when the group does not exist (then only root and the daemon's user may).
    public var groupID: UInt32?

    /// A rule with the given fields.
    public init(daemonUserID: UInt32, groupName: String, groupID: UInt32?) {
        self.daemonUserID = daemonUserID
        self.groupName = groupName
        self.groupID = groupID
    }

    /// The rule for this process: its effective user, and `groupName` looked up in the group database.
    public init(groupName: String) {
        var entry = group()
        var found: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        let status = getgrnam_r(groupName, &entry, &buffer, buffer.count, &found)
        self.init(
            daemonUserID: geteuid(), groupName: groupName, groupID: status == 0 && found != nil ? entry.gr_gid : nil)
    }

    /// Whether `peer` may change things; nil credentials (not a Unix socket peer) never may.
    public func decide(_ peer: PeerCredentials?) -> Decision {
        guard let peer else {
            return .denied("permission denied: the caller's credentials could not be read from the socket")
        }
        if peer.userID == 0 || peer.userID == daemonUserID { return .granted }
        if let groupID, peer.groupIDs.contains(groupID) { return .granted }
        let who =
            groupID == nil
            ? "root or uid \(daemonUserID) (the group '\(groupName)' does not exist)"
            : "root, uid \(daemonUserID) or members of the group '\(groupName)'"
        return .denied("permission denied: uid \(peer.userID) may only read; changes need \(who)")
    }
}
