/// Rules for entity codes and names (upstream `validate_account_code` and the per-entity limits).
///
/// **The code rule** (one rule for every code: locations, exchanges, contributors, devices,
/// links, multicast groups and a device's `mgmt_vrf`): a code is 1 to 32 characters, each an
/// ASCII letter (`A`–`Z`, `a`–`z`), an ASCII digit (`0`–`9`), `:`, `_` or `-`. Upstream accepts
/// any Unicode letter or digit; this ledger does not, so that no code can look like another
/// (`аms-dz01` with a Cyrillic `а` beside `ams-dz01`, full-width `ａｍｓ`, a zero-width space or a
/// combining mark inside a code). Interface names follow ``InterfaceName``, which accepts only
/// ASCII as well.
public enum AccountCode {
    /// The longest code, in UTF-8 bytes (with ASCII only, also in characters).
    public static let maxCodeBytes = 32
    /// The longest name, in UTF-8 bytes.
    public static let maxNameBytes = 64
    /// The characters besides ASCII letters and digits a code may contain.
    public static let punctuation: Set<Unicode.Scalar> = [":", "_", "-"]

    /// Whether `scalar` may appear in a code: an ASCII letter or digit, `:`, `_` or `-`.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: punctuation.contains(scalar)
        }
    }

    /// Checks a code against the code rule: non-empty, only allowed characters, at most 32 bytes.
    ///
    /// The characters are checked before the length, so a code with a look-alike character is
    /// refused for that character even when its multi-byte encoding also makes it too long.
    ///
    /// - Parameters:
    ///   - code: the code to check.
    ///   - field: the field name used in the error.
    /// - Throws: ``ProgramError`` with `InvalidAccountCode` (naming the first offending
    ///   character, as `U+XXXX` and its Unicode name, and its position counted in Unicode
    ///   scalars from 1) or `CodeTooLong`.
    public static func validate(_ code: String, field: String = "code") throws(ProgramError) {
        guard !code.isEmpty else {
            throw ProgramError(.invalidAccountCode, "\(field) must not be empty", field: field)
        }
        for (offset, scalar) in code.unicodeScalars.enumerated() where !isAllowed(scalar) {
            throw ProgramError(
                .invalidAccountCode,
                "\(field) '\(escaped(code))' has \(describe(scalar)) at position \(offset + 1); a code may contain only ASCII letters, digits, ':', '_' and '-'",
                field: field)
        }
        guard code.utf8.count <= maxCodeBytes else {
            throw ProgramError(
                .codeTooLong, "\(field) '\(code)' is \(code.utf8.count) bytes; the limit is \(maxCodeBytes)",
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

    /// `code` with every non-ASCII or non-printable scalar written as `\u{XXXX}`, so the
    /// message shows a look-alike for what it is.
    private static func escaped(_ code: String) -> String {
        code.unicodeScalars.map { scalar in
            (0x20..<0x7F).contains(scalar.value) ? String(scalar) : "\\u{\(hex(scalar))}"
        }.joined()
    }

    /// `U+0430 (CYRILLIC SMALL LETTER A)`, or `U+0007` for a scalar without a name.
    private static func describe(_ scalar: Unicode.Scalar) -> String {
        let name = scalar.properties.name ?? scalar.properties.nameAlias
        return "U+\(hex(scalar))" + (name.map { " (\($0))" } ?? "")
    }

    /// The scalar's value as at least four upper-case hex digits.
    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
