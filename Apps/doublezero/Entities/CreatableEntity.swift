import ArgumentParser
import Models

/// A kind with a `create` verb.
protocol CreatableEntity: AdministeredEntity {
    /// The flags of `create` (the new account's fields).
    associatedtype CreateFields: CreateInstructionFields
    /// Other names accepted for `create` (e.g. upstream's `set` for access passes).
    static var createAliases: [String] { get }
}

extension CreatableEntity {
    /// No other names.
    static var createAliases: [String] { [] }
}

/// The flags of a `create` verb, turned into the instructions that create the account.
protocol CreateInstructionFields: ParsableArguments {
    /// The instructions to sign and submit together; codes and `me` are resolved through `session`.
    func instructions(in session: LedgerSession) async throws -> [Instruction]
}
