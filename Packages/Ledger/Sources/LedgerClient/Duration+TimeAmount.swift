import NIOCore

extension Duration {
    /// The duration as a NIO `TimeAmount` (nanosecond precision, saturating).
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !nanoseconds.overflow else { return .nanoseconds(seconds < 0 ? .min : .max) }
        return .nanoseconds(nanoseconds.partialValue + attoseconds / 1_000_000_000)
    }
}
