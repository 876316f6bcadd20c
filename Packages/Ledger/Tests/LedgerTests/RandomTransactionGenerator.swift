import Ledger
import Models

/// The keys a random scenario signs with, all derived from the scenario's seed.
struct ScenarioKeys {
    /// Initialises the ledger, so it starts as the only foundation member.
    let foundation: Keypair
    /// Made the activator authority by the initial transaction.
    let activator: Keypair
    /// Made the sentinel authority by the initial transaction.
    let sentinel: Keypair
    /// Owners of the contributors the scenario creates.
    let contributorOwners: [Keypair]
    /// Client hosts' keys (access-pass user payers, user owners).
    let clients: [Keypair]
    /// Owner of the multicast groups the scenario creates.
    let groupOwner: Keypair
    /// A key with no role at all.
    let stranger: Keypair
    /// Every key above, the foundation first.
    let all: [Keypair]

    /// Draws every key from `random`.
    init(random: inout SeededRandomSource) {
        func keypair() -> Keypair {
            // 32 seeded bytes always make a valid Ed25519 seed.
            try! Keypair(seed: random.seedBytes())
        }
        foundation = keypair()
        activator = keypair()
        sentinel = keypair()
        contributorOwners = [keypair(), keypair()]
        clients = [keypair(), keypair(), keypair()]
        groupOwner = keypair()
        stranger = keypair()
        all = [foundation, activator, sentinel] + contributorOwners + clients + [groupOwner, stranger]
    }

    /// The scenario keypair whose public key is `key`, if it is one of them.
    func keypair(for key: PublicKey) -> Keypair? {
        all.first { $0.publicKey == key }
    }
}

/// One planned transaction: its instructions and the key that signs them.
struct PlannedStep {
    /// The instructions, applied all or nothing.
    var instructions: [Instruction]
    /// The signer.
    var signer: Keypair

    /// A one-instruction step.
    init(_ instruction: Instruction, by signer: Keypair) {
        instructions = [instruction]
        self.signer = signer
    }

    /// A step of several instructions.
    init(_ instructions: [Instruction], by signer: Keypair) {
        self.instructions = instructions
        self.signer = signer
    }
}

/// Random transactions over every instruction family, planned against the ledger's current
/// state so that most of them are valid steps of the entities' life cycles (create, activate,
/// update, drain, delete, close), mixed with invalid ones the program must refuse: wrong signer,
/// wrong status, colliding or out-of-pool allocations, bad arguments, replays.
///
/// Everything is drawn from one ``SeededRandomSource``, and targets are picked from the state in
/// key order, so a seed always gives the same sequence for the same ledger.
///
/// The families live in extensions: global and infrastructure (this file), devices and
/// interfaces, links, and users with their access passes and multicast groups.
struct RandomTransactionGenerator {
    /// The random source every choice is drawn from.
    var random: SeededRandomSource
    /// The scenario's keys.
    let keys: ScenarioKeys
    /// How many transactions the scenario submits.
    let transactionCount: Int
    /// The scenario's ledger, founded by `keys.foundation`.
    let genesis: LedgerGenesis
    /// The ledger clock the scenario runs at (seconds since 1970), so the signed bytes, and so
    /// the log, are the same in every run of a seed.
    static let now: UInt64 = 1_800_000_000
    /// The state the transaction being planned runs against (set by ``nextTransaction(in:)``).
    private(set) var state = LedgerState()
    /// The fixtures' argument builders (`deviceArgs`, `wanLinkArgs`); their own keys are unused.
    let fixtureBuilders = ProgramHarness()
    private var nonces: [PublicKey: UInt64] = [:]
    private var acceptedTransactions: [SignedTransaction] = []

    /// A generator whose whole behaviour is fixed by `seed`.
    init(seed: UInt64) {
        var random = SeededRandomSource(seed: seed)
        keys = ScenarioKeys(random: &random)
        transactionCount = 100 + random.pick(81)
        genesis = LedgerGenesis(
            foundation: keys.foundation.publicKey, createdAt: 1_800_000_000,
            salt: Hex.encode(random.seedBytes().prefix(16)))
        self.random = random
    }

    // MARK: - Random draws

    /// A number in 0..<count.
    mutating func pick(_ count: Int) -> Int { random.pick(count) }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { random.chance(percent) }

    /// One of `items`, which must not be empty.
    mutating func element<T>(_ items: [T]) -> T { random.element(items) }

    /// A key that names nothing in the ledger.
    mutating func anyKey() -> PublicKey { PublicKey(uncheckedBytes: random.seedBytes()) }

