/// Lets one fixture at a time close its ledger. `LedgerService.close()` waits synchronously
/// for the ledger's readers, on a thread of the cooperative pool; on a two-core machine two
/// closes at once can take both threads while the readers they wait for need one.
actor TeardownTurns {
    /// The one gate of the test process.
    static let shared = TeardownTurns()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` when no other teardown runs.
    func take(_ body: @Sendable () async -> Void) async {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        }
        busy = true
        await body()
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
