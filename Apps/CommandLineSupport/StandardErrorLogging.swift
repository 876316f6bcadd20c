import Foundation
import Logging

/// How the long-running apps log: swift-log lines on standard error, at the level named by the
/// `LOG_LEVEL` environment variable (`trace` … `critical`; default `info`).
public enum StandardErrorLogging {
    /// Installs the handler; call once, before the first logger is made.
    public static func bootstrap() {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level ?? .info
            return handler
        }
    }
}
