import Hummingbird

/// The long-poll form of `GET /v2/status` (our addition to upstream's API):
/// `GET /v2/status?after=<generation>&wait=<seconds>`.
///
/// Every `/v2/status` body carries `"generation"` (``DaemonStatus/generation``). With `after`
/// equal to the current generation the request waits until it changes (a service appears or
/// goes, a BGP session changes state, the reconciler is switched), for at most `wait` seconds,
/// then answers with the status of that moment. With any other `after` it answers at once.
///
/// * `after`: an unsigned 64-bit integer; required when `wait` is given.
/// * `wait`: seconds, a non-negative decimal number (`0.5` allowed); default
///   ``defaultWait``; larger values are capped at ``maxWait``.
///
/// Any other malformed value is a 400 `{"status":"error","description":"invalid request: …"}`
/// naming the parameter. Without either parameter the request is the plain `GET /v2/status`.
public struct StatusLongPoll: Sendable, Hashable {
    /// The longest a request waits (60 s); larger `wait` values are capped to it.
    public static let maxWait: Duration = .seconds(60)
    /// How long a request with `after` but no `wait` waits (30 s).
    public static let defaultWait: Duration = .seconds(30)

    /// The generation the client has seen.
    public var after: UInt64
    /// How long to wait for a newer one (at most ``maxWait``).
    public var wait: Duration

    /// A long-poll after `after` for up to `wait` (capped at ``maxWait``).
    public init(after: UInt64, wait: Duration) {
        self.after = after
        self.wait = min(max(wait, .zero), Self.maxWait)
    }

    /// The long-poll a query asks for: nil when it has neither `after` nor `wait`, or why the
    /// query is refused.
    public static func parse(_ query: Parameters) -> Result<StatusLongPoll?, StatusLongPollRejection> {
        let afterText = query["after"].map(String.init)
        let waitText = query["wait"].map(String.init)
        guard afterText != nil || waitText != nil else { return .success(nil) }
        guard let afterText else { return .failure(.waitWithoutAfter) }
        guard let after = UInt64(afterText) else { return .failure(.badAfter(afterText)) }
        guard let waitText else { return .success(StatusLongPoll(after: after, wait: defaultWait)) }
        guard let seconds = Double(waitText), seconds.isFinite, seconds >= 0 else {
            return .failure(.badWait(waitText))
        }
        let wait = seconds >= 60 ? maxWait : Duration.milliseconds(Int64((seconds * 1000).rounded()))
        return .success(StatusLongPoll(after: after, wait: wait))
    }
}
