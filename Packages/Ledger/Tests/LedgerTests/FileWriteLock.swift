import Foundation
import Ledger

/// Another connection holding a ledger file's write lock (an open `BEGIN IMMEDIATE` transaction,
/// as another process's submit would) on a thread of its own, until ``release()``.
final class FileWriteLock: Sendable {
    private let store: LedgerStore
    private let released = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Opens `path` on a new connection and takes its write lock; returns once it is held.
    ///
    /// - Throws: ``LedgerStoreError`` when the file cannot be opened or the lock not taken.
    init(path: String) async throws {
        store = try LedgerStore(path: path)
        let store = self.store
        let released = self.released
        let finished = self.finished
        let failure = await withCheckedContinuation { (acquired: CheckedContinuation<LedgerStoreError?, Never>) in
            Thread.detachNewThread {
                defer { finished.signal() }
                var held = false
                do throws(LedgerStoreError) {
                    try store.write { _ throws(LedgerStoreError) -> LedgerStoreWriteOutcome<Void> in
                        held = true
                        acquired.resume(returning: nil)
                        released.wait()
                        return .rollback(())
                    }
                } catch {
                    if !held { acquired.resume(returning: error) }
                }
            }
        }
        if let failure { throw failure }
    }

    /// Rolls the transaction back, which frees the lock, and closes the connection.
    func release() {
        released.signal()
        finished.wait()
        try? store.close()
    }
}
