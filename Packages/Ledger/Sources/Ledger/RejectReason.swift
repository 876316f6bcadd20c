import Models

/// The reason the activator gives when it rejects a pending entity.
enum RejectReason {
    /// The longest reason accepted, in characters.
    static let maxLength = 256

    /// Fails with `InvalidArgument` unless `reason` is non-empty (ignoring white space) and at
    /// most ``maxLength`` characters.
    static func validate(_ reason: String, for subject: @autoclosure () -> String) throws(ProgramError) {
        guard !reason.allSatisfy(\.isWhitespace) else {
            throw ProgramError(.invalidArgument, "rejecting \(subject()) needs a reason", field: "reason")
        }
        guard reason.count <= maxLength else {
            throw ProgramError(
                .invalidArgument,
                "the reason for rejecting \(subject()) is \(reason.count) characters; the limit is \(maxLength)",
                field: "reason")
        }
    }
}
