import CommandLineSupport
import Models

extension LedgerSession {
    /// Signs and submits `instructions`, then prints the ``MutationReport`` about `account` in `format`.
    func submit(_ instructions: [Instruction], reportingOn account: PublicKey, format: OutputFormat) async throws {
        let receipt = try await submit(instructions)
        print(try MutationReport(account: account, receipt: receipt).rendered(format), terminator: "")
    }
}
