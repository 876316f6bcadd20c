/// The message types of the PIM version 2 header (RFC 7761 §4.9) this codec decodes into values.
///
/// The type is 4 bits wide; the other types (Register-Stop 2, Bootstrap 4, Assert 5, …) decode
/// as ``PIMMessage/other(type:body:)``.
public enum PIMMessageType: UInt8, Hashable, Sendable, CaseIterable {
    /// Hello: neighbor discovery and its options.
    case hello = 0
    /// Register: a data packet tunnelled from the first-hop router to the RP.
    case register = 1
    /// Join/Prune: joins and prunes of (*,G) and (S,G) state toward an upstream neighbor.
    case joinPrune = 3
}
