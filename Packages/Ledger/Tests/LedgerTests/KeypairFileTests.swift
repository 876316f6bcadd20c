import Foundation
import Models
import PropertyBased
import Testing

@testable import Ledger

@Suite("KeypairFile decoding and encoding")
struct KeypairFileTests {
    /// Seed 0...31, public key 32...63.
    private static let counting = try! KeypairFile(bytes: (0..<64).map { UInt8($0) })

    @Test("encode writes Solana's compact JSON array")
    func encodeFormat() {
        let text = String(decoding: Self.counting.encode(), as: UTF8.self)
        #expect(text == "[" + (0..<64).map(String.init).joined(separator: ",") + "]")
    }

    @Test("decode reads back what encode wrote, and accepts JSON whitespace")
    func roundTrip() throws {
        #expect(try KeypairFile.decode(from: Self.counting.encode()) == Self.counting)
        let spaced = "\n [ " + (0..<64).map(String.init).joined(separator: " ,\n\t") + " ]\n"
        #expect(try KeypairFile.decode(from: Data(spaced.utf8)) == Self.counting)
    }

    @Test("the halves are the secret seed and the public key")
    func halves() throws {
        #expect(Self.counting.secretSeed == (0..<32).map { UInt8($0) })
        #expect(Self.counting.publicKey.bytes == (32..<64).map { UInt8($0) })
        let zeroKey = try KeypairFile(secretSeed: [UInt8](repeating: 7, count: 32), publicKey: .zero)
        #expect(zeroKey.publicKey.base58 == "11111111111111111111111111111111")
        #expect(zeroKey.bytes == [UInt8](repeating: 7, count: 32) + [UInt8](repeating: 0, count: 32))
    }

    @Test("a mismatched public key is not detected (no Ed25519 derivation yet)")
    func noKeyCheck() throws {
        let key = try #require(PublicKey(bytes: [UInt8](repeating: 9, count: 32)))
        let keypair = try KeypairFile(secretSeed: [UInt8](repeating: 1, count: 32), publicKey: key)
        #expect(try KeypairFile.decode(from: keypair.encode()).publicKey == key)
    }

    @Test("descriptions show the public key, never the seed")
    func descriptionHidesSeed() throws {
        let keypair = try KeypairFile(secretSeed: [UInt8](repeating: 0xAB, count: 32), publicKey: .zero)
        #expect(keypair.description == "KeypairFile(publicKey: 11111111111111111111111111111111)")
        #expect(keypair.debugDescription == keypair.description)
        #expect(!String(reflecting: keypair).contains("171"))
    }

