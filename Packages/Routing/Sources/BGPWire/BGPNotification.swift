/// The NOTIFICATION message (RFC 4271 §4.5): error code, subcode and data.
///
/// The static members build the notifications of RFC 4271 §6 with the data the RFC asks for.
public struct BGPNotification: Hashable, Sendable, CustomStringConvertible {
    /// The error code (1 header, 2 OPEN, 3 UPDATE, 4 hold timer, 5 FSM, 6 cease).
    public var code: UInt8
    /// The error subcode (0 = unspecific).
    public var subcode: UInt8
    /// Diagnostic data, defined per code and subcode.
    public var data: [UInt8]

    /// Creates a notification.
    public init(code: UInt8, subcode: UInt8, data: [UInt8] = []) {
        self.code = code
        self.subcode = subcode
        self.data = data
    }

    // MARK: Message header errors (code 1)

    /// 1/1: the marker is not all ones.
    public static let connectionNotSynchronized = BGPNotification(code: 1, subcode: 1)
    /// 1/2: the length field is out of range for the type; data is the length field.
    public static func badMessageLength(_ length: UInt16) -> BGPNotification {
        BGPNotification(code: 1, subcode: 2, data: [UInt8(length >> 8), UInt8(length & 0xFF)])
    }
    /// 1/3: unknown type; data is the type octet.
    public static func badMessageType(_ type: UInt8) -> BGPNotification {
        BGPNotification(code: 1, subcode: 3, data: [type])
    }

    // MARK: OPEN errors (code 2)

    /// 2/0: the OPEN cannot be parsed (malformed optional parameters or capabilities).
    public static let malformedOpen = BGPNotification(code: 2, subcode: 0)
    /// 2/1: the version is not 4; data is the largest supported version as 2 octets.
    public static let unsupportedVersionNumber = BGPNotification(code: 2, subcode: 1, data: [0, 4])
    /// 2/2: the peer's AS is not the one configured; data is the 2-octet My Autonomous System
    /// field of its OPEN, when that is not 0 (RFC 4271 §6.2).
    public static func badPeerAS(myAutonomousSystem: UInt16) -> BGPNotification {
        BGPNotification(
            code: 2, subcode: 2,
            data: myAutonomousSystem == 0 ? [] : [UInt8(myAutonomousSystem >> 8), UInt8(myAutonomousSystem & 0xFF)])
    }
    /// 2/3: the BGP identifier is 0.0.0.0 or a multicast address.
    public static let badBGPIdentifier = BGPNotification(code: 2, subcode: 3)
    /// 2/4: an optional parameter other than capabilities.
    public static let unsupportedOptionalParameter = BGPNotification(code: 2, subcode: 4)
    /// 2/6: hold time 1 or 2 seconds.
    public static let unacceptableHoldTime = BGPNotification(code: 2, subcode: 6)

    // MARK: UPDATE errors (code 3)

    /// 3/1: the attribute list or the length fields are inconsistent.
    public static let malformedAttributeList = BGPNotification(code: 3, subcode: 1)
    /// 3/2: a well-known attribute type we do not know; data is the attribute.
    public static func unrecognizedWellKnownAttribute(_ attribute: [UInt8]) -> BGPNotification {
        BGPNotification(code: 3, subcode: 2, data: attribute)
    }
    /// 3/3: ORIGIN, AS_PATH or NEXT_HOP is missing; data is the missing type code.
    public static func missingWellKnownAttribute(_ type: UInt8) -> BGPNotification {
        BGPNotification(code: 3, subcode: 3, data: [type])
    }
    /// 3/4: flags conflict with the type; data is the attribute.
    public static func attributeFlagsError(_ attribute: [UInt8]) -> BGPNotification {
        BGPNotification(code: 3, subcode: 4, data: attribute)
    }
    /// 3/5: the length does not fit the type; data is the attribute.
    public static func attributeLengthError(_ attribute: [UInt8]) -> BGPNotification {
        BGPNotification(code: 3, subcode: 5, data: attribute)
    }
    /// 3/6: ORIGIN value above 2; data is the attribute.
    public static func invalidOriginAttribute(_ attribute: [UInt8]) -> BGPNotification {
        BGPNotification(code: 3, subcode: 6, data: attribute)
    }
    /// 3/8: NEXT_HOP is not a usable unicast address; data is the attribute.
    public static func invalidNextHopAttribute(_ attribute: [UInt8]) -> BGPNotification {
        BGPNotification(code: 3, subcode: 8, data: attribute)
    }
    /// 3/10: a prefix in the withdrawn routes or NLRI field is malformed.
    public static let invalidNetworkField = BGPNotification(code: 3, subcode: 10)
    /// 3/11: the AS_PATH is malformed (or does not start with the peer's AS).
    public static let malformedASPath = BGPNotification(code: 3, subcode: 11)

    // MARK: Session errors (codes 4-6)

    /// 4/0: no KEEPALIVE or UPDATE within the hold time.
    public static let holdTimerExpired = BGPNotification(code: 4, subcode: 0)
    /// 5/n (RFC 6608): a message that is not allowed in the current state; subcode 1 OpenSent,
    /// 2 OpenConfirm, 3 Established.
    public static func finiteStateMachineError(subcode: UInt8) -> BGPNotification {
        BGPNotification(code: 5, subcode: subcode)
    }
    /// 6/2 (RFC 4486): administrative shutdown.
    public static let administrativeShutdown = BGPNotification(code: 6, subcode: 2)

    /// `code/subcode` and the data in hex, for logs.
    public var description: String {
        let hex = data.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        return "NOTIFICATION \(code)/\(subcode)" + (data.isEmpty ? "" : " data \(hex.joined())")
    }
}
