import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// Reads the controller's `GET /metrics` for its per-device config request counters
/// (`controller_config_requests_total{device_code=…}`), bounded in size and time.
public final class ControllerMetricsScraper: Sendable {
    /// The largest exposition accepted.
    public static let maxBodyBytes = 16 << 20
    /// The controller's metrics URL.
    public let url: String
    private let http: HTTPClient
    private let timeout: Duration
    private let isShutDown = Mutex(false)

    /// A scraper of `url` (e.g. `http://127.0.0.1:7851/metrics`).
    public init(url: String, timeout: Duration = .seconds(5)) {
        self.url = url
        self.timeout = timeout
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(2)
        http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Each device code's request total, summed over statuses.
    ///
    /// - Throws: a ``MonitorError/controller(url:reason:)`` naming what failed.
    public func requestTotals() async throws(MonitorError) -> [String: Double] {
        do {
            let response = try await http.execute(
                HTTPClientRequest(url: url), timeout: .nanoseconds(Int64(NetworkChecks.seconds(timeout) * 1e9)))
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            guard response.status == .ok else {
                throw MonitorError.controller(url: url, reason: "HTTP \(response.status.code)")
            }
            return PrometheusTextSamples.sums(
                of: "controller_config_requests_total", by: "device_code", in: String(buffer: body))
        } catch let error as MonitorError {
            throw error
        } catch {
            throw .controller(url: url, reason: "\(error)")
        }
    }

    /// Closes the client's connections; later calls do nothing. A scraper nobody shut down
    /// starts the shutdown when it goes away.
    public func shutdown() async {
        guard markShutDown() else { return }
        try? await http.shutdown()
    }

    private func markShutDown() -> Bool {
        isShutDown.withLock { shutDown in
            defer { shutDown = true }
            return !shutDown
        }
    }

    deinit {
        if markShutDown() { http.shutdown { _ in } }
    }
}
