import Foundation
import NIOCore

/// Who is on the other end of an API connection: the kernel's `SO_PEERCRED` of the Unix socket
/// (process, user and primary group at connect time) and the user's supplementary groups from
/// the user database.
public struct PeerCredentials: Sendable, Hashable {
    /// The peer's process id.
    public var processID: Int32
    /// The peer's effective user id.
    public var userID: UInt32
    /// The peer's effective group id.
    public var groupID: UInt32
    /// The groups the peer's user is a member of (from the user database).
    public var supplementaryGroupIDs: [UInt32]

    /// Credentials with the given fields.
    public init(processID: Int32, userID: UInt32, groupID: UInt32, supplementaryGroupIDs: [UInt32] = []) {
        self.processID = processID
        self.userID = userID
        self.groupID = groupID
        self.supplementaryGroupIDs = supplementaryGroupIDs
    }

    /// Every group the peer counts as a member of: its primary group and its supplementary ones.
    public var groupIDs: Set<UInt32> { Set(supplementaryGroupIDs).union([groupID]) }

    /// The credentials of the peer of `channel`, or nil when it is not a Unix socket connection
    /// (or the kernel would not say).
    public static func read(from channel: any Channel) async -> PeerCredentials? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        let kernel: KernelPeerCredentials
        do {
            kernel = try await provider.unsafeGetSocketOption(
                level: NIOBSDSocket.OptionLevel(rawValue: SOL_SOCKET),
                name: NIOBSDSocket.Option(rawValue: SO_PEERCRED)
            ).get()
        } catch {
            return nil
        }
        return PeerCredentials(
            processID: kernel.pid, userID: kernel.uid, groupID: kernel.gid,
            supplementaryGroupIDs: memberships(ofUser: kernel.uid, primaryGroup: kernel.gid))
    }

    /// The groups the user database lists `userID` in (empty when the user is unknown).
    static func memberships(ofUser userID: UInt32, primaryGroup: UInt32) -> [UInt32] {
        guard let name = userName(of: userID) else { return [] }
        var count: Int32 = 64
        while true {
            var groups = [gid_t](repeating: 0, count: Int(count))
            let capacity = count
            if getgrouplist(name, primaryGroup, &groups, &count) >= 0 {
                return Array(groups.prefix(Int(count)))
            }
            // Too small: `count` now holds the number needed.
            guard count > capacity, count <= 65536 else { return [] }
        }
    }

    /// The user database's name of `userID`, or nil when it has none.
    static func userName(of userID: UInt32) -> String? {
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16 * 1024)
        return buffer.withUnsafeMutableBufferPointer { storage -> String? in
            guard let base = storage.baseAddress, getpwuid_r(userID, &entry, base, storage.count, &found) == 0,
                found != nil, let name = entry.pw_name
            else { return nil }
            // The name points into `storage`: copy it while that is still valid.
            return String(cString: name)
        }
    }
}

/// The kernel's `struct ucred`, as `SO_PEERCRED` fills it.
private struct KernelPeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
