import Foundation

/// When each device last fetched its config, as the controller's request counters tell: each
/// scrape of `controller_config_requests_total` that shows a device's count risen means it fetched
/// since the scrape before. A pure record of scrapes; ``ControllerMetricsScraper`` feeds it.
public struct ConfigFetchWatch: Sendable, Hashable {
    /// One device's requests as last scraped.
    public struct Fetches: Sendable, Hashable {
        /// Its requests counted so far (every status summed).
        public var total: Double
        /// The first scrape that saw the total rise (or the device appear).
        public var lastFetch: Date
    }

    /// The controller's metrics URL.
    public let url: String
    /// Per device code.
    public private(set) var devices: [String: Fetches] = [:]
    /// The first successful scrape: a device never counted has not fetched since then.
    public private(set) var firstScrape: Date?
    /// The last scrape tried.
    public private(set) var lastAttempt: Date?
    /// Why the last scrape failed; nil when it succeeded.
    public private(set) var lastError: String?

    /// A watch of the controller metrics at `url`, not scraped yet.
    public init(url: String) {
        self.url = url
    }

    /// Records a successful scrape at `time` with each device's request total.
    public mutating func record(totals: [String: Double], at time: Date) {
        if firstScrape == nil { firstScrape = time }
        lastAttempt = time
        lastError = nil
        for (code, total) in totals {
            if let known = devices[code], known.total >= total {
                // No new request (or an unchanged counter): the last fetch stands. A counter that
                // went down means the controller restarted; its next rise counts again.
                if known.total > total { devices[code]?.total = total }
                continue
            }
            devices[code] = Fetches(total: total, lastFetch: time)
        }
    }

    /// Records a failed scrape at `time`.
    public mutating func recordFailure(_ reason: String, at time: Date) {
        lastAttempt = time
        lastError = reason
    }

    /// When device `code` last fetched, as far as the scrapes tell (nil: not since the first scrape).
    public func lastFetch(of code: String) -> Date? { devices[code]?.lastFetch }
}
