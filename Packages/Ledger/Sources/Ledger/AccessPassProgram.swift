import Models

/// Access pass instructions (foundation or sentinel).
///
/// A pass is keyed by (client IP, user payer); client IP 0.0.0.0 makes it dynamic (see
/// `AccessPass+Connections.swift` for how a dynamic pass binds to its first user's address).
enum AccessPassProgram {
    /// Creates the pass for (client IP, user payer) in status requested, owned by the signer, or
    /// updates the existing one: type, type key, type name, last access epoch and the
    /// allow-multiple-IP flag are overwritten; owner, status, connection count and a dynamic
    /// pass's bound client IP are kept.
    ///
    /// `last_access_epoch` must be 0 (multicast only) or at least the current epoch
    /// (`InvalidLastAccessEpoch`). An exact pass (client IP other than 0.0.0.0) is refused while
    /// another key without an exact pass for that IP has a user there (`AddressInUse`, see
    /// `ExecutionContext+ExactPassPriority.swift`).
    static func setAccessPass(_ args: SetAccessPassArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundationOrSentinel("set_access_pass")
        let epoch = try context.globalState().epoch
        guard args.lastAccessEpoch == 0 || args.lastAccessEpoch >= epoch else {
            throw ProgramError(
                .invalidLastAccessEpoch,
                "last_access_epoch \(args.lastAccessEpoch) of the pass for (\(args.clientIp), \(args.userPayer)) is in the past (current epoch \(epoch)); use 0 for multicast only",
                field: "last_access_epoch")
        }
        try context.requireNoSquatter(at: args.clientIp, forExactPassOf: args.userPayer)
        let key = EntitySeed.accessPass(clientIp: args.clientIp, userPayer: args.userPayer).publicKey
        var pass =
            context.state.accessPasses[key]
            ?? AccessPass(pubkey: key, owner: context.signer, clientIp: args.clientIp, userPayer: args.userPayer)
        pass.accessPassType = args.accessPassType
        pass.typeKey = args.typeKey
        pass.typeName = args.typeName
        pass.lastAccessEpoch = args.lastAccessEpoch
        pass.allowMultipleIp = args.allowMultipleIp
        try context.write(.accessPass(pass))
    }

    /// Removes the pass for (client IP, user payer); it must have no connections (`AccessPassInUse`),
    /// and an exact pass may not leave its holder's users blocking another key's exact pass
    /// for the same IP (`AddressInUse`).
    static func closeAccessPass(_ args: AccessPassKeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundationOrSentinel("close_access_pass")
        guard let pass = context.accessPass(clientIp: args.clientIp, userPayer: args.userPayer) else {
            throw ProgramError(
                .accessPassNotFound, "no access pass for (\(args.clientIp), \(args.userPayer))", field: "client_ip")
        }
        guard pass.connectionCount == 0 else {
            throw ProgramError(
                .accessPassInUse,
                "access pass for (\(args.clientIp), \(args.userPayer)) still has \(pass.connectionCount) connected user(s)",
                field: "connection_count")
        }
        try context.requireClosingLeavesNoSquatter(pass)
        context.delete(EntityRef(kind: .accessPass, pubkey: pass.pubkey))
    }
}
