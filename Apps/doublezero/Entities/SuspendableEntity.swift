import Models

/// A kind the foundation can take out of service and put back (`suspend` and `resume`).
protocol SuspendableEntity: AdministeredEntity {
    /// The name of the verb that puts an account back in service (`resume`, or `reactivate`).
    static var resumeCommandName: String { get }
    /// The instruction that suspends the account at `key`.
    static func suspendInstruction(_ key: PublicKey) -> Instruction
    /// The instruction that puts the account at `key` back in service.
    static func resumeInstruction(_ key: PublicKey) -> Instruction
}

extension SuspendableEntity {
    /// `resume`.
    static var resumeCommandName: String { "resume" }
}
