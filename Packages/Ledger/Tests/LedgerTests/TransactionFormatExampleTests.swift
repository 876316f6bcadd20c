import Foundation
import Ledger
import Models
import Testing

/// The worked example of the Ledger README's "Transaction format" section, byte for byte: if the
/// signed format changes, this test and the README change together.
@Suite struct TransactionFormatExampleTests {
    /// The example's founder: the keypair whose secret seed is 32 bytes of 0x01.
    static let founder = try! Keypair(seed: [UInt8](repeating: 1, count: 32))
    /// The example ledger's genesis.
    static let genesis = LedgerGenesis(
        foundation: founder.publicKey, createdAt: 1_800_000_000, salt: "00112233445566778899aabbccddeeff")
    /// The example transaction: `init_global_state`, nonce 1, valid until 1 800 000 120.
    static let transaction = SignedTransaction(
        signing: TransactionMessage(
            signer: founder.publicKey, nonce: 1, ledger: genesis.id, notAfter: 1_800_000_120,
            instructions: [.initGlobalState]),
        with: founder)

    @Test func theGenesisAndItsIdentity() {
        #expect(String(decoding: Self.genesis.canonicalBytes, as: UTF8.self) == Expected.genesisJSON)
        #expect(Self.genesis.id.hex == Expected.ledgerID)
    }

    @Test func theSignedMessageTheSignatureAndTheWireForm() throws {
        #expect(String(decoding: Self.transaction.messageBytes, as: UTF8.self) == Expected.messageJSON)
        #expect(Base58.encode(Self.transaction.signature) == Expected.signature)
        #expect(Self.transaction.id == Expected.transactionID)
        #expect(String(decoding: Self.transaction.wire, as: UTF8.self) == Expected.wire)
        let decoded = try SignedTransaction(wire: Array(Expected.wire.utf8))
        #expect(decoded == Self.transaction)
    }

    /// The values the README shows.
    enum Expected {
        static let genesisJSON =
            #"{"created_at":1800000000,"foundation":"AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9","salt":"00112233445566778899aabbccddeeff","version":1}"#
        static let ledgerID = "c07d176871909471e2c855add453d7f308b1ed936955fa2125fe127b55012fdb"
        static let messageJSON =
            #"{"instructions":[{"type":"init_global_state"}],"ledger":"c07d176871909471e2c855add453d7f308b1ed936955fa2125fe127b55012fdb","nonce":1,"not_after":1800000120,"signer":"AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9"}"#
        static let signature =
            "2q7p5zNJ4FfN8DYraYZNgN7TidN91CD5Ns3zKbiAKD5u5RvGmJSuM3sTA2qZJecfFz4m2VuoaSmg5etdYbKYfHtR"
        static let transactionID = "a4fb3d790efd66f0d968b5e782e59c539f5356bdc6a991b3e1609950c46791b7"
        static let wire =
            #"{"message":"eyJpbnN0cnVjdGlvbnMiOlt7InR5cGUiOiJpbml0X2dsb2JhbF9zdGF0ZSJ9XSwibGVkZ2VyIjoiYzA3ZDE3Njg3MTkwOTQ3MWUyYzg1NWFkZDQ1M2Q3ZjMwOGIxZWQ5MzY5NTVmYTIxMjVmZTEyN2I1NTAxMmZkYiIsIm5vbmNlIjoxLCJub3RfYWZ0ZXIiOjE4MDAwMDAxMjAsInNpZ25lciI6IkFLbkw0Tk5mM0RHV1pKUzZjUGtuQnVFR25Wc1Y0QTRtNXRnZWJMSGFSU1o5In0=","signature":"2q7p5zNJ4FfN8DYraYZNgN7TidN91CD5Ns3zKbiAKD5u5RvGmJSuM3sTA2qZJecfFz4m2VuoaSmg5etdYbKYfHtR"}"#
    }
}
