import Models

/// A model with a `validate()` (every ledger entity of the snapshot).
protocol ValidatedEntity {
    /// Throws the first rule the entity breaks.
    func validate() throws(ProgramError)
}

extension Device: ValidatedEntity {}
extension Link: ValidatedEntity {}
extension User: ValidatedEntity {}
extension Exchange: ValidatedEntity {}
extension MulticastGroup: ValidatedEntity {}