    /// An element of `items` satisfying `preferred` `percent`% of the time (when there is one),
    /// else any element; nil when `items` is empty.
    mutating func choose<T>(_ items: [T], percent: Int = 85, preferring preferred: (T) -> Bool) -> T? {
        let matching = items.filter(preferred)
        if !matching.isEmpty && chance(percent) { return element(matching) }
        return items.isEmpty ? nil : element(items)
    }

    /// The key of an entity of `entities` chosen as ``choose(_:percent:preferring:)`` does, or
    /// (rarely, or when there is none) a key that names nothing.
    mutating func targetKey<T>(
        _ entities: [PublicKey: T], percent: Int = 85, preferring preferred: (T) -> Bool
    ) -> PublicKey {
        let sortedKeys = entities.keys.sorted()
        guard !chance(4), let key = choose(sortedKeys, percent: percent, preferring: { preferred(entities[$0]!) })
        else {
            return anyKey()
        }
        return key
    }

    /// The values of `entities` in key order (dictionary order differs from run to run).
    func sortedByKey<T>(_ entities: [PublicKey: T]) -> [T] {
        entities.sorted { $0.key < $1.key }.map(\.value)
    }

    // MARK: - Signers

    /// A scenario key on the foundation allowlist (the foundation key unless it was removed).
    var foundationSigner: Keypair {
        keys.all.first { state.globalState?.isFoundation($0.publicKey) == true } ?? keys.foundation
    }

    /// The scenario key that is the activator authority (the activator key unless it changed).
    var activatorSigner: Keypair {
        state.globalState.flatMap { keys.keypair(for: $0.activatorAuthority) } ?? keys.activator
    }

    /// The scenario key that is the sentinel authority (the sentinel key unless it changed).
    var sentinelSigner: Keypair {
        state.globalState.flatMap { keys.keypair(for: $0.sentinelAuthority) } ?? keys.sentinel
    }

    /// The keypair of `owner` most of the time (when it is a scenario key), else a foundation key.
    mutating func ownerOrFoundation(_ owner: PublicKey) -> Keypair {
        guard let keypair = keys.keypair(for: owner), chance(80) else { return foundationSigner }
        return keypair
    }

    // MARK: - Transactions

    /// Plans the next transaction against `state` and signs it.
    mutating func nextTransaction(in state: LedgerState) -> SignedTransaction {
        self.state = state
        if state.globalState == nil && chance(90) {
            return sign(initialization())
        }
        if !acceptedTransactions.isEmpty && chance(3) {
            return element(acceptedTransactions)  // an exact replay
        }
        var step = nextStep()
        if chance(10) {
            // Several steps in one transaction, all under the first one's signer.
            for _ in 0..<(1 + pick(2)) { step.instructions += nextStep().instructions }
        }
        if chance(5) {
            step.signer = element(keys.all)  // a signer picked blindly
        }
        let signer = step.signer
        if let earlier = acceptedTransactions.last(where: { $0.message.signer == signer.publicKey }), chance(2) {
            // Another message under a nonce the signer already used.
            return SignedTransaction(
                signing: TransactionMessage(
                    signer: signer.publicKey, nonce: earlier.message.nonce, ledger: genesis.id,
                    notAfter: Self.now + 60, instructions: step.instructions),
                with: signer)
        }
        return sign(step)
    }

    /// Notes an accepted transaction (so it can be replayed later).
    mutating func accepted(_ transaction: SignedTransaction) {
        acceptedTransactions.append(transaction)
    }

    private mutating func sign(_ step: PlannedStep) -> SignedTransaction {
        let nonce = (nonces[step.signer.publicKey] ?? 0) + 1
        nonces[step.signer.publicKey] = nonce
        return SignedTransaction(
            signing: TransactionMessage(
                signer: step.signer.publicKey, nonce: nonce, ledger: genesis.id, notAfter: Self.now + 60,
                instructions: step.instructions),
            with: step.signer)
    }

    /// The first transaction: global state, authorities and a valid config.
    private mutating func initialization() -> PlannedStep {
        PlannedStep(
            [
                .initGlobalState,
                .setAuthority(
                    SetAuthorityArgs(
                        activatorAuthority: keys.activator.publicKey, sentinelAuthority: keys.sentinel.publicKey)),
                .setGlobalConfig(config(valid: true)),
            ], by: keys.foundation)
    }

    /// One step of a family picked by weight.
    private mutating func nextStep() -> PlannedStep {
        switch pick(100) {
        case 0..<4: globalStep()
        case 4..<13: infrastructureStep()
        case 13..<24: deviceStep()
        case 24..<34: interfaceStep()
        case 34..<50: linkStep()
        case 50..<55: accessPassStep()
        case 55..<77: userStep()
        case 77..<90: multicastGroupStep()
        default: deviceTeardownStep()
        }
    }

