import NIOCore

/// The session status a ``BGPSpeaker`` reports, as a pure state machine: the speaker feeds it
/// what happens to its connections and performs the ``Action``s it returns; time comes in as
/// arguments, so tests drive it without waiting (`reference/client.md` §2.9).
///
/// - start → `Pending`; TCP connected → `Pending`; the peer's OPEN → `Initializing`;
///   Established → `Up`; a connection that had connected closes → `Down`.
/// - The session timer (``timeout``, `BGPSessionTimeout`, 30 s by default) is armed at start and
///   again at every close (established or not) when it is not already running; a close while it
///   runs does not push it back, or a peer refusing every few seconds would never be reported.
///   Established disarms it. When it expires without Established the verdict is
///   `BGP Session Failed` if TCP got up since it was armed, else `Network Unreachable`; when no
///   attempt ended since it was armed (backoff as long as the timeout), the latest attempt's
///   outcome decides.
/// - A verdict stays until the session is established: the next attempts' `Pending`,
///   `Initializing` and `Down` are not reported over it (a later verdict may replace it).
///   The next close re-arms the timer, so the verdict is renewed while the failure lasts.
/// - Only changes are reported; after ``stop()`` the timer is never armed again.
struct BGPSessionStatusMachine: Sendable {
    /// What the speaker must do.
    enum Action: Hashable, Sendable {
        /// Report this status (it differs from the last one).
        case report(BGPSessionStatus)
        /// Call ``timerFired(now:)`` at (or after) this deadline.
        case armTimer(NIODeadline)
    }

    /// How long after start or a close the session must be established.
    let timeout: TimeAmount
    /// The last reported status (nil before ``start(now:)``).
    private(set) var status: BGPSessionStatus?
    /// When the running session timer expires; nil when none runs.
    private(set) var deadline: NIODeadline?

    private var isEstablished = false
    private var stopped = false
    /// TCP came up on some attempt since the timer was armed.
    private var connectedSinceArmed = false
    /// Some attempt ended since the timer was armed.
    private var closedSinceArmed = false
    /// Whether TCP came up on the latest attempt (the one in progress once it has).
    private var latestAttemptConnected = false

    /// Creates a machine whose session timer runs `timeout`.
    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    /// The speaker started: `Pending`, and the timer runs.
    mutating func start(now: NIODeadline) -> [Action] {
        report(.pending) + arm(now: now)
    }

    /// TCP is up and our OPEN is on its way.
    mutating func connected() -> [Action] {
        connectedSinceArmed = true
        latestAttemptConnected = true
        return report(.pending)
    }

    /// The peer's OPEN was accepted.
    mutating func openReceived() -> [Action] {
        report(.initializing)
    }

    /// The session is Established: `Up`, and the timer stops.
    mutating func established() -> [Action] {
        isEstablished = true
        deadline = nil
        return report(.up)
    }

    /// An attempt ended; `connected` says whether TCP had come up. `Down` if it had, and the
    /// timer starts unless it runs already (or the speaker stopped).
    mutating func closed(connected: Bool, now: NIODeadline) -> [Action] {
        isEstablished = false
        latestAttemptConnected = connected
        var actions = connected ? report(.down) : []
        if deadline == nil {
            if !stopped { actions += arm(now: now) }
        } else {
            closedSinceArmed = true
        }
        return actions
    }

    /// A timer armed by ``Action/armTimer(_:)`` went off. Stale timers (disarmed, or re-armed
    /// later) do nothing.
    mutating func timerFired(now: NIODeadline) -> [Action] {
        guard let deadline, now >= deadline, !isEstablished, !stopped else { return [] }
        self.deadline = nil
        let connected = connectedSinceArmed || (!closedSinceArmed && latestAttemptConnected)
        return report(connected ? .failed : .networkUnreachable)
    }

    /// The speaker stopped: no more timers.
    mutating func stop() -> [Action] {
        stopped = true
        deadline = nil
        return []
    }

    private mutating func arm(now: NIODeadline) -> [Action] {
        let deadline = now + timeout
        self.deadline = deadline
        connectedSinceArmed = false
        closedSinceArmed = false
        return [.armTimer(deadline)]
    }

    private mutating func report(_ new: BGPSessionStatus) -> [Action] {
        guard new != status else { return [] }
        let verdict: Set<BGPSessionStatus> = [.failed, .networkUnreachable]
        if let status, verdict.contains(status), new != .up, !verdict.contains(new) { return [] }
        status = new
        return [.report(new)]
    }
}
