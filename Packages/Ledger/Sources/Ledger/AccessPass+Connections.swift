import Models

/// How users take and give back an access pass's connections.
///
/// A dynamic pass (stored under client IP 0.0.0.0) binds to the client IP of its first user,
/// as upstream does: while it has connections its `client_ip` is that address, and a user from
/// another address is refused unless the pass allows multiple IPs. Unlike upstream (which
/// unbinds only passes with ALLOW_MULTIPLE_IP), a dynamic pass unbinds — back to 0.0.0.0 —
/// whenever its last connection goes, so a host that changes address can reconnect.
extension AccessPass {
    /// Whether the pass is stored under the dynamic key (0.0.0.0, user payer).
    var isDynamic: Bool {
        pubkey == EntitySeed.accessPass(clientIp: .unspecified, userPayer: userPayer).publicKey
    }

    /// Whether the pass's IP rule admits `ip`: an unbound dynamic pass admits any address,
    /// otherwise `ip` must be the pass's client IP unless the pass allows multiple IPs.
    func ipRuleAdmits(_ ip: IPv4Address) -> Bool {
        clientIp.isUnspecified || clientIp == ip || allowMultipleIp
    }

    /// Fails with `Unauthorized` unless the IP rule admits `ip`.
    func requireIpRuleAdmits(_ ip: IPv4Address) throws(ProgramError) {
        guard ipRuleAdmits(ip) else {
            throw ProgramError(
                .unauthorized,
                "access pass \(pubkey) of \(userPayer) is bound to client IP \(clientIp) and does not allow multiple IPs; \(ip) is refused",
                field: "client_ip")
        }
    }

    /// Records a new user from `ip`: binds an unbound dynamic pass to `ip`, adds a connection,
    /// and marks the pass connected.
    ///
    /// - Throws: ``ProgramError`` with `ArithmeticOverflow` at 65535 connections.
    mutating func connect(from ip: IPv4Address) throws(ProgramError) {
        if isDynamic && clientIp.isUnspecified { clientIp = ip }
        try LedgerCounter.increment(&connectionCount, "the connection count of access pass \(pubkey)")
        status = .connected
    }

    /// Records a departed user: removes a connection; at 0 the pass is disconnected and a
    /// dynamic pass unbinds from its client IP.
    mutating func disconnect() throws(ProgramError) {
        try LedgerCounter.decrement(&connectionCount, "the connection count of access pass \(pubkey)")
        guard connectionCount == 0 else { return }
        status = .disconnected
        if isDynamic { clientIp = .unspecified }
    }
}
