import PropertyBased
import Testing

@testable import Routing

@Suite("BGPCommunity")
struct BGPCommunityTests {
    @Test("well-known DoubleZero communities")
    func wellKnown() {
        #expect(BGPCommunity.doubleZeroASN == 21682)
        #expect(BGPCommunity.allUsers.description == "21682:1200")
        #expect(BGPCommunity.allMulticastUsers.description == "21682:1300")
        #expect(BGPCommunity.metroValues == 10000...10999)
        #expect(!BGPCommunity.allUsers.isMetro)
    }

    @Test(
        "valid text parses",
        arguments: [
            ("21682:1200", BGPCommunity(asn: 21682, value: 1200)),
            ("21682:10001", BGPCommunity(asn: 21682, value: 10001)),
            ("0:0", BGPCommunity(asn: 0, value: 0)),
            ("65535:65535", BGPCommunity(asn: 65535, value: 65535)),
            ("65535:65281", BGPCommunity(rawValue: 0xFFFF_FF01)),  // NO_EXPORT, RFC 1997
        ])
    func parses(text: String, expected: BGPCommunity) throws {
        #expect(try BGPCommunity.parse(text) == expected)
        #expect(BGPCommunity(text) == expected)
        #expect(expected.description == text)
    }

    @Test(
        "invalid text is refused with a typed error",
        arguments: [
            ("", BGPCommunityError.malformed(text: "")),
            ("21682", .malformed(text: "21682")),
            ("21682:1200:1", .malformed(text: "21682:1200:1")),
            (":1200", .notANumber(text: ":1200", part: .asn)),
            ("21682:", .notANumber(text: "21682:", part: .value)),
            (" 21682:1200", .notANumber(text: " 21682:1200", part: .asn)),
            ("21682:1200 ", .notANumber(text: "21682:1200 ", part: .value)),
            ("+1:2", .notANumber(text: "+1:2", part: .asn)),
            ("1:-2", .notANumber(text: "1:-2", part: .value)),
            ("021682:1200", .notANumber(text: "021682:1200", part: .asn)),
            ("21682:01200", .notANumber(text: "21682:01200", part: .value)),
            ("0x10:1", .notANumber(text: "0x10:1", part: .asn)),
            ("２:1", .notANumber(text: "２:1", part: .asn)),  // full-width digit
            ("65536:1", .outOfRange(text: "65536:1", part: .asn)),
            ("1:65536", .outOfRange(text: "1:65536", part: .value)),
            ("1:99999999999999999999", .outOfRange(text: "1:99999999999999999999", part: .value)),
        ])
    func refuses(text: String, expected: BGPCommunityError) {
        #expect(throws: expected) { try BGPCommunity.parse(text) }
        #expect(BGPCommunity(text) == nil)
    }

    @Test("error messages name the text and the rule")
    func messages() {
        #expect(
            BGPCommunityError.malformed(text: "x").description
                == "'x' is not a BGP community of the form ASN:VALUE (for example 21682:1200)")
        #expect(
            BGPCommunityError.notANumber(text: "a:1", part: .asn).description
                == "the ASN of BGP community 'a:1' is not a decimal number (digits only, no sign or leading zero)")
        #expect(
            BGPCommunityError.outOfRange(text: "1:70000", part: .value).description
                == "the value of BGP community '1:70000' is above 65535")
        #expect(
            BGPCommunityError.metroOutOfRange(value: 9999).description
                == "exchange BGP community 9999 is out of valid range (10000-10999)")
    }

    @Test(
        "metro communities accept exactly 10000...10999",
        arguments: [0, 1200, 9999, 10000, 10001, 10999, 11000, 65535] as [UInt16])
    func metro(value: UInt16) throws {
        if (10000...10999).contains(value) {
            let community = try BGPCommunity.metro(bgpCommunity: value)
            #expect(community == BGPCommunity(asn: 21682, value: value))
            #expect(community.isMetro)
        } else {
            #expect(throws: BGPCommunityError.metroOutOfRange(value: value)) {
                try BGPCommunity.metro(bgpCommunity: value)
            }
        }
    }

    @Test("isMetro needs AS 21682")
    func metroNeedsDoubleZeroASN() {
        #expect(!BGPCommunity(asn: 65000, value: 10001).isMetro)
    }

    @Test("wire form puts the ASN in the high 16 bits")
    func wireForm() {
        #expect(BGPCommunity.allUsers.rawValue == 21682 << 16 | 1200)
        #expect(BGPCommunity(rawValue: 0x54B2_04B0) == BGPCommunity.allUsers)
        #expect(BGPCommunity(asn: 1, value: 0) > BGPCommunity(asn: 0, value: 65535))
    }

    @Test("parse(format(x)) == x")
    func roundTrip() async {
        await propertyCheck(count: 200, input: Gen.uint16(), Gen.uint16()) { asn, value in
            let community = BGPCommunity(asn: asn, value: value)
            let parsed = try BGPCommunity.parse(community.description)
            #expect(parsed == community)
            #expect(BGPCommunity(rawValue: community.rawValue) == community)
        }
    }

    @Test("the text form is unique: a parsed text formats back to itself")
    func formatParse() async {
        let digits = Gen.character(in: "0"..."9").string(of: 0...6)
        await propertyCheck(count: 200, input: digits, digits) { left, right in
            let text = left + ":" + right
            if let community = try? BGPCommunity.parse(text) {
                #expect(community.description == text)
            } else {
                let canonical = { (part: String) in
                    !part.isEmpty && (part == "0" || !part.hasPrefix("0")) && Int(part).map { $0 <= 65535 } == true
                }
                #expect(!(canonical(left) && canonical(right)))
            }
        }
    }
}
