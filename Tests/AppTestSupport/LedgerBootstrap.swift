import Ledger
import Models

/// The first transaction of a fresh test ledger, as the foundation signs it: the global state,
/// the activator authority, and the global config with the devnet's ASNs and address blocks
/// (device tunnels 172.16.0.0/16, multicast groups 233.84.178.0/24).
public enum LedgerBootstrap {
    /// The instructions that initialise a fresh ledger with `activatorAuthority` as the activator;
    /// `userTunnelBlock` sizes the user tunnel pool.
    public static func instructions(
        activatorAuthority: PublicKey, userTunnelBlock: IPv4Prefix = "169.254.0.0/16"
    ) -> [Instruction] {
        [
            .initGlobalState, .setAuthority(SetAuthorityArgs(activatorAuthority: activatorAuthority)),
            .setGlobalConfig(
                SetGlobalConfigArgs(
                    localAsn: 65000, remoteAsn: 65342, deviceTunnelBlock: "172.16.0.0/16",
                    userTunnelBlock: userTunnelBlock, multicastGroupBlock: "233.84.178.0/24")),
        ]
    }
}
