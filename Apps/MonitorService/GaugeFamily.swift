import CoreMetrics

/// One gauge metric whose series come and go with the network (a device's users, a pool): each
/// ``record(_:)`` sets every series given and destroys the series recorded last time and not now,
/// so a removed device leaves no stale series behind. Not thread-safe: its owner serialises calls.
struct GaugeFamily {
    /// The metric name.
    let label: String
    /// The dimension names, in order.
    let dimensions: [String]
    let factory: any MetricsFactory
    private var series: [[String]: Gauge] = [:]

    init(_ label: String, dimensions: [String], factory: any MetricsFactory) {
        self.label = label
        self.dimensions = dimensions
        self.factory = factory
    }

    /// Sets each series (dimension values in ``dimensions`` order) to its value; drops the others.
    mutating func record(_ values: [[String]: Double]) {
        for (key, value) in values {
            let gauge =
                series[key]
                ?? Gauge(label: label, dimensions: Array(zip(dimensions, key)), factory: factory)
            series[key] = gauge
            gauge.record(value)
        }
        for (key, gauge) in series where values[key] == nil {
            gauge.destroy()
            series[key] = nil
        }
    }
}
