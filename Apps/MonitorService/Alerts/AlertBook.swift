import Foundation

/// The open alerts and their history: a pure state machine fed with each evaluation's findings.
///
/// A finding whose key is not open opens an alert (first seen now); one already open stays open
/// (its wording updated, last seen now); an open alert whose finding is gone clears and moves to
/// the history, which keeps the newest ``historyLimit`` cleared alerts. ``update(with:at:)``
/// returns what opened and cleared, so the caller logs each transition exactly once.
public struct AlertBook: Sendable, Hashable {
    /// The alerts open now, by finding key.
    public private(set) var open: [String: Alert] = [:]
    /// Cleared alerts, oldest first, at most ``historyLimit``.
    public private(set) var history: [Alert] = []
    /// How many cleared alerts the history keeps.
    public let historyLimit: Int
    /// How many alerts ever opened, by kind.
    public private(set) var openedCount: [AlertKind: Int] = [:]

    /// What one update changed.
    public struct Transitions: Sendable, Hashable {
        /// Alerts that opened.
        public var opened: [Alert] = []
        /// Alerts that cleared.
        public var cleared: [Alert] = []
    }

    /// An empty book keeping up to `historyLimit` cleared alerts.
    public init(historyLimit: Int = 1000) {
        precondition(historyLimit >= 0)
        self.historyLimit = historyLimit
    }

    /// Takes one evaluation's findings, made at `time`.
    public mutating func update(with findings: [Finding], at time: Date) -> Transitions {
        var transitions = Transitions()
        var seen = Set<String>()
        for finding in findings {
            let key = finding.key
            guard seen.insert(key).inserted else { continue }
            if var alert = open[key] {
                alert.finding = finding
                alert.lastSeen = time
                open[key] = alert
            } else {
                let alert = Alert(finding: finding, at: time)
                open[key] = alert
                openedCount[finding.kind, default: 0] += 1
                transitions.opened.append(alert)
            }
        }
        for (key, var alert) in open where !seen.contains(key) {
            open[key] = nil
            alert.cleared = time
            transitions.cleared.append(alert)
        }
        let order: (Alert, Alert) -> Bool = { ($0.firstSeen, $0.finding.key) < ($1.firstSeen, $1.finding.key) }
        transitions.opened.sort(by: order)
        transitions.cleared.sort(by: order)
        history.append(contentsOf: transitions.cleared)
        if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
        return transitions
    }

    /// The open alerts, most severe first, then oldest first.
    public var openAlerts: [Alert] {
        open.values.sorted { lhs, rhs in
            if lhs.finding.severity != rhs.finding.severity { return lhs.finding.severity > rhs.finding.severity }
            return (lhs.firstSeen, lhs.finding.key) < (rhs.firstSeen, rhs.finding.key)
        }
    }
}
