/// One valid BGP message of each type (the bytes `make-seeds.py` used to write).
enum BGPSeeds {
    static var all: [(name: String, bytes: [UInt8])] {
        let capabilities: [UInt8] = [1, 4, 0, 1, 0, 1, 65, 4] + be32(65000)
        let open = message(
            type: 1,
            [4] + be16(65000) + be16(90) + be32(0x0101_0101) + [UInt8(capabilities.count + 2), 2]
                + [UInt8(capabilities.count)] + capabilities)
        var attributes: [UInt8] = [0x40, 1, 1, 0]
        attributes += [0x40, 2, 6, 2, 1] + be32(65342)
        attributes += [0x40, 3, 4, 169, 254, 0, 0]
        attributes += [0x80, 4, 4, 0, 0, 0, 5]
        attributes += [0xC0, 8, 8] + be32(21682 << 16 | 1200) + be32(21682 << 16 | 10001)
        attributes += [0xC0, 99, 2, 1, 2]
        let nlri: [UInt8] = [32, 147, 51, 126, 1, 24, 10, 0, 0, 0]
        let update = message(
            type: 2, be16(5) + [32, 1, 2, 3, 4] + be16(UInt16(attributes.count)) + attributes + nlri)
        return [
            ("open", open), ("update", update), ("eor", message(type: 2, be16(0) + be16(0))),
            ("notification", message(type: 3, [4, 0])), ("keepalive", message(type: 4, [])),
        ]
    }

    /// Marker, length and type, then `body`.
    static func message(type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [UInt8](repeating: 0xFF, count: 16) + be16(UInt16(19 + body.count)) + [type] + body
    }
}
