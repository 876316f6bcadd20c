import Ledger
import Models
import Routing

extension DeviceConfigSnapshot {
    /// The entities of `state` in ledger order: devices and links by creation index (the order
    /// the ledger created them, which decides iBGP/MSDP peer order), users by key.
    ///
    /// - Throws: ``ControllerError/noGlobalConfig`` when the ledger has no global config yet.
    public init(state: LedgerState) throws(ControllerError) {
        guard let globalConfig = state.globalConfig else { throw .noGlobalConfig }
        self.init(
            globalConfig: globalConfig,
            devices: state.devices.values.sorted { ($0.index, $0.pubkey) < ($1.index, $1.pubkey) },
            links: state.links.values.sorted { ($0.index, $0.pubkey) < ($1.index, $1.pubkey) },
            users: state.users.values.sorted { $0.pubkey < $1.pubkey },
            exchanges: state.exchanges.values.sorted { $0.pubkey < $1.pubkey },
            multicastGroups: state.multicastGroups.values.sorted { $0.pubkey < $1.pubkey })
    }
}
