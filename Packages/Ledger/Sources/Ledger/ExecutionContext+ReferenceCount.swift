import Models

/// Reference counting: a device counts on its contributor, location and exchange; a link counts
/// on its contributor and both devices. An entity can be deleted only when its count is 0.
extension ExecutionContext {
    /// Adds `delta` (+1 or −1) to the reference count of the contributor, location, exchange or
    /// device at `ref`, and writes it back.
    ///
    /// - Throws: `AccountNotFound` if there is no such entity, `InvalidAccountType` for a kind
    ///   without a reference count, `ArithmeticOverflow` if the count would leave 0...UInt32.max
    ///   (a count below 0 means the ledger's bookkeeping is broken, so it is refused, not clamped).
    mutating func changeReferenceCount(_ ref: EntityRef, by delta: Int) throws(ProgramError) {
        switch state.entity(ref) {
        case .contributor(var value):
            value.referenceCount = try Self.adjusted(value.referenceCount, by: delta, of: "contributor \(value.code)")
            try write(.contributor(value))
        case .location(var value):
            value.referenceCount = try Self.adjusted(value.referenceCount, by: delta, of: "location \(value.code)")
            try write(.location(value))
        case .exchange(var value):
            value.referenceCount = try Self.adjusted(value.referenceCount, by: delta, of: "exchange \(value.code)")
            try write(.exchange(value))
        case .device(var value):
            value.referenceCount = try Self.adjusted(value.referenceCount, by: delta, of: "device \(value.code)")
            try write(.device(value))
        case nil:
            throw ProgramError(
                .accountNotFound, "no \(ref.kind.rawValue) \(ref.pubkey) to update the reference count of")
        case .some(let other):
            throw ProgramError(.invalidAccountType, "a \(other.kind.rawValue) has no reference count")
        }
    }

    private static func adjusted(_ count: UInt32, by delta: Int, of subject: String) throws(ProgramError) -> UInt32 {
        let result = Int64(count) + Int64(delta)
        guard let value = UInt32(exactly: result) else {
            throw ProgramError(
                .arithmeticOverflow, "the reference count of \(subject) would become \(result) (now \(count))",
                field: "reference_count")
        }
        return value
    }
}
