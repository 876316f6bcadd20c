import BGPWire
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A BGP peer on 127.0.0.1 whose every byte the test writes: it accepts the speaker's
/// connections, records the messages the speaker sends (per connection) and sends raw bytes
/// on the latest connection. For state-machine tests that BIRD cannot provoke (malformed
/// messages, messages in the wrong state).
final class ScriptedBGPPeer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let server: any Channel
    private let state = NIOLockedValueBox<(connections: [any Channel], received: [[BGPMessage]], closed: Int)>(
        ([], [], 0))

    /// The TCP port the peer listens on.
    var port: Int { server.localAddress?.port ?? 0 }

    /// Creates a listening peer; with a `greeting`, it sends that message on every connection
    /// as soon as it is accepted (before anything the test sends).
    init(greeting: BGPMessage? = nil) async throws {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let state = self.state
        let greeting = try greeting.map { try BGPMessageEncoder.encode($0, options: .fourOctet) }
        server = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let index = state.withLockedValue { value -> Int in
                        value.connections.append(channel)
                        value.received.append([])
                        return value.received.count - 1
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        RecordingHandler(index: index, state: state, greeting: greeting))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    /// Connections accepted so far.
    var connectionCount: Int { state.withLockedValue { $0.connections.count } }
    /// Connections the speaker (or we) closed.
    var closedCount: Int { state.withLockedValue { $0.closed } }
    /// What the speaker sent on connection `index`.
    func received(on index: Int) -> [BGPMessage] { state.withLockedValue { $0.received[index] } }

    /// Writes raw bytes on the latest connection.
    func send(_ bytes: [UInt8]) async throws {
        guard let channel = state.withLockedValue({ $0.connections.last }) else { return }
        try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).get()
    }

    /// Writes a message on the latest connection.
    func send(_ message: BGPMessage) async throws {
        try await send(try BGPMessageEncoder.encode(message, options: .fourOctet))
    }

    func shutdown() async {
        try? await server.close()
        for channel in state.withLockedValue({ $0.connections }) { try? await channel.close() }
        try? await group.shutdownGracefully()
    }

    private final class RecordingHandler: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let index: Int
        let state: NIOLockedValueBox<(connections: [any Channel], received: [[BGPMessage]], closed: Int)>
        let greeting: [UInt8]?
        let pending = NIOLockedValueBox<[UInt8]>([])

        init(
            index: Int, state: NIOLockedValueBox<(connections: [any Channel], received: [[BGPMessage]], closed: Int)>,
            greeting: [UInt8]?
        ) {
            self.index = index
            self.state = state
            self.greeting = greeting
        }

        func channelActive(context: ChannelHandlerContext) {
            if let greeting {
                context.writeAndFlush(NIOAny(context.channel.allocator.buffer(bytes: greeting)), promise: nil)
            }
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            let messages = pending.withLockedValue { pending -> [BGPMessage] in
                pending += bytes
                var messages: [BGPMessage] = []
                while pending.count >= 19,
                    let length = try? BGPMessageDecoder.messageLength(header: Array(pending.prefix(19))),
                    pending.count >= length
                {
                    if let message = try? BGPMessageDecoder.decode(Array(pending.prefix(length)), options: .fourOctet) {
                        messages.append(message)
                    }
                    pending.removeFirst(length)
                }
                return messages
            }
            state.withLockedValue { $0.received[index] += messages }
        }

        func channelInactive(context: ChannelHandlerContext) {
            state.withLockedValue { $0.closed += 1 }
        }
    }
}
