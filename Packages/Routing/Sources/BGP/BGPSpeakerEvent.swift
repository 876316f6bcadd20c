import BGPWire
import Models

/// What a ``BGPSpeaker`` reports, in order, on its ``BGPSpeaker/events`` stream.
///
/// Routes belong to one session: after ``sessionClosed(_:)`` every route announced in that
/// session is gone (the peer re-announces what is still valid in the next session).
public enum BGPSpeakerEvent: Hashable, Sendable {
    /// The status changed (only changes are reported).
    case statusChanged(BGPSessionStatus)
    /// The session reached Established with a peer that sent this OPEN; `holdTime` is the
    /// negotiated hold time in seconds.
    case established(peer: BGPOpen, holdTime: UInt16)
    /// The peer announced (or replaced) these prefixes, all with these attributes. Routes that
    /// ``BGPImportFilter`` refuses (AS loop, our own prefixes) never appear here.
    case routesAnnounced([IPv4Prefix], BGPPathAttributes)
    /// The peer withdrew these prefixes, or announced them with a route ``BGPImportFilter``
    /// refuses (which replaces, so withdraws, its previous one). A prefix may be withdrawn that
    /// was never announced.
    case routesWithdrawn([IPv4Prefix])
    /// A connection attempt or session ended; a reconnect follows unless the speaker stopped.
    case sessionClosed(BGPSessionCloseReason)
}
