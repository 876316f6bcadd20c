import Models

/// Exact passes come first: a key's exact-IP pass for client IP X is never blocked by another
/// key's dynamic pass.
///
/// A dynamic pass (0.0.0.0, key) admits any client IP (the first one it binds to, or any with
/// allow-multiple-IP). Without a rule its holder could create a user at X first, and the user
/// key (X, type) and RFC 13's one unicast and one multicast user per client IP would then lock
/// out the key that was given an exact pass for X. So:
///
/// 1. **Admission.** A key that holds no exact pass for X may not create a user at X while
///    another key holds one (`Unauthorized`).
/// 2. **Issue.** `set_access_pass` of an exact pass (X, K) is refused while a user at X belongs
///    to a key other than K that holds no exact pass for X (`AddressInUse`, naming the user):
///    the issuer removes that user first (`delete_user` or `request_ban_user`, foundation).
/// 3. **Closing.** `close_access_pass` of an exact pass (X, K) is refused while K still has a
///    user at X (admitted by its dynamic pass) and another key holds an exact pass for X
///    (`AddressInUse`): closing would turn K's user into one that blocks the other key.
///
/// Together these keep one invariant: while any key holds an exact pass for X, every user at X
/// belongs to a key that holds an exact pass for X. Two exact passes for one address are the
/// issuer's choice; their holders share the address first come, first served, as upstream.
extension ExecutionContext {
    /// The keys holding an exact (not dynamic) pass for `ip`, in key order.
    func exactPassHolders(of ip: IPv4Address) -> [PublicKey] {
        guard !ip.isUnspecified else { return [] }
        // Exact passes keep their key's address; a dynamic pass bound to `ip` has it too, so
        // the key tells them apart.
        return state.accessPasses.values.filter { $0.clientIp == ip && !$0.isDynamic }.map(\.userPayer).sorted()
    }

    /// Rule 1: fails with `Unauthorized` if the signer holds no exact pass for `clientIp` and
    /// another key does.
    func requireClientIpNotReserved(_ clientIp: IPv4Address) throws(ProgramError) {
        let holders = exactPassHolders(of: clientIp)
        guard !holders.contains(signer), let holder = holders.first else { return }
        throw ProgramError(
            .unauthorized,
            "client IP \(clientIp) is reserved by the exact access pass of \(holder); \(signer) holds no exact pass for it, and a dynamic or allow-multiple-IP pass may not take an address another key holds an exact pass for",
            field: "client_ip")
    }

    /// Rule 2: fails with `AddressInUse` if a user at `clientIp` belongs to a key other than
    /// `payer` that holds no exact pass for `clientIp` (nothing for the dynamic key 0.0.0.0).
    func requireNoSquatter(at clientIp: IPv4Address, forExactPassOf payer: PublicKey) throws(ProgramError) {
        guard !clientIp.isUnspecified else { return }
        let holders = Set(exactPassHolders(of: clientIp) + [payer])
        let squatters = state.users.values.filter { $0.clientIp == clientIp && !holders.contains($0.owner) }
        guard let squatter = squatters.min(by: { $0.pubkey < $1.pubkey }) else { return }
        throw ProgramError(
            .addressInUse,
            "client IP \(clientIp) is used by \(squatter.userType.rawValue) user \(squatter.pubkey) of \(squatter.owner) (\(squatter.status.rawValue)), which holds no exact pass for it; remove that user before issuing an exact pass for \(clientIp) to \(payer)",
            field: "client_ip")
    }

    /// Rule 3: fails with `AddressInUse` if closing `pass` (an exact pass) would leave its holder
    /// with a user at the pass's address that another key's exact pass is blocked by.
    func requireClosingLeavesNoSquatter(_ pass: AccessPass) throws(ProgramError) {
        guard !pass.isDynamic else { return }
        let others = exactPassHolders(of: pass.clientIp).filter { $0 != pass.userPayer }
        guard let other = others.first,
            let user = state.users.values.filter({ $0.clientIp == pass.clientIp && $0.owner == pass.userPayer })
                .min(by: { $0.pubkey < $1.pubkey })
        else { return }
        throw ProgramError(
            .addressInUse,
            "\(pass.userPayer) still has user \(user.pubkey) at \(pass.clientIp); without this exact pass that user would block the exact pass of \(other); remove the user first",
            field: "client_ip")
    }
}
