import Foundation
import FuzzSupport
import Ledger
import Models

/// Signed transactions of a few kinds (by ``FuzzSupport/FuzzSigner``), as wire forms (first byte 0),
/// message bytes (1) and single instructions (2), and some refused ones.
enum TransactionSeeds {
    static let keypair = try! Keypair(seed: FuzzSigner.seed)
    static let ledger = LedgerID(hex: FuzzSigner.ledgerHex)!

    /// A key numbered `number`.
    static func key(_ number: UInt8) -> PublicKey {
        PublicKey(uncheckedBytes: [number] + [UInt8](repeating: 7, count: 31))
    }

    /// Instructions of several shapes: no arguments, strings and numbers, addresses and
    /// prefixes, optional and nested values.
    static let instructions: [(name: String, instruction: Instruction)] = [
        ("init-global-state", .initGlobalState),
        (
            "create-location",
            .createLocation(
                CreateLocationArgs(code: "ams", name: "Amsterdam", country: "NL", latitude: 52.37, longitude: 4.89))
        ),
        (
            "create-device",
            .createDevice(
                CreateDeviceArgs(
                    code: "ams-dz01", contributor: key(1), location: key(2), exchange: key(3),
                    publicIp: IPv4Address(45, 0, 0, 1), dzPrefixes: ["46.0.0.0/29"], mgmtVrf: "mgmt"))
        ),
        (
            "create-user",
            .createUser(CreateUserArgs(userType: .ibrl, device: key(4), clientIp: IPv4Address(47, 0, 0, 1)))
        ),
        (
            "activate-user",
            .activateUser(
                ActivateUserArgs(
                    pubkey: key(5), tunnelId: 500, tunnelNet: "169.254.0.0/31", dzIp: IPv4Address(47, 0, 0, 1)))
        ),
        (
            "set-access-pass",
            .setAccessPass(SetAccessPassArgs(clientIp: IPv4Address(47, 0, 0, 1), userPayer: key(6)))
        ),
        ("reject-device", .rejectDevice(RejectArgs(pubkey: key(7), reason: "no \"room\" \u{e9}/\u{2028}"))),
        ("set-epoch", .setEpoch(SetEpochArgs(epoch: UInt64.max))),
    ]

    static var all: [(name: String, bytes: [UInt8])] {
        var seeds: [(name: String, bytes: [UInt8])] = []
        for (number, (name, instruction)) in instructions.enumerated() {
            let transaction = SignedTransaction(
                [instruction], signedBy: keypair, for: ledger, notAfter: 2_000_000_000, nonce: UInt64(number + 1))
            seeds.append(("wire-\(name)", [0] + transaction.wire))
            seeds.append(("message-\(name)", [1] + transaction.messageBytes))
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            seeds.append(("instruction-\(name)", [2] + Array(try! encoder.encode(instruction))))
        }
        let all = SignedTransaction(
            instructions.map(\.instruction), signedBy: keypair, for: ledger, notAfter: 2_000_000_000, nonce: 99)
        seeds.append(("wire-every-kind", [0] + all.wire))
        seeds.append(("message-every-kind", [1] + all.messageBytes))
        let text = String(decoding: all.messageBytes, as: UTF8.self)
        seeds.append(("message-not-canonical", [1] + Array(text.replacingOccurrences(of: ",", with: ", ").utf8)))
        seeds.append(
            (
                "message-duplicate-key",
                [1]
                    + Array(
                        text.replacingOccurrences(of: "{\"instructions\"", with: "{\"nonce\":1,\"instructions\"").utf8)
            ))
        seeds.append(("wire-not-base64", [0] + Array(#"{"message":"!!","signature":"1"}"#.utf8)))
        seeds.append(("wire-unknown-field", [0] + Array(#"{"message":"e30=","signature":"1","x":[]}"#.utf8)))
        seeds.append(("instruction-unknown", [2] + Array(#"{"type":"launch_rockets","args":{}}"#.utf8)))
        seeds.append(
            ("message-deep", [1] + Array((String(repeating: "[", count: 40) + String(repeating: "]", count: 40)).utf8)))
        return seeds
    }
}
