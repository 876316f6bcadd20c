import Models

/// The status precondition every life-cycle instruction checks before it acts.
enum StatusRequirement {
    /// Fails with `InvalidStatus` unless `status` is one of `allowed`.
    ///
    /// - Parameters:
    ///   - status: the entity's current status.
    ///   - allowed: the statuses the instruction accepts.
    ///   - subject: names the entity, for example `device la2-dz01`.
    ///   - action: the instruction, for example `delete_device`.
    ///   - hint: what the caller should do instead, for example `drain it first`.
    static func require<Status: RawRepresentable & Equatable>(
        _ status: Status, in allowed: [Status], _ subject: @autoclosure () -> String, for action: String,
        hint: String? = nil
    ) throws(ProgramError) where Status.RawValue == String {
        guard allowed.contains(status) else {
            let expected = allowed.map(\.rawValue).joined(separator: ", ")
            let advice = hint.map { "; \($0)" } ?? ""
            throw ProgramError(
                .invalidStatus,
                "\(action): \(subject()) is \(status.rawValue); it must be one of: \(expected)\(advice)",
                field: "status")
        }
    }
}
