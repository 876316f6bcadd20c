/// How the kernel answers the requests of a batch (``NetlinkSession/applyRoutes(_:acknowledgement:)``).
public enum NetlinkBatchAcknowledgement: Hashable, Sendable {
    /// Every request carries `NLM_F_ACK` and is answered on its own (each message is then byte
    /// for byte the single request ``NetlinkSession/replaceRoute(_:)`` / ``NetlinkSession/deleteRoute(_:)``
    /// sends). The kernel builds, queues and hands over one acknowledgement per route.
    case everyRequest
    /// Requests go without `NLM_F_ACK` (otherwise identical), and each datagram ends with a
    /// `NLMSG_NOOP` that carries it: the kernel answers only refusals (an error is sent whatever
    /// the flag) and the no-op, and handles a datagram's messages in order, so once the no-op's
    /// acknowledgement is read every request without an error answer succeeded. About a quarter
    /// less kernel time per route than ``everyRequest`` (the acknowledgement buffers it saves).
    case errorsOnly
}
