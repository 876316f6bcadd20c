import Models

/// A service the daemon runs now: what it was built from and its BGP session.
struct RunningService: Sendable {
    /// Who asked for it.
    enum Origin: Sendable, Hashable {
        /// The reconciler, from the ledger user ``RunningService/wanted``.
        case ledger
        /// `POST /provision` (the reconciler leaves it alone until it is removed or the reconciler disabled).
        case api
    }

    /// The request it was built from.
    var request: ServiceRequest
    /// Its host objects.
    var layout: HostServiceLayout
    /// The ledger user behind it (nil for ``Origin/api``).
    var wanted: WantedService?
    /// Who asked for it.
    var origin: Origin
    /// Its BGP session and learned routes.
    var session: ServiceSession
    /// PIM and heartbeats of a multicast service (nil for unicast, or when its sockets could not be opened).
    var signaling: MulticastSignaling?
}
