/// Why a string is not a valid Linux network interface name.
public enum LinuxInterfaceNameError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name is empty.
    case empty
    /// The name is longer than 15 bytes of UTF-8 (`IFNAMSIZ - 1`).
    case tooLong(name: String, byteCount: Int)
    /// The name is `.` or `..`.
    case dotName(name: String)
    /// The name contains a byte the kernel forbids: `/`, `:`, whitespace, or NUL.
    case forbiddenByte(name: String, byte: UInt8, offset: Int)

    /// A sentence naming the name and the rule it breaks.
    public var description: String {
        switch self {
        case .empty:
            return "an interface name cannot be empty"
        case .tooLong(let name, let byteCount):
            return "interface name '\(name)' is \(byteCount) bytes long; at most"
                + " \(LinuxInterfaceName.maximumByteCount) are allowed"
        case .dotName(let name):
            return "interface name '\(name)' is reserved"
        case .forbiddenByte(let name, let byte, let offset):
            return "interface name '\(name.debugDescription.dropFirst().dropLast())' contains"
                + " \(Self.describe(byte)) at byte \(offset); '/', ':', whitespace and NUL are not allowed"
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "/"): "'/'"
        case UInt8(ascii: ":"): "':'"
        case UInt8(ascii: " "): "a space"
        case 0: "NUL"
        default: "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }
}
