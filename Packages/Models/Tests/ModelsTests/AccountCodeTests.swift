import PropertyBased
import Testing

@testable import Models

/// The one code rule (ASCII letters, digits, `:`, `_` and `-`): look-alikes are refused with the
/// offending character and its position, by every entity that has a code.
@Suite struct AccountCodeTests {
    /// A code that breaks the rule, and the character and position the error must name.
    struct Homoglyph: Sendable, CustomTestStringConvertible {
        let code: String
        let scalar: String
        let position: Int
        let kind: String

        var testDescription: String { "\(kind): \(scalar) at \(position)" }
    }

    static let homoglyphs: [Homoglyph] = [
        Homoglyph(code: "\u{0430}ms-dz01", scalar: "U+0430 (CYRILLIC SMALL LETTER A)", position: 1, kind: "Cyrillic a"),
        Homoglyph(code: "ams-dz0\u{0031}\u{0301}", scalar: "U+0301", position: 9, kind: "combining acute accent"),
        Homoglyph(code: "ams\u{200B}-dz01", scalar: "U+200B (ZERO WIDTH SPACE)", position: 4, kind: "zero-width space"),
        Homoglyph(
            code: "ams-\u{200D}dz01", scalar: "U+200D (ZERO WIDTH JOINER)", position: 5, kind: "zero-width joiner"),
        Homoglyph(
            code: "\u{FEFF}ams", scalar: "U+FEFF (ZERO WIDTH NO-BREAK SPACE)", position: 1, kind: "byte order mark"),
        Homoglyph(
            code: "\u{FF41}ms-dz01", scalar: "U+FF41 (FULLWIDTH LATIN SMALL LETTER A)", position: 1,
            kind: "full-width a"),
        Homoglyph(code: "ams-dz\u{FF10}1", scalar: "U+FF10 (FULLWIDTH DIGIT ZERO)", position: 7, kind: "full-width 0"),
        Homoglyph(code: "ams-dz\u{03BF}1", scalar: "U+03BF (GREEK SMALL LETTER OMICRON)", position: 7, kind: "Greek o"),
        Homoglyph(
            code: "ams-dz0\u{0663}", scalar: "U+0663 (ARABIC-INDIC DIGIT THREE)", position: 8,
            kind: "Arabic-Indic digit"),
        Homoglyph(code: "co\u{2160}", scalar: "U+2160 (ROMAN NUMERAL ONE)", position: 3, kind: "Roman numeral"),
        Homoglyph(code: "\u{212A}ix", scalar: "U+212A (KELVIN SIGN)", position: 1, kind: "Kelvin sign"),
        Homoglyph(code: "d\u{0131}z", scalar: "U+0131 (LATIN SMALL LETTER DOTLESS I)", position: 2, kind: "dotless i"),
        Homoglyph(code: "ams dz01", scalar: "U+0020 (SPACE)", position: 4, kind: "space"),
        Homoglyph(code: "ams\u{7}", scalar: "U+0007", position: 4, kind: "control character"),
    ]

    @Test(arguments: homoglyphs)
    func lookAlikesAreRefusedNamingTheCharacterAndItsPosition(_ homoglyph: Homoglyph) throws {
        let error = try #require(programError { try AccountCode.validate(homoglyph.code) })
        #expect(error.code == .invalidAccountCode)
        #expect(error.field == "code")
        #expect(error.message.contains(homoglyph.scalar), "\(error.message)")
        #expect(error.message.contains("at position \(homoglyph.position);"), "\(error.message)")
        // The message shows the code escaped, so the look-alike is visible.
        let printable = error.message.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(printable, "\(error.message)")
    }

    /// The Cyrillic `а` of the issue: the two codes differ, and only the ASCII one is a code.
    @Test func theCyrillicLookAlikeOfAnAsciiCodeIsRefused() {
        #expect(programError { try AccountCode.validate("ams-dz01") } == nil)
        let error = programError { try AccountCode.validate("\u{0430}ms-dz01") }
        #expect(error?.code == .invalidAccountCode)
        #expect(error?.message.contains("'\\u{0430}ms-dz01'") == true)
    }

