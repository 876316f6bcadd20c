import Synchronization

/// A one-shot value: the server's bound address, or why there is none, for any number of waiters.
final class ListeningAddressSignal: Sendable {
    private enum State {
        case waiting([CheckedContinuation<LedgerServerAddress, any Error>])
        case listening(LedgerServerAddress)
        case failed(LedgerServerError)
    }

    private let state = Mutex<State>(.waiting([]))

    /// Waits until the server is listening (or has failed or stopped).
    func wait() async throws(LedgerServerError) -> LedgerServerAddress {
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let outcome: Result<LedgerServerAddress, LedgerServerError>? = state.withLock { state in
                    switch state {
                    case .waiting(var waiters):
                        waiters.append(continuation)
                        state = .waiting(waiters)
                        return nil
                    case .listening(let address): return .success(address)
                    case .failed(let error): return .failure(error)
                    }
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } catch let error as LedgerServerError {
            throw error
        } catch {
            throw .stopped
        }
    }

    /// The server is listening at `address`.
    func listening(at address: LedgerServerAddress) {
        resolve(.listening(address)).forEach { $0.resume(returning: address) }
    }

    /// The server failed or stopped; later waiters get `error` too. Ignored once listening was
    /// reported, unless `error` is ``LedgerServerError/stopped``.
    func fail(_ error: LedgerServerError) {
        resolve(.failed(error), overridingListening: error == .stopped).forEach { $0.resume(throwing: error) }
    }

    private func resolve(_ new: State, overridingListening: Bool = false) -> [CheckedContinuation<
        LedgerServerAddress, any Error
    >] {
        state.withLock { state in
            switch state {
            case .waiting(let waiters):
                state = new
                return waiters
            case .listening:
                if overridingListening { state = new }
                return []
            case .failed:
                return []
            }
        }
    }
}
