/// A validated Linux network device name, such as `doublezero0` or `eth0`.
///
/// The rules are those of the kernel's `dev_valid_name()` (`net/core/dev.c`), which every
/// `RTM_NEWLINK` / `RTM_SETLINK` carrying `IFLA_IFNAME` goes through. A name is valid when:
///
/// 1. it is not empty;
/// 2. it is at most 15 bytes long (`IFNAMSIZ` is 16 including the terminating NUL), counting
///    UTF-8 bytes, not characters;
/// 3. it is neither `.` nor `..`;
/// 4. no byte is `/`, `:` or whitespace, where whitespace is the kernel's `isspace()`: tab, line
///    feed, vertical tab, form feed, carriage return (0x09–0x0D), space (0x20), and 0xA0 (the
///    kernel's ctype table is Latin-1, so a UTF-8 name containing byte 0xA0 — `à`, for
///    instance — is refused too).
///
/// One rule is ours rather than the kernel's: a NUL byte is refused, because the kernel reads
/// the name as a C string and would silently cut it there.
///
/// The kernel refuses `/` so that every name is a usable sysfs file name, and `:` because
/// `name:label` is the syntax of interface aliases and address labels (`eth0:1`).
public struct LinuxInterfaceName: Hashable, Comparable, Sendable {
    /// `IFNAMSIZ - 1`: the longest name, in bytes.
    public static let maximumByteCount = 15

    /// The validated name.
    public let rawValue: String

    /// Validates `name`.
    ///
    /// - Throws: ``LinuxInterfaceNameError`` naming the first rule the name breaks.
    public init(_ name: String) throws(LinuxInterfaceNameError) {
        try Self.validate(name)
        rawValue = name
    }

    /// Creates a name the caller knows to be valid (a constant such as `doublezero0`).
    ///
    /// Traps when the name is invalid.
    public init(constant name: StaticString) {
        let text = name.description
        do {
            try Self.validate(text)
        } catch {
            preconditionFailure("invalid interface name constant: \(error)")
        }
        rawValue = text
    }

    /// Checks `name` against the rules above.
    ///
    /// - Throws: ``LinuxInterfaceNameError`` naming the first rule the name breaks.
    public static func validate(_ name: String) throws(LinuxInterfaceNameError) {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty else {
            throw .empty
        }
        guard bytes.count <= maximumByteCount else {
            throw .tooLong(name: name, byteCount: bytes.count)
        }
        guard name != ".", name != ".." else {
            throw .dotName(name: name)
        }
        if let offset = bytes.firstIndex(where: isForbidden) {
            throw .forbiddenByte(name: name, byte: bytes[offset], offset: offset)
        }
    }

    /// Whether `name` is valid.
    public static func isValid(_ name: String) -> Bool {
        (try? validate(name)) != nil
    }

    /// Whether the kernel (or our NUL rule) refuses `byte` anywhere in a name.
    private static func isForbidden(_ byte: UInt8) -> Bool {
        switch byte {
        case 0, UInt8(ascii: "/"), UInt8(ascii: ":"): true
        case 0x09...0x0D, 0x20, 0xA0: true  // the kernel's isspace()
        default: false
        }
    }

    /// Orders by the name's bytes.
    public static func < (lhs: LinuxInterfaceName, rhs: LinuxInterfaceName) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}

extension LinuxInterfaceName: CustomStringConvertible {
    /// The name itself.
    public var description: String { rawValue }
}
