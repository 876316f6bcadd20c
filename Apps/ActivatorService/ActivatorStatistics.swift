/// What an ``Activator`` has done since it was created.
public struct ActivatorStatistics: Hashable, Sendable {
    /// Sessions started (1 + rebuilds and restarts after failures).
    public var sessions = 0
    /// Transactions the ledger accepted.
    public var acceptedTransactions = 0
    /// Activate instructions accepted.
    public var activations = 0
    /// Reject instructions accepted.
    public var rejections = 0
    /// Close and remove instructions accepted.
    public var closes = 0
    /// Instructions refused because another activator (or an earlier delivery) had done them.
    public var alreadyDone = 0
    /// Instructions refused for any other reason.
    public var refusals = 0

    /// No activity.
    public init() {}
}
