import BGPWire

/// Builds raw messages for the codec tests, independently of the encoder.
enum BGPTestBytes {
    /// A message: marker, length (computed unless given), type, body.
    static func message(type: UInt8, body: [UInt8], length: Int? = nil) -> [UInt8] {
        let total = length ?? 19 + body.count
        return [UInt8](repeating: 0xFF, count: 16) + [UInt8(total >> 8), UInt8(total & 0xFF), type] + body
    }

    static func u16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func u32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// An OPEN body: version, my AS, hold time, identifier, then the optional parameters as given.
    static func openBody(
        version: UInt8 = 4, myAS: Int = 65000, holdTime: Int = 90, identifier: UInt32 = 0x0101_0101,
        parameters: [UInt8]? = nil
    ) -> [UInt8] {
        let capabilities: [UInt8] = [1, 4, 0, 1, 0, 1, 65, 4] + u32(65000)
        let parameters = parameters ?? [2, UInt8(capabilities.count)] + capabilities
        return [version] + u16(myAS) + u16(holdTime) + u32(identifier) + [UInt8(parameters.count)] + parameters
    }

    /// One attribute: flags, type, 1-octet length (2 with extended), value.
    static func attribute(_ flags: UInt8, _ type: UInt8, _ value: [UInt8]) -> [UInt8] {
        if flags & 0x10 != 0 { return [flags, type] + u16(value.count) + value }
        return [flags, type, UInt8(value.count)] + value
    }

    static let origin = attribute(0x40, 1, [0])
    static let asPath = attribute(0x40, 2, [2, 1] + u32(65342))
    static let nextHop = attribute(0x40, 3, [169, 254, 0, 0])
    static let mandatory = origin + asPath + nextHop

    /// An UPDATE body from withdrawn-route bytes, attribute bytes and NLRI bytes.
    static func updateBody(withdrawn: [UInt8] = [], attributes: [UInt8] = mandatory, nlri: [UInt8] = [32, 10, 0, 0, 1])
        -> [UInt8]
    {
        u16(withdrawn.count) + withdrawn + u16(attributes.count) + attributes + nlri
    }

    static func update(withdrawn: [UInt8] = [], attributes: [UInt8] = mandatory, nlri: [UInt8] = [32, 10, 0, 0, 1])
        -> [UInt8]
    {
        message(type: 2, body: updateBody(withdrawn: withdrawn, attributes: attributes, nlri: nlri))
    }
}