    @Test("wrong byte counts are refused when building from bytes")
    func wrongByteCount() {
        #expect(throws: KeypairFileError.wrongLength(count: 63)) {
            try KeypairFile(bytes: [UInt8](repeating: 0, count: 63))
        }
        #expect(throws: KeypairFileError.wrongLength(count: 33)) {
            try KeypairFile(secretSeed: [1], publicKey: .zero)
        }
    }

    /// `count` comma-separated numbers, each `filler`, with `replacement` at `index`.
    private static func array(
        count: Int = 64, filler: String = "1", replacing index: Int? = nil, with replacement: String = ""
    )
        -> String
    {
        var elements = [String](repeating: filler, count: count)
        if let index { elements[index] = replacement }
        return "[" + elements.joined(separator: ",") + "]"
    }

    @Test(
        "decoding errors",
        arguments: [
            ("", KeypairFileError.notJSON),
            ("   ", .notJSON),
            ("[1,2", .notJSON),
            ("hello", .notJSON),
            (array() + " trailing", .notJSON),
            ("{\"secret\": [1]}", .notAnArray(found: "an object")),
            ("\"[1,2,3]\"", .notAnArray(found: "a string")),
            ("42", .notAnArray(found: "the integer 42")),
            ("null", .notAnArray(found: "null")),
            ("true", .notAnArray(found: "a boolean")),
            ("[]", .wrongLength(count: 0)),
            (array(count: 63), .wrongLength(count: 63)),
            (array(count: 65), .wrongLength(count: 65)),
            (array(count: 32), .wrongLength(count: 32)),
            (array(replacing: 5, with: "\"7\""), .notAnInteger(index: 5, found: "a string")),
            (array(replacing: 0, with: "1.5"), .notAnInteger(index: 0, found: "the number 1.5")),
            (array(replacing: 63, with: "true"), .notAnInteger(index: 63, found: "a boolean")),
            (array(replacing: 10, with: "null"), .notAnInteger(index: 10, found: "null")),
            (array(replacing: 2, with: "[1]"), .notAnInteger(index: 2, found: "an array")),
            (array(replacing: 3, with: "{}"), .notAnInteger(index: 3, found: "an object")),
            (array(replacing: 7, with: "256"), .valueOutOfRange(index: 7, value: "256")),
            (array(replacing: 8, with: "-1"), .valueOutOfRange(index: 8, value: "-1")),
            (array(replacing: 9, with: "99999999999999999999"), .valueOutOfRange(index: 9, value: "1e+20")),
            // The first bad element is the one reported.
            (array(filler: "300"), .valueOutOfRange(index: 0, value: "300")),
        ])
    func decodingErrors(text: String, expected: KeypairFileError) {
        #expect(throws: expected) { try KeypairFile.decode(from: Data(text.utf8)) }
    }

    @Test("boundary values 0 and 255 are accepted")
    func boundaryValues() throws {
        let text = Self.array(filler: "255", replacing: 0, with: "0")
        let keypair = try KeypairFile.decode(from: Data(text.utf8))
        #expect(keypair.bytes.first == 0)
        #expect(keypair.bytes.dropFirst().allSatisfy { $0 == 255 })
    }

    @Test("error messages")
    func messages() {
        let cases: [(KeypairFileError, String)] = [
            (.notJSON, "not a keypair: the contents are not JSON (expected an array of 64 integers 0-255)"),
            (
                .notAnArray(found: "an object"),
                "not a keypair: found an object where an array of 64 integers 0-255 belongs"
            ),
            (.wrongLength(count: 63), "not a keypair: expected 64 integers, found 63"),
            (
                .notAnInteger(index: 4, found: "a string"),
                "not a keypair: the value at index 4 is a string, not an integer 0-255"
            ),
            (.valueOutOfRange(index: 7, value: "256"), "not a keypair: the value 256 at index 7 is outside 0-255"),
            (.fileMissing(path: "/x/id.json"), "no keypair file at /x/id.json"),
            (.unreadable(path: "/x", reason: "Is a directory"), "cannot read keypair file /x: Is a directory"),
            (
                .unwritable(path: "/x", reason: "Read-only file system"),
                "cannot write keypair file /x: Read-only file system"
            ),
            (.alreadyExists(path: "/x/id.json"), "keypair file /x/id.json already exists; not overwriting it"),
            (
                .invalidContents(path: "/x/id.json", error: .wrongLength(count: 2)),
                "keypair file /x/id.json: not a keypair: expected 64 integers, found 2"
            ),
        ]
        for (error, message) in cases {
            #expect(error.description == message)
        }
    }

    @Test("decode(encode(x)) == x, and encode matches JSONEncoder's compact output")
    func roundTripProperty() async {
        await propertyCheck(count: 200, input: Gen.uint8().array(of: 64)) { bytes in
            let keypair = try KeypairFile(bytes: bytes)
            let decoded = try KeypairFile.decode(from: keypair.encode())
            #expect(decoded == keypair)
            #expect(keypair.encode() == (try JSONEncoder().encode(bytes.map(Int.init))))
            #expect(decoded.publicKey.bytes == Array(bytes[32...]))
        }
    }
}
