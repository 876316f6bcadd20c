/// The Hello option types (RFC 7761 §4.9.2) this codec reads and writes. Other options are
/// skipped when decoding.
public enum PIMHelloOptionType: UInt16, Hashable, Sendable, CaseIterable {
    /// Holdtime: 2 octets, seconds.
    case holdtime = 1
    /// DR Priority: 4 octets.
    case drPriority = 19
    /// Generation ID: 4 octets.
    case generationID = 20

    /// The option length this type always has.
    public var length: UInt16 {
        switch self {
        case .holdtime: 2
        case .drPriority, .generationID: 4
        }
    }
}
