/// Rules for entity codes and names (upstream `validate_account_code` and the per-entity limits).
public enum AccountCode {
    /// The longest code, in UTF-8 bytes.
    public static let maxCodeBytes = 32
    /// The longest name, in UTF-8 bytes.
    public static let maxNameBytes = 64

    /// Checks a code: non-empty, at most 32 bytes, only letters, digits, `:`, `_` and `-`.
    ///
    /// - Parameters:
    ///   - code: the code to check.
    ///   - field: the field name used in the error.
    /// - Throws: ``ProgramError`` with `InvalidAccountCode` or `CodeTooLong`.
    public static func validate(_ code: String, field: String = "code") throws(ProgramError) {
        guard !code.isEmpty else {
            throw ProgramError(.invalidAccountCode, "\(field) must not be empty", field: field)
        }
        guard code.utf8.count <= maxCodeBytes else {
            throw ProgramError(
                .codeTooLong, "\(field) '\(code)' is \(code.utf8.count) bytes; the limit is \(maxCodeBytes)",
                field: field)
        }
        if let bad = code.unicodeScalars.first(where: { !isAllowed($0) }) {
            throw ProgramError(
                .invalidAccountCode,
                "\(field) '\(code)' contains '\(bad)'; only letters, digits, ':', '_' and '-' are allowed",
                field: field)
        }
    }

    /// Checks a code and returns it lower-cased, as device and link codes are stored.
    public static func normalizedLowercase(_ code: String, field: String = "code") throws(ProgramError) -> String {
        try validate(code, field: field)
        return code.lowercased()
    }

    /// Checks a display name: at most 64 bytes.
    ///
    /// - Throws: ``ProgramError`` with `NameTooLong`.
    public static func validateName(_ name: String, field: String = "name") throws(ProgramError) {
        guard name.utf8.count <= maxNameBytes else {
            throw ProgramError(
                .nameTooLong, "\(field) is \(name.utf8.count) bytes; the limit is \(maxNameBytes)", field: field)
        }
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ":" || scalar == "_" || scalar == "-" || scalar.properties.isAlphabetic
            || scalar.properties.numericType != nil
    }
}
