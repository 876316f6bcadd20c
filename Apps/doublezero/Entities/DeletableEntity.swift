import Models

/// A kind with a `delete` verb.
protocol DeletableEntity: AdministeredEntity {
    /// Other names accepted for `delete` (e.g. upstream's `close` for access passes).
    static var deleteAliases: [String] { get }
    /// The instruction that deletes `record`.
    static func deleteInstruction(for record: Record) -> Instruction
}

extension DeletableEntity {
    /// No other names.
    static var deleteAliases: [String] { [] }
}