    @Test func everyAllowedCharacterPasses() {
        let all = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:_-"
        for chunk in stride(from: 0, to: all.count, by: AccountCode.maxCodeBytes) {
            let code = String(all.dropFirst(chunk).prefix(AccountCode.maxCodeBytes))
            #expect(programError { try AccountCode.validate(code) } == nil, "\(code)")
        }
    }

    /// Inserting any scalar outside the rule anywhere into a good code is refused at that position.
    @Test func anyNonAsciiScalarIsRefusedWhereverItIs() async {
        let nonASCII = Gen<UInt32>.value(in: 0x80...0x10_FFFF).map { Unicode.Scalar($0) ?? "\u{FFFD}" }
        await propertyCheck(
            count: 500, input: Gen.letterOrNumber.string(of: 1...20), nonASCII, Gen.int(in: 0...20)
        ) { base, scalar, offset in
            var scalars = Array(base.unicodeScalars)
            let position = min(offset, scalars.count)
            scalars.insert(scalar, at: position)
            var code = ""
            code.unicodeScalars.append(contentsOf: scalars)
            let error = programError { try AccountCode.validate(code) }
            #expect(error?.code == .invalidAccountCode, "\(code.debugDescription)")
            #expect(error?.message.contains("at position \(position + 1);") == true, "\(String(describing: error))")
        }
    }

    /// The rule is checked before the length, so a 32-character look-alike is refused for its
    /// character, not its bytes.
    @Test func theCharacterIsReportedBeforeTheLength() {
        let code = String(repeating: "a", count: 31) + "\u{0430}"
        #expect(programError { try AccountCode.validate(code) }?.code == .invalidAccountCode)
    }

    /// Every entity with a code (and a device's management VRF) refuses the Cyrillic look-alike.
    @Test func everyEntityUsesTheRule() {
        let bad = "\u{0430}ms"
        let location = Location(
            pubkey: Fixtures.key(1), owner: Fixtures.key(2), index: 1, code: bad, name: "Amsterdam", country: "NL",
            latitude: 52, longitude: 4)
        let exchange = Exchange(
            pubkey: Fixtures.key(1), owner: Fixtures.key(2), index: 1, code: bad, name: "Amsterdam", latitude: 52,
            longitude: 4, bgpCommunity: 10000)
        let contributor = Contributor(pubkey: Fixtures.key(1), owner: Fixtures.key(2), index: 1, code: bad)
        let group = MulticastGroup(
            pubkey: Fixtures.key(1), owner: Fixtures.key(2), index: 1, code: bad, maxBandwidth: 1_000_000)
        var device = Fixtures.device()
        device.code = bad
        var vrf = Fixtures.device()
        vrf.mgmtVrf = "mgmt\u{0430}"
        var link = Fixtures.link()
        link.code = bad
        let checks: [(String, () throws -> Void)] = [
            ("location", location.validate), ("exchange", exchange.validate), ("contributor", contributor.validate),
            ("multicast group", group.validate), ("device", device.validate), ("mgmt_vrf", vrf.validate),
            ("link", link.validate),
        ]
        for (kind, validate) in checks {
            let error = programError(validate)
            #expect(error?.code == .invalidAccountCode, "\(kind)")
            #expect(error?.message.contains("U+0430") == true, "\(kind): \(String(describing: error))")
        }
        #expect(programError { try vrf.validate() }?.field == "mgmt_vrf")
    }

    /// Interface names are not codes, but they accept only ASCII too.
    @Test(arguments: ["Ethernet1/\u{FF11}", "\u{0415}thernet1/1", "Loopback\u{0661}", "Ethernet1\u{200B}/1"])
    func interfaceNamesRefuseLookAlikes(_ name: String) {
        #expect(programError { _ = try InterfaceName.normalize(name) }?.code == .invalidInterfaceName)
    }
}
