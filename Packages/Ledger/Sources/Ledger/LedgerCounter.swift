import Models

/// Checked arithmetic for the live counters of users' slots (device users per type,
/// access-pass connections, multicast group roles). Reference counts use
/// ``ExecutionContext/changeReferenceCount(_:by:)``.
///
/// A counter that would leave its type's range fails the transaction with
/// `ArithmeticOverflow`: a count below 0 means the ledger's bookkeeping is broken, so it is
/// refused, not clamped.
enum LedgerCounter {
    /// Adds one to `value`.
    ///
    /// - Parameter what: names the counter in the error message, for example
    ///   `"the unicast user count of device la2-dz01"`.
    static func increment<Count: FixedWidthInteger>(
        _ value: inout Count, _ what: @autoclosure () -> String
    ) throws(ProgramError) {
        guard value < Count.max else {
            throw ProgramError(.arithmeticOverflow, "\(what()) is already at its maximum \(value)")
        }
        value += 1
    }

    /// Subtracts one from `value`.
    static func decrement<Count: FixedWidthInteger>(
        _ value: inout Count, _ what: @autoclosure () -> String
    ) throws(ProgramError) {
        guard value > 0 else {
            throw ProgramError(.arithmeticOverflow, "\(what()) is already 0 and cannot fall")
        }
        value -= 1
    }
}
