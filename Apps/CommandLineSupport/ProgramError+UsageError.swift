import ArgumentParser
import Foundation
import Models

extension ProgramError {
    /// This rule violation as a usage error about `flag` (exit 64), for checks the CLI runs with
    /// Models' own rules before it signs anything, e.g.
    /// `--bgp-community: InvalidBgpCommunity (55): bgp_community 9999 is outside 10000...10999`.
    ///
    /// Without `flag`, the flag is named after the error's field (`lat` → `--lat`).
    public func usageError(flag: String? = nil) -> ValidationError {
        let named = flag ?? field.map { "--" + $0.replacingOccurrences(of: "_", with: "-") }
        return ValidationError(named.map { "\($0): \(self)" } ?? description)
    }

    /// Runs a Models rule, turning its ``ProgramError`` into a usage error about `flag`
    /// (see ``usageError(flag:)``).
    public static func checkingUsage(flag: String? = nil, _ rule: () throws(ProgramError) -> Void)
        throws(ValidationError)
    {
        do {
            try rule()
        } catch {
            throw error.usageError(flag: flag)
        }
    }
}