    /// A way to plan a step, with its weight among the alternatives.
    typealias WeightedPlan = (weight: Int, plan: (inout Self) -> PlannedStep)

    /// `weight` when some entity is in one of the `wanted` statuses (`statuses` being those the
    /// entities are in), else 0: a follow-up step (activate, close...) is planned only when it
    /// has a target.
    static func weight<Status: Hashable>(_ weight: Int, ifAny wanted: [Status], in statuses: Set<Status>) -> Int {
        statuses.isDisjoint(with: wanted) ? 0 : weight
    }

    /// Runs one of `options`, picked with probability proportional to its weight.
    mutating func oneOf(_ options: [WeightedPlan]) -> PlannedStep {
        var remaining = pick(options.map(\.weight).reduce(0, +))
        for option in options {
            if remaining < option.weight { return option.plan(&self) }
            remaining -= option.weight
        }
        preconditionFailure("weights must add up to more than 0")
    }

    // MARK: - Global instructions

    /// Authorities, allowlists, config, publisher blocks and the epoch (foundation).
    private mutating func globalStep() -> PlannedStep {
        let instruction: Instruction
        switch pick(9) {
        case 0: instruction = .initGlobalState
        case 1:
            instruction = .setAuthority(
                SetAuthorityArgs(
                    activatorAuthority: chance(80) ? keys.activator.publicKey : element(keys.all).publicKey,
                    sentinelAuthority: chance(50) ? (chance(80) ? keys.sentinel : element(keys.all)).publicKey : nil))
        case 2: instruction = .addFoundationAllowlist(PubkeyArgs(pubkey: element(keys.all).publicKey))
        case 3:
            // Mostly another member than the signer (removing yourself or the last one is refused).
            let others = (state.globalState?.foundationAllowlist ?? []).filter { $0 != foundationSigner.publicKey }
            let key = !others.isEmpty && chance(80) ? element(others) : element(keys.all).publicKey
            instruction = .removeFoundationAllowlist(PubkeyArgs(pubkey: key))
        case 4:
            let members = state.globalState?.qaAllowlist ?? []
            if !members.isEmpty && chance(50) {
                instruction = .removeQaAllowlist(PubkeyArgs(pubkey: chance(85) ? element(members) : anyKey()))
            } else {
                instruction = .addQaAllowlist(PubkeyArgs(pubkey: chance(85) ? element(keys.all).publicKey : anyKey()))
            }
        case 5: instruction = .setGlobalConfig(config(valid: chance(70)))
        case 6:
            instruction = .addMulticastPublisherBlock(
                PrefixArgs(prefix: element(["147.51.128.0/24", "147.51.130.0/24", "147.51.126.0/23"])))
        default:
            let epoch = state.globalState?.epoch ?? 0
            instruction = .setEpoch(SetEpochArgs(epoch: chance(85) ? epoch + UInt64(pick(3)) : epoch &- 1))
        }
        return PlannedStep(instruction, by: foundationSigner)
    }

    /// Global config arguments, now and then with a small interface limit; invalid ones try to
    /// move the (immutable) device tunnel block.
    private mutating func config(valid: Bool) -> SetGlobalConfigArgs {
        SetGlobalConfigArgs(
            localAsn: chance(90) ? 65000 + UInt32(pick(100)) : 0, remoteAsn: 65342,
            deviceTunnelBlock: valid ? "172.16.0.0/16" : element(["172.17.0.0/16", "8.8.0.0/16"]),
            userTunnelBlock: "169.254.0.0/16", multicastGroupBlock: "233.84.178.0/24",
            multicastPublisherBlocks: chance(20) ? ["147.51.126.0/23", "147.51.200.0/24"] : nil,
            nextBgpCommunity: chance(20) ? UInt16(9_990 + pick(30)) : nil,
            maxInterfacesPerDevice: chance(10) ? UInt16(3 + pick(10)) : nil)
    }

    // MARK: - Locations, exchanges and contributors

