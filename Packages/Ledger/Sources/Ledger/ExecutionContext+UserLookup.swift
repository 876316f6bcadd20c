import Models

/// Look-ups and authorization checks for the user, multicast group and access pass handlers.
extension ExecutionContext {
    /// Whether the signer is on the QA allowlist (QA bypasses device status and capacity checks).
    var signerIsQA: Bool { state.globalState?.qaAllowlist.contains(signer) ?? false }

    /// Fails with `NotAllowed` unless the signer is a foundation member or the sentinel authority.
    func requireFoundationOrSentinel(_ action: @autoclosure () -> String) throws(ProgramError) {
        let global = try globalState()
        guard global.isFoundation(signer) || global.sentinelAuthority == signer else {
            throw ProgramError(
                .notAllowed,
                "\(action()) needs a foundation key or the sentinel key \(global.sentinelAuthority); signed by \(signer)"
            )
        }
    }

    /// Fails with `NotAllowed` unless the signer owns `user` or is a foundation member.
    func requireOwnerOrFoundation(of user: User, _ action: @autoclosure () -> String) throws(ProgramError) {
        guard user.owner == signer || signerIsFoundation else {
            throw ProgramError(
                .notAllowed,
                "\(action()) needs the owner of user \(user.pubkey) (\(user.owner)) or a foundation key; signed by \(signer)"
            )
        }
    }

    /// Fails with `NotAllowed` unless the signer owns `group` or is a foundation member.
    func requireOwnerOrFoundation(of group: MulticastGroup, _ action: @autoclosure () -> String) throws(ProgramError) {
        guard group.owner == signer || signerIsFoundation else {
            throw ProgramError(
                .notAllowed,
                "\(action()) needs the owner of multicast group \(group.code) (\(group.owner)) or a foundation key; signed by \(signer)"
            )
        }
    }

    /// The access pass for (`clientIp`, `userPayer`), if there is one.
    func accessPass(clientIp: IPv4Address, userPayer: PublicKey) -> AccessPass? {
        state.accessPasses[EntitySeed.accessPass(clientIp: clientIp, userPayer: userPayer).publicKey]
    }

    /// The pass that admits a new user of `owner` from `clientIp`: the dynamic pass
    /// (0.0.0.0, owner) first, then the exact pass (client IP, owner).
    ///
    /// - Throws: ``ProgramError`` with `AccessPassNotFound` when neither exists.
    func admittingAccessPass(owner: PublicKey, clientIp: IPv4Address) throws(ProgramError) -> AccessPass {
        if let pass = accessPass(clientIp: .unspecified, userPayer: owner)
            ?? accessPass(clientIp: clientIp, userPayer: owner)
        {
            return pass
        }
        throw ProgramError(
            .accessPassNotFound,
            "\(owner) has no access pass for client IP \(clientIp) (neither (0.0.0.0, \(owner)) nor (\(clientIp), \(owner)))",
            field: "client_ip")
    }

    /// The pass a departing user of `owner` at `clientIp` gives its connection back to: the first
    /// of the dynamic and the exact pass (in admission order) that has a connection and whose IP
    /// rule admits `clientIp`; nil if none does.
    ///
    /// Users do not record the pass that admitted them (neither does upstream), so when one
    /// client holds both a dynamic and an exact pass the connection may be returned to the other
    /// one; the per-client total stays right.
    func releasingAccessPass(owner: PublicKey, clientIp: IPv4Address) -> AccessPass? {
        [accessPass(clientIp: .unspecified, userPayer: owner), accessPass(clientIp: clientIp, userPayer: owner)]
            .compactMap { $0 }
            .first { $0.connectionCount > 0 && $0.ipRuleAdmits(clientIp) }
    }
}
