import Ledger
import Models
import Testing

/// An in-memory ledger state plus the usual keys, for program tests.
///
/// `run` applies one transaction exactly as the ledger does (all or nothing) and returns its
/// changes or throws its ProgramError; `rejects` asserts a refusal and that nothing changed.
struct ProgramHarness {
    var state: LedgerState
    let foundation = Keypair()
    let activator = Keypair()
    let contributorOwner = Keypair()
    let otherOwner = Keypair()
    let client = Keypair()
    let stranger = Keypair()
    private var nonce: UInt64 = 0

    /// A ledger founded by ``foundation``, not yet initialised.
    init() {
        state = LedgerState(genesis: LedgerGenesis(foundation: foundation.publicKey))
    }

    /// The ledger's identity, which every message names.
    var ledger: LedgerID { state.genesis!.id }

    /// Applies `instructions` signed by `signer`; a refusal is also recorded at the caller's line.
    @discardableResult
    mutating func run(
        _ instructions: Instruction..., as signer: Keypair, sourceLocation: SourceLocation = #_sourceLocation
    ) throws(ProgramError) -> [StateChange] {
        nonce += 1
        do {
            return try state.apply(
                TransactionMessage(signer: signer.publicKey, nonce: nonce, ledger: ledger, instructions: instructions))
        } catch {
            Issue.record("refused: \(error)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// Expects `instructions` signed by `signer` to fail with `code`, leaving the state unchanged.
    @discardableResult
    mutating func rejects(
        _ code: ErrorCode, _ instructions: Instruction..., as signer: Keypair,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ProgramError? {
        let before = state
        nonce += 1
        do {
            let message = TransactionMessage(
                signer: signer.publicKey, nonce: nonce, ledger: ledger, instructions: instructions)
            _ = try state.apply(message)
            Issue.record("expected \(code.name), but the transaction was accepted", sourceLocation: sourceLocation)
            return nil
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            #expect(state == before, "a refused transaction changed the state", sourceLocation: sourceLocation)
            return error
        }
    }

    /// Initialises the ledger (foundation key), sets the activator and the devnet config.
    mutating func initialize() throws(ProgramError) {
        try run(
            .initGlobalState,
            .setAuthority(SetAuthorityArgs(activatorAuthority: activator.publicKey)),
            .setGlobalConfig(
                SetGlobalConfigArgs(
                    localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16",
                    userTunnelBlock: "169.254.0.0/16", multicastGroupBlock: "233.84.178.0/24")),
            as: foundation)
    }

    /// Creates a location, an exchange and a contributor owned by `contributorOwner`; returns their keys.
    mutating func createInfrastructure(
        location code: String = "lax", exchange exchangeCode: String = "xlax",
        contributor contributorCode: String = "co01"
    ) throws(ProgramError) -> (location: PublicKey, exchange: PublicKey, contributor: PublicKey) {
        let changes = try run(
            .createLocation(CreateLocationArgs(code: code, name: code, country: "US", latitude: 34, longitude: -118)),
            .createExchange(CreateExchangeArgs(code: exchangeCode, name: exchangeCode, latitude: 34, longitude: -118)),
            .createContributor(CreateContributorArgs(code: contributorCode, owner: contributorOwner.publicKey)),
            as: foundation)
        func created(_ kind: EntityKind) -> PublicKey {
            changes.first { $0.ref.kind == kind }!.ref.pubkey
        }
        return (created(.location), created(.exchange), created(.contributor))
    }

    /// Places an entity directly in the state (to set up a scenario without its instructions).
    mutating func insert(_ entity: Entity) {
        state.put(entity)
    }
}

extension [StateChange] {
    /// The key of the first created or changed entity of `kind`.
    func key(of kind: EntityKind) -> PublicKey? {
        first { $0.ref.kind == kind }?.ref.pubkey
    }
}
