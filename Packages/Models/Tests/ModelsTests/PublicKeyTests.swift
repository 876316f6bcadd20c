import Foundation
import PropertyBased
import Testing

@testable import Models

@Suite struct PublicKeyTests {
    static let bytes32 = Gen.uint8().array(of: 32...32)

    @Test func base58RoundTripsAnyKey() async {
        await propertyCheck(count: 300, input: Self.bytes32) { bytes in
            let key = try #require(PublicKey(bytes: bytes))
            #expect(PublicKey(base58: key.base58) == key)
        }
    }

    @Test func base58RoundTripsAnyBytes() async {
        await propertyCheck(count: 300, input: Gen.uint8().array(of: 0...48)) { bytes in
            #expect(Base58.decode(Base58.encode(bytes), maxByteCount: 48) == bytes)
        }
    }

    /// The bound is exact: the largest value of each length fits, one more symbol does not.
    @Test(arguments: [32, 64])
    func decodingIsBoundedByTheLongestValidForm(_ byteCount: Int) {
        let largest = [UInt8](repeating: 0xFF, count: byteCount)
        let text = Base58.encode(largest)
        #expect(text.count == Base58.maxEncodedCount(forByteCount: byteCount))
        #expect(Base58.decode(text, maxByteCount: byteCount) == largest)
        #expect(Base58.decode(text, maxByteCount: byteCount - 1) == nil)
        #expect(Base58.decode("1" + text, maxByteCount: byteCount) == nil)
        let zeros = [UInt8](repeating: 0, count: byteCount)
        #expect(Base58.decode(Base58.encode(zeros), maxByteCount: byteCount) == zeros)
    }

    @Test func maximumEncodedCountsAreTheKnownOnes() {
        #expect(Base58.maxEncodedCount(forByteCount: 32) == 44)
        #expect(Base58.maxEncodedCount(forByteCount: 64) == 88)
        #expect(Base58.maxEncodedCount(forByteCount: 0) == 0)
    }

    /// A hostile 60 KB string is refused by its length, before the quadratic decoding.
    @Test func hugeTextIsRefused() {
        let text = String(repeating: "z", count: 60_000)
        #expect(Base58.decode(text, maxByteCount: 64) == nil)
        #expect(PublicKey(base58: text) == nil)
    }

    @Test func knownVectors() {
        #expect(Base58.encode(Array("Hello World!".utf8)) == "2NEpo7TZRRrLZSi2U")
        #expect(Base58.encode([0, 0, 1]) == "112")
        #expect(PublicKey.zero.base58 == "11111111111111111111111111111111")
        // Solana's SPL token program id.
        let token = PublicKey(base58: "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")
        #expect(token?.bytes.first == 6)
    }

    @Test(arguments: ["", "0OIl", "1111", "11111111111111111111111111111111111111111111111", "abc!"])
    func refusesWhatIsNotA32ByteBase58Key(_ text: String) {
        #expect(PublicKey(base58: text) == nil)
    }

    @Test func wrongLengthBytesAreRefused() {
        #expect(PublicKey(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(PublicKey(bytes: [UInt8](repeating: 1, count: 33)) == nil)
    }

    @Test func jsonIsBase58() throws {
        let data = try JSONEncoder().encode([PublicKey.zero])
        #expect(String(decoding: data, as: UTF8.self) == #"["11111111111111111111111111111111"]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PublicKey].self, from: Data(#"["xyz"]"#.utf8)) }
    }
}
