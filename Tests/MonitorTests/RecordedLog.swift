import Logging
import Synchronization

/// A log handler that keeps every message, for tests that check what was logged and how often.
final class RecordedLog: Sendable {
    private let lines = Mutex<[(level: Logger.Level, message: String)]>([])

    /// A logger writing here.
    func logger(_ label: String = "test.monitor") -> Logger {
        Logger(label: label) { _ in Handler(log: self) }
    }

    /// The messages logged so far.
    var messages: [String] { lines.withLock { $0.map(\.message) } }

    /// How many messages start with `prefix`.
    func count(startingWith prefix: String) -> Int { messages.count { $0.hasPrefix(prefix) } }

    fileprivate func append(_ level: Logger.Level, _ message: String) {
        lines.withLock { $0.append((level, message)) }
    }

    private struct Handler: LogHandler {
        let log: RecordedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.append(event.level, "\(event.message)")
        }
    }
}
