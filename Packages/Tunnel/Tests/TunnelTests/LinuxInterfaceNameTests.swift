import PropertyBased
import Testing

@testable import Tunnel

@Suite("LinuxInterfaceName")
struct LinuxInterfaceNameTests {
    @Test(
        "valid names",
        arguments: [
            "doublezero0", "doublezero1", "eth0", "lo", "a", "veth-ns1_a", "gre.500", "x.", "...", ".a", "-",
            "123456789012345",  // exactly 15 bytes
            "tun-é",  // é is C3 A9 in UTF-8: no forbidden byte
            "ñ1234567890123",  // 2 + 13 = 15 bytes
            "br@0", "v#1", "a\u{7F}b", "a\u{85}b",  // DEL and NEL are not kernel whitespace
        ])
    func valid(name: String) throws {
        #expect(LinuxInterfaceName.isValid(name))
        let parsed = try LinuxInterfaceName(name)
        #expect(parsed.rawValue == name)
        #expect(parsed.description == name)
    }

    @Test(
        "invalid names and the rule they break",
        arguments: [
            ("", LinuxInterfaceNameError.empty),
            ("1234567890123456", .tooLong(name: "1234567890123456", byteCount: 16)),
            ("ññññññññ", .tooLong(name: "ññññññññ", byteCount: 16)),  // 8 characters, 16 bytes
            (".", .dotName(name: ".")),
            ("..", .dotName(name: "..")),
            ("eth/0", .forbiddenByte(name: "eth/0", byte: 0x2F, offset: 3)),
            ("eth0:1", .forbiddenByte(name: "eth0:1", byte: 0x3A, offset: 4)),
            ("my tun", .forbiddenByte(name: "my tun", byte: 0x20, offset: 2)),
            ("\ttab", .forbiddenByte(name: "\ttab", byte: 0x09, offset: 0)),
            ("nl\n", .forbiddenByte(name: "nl\n", byte: 0x0A, offset: 2)),
            ("vt\u{0B}", .forbiddenByte(name: "vt\u{0B}", byte: 0x0B, offset: 2)),
            ("ff\u{0C}", .forbiddenByte(name: "ff\u{0C}", byte: 0x0C, offset: 2)),
            ("cr\r", .forbiddenByte(name: "cr\r", byte: 0x0D, offset: 2)),
            ("nul\u{0}x", .forbiddenByte(name: "nul\u{0}x", byte: 0x00, offset: 3)),
            ("nb\u{A0}sp", .forbiddenByte(name: "nb\u{A0}sp", byte: 0xA0, offset: 3)),  // C2 A0
            ("voilà", .forbiddenByte(name: "voilà", byte: 0xA0, offset: 5)),  // à = C3 A0
        ])
    func invalid(name: String, expected: LinuxInterfaceNameError) {
        #expect(!LinuxInterfaceName.isValid(name))
        #expect(throws: expected) { try LinuxInterfaceName(name) }
    }

    @Test("error messages")
    func messages() {
        #expect(LinuxInterfaceNameError.empty.description == "an interface name cannot be empty")
        #expect(
            LinuxInterfaceNameError.tooLong(name: "abcdefghijklmnop", byteCount: 16).description
                == "interface name 'abcdefghijklmnop' is 16 bytes long; at most 15 are allowed")
        #expect(LinuxInterfaceNameError.dotName(name: "..").description == "interface name '..' is reserved")
        #expect(
            LinuxInterfaceNameError.forbiddenByte(name: "eth0:1", byte: 0x3A, offset: 4).description
                == "interface name 'eth0:1' contains ':' at byte 4; '/', ':', whitespace and NUL are not allowed")
        #expect(
            LinuxInterfaceNameError.forbiddenByte(name: "a\tb", byte: 0x09, offset: 1).description
                == "interface name 'a\\tb' contains byte 0x9 at byte 1; '/', ':', whitespace and NUL are not allowed")
    }

    @Test("names order by their bytes")
    func ordering() throws {
        #expect(try LinuxInterfaceName("doublezero0") < LinuxInterfaceName("doublezero1"))
        #expect(try LinuxInterfaceName("Z") < LinuxInterfaceName("a"))
    }

    /// An independent statement of the kernel rules, over Unicode scalars instead of bytes.
    private static func expectedValid(_ name: String) -> Bool {
        let length = name.unicodeScalars.reduce(0) { total, scalar in
            total + (scalar.value < 0x80 ? 1 : scalar.value < 0x800 ? 2 : scalar.value < 0x10000 ? 3 : 4)
        }
        if length == 0 || length > 15 || name == "." || name == ".." { return false }
        for scalar in name.unicodeScalars {
            if scalar.value < 0x80 {
                if "/:\u{0} \t\n\u{0B}\u{0C}\r".unicodeScalars.contains(scalar) { return false }
            } else {
                // A multi-byte UTF-8 sequence holds byte 0xA0 exactly when one of its 6-bit
                // continuation groups is 0x20.
                let continuationBytes = scalar.value < 0x800 ? 1 : scalar.value < 0x10000 ? 2 : 3
                for group in 0..<continuationBytes where (scalar.value >> (6 * UInt32(group))) & 0x3F == 0x20 {
                    return false
                }
            }
        }
        return true
    }

    /// Characters biased towards the interesting ones, plus any Latin-1 and BMP scalar.
    private static let nameCharacter = zip(
        Gen.int(in: 0...3),
        Gen.element(of: Array("../: \t-_a0é"))
            .map { $0 ?? "a" },
        Gen.latin1,
        Gen.uint32(in: 0x100...0xD7FF).map { Character(UnicodeScalar($0)!) }
    ).map { choice, special, latin1, wide in
        switch choice {
        case 0, 1: special
        case 2: latin1
        default: wide
        }
    }

    @Test("random strings are valid exactly when the independent predicate says so")
    func matchesIndependentPredicate() async {
        await propertyCheck(count: 500, input: Self.nameCharacter.string(of: 0...17)) { name in
            #expect(LinuxInterfaceName.isValid(name) == Self.expectedValid(name), "\(name.debugDescription)")
        }
    }

    @Test("random alphanumeric names of 1...15 characters are valid")
    func alphanumericAreValid() async {
        await propertyCheck(count: 200, input: Gen.letterOrNumber.string(of: 1...15)) { name in
            #expect(LinuxInterfaceName.isValid(name))
        }
    }
}
