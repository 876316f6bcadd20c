import Models

/// The OPEN message (RFC 4271 §4.2) with its capabilities (RFC 5492).
///
/// Only version 4 exists; the decoder rejects any other version, so it is not stored.
public struct BGPOpen: Hashable, Sendable {
    /// The 2-octet "My Autonomous System" field: the speaker's AS, or AS_TRANS (23456) when
    /// the AS needs 4 octets (the real one is then in ``BGPCapability/fourOctetAS(_:)``).
    public var myAutonomousSystem: UInt16
    /// The proposed hold time in seconds: 0 (no keepalives) or at least 3.
    public var holdTime: UInt16
    /// The BGP identifier (router ID), never 0.0.0.0.
    public var identifier: IPv4Address
    /// The capabilities, in the order they were sent (all in capability optional parameters).
    public var capabilities: [BGPCapability]

    /// Creates an OPEN from its fields.
    public init(myAutonomousSystem: UInt16, holdTime: UInt16, identifier: IPv4Address, capabilities: [BGPCapability]) {
        self.myAutonomousSystem = myAutonomousSystem
        self.holdTime = holdTime
        self.identifier = identifier
        self.capabilities = capabilities
    }

    /// The OPEN a speaker with a 4-octet `asn` sends: AS_TRANS in the 2-octet field when needed,
    /// multiprotocol IPv4 unicast and four-octet AS capabilities.
    public init(asn: UInt32, holdTime: UInt16, identifier: IPv4Address) {
        self.init(
            myAutonomousSystem: asn <= UInt32(UInt16.max) ? UInt16(asn) : BGPWireFormat.asTrans,
            holdTime: holdTime,
            identifier: identifier,
            capabilities: [.multiprotocol(afi: 1, safi: 1), .fourOctetAS(asn)]
        )
    }

    /// The four-octet AS the speaker announced in its capability, if any.
    public var fourOctetAS: UInt32? {
        for capability in capabilities {
            if case .fourOctetAS(let asn) = capability { return asn }
        }
        return nil
    }

    /// The speaker's AS: the four-octet capability when present, else the 2-octet field.
    public var asn: UInt32 { fourOctetAS ?? UInt32(myAutonomousSystem) }

    /// Whether the speaker supports the given multiprotocol address family.
    public func supports(afi: UInt16, safi: UInt8) -> Bool {
        capabilities.contains(.multiprotocol(afi: afi, safi: safi))
    }
}
