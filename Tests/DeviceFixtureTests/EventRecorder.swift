import Synchronization

/// Collects a stream's elements so a test can wait for one that matches.
final class EventRecorder<Element: Sendable>: Sendable {
    private let elements = Mutex<[Element]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(_ stream: AsyncStream<Element>) {
        let collecting = Task { [self] in
            for await element in stream { elements.withLock { $0.append(element) } }
        }
        task.withLock { $0 = collecting }
    }

    /// Every element so far.
    var all: [Element] { elements.withLock { $0 } }

    /// The first element after index `from` that matches, waiting at most `timeout`.
    func first(
        after from: Int = 0, within timeout: Duration, where matches: (Element) -> Bool
    ) async -> (index: Int, element: Element)? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let snapshot = all
            if from < snapshot.count, let index = snapshot[from...].firstIndex(where: matches) {
                return (index, snapshot[index])
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}

/// Polls `body` until it returns true or `timeout` passes; whether it did.
func eventually(within timeout: Duration, _ body: () async throws -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if (try? await body()) == true { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return false
}
