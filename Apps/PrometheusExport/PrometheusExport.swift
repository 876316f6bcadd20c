import CoreMetrics
import Hummingbird
import Prometheus

/// Where an executable's swift-metrics go: a Prometheus registry bootstrapped as the process's
/// metrics system, and the `GET /metrics` route that serves it. Only executables use this;
/// libraries record through the swift-metrics API and never name a backend.
public struct PrometheusExport: Sendable {
    /// The registry every metric of the process is registered in.
    public let registry: PrometheusCollectorRegistry

    /// An export of `registry` (tests give their own; executables call ``bootstrap(durationBuckets:)``).
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Bootstraps the process's metrics system with a fresh Prometheus registry (once per
    /// process); `durationBuckets` gives histogram buckets for timers by label.
    public static func bootstrap(durationBuckets: [String: [Duration]] = [:]) -> PrometheusExport {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = durationBuckets
        MetricsSystem.bootstrap(factory)
        return PrometheusExport(registry: registry)
    }

    /// The exposition text of every metric.
    public func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }

    /// Adds `GET /metrics` to `router`; `beforeScrape` brings scrape-time gauges up to date.
    public func addRoute<Context: RequestContext>(
        to router: Router<Context>, beforeScrape: @escaping @Sendable () async -> Void = {}
    ) {
        let registry = self.registry
        router.get("/metrics") { _, _ -> Response in
            await beforeScrape()
            var buffer = ByteBuffer()
            buffer.writeBytes(registry.emitToBuffer())
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: buffer))
        }
    }
}
