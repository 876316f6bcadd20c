import Foundation
import Ledger
import Models

extension NetworkChecks {
    /// Activated devices that fetched no config for longer than the threshold, and a controller
    /// whose metrics cannot be read.
    func fetchFindings(_ state: LedgerState, fetches: ConfigFetchWatch, now: Date) -> [Finding] {
        if let error = fetches.lastError {
            return [
                Finding(
                    .controllerUnreachable, AlertSubject(kind: "controller", id: fetches.url, label: fetches.url),
                    "the controller's metrics at \(fetches.url) cannot be read (\(error)), so config fetches are "
                        + "not checked; is doublezero-controller running there?")
            ]
        }
        guard let firstScrape = fetches.firstScrape else { return [] }
        let limit = Self.seconds(thresholds.configFetch)
        return state.devices.values.compactMap { device -> Finding? in
            guard device.status == .activated else { return nil }
            let last = fetches.lastFetch(of: device.code)
            let quiet = now.timeIntervalSince(last ?? firstScrape)
            guard quiet > limit else { return nil }
            let since =
                last == nil
                ? "has not fetched its config since the monitor started reading the controller \(Self.span(quiet)) ago"
                : "last fetched its config \(Self.span(quiet)) ago"
            return Finding(
                .deviceConfigStale, Self.subject(device),
                "device \(device.code) \(since) (threshold \(Self.span(limit))); ledger changes do not reach it — "
                    + "check its doublezero-device-agent and its path to the controller")
        }
    }
}
