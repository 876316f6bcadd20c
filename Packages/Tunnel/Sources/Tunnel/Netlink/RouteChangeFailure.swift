/// A change of a batch the kernel refused (``NetlinkSession/applyRoutes(_:acknowledgement:)``): the batch went
/// on, and this one route is not as asked.
public struct RouteChangeFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The refused change.
    public var change: RouteChange
    /// Its position in the batch given to ``NetlinkSession/applyRoutes(_:acknowledgement:)``.
    public var index: Int
    /// Why, naming the operation and the route (`replace route 10.1.0.0/24 in table 254: …`).
    public var error: NetlinkError

    /// A failure of `change` at `index`.
    public init(change: RouteChange, index: Int, error: NetlinkError) {
        self.change = change
        self.index = index
        self.error = error
    }

    /// The error's sentence.
    public var description: String { "\(error)" }
}
