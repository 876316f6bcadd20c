import CommandLineSupport
import Models

extension LedgerSession {
    /// How long `--wait` waits before giving up.
    static let waitLimit: Duration = .seconds(120)
    /// How often `--wait` looks again.
    static let waitInterval: Duration = .milliseconds(250)

    /// Waits until the record at `key` has left `pending` (the activator activated or rejected it);
    /// a record that is gone counts too.
    func waitUntilSettled<Record: LedgerRecord>(_ type: Record.Type, at key: PublicKey) async throws {
        try await wait(for: Record.self, at: key, until: "leaves pending (is the activator running?)") {
            $0.map { $0.statusText != "pending" } ?? true
        }
    }

    /// Waits until the record at `key` is gone (the activator closed it).
    func waitUntilRemoved<Record: LedgerRecord>(_ type: Record.Type, at key: PublicKey) async throws {
        try await wait(for: Record.self, at: key, until: "is closed (is the activator running?)") { $0 == nil }
    }

    /// Polls the record at `key` every ``waitInterval`` until `isDone` holds, for up to ``waitLimit``.
    private func wait<Record: LedgerRecord>(
        for type: Record.Type, at key: PublicKey, until goal: String, isDone: (Record?) -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + Self.waitLimit
        while !isDone(try await record(Record.self, at: key)) {
            guard ContinuousClock.now < deadline else {
                throw CommandFailure("gave up after \(Self.waitLimit) waiting until \(Record.kind.noun) \(key) \(goal)")
            }
            try await Task.sleep(for: Self.waitInterval)
        }
    }
}
