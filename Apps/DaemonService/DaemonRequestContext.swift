import Hummingbird
import NIOCore

/// The request context of the daemon's API: Hummingbird's core context plus the connection's
/// channel, from which the caller's ``PeerCredentials`` are read.
public struct DaemonRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel

    /// A context for a request on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
