import Models

/// The state one transaction runs against, with a journal that can undo it.
///
/// Program handlers read through typed look-ups and write through ``write(_:)`` and
/// ``delete(_:)``; every write validates the entity first. If any instruction fails the ledger
/// calls ``rollback()`` and the state is exactly as before.
public struct ExecutionContext: Sendable {
    /// The state, including this transaction's writes so far.
    public internal(set) var state: LedgerState
    /// The transaction's signer.
    public let signer: PublicKey
    /// Prior values of the entities touched so far, by first touch.
    private var journal: [EntityRef: Entity?] = [:]
    private var touchOrder: [EntityRef] = []

    /// Creates a context over `state`.
    public init(state: LedgerState, signer: PublicKey) {
        self.state = state
        self.signer = signer
    }

    /// Validates `entity` and stores it.
    ///
    /// - Throws: the entity's own ``ProgramError`` if it breaks a rule, or `InvalidArgument` if
    ///   it would give authority to a key that cannot sign (the all-zero key, a weak key).
    public mutating func write(_ entity: Entity) throws(ProgramError) {
        try entity.validate()
        try entity.requireAuthorityKeysCanSign()
        remember(entity.ref)
        state.put(entity)
    }

    /// Removes an entity (closing its account).
    public mutating func delete(_ ref: EntityRef) {
        remember(ref)
        state.remove(ref)
    }

    private mutating func remember(_ ref: EntityRef) {
        guard journal[ref] == nil else { return }
        journal[ref] = .some(state.entity(ref))
        touchOrder.append(ref)
    }

    /// The changes made so far, in order of first touch (entities written and then restored to
    /// their prior value are left out).
    public var changes: [StateChange] {
        touchOrder.compactMap { ref in
            let now = state.entity(ref)
            guard journal[ref] != .some(now) else { return nil }
            return StateChange(ref: ref, entity: now)
        }
    }

    /// Undoes every write of this transaction.
    public mutating func rollback() {
        for ref in touchOrder.reversed() {
            if case .some(.some(let prior)) = journal[ref] { state.put(prior) } else { state.remove(ref) }
        }
        journal = [:]
        touchOrder = []
    }
}

extension LedgerState {
    /// Runs a transaction's instructions in order, all or nothing.
    ///
    /// - Returns: the changes, in order of first touch.
    /// - Throws: the first instruction's ``ProgramError``; the state is then unchanged.
    public mutating func apply(_ message: TransactionMessage) throws(ProgramError) -> [StateChange] {
        var context = ExecutionContext(state: LedgerState(), signer: message.signer)
        swap(&context.state, &self)  // O(1): the context owns the only reference while it runs
        defer { swap(&context.state, &self) }
        for (position, instruction) in message.instructions.enumerated() {
            do throws(ProgramError) {
                try Program.execute(instruction, in: &context)
            } catch {
                context.rollback()
                var error = error
                if message.instructions.count > 1 {
                    error.message = "instruction \(position) (\(instruction.name)): \(error.message)"
                }
                throw error
            }
        }
        let changes = context.changes
        guard !changes.isEmpty else {
            throw ProgramError(.noStateChange, "the transaction changes nothing, so it is not appended")
        }
        return changes
    }
}
