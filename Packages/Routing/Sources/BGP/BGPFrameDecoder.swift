import BGPWire
import NIOCore

/// Cuts the TCP byte stream into whole BGP messages (header included), validating each header
/// as soon as its 19 octets arrive; a bad header throws the ``BGPMessageError`` to answer with.
struct BGPFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = [UInt8]

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard buffer.readableBytes >= BGPWireFormat.headerLength,
            let header = buffer.getBytes(at: buffer.readerIndex, length: BGPWireFormat.headerLength)
        else { return .needMoreData }
        let length = try BGPMessageDecoder.messageLength(header: header)
        guard buffer.readableBytes >= length, let frame = buffer.readBytes(length: length) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
