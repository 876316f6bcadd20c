import CommandLineSupport
import Models

extension LedgerSession {
    /// How long `--wait` waits before giving up.
    static let waitLimit: Duration = .seconds(120)

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

    /// Follows the ledger until `isDone` holds for the record at `key`, for up to ``waitLimit``.
    private func wait<Record: LedgerRecord>(
        for type: Record.Type, at key: PublicKey, until goal: String,
        isDone: @escaping @Sendable (Record?) -> Bool
    ) async throws {
        switch try await waitForRecord(Record.self, at: key, within: Self.waitLimit, until: isDone) {
        case .reached: return
        case .timedOut:
            throw CommandFailure("gave up after \(Self.waitLimit) waiting until \(Record.kind.noun) \(key) \(goal)")
        }
    }
}
