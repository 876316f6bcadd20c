import CommandLineSupport
import Models

extension ConnectionContext {
    /// Your access pass for this host and a user of `type`: a pass for any IP (`0.0.0.0`) first,
    /// else the one for this client IP. Unicast users also need it valid at the current epoch.
    ///
    /// - Throws: upstream's failure when there is none, after printing upstream's `❌` line.
    func requireAccessPass(for type: UserType) async throws -> AccessPass {
        let epoch = try await session.globalState()?.epoch ?? 0
        for address in [IPv4Address.unspecified, clientIP] {
            let key = EntitySeed.accessPass(clientIp: address, userPayer: payer).publicKey
            if let pass = try await session.record(AccessPass.self, at: key),
                pass.admits(type, from: clientIP, atEpoch: epoch)
            {
                progress.step("access pass \(pass.pubkey) found (\(pass.accessPassType.rawValue))")
                return pass
            }
        }
        progress.warn("❌  Unable to find a valid AccessPass for the IP: \(clientIP) UserPayer: \(payer)")
        throw CommandFailure("A valid AccessPass is required to connect. Please contact support to obtain one.")
    }
}
