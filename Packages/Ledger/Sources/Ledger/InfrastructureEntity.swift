import Models

/// Locations, exchanges and contributors share one life cycle: created activated, suspended
/// and resumed by the foundation, deleted when nothing references them.
protocol InfrastructureEntity {
    /// The entity's kind.
    static var kind: EntityKind { get }
    /// The key.
    var pubkey: PublicKey { get }
    /// The code.
    var code: String { get }
    /// Activated or suspended.
    var status: InfrastructureStatus { get set }
    /// What references it; deletion needs 0.
    var referenceCount: UInt32 { get set }
    /// Wraps it as an ``Entity``.
    var entity: Entity { get }
    /// Reads it from the state.
    static func lookup(_ key: PublicKey, in context: ExecutionContext) throws(ProgramError) -> Self
}

extension Location: InfrastructureEntity {
    static var kind: EntityKind { .location }
    var entity: Entity { .location(self) }
    static func lookup(_ key: PublicKey, in context: ExecutionContext) throws(ProgramError) -> Location {
        try context.location(key)
    }
}

extension Exchange: InfrastructureEntity {
    static var kind: EntityKind { .exchange }
    var entity: Entity { .exchange(self) }
    static func lookup(_ key: PublicKey, in context: ExecutionContext) throws(ProgramError) -> Exchange {
        try context.exchange(key)
    }
}

extension Contributor: InfrastructureEntity {
    static var kind: EntityKind { .contributor }
    var entity: Entity { .contributor(self) }
    static func lookup(_ key: PublicKey, in context: ExecutionContext) throws(ProgramError) -> Contributor {
        try context.contributor(key)
    }
}

/// The shared suspend / resume / delete instructions.
enum InfrastructureProgram {
    static func suspend<T: InfrastructureEntity>(_: T.Type, _ key: PublicKey, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try context.requireFoundation("suspend_\(T.kind.rawValue)")
        var value = try T.lookup(key, in: context)
        guard value.status == .activated else {
            throw ProgramError(
                .invalidStatus, "\(T.kind.rawValue) \(value.code) is \(value.status.rawValue), not activated",
                field: "status")
        }
        value.status = .suspended
        try context.write(value.entity)
    }

    static func resume<T: InfrastructureEntity>(_: T.Type, _ key: PublicKey, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try context.requireFoundation("resume_\(T.kind.rawValue)")
        var value = try T.lookup(key, in: context)
        guard value.status == .suspended else {
            throw ProgramError(
                .invalidStatus, "\(T.kind.rawValue) \(value.code) is \(value.status.rawValue), not suspended",
                field: "status")
        }
        value.status = .activated
        try context.write(value.entity)
    }

    static func delete<T: InfrastructureEntity>(_: T.Type, _ key: PublicKey, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try context.requireFoundation("delete_\(T.kind.rawValue)")
        let value = try T.lookup(key, in: context)
        guard value.referenceCount == 0 else {
            throw ProgramError(
                .referenceCountNotZero,
                "\(T.kind.rawValue) \(value.code) is still referenced \(value.referenceCount) time(s)")
        }
        context.delete(EntityRef(kind: T.kind, pubkey: key))
    }
}
