import ArgumentParser
import Models

/// A kind with an `update` verb.
protocol UpdatableEntity: AdministeredEntity {
    /// The flags of `update` (the fields to change, all optional).
    associatedtype UpdateFields: UpdateInstructionFields where UpdateFields.Record == Record
}

/// The flags of an `update` verb, turned into the instructions that change one account.
protocol UpdateInstructionFields: ParsableArguments {
    /// The kind of record changed.
    associatedtype Record: LedgerRecord
    /// The instructions that change `record` as the flags say.
    func instructions(updating record: Record, in session: LedgerSession) async throws -> [Instruction]
}
