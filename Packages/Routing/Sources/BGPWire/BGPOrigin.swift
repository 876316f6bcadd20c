/// The ORIGIN path attribute value (RFC 4271 §5.1.1).
public enum BGPOrigin: UInt8, Hashable, Sendable, CaseIterable {
    /// IGP (0): learned from an interior protocol; what DoubleZero users announce.
    case igp = 0
    /// EGP (1).
    case egp = 1
    /// INCOMPLETE (2): learned some other way (redistribution).
    case incomplete = 2
}