    /// Creates, updates, suspends, resumes or deletes a location, exchange or contributor
    /// (foundation), with arguments drawn to hit both accepted and refused cases.
    mutating func infrastructureStep() -> PlannedStep {
        let instruction: Instruction
        switch pick(14) {
        case 0, 1: instruction = createLocation(valid: chance(60))
        case 2:
            instruction = .updateLocation(
                UpdateLocationArgs(
                    pubkey: key(of: .location), code: chance(30) ? code() : nil, name: chance(40) ? name() : nil,
                    country: chance(20) ? element(["NL", "GBR"]) : nil, latitude: chance(30) ? latitude() : nil,
                    longitude: chance(30) ? longitude() : nil, locId: chance(20) ? UInt32(pick(100)) : nil))
        case 3, 4: instruction = createExchange(valid: chance(60))
        case 5:
            instruction = .updateExchange(
                UpdateExchangeArgs(
                    pubkey: key(of: .exchange), code: chance(30) ? code() : nil, name: chance(40) ? name() : nil,
                    latitude: chance(30) ? latitude() : nil, longitude: chance(30) ? longitude() : nil,
                    bgpCommunity: chance(40) ? UInt16(9_995 + pick(20)) : nil))
        case 6, 7: instruction = createContributor(valid: chance(70))
        case 8:
            instruction = .updateContributor(
                UpdateContributorArgs(
                    pubkey: key(of: .contributor), code: chance(20) ? code() : nil,
                    owner: chance(20) ? element(keys.contributorOwners).publicKey : nil,
                    opsManager: chance(60) ? (chance(20) ? PublicKey.zero : anyKey()) : nil))
        default: instruction = lifecycle(element([.location, .exchange, .contributor]))
        }
        return PlannedStep(instruction, by: foundationSigner)
    }

    /// A create-location instruction: a fresh code and sane values when `valid`, else random ones.
    mutating func createLocation(valid: Bool) -> Instruction {
        .createLocation(
            CreateLocationArgs(
                code: valid ? "loc\(pick(100))" : code(), name: name(),
                country: valid ? "US" : element(["US", "DE", "JP", "NL", "SG", "GB", "USA", "1X"]),
                latitude: valid ? 34.05 : latitude(), longitude: valid ? -118.25 : longitude(),
                locId: UInt32(pick(1000))))
    }

    /// A create-exchange instruction: a fresh code and sane values when `valid`, else random ones.
    mutating func createExchange(valid: Bool) -> Instruction {
        .createExchange(
            CreateExchangeArgs(
                code: valid ? "xch\(pick(100))" : code(), name: name(), latitude: valid ? 34.05 : latitude(),
                longitude: valid ? -118.25 : longitude()))
    }

    /// A create-contributor instruction owned by a contributor owner (any scenario key when not `valid`).
    mutating func createContributor(valid: Bool) -> Instruction {
        .createContributor(
            CreateContributorArgs(
                code: valid ? "co\(pick(100))" : code(),
                owner: (valid ? element(keys.contributorOwners) : element(keys.all)).publicKey))
    }

    /// Suspend, resume or delete an entity of `kind` (resuming mostly a suspended one).
    private mutating func lifecycle(_ kind: EntityKind) -> Instruction {
        let action = pick(3)
        var args = PubkeyArgs(pubkey: key(of: kind))
        let suspended: [PublicKey] =
            switch kind {
            case .location: sortedByKey(state.locations).filter { $0.status == .suspended }.map(\.pubkey)
            case .exchange: sortedByKey(state.exchanges).filter { $0.status == .suspended }.map(\.pubkey)
            default: sortedByKey(state.contributors).filter { $0.status == .suspended }.map(\.pubkey)
            }
        if action == 1 && !suspended.isEmpty && chance(80) { args.pubkey = element(suspended) }
        switch (kind, action) {
        case (.location, 0): return .suspendLocation(args)
        case (.location, 1): return .resumeLocation(args)
        case (.location, _): return .deleteLocation(args)
        case (.exchange, 0): return .suspendExchange(args)
        case (.exchange, 1): return .resumeExchange(args)
        case (.exchange, _): return .deleteExchange(args)
        case (_, 0): return .suspendContributor(args)
        case (_, 1): return .resumeContributor(args)
        default: return .deleteContributor(args)
        }
    }

    /// An existing entity of `kind` most of the time, else a key that names nothing.
    mutating func key(of kind: EntityKind) -> PublicKey {
        let existing = state.entities(of: kind).map(\.pubkey)
        if !existing.isEmpty, chance(85) { return element(existing) }
        return anyKey()
    }

    private mutating func code() -> String {
        element([
            "lax", "ewr", "fra", "sin", "LAX", "ams-1", "tyo:2", "bad code", "", String(repeating: "x", count: 33),
        ])
    }

    private mutating func name() -> String {
        element(["Los Angeles", "Newark", "Frankfurt am Main", "シンガポール", String(repeating: "n", count: 65)])
    }

    private mutating func latitude() -> Double { Double.random(in: -95...95, using: &random) }

    private mutating func longitude() -> Double { Double.random(in: -185...185, using: &random) }
}
