import NIOCore

/// Re-arms `TCP_QUICKACK` after every read so the kernel acknowledges the peer's data at once
/// instead of after the delayed-ACK timer (40 ms on Linux).
///
/// Peers that send with Nagle's algorithm on (BIRD does) hold their last small segment until
/// the previous one is acknowledged; with delayed ACKs the tail of every table transfer would
/// wait 40 ms. The option is not sticky, hence after each read. Best effort: failures (other
/// platforms) are ignored.
final class TCPQuickAckHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    /// Linux `TCP_QUICKACK` (netinet/tcp.h), at level IPPROTO_TCP.
    static let option = ChannelOptions.Types.SocketOption(
        level: .tcp, name: NIOBSDSocket.Option(rawValue: 12))

    func channelActive(context: ChannelHandlerContext) {
        rearm(context)
        context.fireChannelActive()
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        rearm(context)
        context.fireChannelReadComplete()
    }

    private func rearm(_ context: ChannelHandlerContext) {
        #if os(Linux)
            try? context.channel.syncOptions?.setOption(Self.option, value: 1)
        #endif
    }
}
