import Models

/// Appends big-endian fields and seals a PIM message with its checksum.
struct PIMByteWriter {
    /// The message so far.
    private(set) var bytes: [UInt8]

    /// Starts a message with the common header of `type`: version 2, reserved 0, checksum 0
    /// (filled in by ``sealed(checksumLength:)``).
    init(type: UInt8, capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(PIMWireFormat.version << 4 | type & 0x0F)
        bytes.append(0)
        bytes.append(0)
        bytes.append(0)
    }

    mutating func append(_ value: UInt8) { bytes.append(value) }

    mutating func append(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func append(_ value: UInt32) {
        bytes.append(UInt8(value >> 24))
        bytes.append(UInt8(value >> 16 & 0xFF))
        bytes.append(UInt8(value >> 8 & 0xFF))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

    mutating func appendEncodedUnicast(_ address: IPv4Address) {
        append(PIMWireFormat.addressFamilyIPv4)
        append(PIMWireFormat.nativeEncoding)
        append(address.value)
    }

    mutating func appendEncodedGroupOrSource(flags: UInt8, maskLength: UInt8, address: IPv4Address) {
        append(PIMWireFormat.addressFamilyIPv4)
        append(PIMWireFormat.nativeEncoding)
        append(flags)
        append(maskLength)
        append(address.value)
    }

    /// The message with the Internet checksum of its first `checksumLength` octets (all when
    /// nil) in octets 2–3.
    func sealed(checksumLength: Int? = nil) -> [UInt8] {
        var result = bytes
        let checksum = InternetChecksum.checksum(result.prefix(checksumLength ?? result.count))
        result[2] = UInt8(checksum >> 8)
        result[3] = UInt8(checksum & 0xFF)
        return result
    }
}
