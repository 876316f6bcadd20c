/// Bytes that are not a PIM version 2 message this codec accepts: what was wrong, in which
/// field, at which octet.
public struct PIMDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: Hashable, Sendable {
        /// The field needs `needed` octets but only `available` are left.
        case truncated(needed: Int, available: Int)
        /// The version nibble is not 2.
        case unsupportedVersion(UInt8)
        /// The checksum field holds `received`; the bytes it covers call for `computed`.
        case badChecksum(received: UInt16, computed: UInt16)
        /// An encoded address of a family other than 1 (IPv4).
        case unsupportedAddressFamily(UInt8)
        /// An encoded address with an encoding type other than 0 (native).
        case unsupportedEncodingType(UInt8)
        /// A group or source mask length above 32.
        case maskLengthAbove32(UInt8)
        /// A known Hello option whose length is not the one its type has.
        case badOptionLength(type: UInt16, length: UInt16, expected: UInt16)
        /// A known Hello option present twice.
        case duplicateOption(type: UInt16)
        /// Octets after the last group of a Join/Prune.
        case trailingOctets(count: Int)
    }

    /// What was wrong.
    public var kind: Kind
    /// The field being read, for example `"group 2 joined source 1 mask length"`.
    public var field: String
    /// The octet offset of that field from the first octet of the PIM header.
    public var offset: Int

    /// Creates an error.
    public init(_ kind: Kind, field: String, at offset: Int) {
        self.kind = kind
        self.field = field
        self.offset = offset
    }

    /// The field, the offset and what was wrong.
    public var description: String {
        let what: String
        switch kind {
        case .truncated(let needed, let available): what = "truncated: needs \(needed) octets, \(available) left"
        case .unsupportedVersion(let version): what = "PIM version \(version), expected 2"
        case .badChecksum(let received, let computed):
            what = "bad checksum 0x\(hex(received)), expected 0x\(hex(computed))"
        case .unsupportedAddressFamily(let family): what = "address family \(family), expected 1 (IPv4)"
        case .unsupportedEncodingType(let type): what = "encoding type \(type), expected 0 (native)"
        case .maskLengthAbove32(let length): what = "mask length \(length) above 32"
        case .badOptionLength(let type, let length, let expected):
            what = "option \(type) has length \(length), expected \(expected)"
        case .duplicateOption(let type): what = "option \(type) appears twice"
        case .trailingOctets(let count): what = "\(count) octets after the last group"
        }
        return "\(field) at octet \(offset): \(what)"
    }

    private func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
