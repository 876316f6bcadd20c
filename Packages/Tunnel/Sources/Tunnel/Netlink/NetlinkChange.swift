import CMnl

/// What an acknowledged request does to one kernel object (an address, a route, a rule): the
/// message type it sends, its netlink flags, and the verb its error messages name.
enum NetlinkChange: Equatable {
    /// Create; the kernel refuses when the object exists (create + exclusive).
    case add
    /// Create, or update the existing object in place (create + replace).
    case replace
    /// Remove; the kernel refuses when there is no such object.
    case delete

    /// The request's flags, acknowledgement included.
    var flags: Int32 {
        switch self {
        case .add: NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE
        case .replace: NLM_F_ACK | NLM_F_REPLACE | NLM_F_CREATE
        case .delete: NLM_F_ACK
        }
    }

    /// The verb the operation's description starts with (`add`, `replace`, `delete`).
    var verb: String {
        switch self {
        case .add: "add"
        case .replace: "replace"
        case .delete: "delete"
        }
    }

    /// The message type: `delete` for ``delete``, `new` otherwise (`RTM_NEWADDR`/`RTM_DELADDR`...).
    func messageType(new: Int, delete: Int) -> Int {
        self == .delete ? delete : new
    }
}
