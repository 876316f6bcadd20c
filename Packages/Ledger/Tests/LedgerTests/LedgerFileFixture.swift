import Foundation
import Ledger
import Models
import Testing

/// A fresh directory under the system temporary directory for one test's ledger files;
/// call ``remove()`` (in a `defer`) when done.
struct TemporaryLedgerDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A file path inside the directory.
    func path(_ name: String = "ledger.sqlite") -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Keys and signed transactions for ledger-file tests: a foundation key that initialises the
/// ledger, and a nonce counter so every transaction is new.
struct LedgerFileScenario {
    let foundation = Keypair()
    let contributorOwner = Keypair()
    let stranger = Keypair()
    /// The scenario's ledger, founded by ``foundation``: create the ledger file with it.
    let genesis: LedgerGenesis
    private(set) var nonce: UInt64 = 0

    init() {
        genesis = LedgerGenesis(foundation: foundation.publicKey)
    }

    /// `instructions` signed by `signer` (the foundation by default) with the next nonce.
    mutating func signed(_ instructions: Instruction..., by signer: Keypair? = nil) -> SignedTransaction {
        nonce += 1
        return SignedTransaction(instructions, signedBy: signer ?? foundation, for: genesis.id, nonce: nonce)
    }

    /// Initialises the ledger and its global config.
    mutating func initialization() -> SignedTransaction {
        signed(
            .initGlobalState,
            .setGlobalConfig(
                SetGlobalConfigArgs(
                    localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16",
                    userTunnelBlock: "169.254.0.0/16", multicastGroupBlock: "233.84.178.0/24")))
    }

    /// Creates a location with `code`.
    mutating func createLocation(_ code: String, name: String? = nil) -> SignedTransaction {
        signed(
            .createLocation(
                CreateLocationArgs(
                    code: code, name: name ?? "Location \(code)", country: "US", latitude: 34.05, longitude: -118.25)))
    }

    /// Moves the epoch to `epoch + 1`: a cheap transaction that always succeeds when the epochs
    /// asked for rise from 1 (a ledger starts at epoch 1, and a move to the same epoch changes
    /// nothing, which the ledger refuses).
    mutating func setEpoch(_ epoch: UInt64) -> SignedTransaction {
        signed(.setEpoch(SetEpochArgs(epoch: epoch + 1)))
    }
}

extension LedgerService {
    /// Submits each transaction in order, returning the receipts.
    @discardableResult
    func submitAll(_ transactions: [SignedTransaction]) throws(LedgerError) -> [SubmitReceipt] {
        var receipts: [SubmitReceipt] = []
        for transaction in transactions {
            receipts.append(try submit(transaction))
        }
        return receipts
    }
}

/// The program error of a rejected submit, or nil (recording an issue) if it was accepted or
/// failed otherwise.
func submitExpectingRejection(
    of transaction: SignedTransaction, by ledger: LedgerService, sourceLocation: SourceLocation = #_sourceLocation
) async -> ProgramError? {
    do throws(LedgerError) {
        let receipt = try await ledger.submit(transaction)
        Issue.record(
            "expected a rejection, but it was accepted as entry \(receipt.sequence)", sourceLocation: sourceLocation)
        return nil
    } catch {
        guard case .rejected(let programError) = error else {
            Issue.record("expected a rejection, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
        return programError
    }
}

/// Polls `condition` every few milliseconds until it holds or `timeout` passes.
func waitUntil(
    timeout: Duration = .seconds(30), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return try await condition()
}

/// A ledger identity for tests that sign messages without a ledger file.
enum TestLedger {
    /// The identity of a ledger founded by a throwaway key.
    static let id = LedgerGenesis(foundation: Keypair().publicKey).id
}
