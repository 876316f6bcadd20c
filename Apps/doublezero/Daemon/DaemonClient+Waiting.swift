import DaemonService

extension DaemonClient {
    /// The longest one long-poll asks the daemon to wait (its cap).
    static let longPollLimit: Duration = .seconds(60)

    /// Follows `/v2/status` by long-poll (`?after=<generation>&wait=<seconds>`) until `isDone`
    /// holds or `deadline` passes: each answer comes as soon as the daemon's status changes, so
    /// nothing is polled on a timer. `isDone` sees every status received, in order.
    ///
    /// - Returns: the last status, and whether `isDone` held for it.
    func waitForStatus(
        until deadline: ContinuousClock.Instant, satisfying isDone: (DaemonStatus) -> Bool
    ) async throws(DaemonClientError) -> (status: DaemonStatus, satisfied: Bool) {
        var status = try await self.status()
        while !isDone(status) {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return (status, false) }
            let wait = min(remaining, Self.longPollLimit)
            let asked = ContinuousClock.now
            let next = try await self.status(after: status.generation, wait: wait)
            if next.generation == status.generation && ContinuousClock.now - asked < wait / 2 {
                // A daemon without the long-poll answers at once with generation 0: do not spin.
                try? await Task.sleep(for: min(.seconds(1), remaining))
            }
            status = next
        }
        return (status, true)
    }
}
