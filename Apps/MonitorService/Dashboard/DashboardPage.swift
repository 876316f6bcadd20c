/// One page of the dashboard: a value built from one ``MonitorView`` (and the request's query),
/// rendered to HTML through its Mustache template and encoded as its `.json` twin, so both always
/// say the same thing.
public protocol DashboardPage: Encodable, Sendable {
    /// The page's path name (`devices`: `/devices` and `/devices.json`) and template name.
    static var name: String { get }
    /// Its title.
    static var title: String { get }
    /// The status line.
    var status: PageStatus { get }

    /// The page of `view` for the request's `query`.
    ///
    /// - Throws: ``DashboardQueryError`` for a malformed query parameter.
    init(view: MonitorView, query: [String: String]) throws(DashboardQueryError)
}

/// A query parameter the dashboard cannot use: answered 400 with the message.
public struct DashboardQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
