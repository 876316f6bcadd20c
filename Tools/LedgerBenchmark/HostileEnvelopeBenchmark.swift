import BenchmarkSupport
import Foundation
import Ledger
import Models

/// How long the ledger takes to refuse the worst wire forms an attacker can send: 20
/// maximum-size (64 KiB) hostile envelopes through `SignedTransaction(wire:)`, the call the
/// server makes for every request body. The figure is the slowest one, in milliseconds.
///
/// The kinds: a base58 signature of ~64 KB (base58 decoding is quadratic), a message of base64
/// garbage at the length limit, base64 of deeply nested JSON, a deeply nested envelope, a
/// signature written as `\u` escapes, a message of 1000 instructions, and a large valid message
/// that is not canonical (decoded, re-encoded and compared in full).
enum HostileEnvelopeBenchmark {
    /// The size every envelope is padded to.
    static let size = SignedTransaction.maxWireBytes

    /// The slowest of `count` hostile envelopes (cycling through the kinds), in milliseconds,
    /// after one untimed pass over them.
    static func worstMilliseconds(count: Int = 20) throws -> Double {
        let kinds = try envelopes()
        let wires = (0..<count).map { kinds[$0 % kinds.count] }
        for wire in wires { try refuse(wire) }
        let clock = ContinuousClock()
        var worst = Duration.zero
        for wire in wires {
            let start = clock.now
            try refuse(wire)
            worst = max(worst, clock.now - start)
        }
        return worst.inMilliseconds
    }

    /// Fails unless the ledger refuses `wire`.
    private static func refuse(_ wire: [UInt8]) throws {
        do {
            _ = try SignedTransaction(wire: wire)
        } catch {
            return
        }
        throw BenchmarkError("the ledger accepted a hostile envelope of \(wire.count) bytes")
    }

    /// One envelope of each kind, each exactly ``size`` bytes.
    static func envelopes() throws -> [[UInt8]] {
        let keypair = Keypair()
        let validSignature = Base58.encode(keypair.sign([0]))
        var kinds: [[UInt8]] = []
        // A ~64 KB base58 signature.
        kinds.append(padded(message: "e30=", signature: String(repeating: "z", count: size - 40)))
        // Base64 garbage at the message length limit.
        let garbage = (0..<SignedTransaction.maxMessageBytes).map {
            UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13)
        }
        kinds.append(padded(message: Data(garbage).base64EncodedString(), signature: validSignature))
        // Base64 of deeply nested JSON at the message size limit.
        let half = SignedTransaction.maxMessageBytes / 2
        let nested = String(repeating: "[", count: half) + String(repeating: "]", count: half)
        kinds.append(padded(message: Data(nested.utf8).base64EncodedString(), signature: validSignature))
        // A deeply nested envelope.
        let depth = size / 2 - 8
        kinds.append(
            Array(("{\"message\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8))
        // A signature of `\u` escapes.
        kinds.append(padded(message: "e30=", signature: String(repeating: "\\u0041", count: (size - 40) / 6)))
        // 1000 instructions.
        let many = Array(repeating: #"{"type":"init_global_state"}"#, count: 1000).joined(separator: ",")
        let manyMessage = #"{"instructions":[\#(many)],"nonce":1,"signer":"\#(keypair.publicKey)"}"#
        kinds.append(padded(message: Data(manyMessage.utf8).base64EncodedString(), signature: validSignature))
        // A large valid message with white space, so it is decoded, re-encoded and compared whole.
        // Each instruction takes about 130 bytes besides its name.
        let nameLength = (SignedTransaction.maxMessageBytes - 200) / SignedTransaction.maxInstructions - 130
        let name = String(repeating: "n", count: nameLength)
        let location =
            #"{"args":{"code":"lax","country":"US","latitude":34.05,"longitude":-118.24,"name":"\#(name)"},"type":"create_location"}"#
        let locations = Array(repeating: location, count: SignedTransaction.maxInstructions).joined(separator: ",")
        let spaced = #"{"instructions":[\#(locations)],"nonce":1, "signer":"\#(keypair.publicKey)"}"#
        guard spaced.utf8.count <= SignedTransaction.maxMessageBytes else {
            throw BenchmarkError("the large message is \(spaced.utf8.count) bytes, over the message limit")
        }
        let spacedBytes = Array(spaced.utf8)
        kinds.append(
            padded(
                message: Data(spacedBytes).base64EncodedString(), signature: Base58.encode(keypair.sign(spacedBytes))))
        return kinds
    }

    /// The envelope of `message` and `signature`, padded with white space to ``size`` bytes.
    private static func padded(message: String, signature: String) -> [UInt8] {
        let body = #"{"message":"\#(message)","signature":"\#(signature)"}"#
        let padding = max(0, size - body.utf8.count)
        return Array(
            (#"{"message":"\#(message)",\#(String(repeating: " ", count: padding))"signature":"\#(signature)"}"#).utf8)
    }
}
