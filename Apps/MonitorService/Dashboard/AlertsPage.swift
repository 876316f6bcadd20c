/// `/alerts`: the open alerts and the history of cleared ones (newest first).
public struct AlertsPage: DashboardPage {
    /// The page's path name and template name.
    public static let name = "alerts"
    /// The page's title.
    public static let title = "Alerts"

    /// The status line.
    public var status: PageStatus
    /// Open now, most severe then oldest first.
    public var open: [AlertRow]
    /// Cleared, newest first.
    public var history: [AlertRow]

    /// The page of `view` for the request's `query`.
    public init(view: MonitorView, query: [String: String]) {
        status = PageStatus(view)
        open = view.openAlerts.map { AlertRow($0, now: view.evaluatedAt) }
        history = view.history.reversed().map { AlertRow($0, now: view.evaluatedAt) }
    }
}
