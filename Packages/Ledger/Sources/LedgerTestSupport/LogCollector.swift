import Ledger

/// Consumes a follow stream in a background task and keeps what it delivered, so tests can wait
/// for "n entries" with a deadline instead of blocking on `next()`.
public actor LogCollector {
    /// The entries delivered so far, in order.
    public private(set) var entries: [LogEntry] = []
    /// The error the stream ended with, if it failed.
    public private(set) var failure: (any Error)?
    /// Whether the stream ended.
    public private(set) var finished = false
    private var task: Task<Void, Never>?

    /// Starts consuming `stream`.
    public static func start(_ stream: AsyncThrowingStream<LogEntry, any Error>) async -> LogCollector {
        let collector = LogCollector()
        await collector.run(stream)
        return collector
    }

    private func run(_ stream: AsyncThrowingStream<LogEntry, any Error>) {
        task = Task {
            do {
                for try await entry in stream { self.append(entry) }
                self.finish(nil)
            } catch {
                self.finish(error)
            }
        }
    }

    private func append(_ entry: LogEntry) { entries.append(entry) }

    private func finish(_ error: (any Error)?) {
        failure = error
        finished = true
    }

    /// The delivered sequence numbers.
    public var sequences: [UInt64] { entries.map(\.sequence) }

    /// Waits until at least `count` entries arrived (or the stream ended, or the deadline passed).
    public func waitFor(_ count: Int, within timeout: Duration = .seconds(15)) async -> [LogEntry] {
        let deadline = ContinuousClock.now + timeout
        while entries.count < count && !finished && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return entries
    }

    /// Stops consuming (cancels the consuming task) and waits for it to end.
    public func stop() async {
        task?.cancel()
        await task?.value
    }
}

/// Waits until `condition` holds, polling, for at most `timeout`; returns whether it held.
public func eventually(within timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows
    -> Bool
{
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
