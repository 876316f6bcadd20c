import Foundation

/// How the dashboard writes times and numbers.
enum DashboardFormat {
    /// ISO 8601 in UTC with seconds: `2026-12-07T15:04:05Z`.
    static func time(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// Nanoseconds as milliseconds with up to three decimals: `1.25`.
    static func milliseconds(nanoseconds: UInt64) -> Double {
        (Double(nanoseconds) / 1000).rounded() / 1000
    }
}
