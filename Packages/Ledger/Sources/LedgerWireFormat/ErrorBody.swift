import Models

/// The body of every error response: `{"error": {...}}`.
///
/// For a refusal the object is the ``Models/ProgramError`` JSON (`code`, `name`, `message`,
/// `field`); for a server-side failure (storage, 500) it carries only a `message`, which never
/// exposes internals.
public struct ErrorBody: Hashable, Sendable, Codable {
    /// What went wrong.
    public var error: ErrorDetail

    /// The body for a program error.
    public init(_ programError: ProgramError) {
        error = ErrorDetail(programError)
    }

    /// The body for a failure that is not the program's (only a message).
    public init(message: String) {
        error = ErrorDetail(code: nil, name: nil, message: message, field: nil)
    }
}

/// The object inside ``ErrorBody``: a ``Models/ProgramError``'s fields, with `code` and `name`
/// absent when the failure was not a program refusal.
public struct ErrorDetail: Hashable, Sendable, Codable {
    /// The program's error code, when the program (or request validation) refused.
    public var code: ErrorCode?
    /// The code's upstream name, e.g. `ReplayedTransaction`.
    public var name: String?
    /// What went wrong, for people.
    public var message: String
    /// The field the error is about, when there is one.
    public var field: String?

    /// Creates a detail from its parts.
    public init(code: ErrorCode?, name: String?, message: String, field: String?) {
        self.code = code
        self.name = name
        self.message = message
        self.field = field
    }

    /// The detail of a program error.
    public init(_ programError: ProgramError) {
        self.init(
            code: programError.code, name: programError.code.name, message: programError.message,
            field: programError.field)
    }

    /// The program error this detail describes, or nil when it has no code.
    public var programError: ProgramError? {
        code.map { ProgramError($0, message, field: field) }
    }
}
