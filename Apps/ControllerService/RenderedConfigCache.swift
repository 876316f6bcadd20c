import Crypto
import Ledger
import Models
import Routing
import Synchronization

/// The rendered text and ETag of each device's config for one snapshot, made on the first
/// request and reused until the snapshot is replaced: devices poll, and most polls end in 304.
///
/// Only the plain config is cached; a request reporting BGP peers the device should not have
/// gets removal blocks of its own and is rendered on its own.
final class RenderedConfigCache: Sendable {
    /// A device's config text and its entity tag (`"<sha256 hex>"`).
    struct Rendered: Sendable {
        /// The EOS text.
        let text: String
        /// The quoted SHA-256 of the text.
        let etag: String

        /// Renders `config` with `unknownPeers` and hashes the text.
        init(_ config: DeviceConfig, unknownPeers: [IPv4Address]) throws(DeviceConfigError) {
            text = try EOSConfigRenderer.render(config, unknownPeers: unknownPeers)
            etag = "\"" + Hex.encode(Array(SHA256.hash(data: Array(text.utf8)))) + "\""
        }
    }

    private let rendered = Mutex<[PublicKey: Rendered]>([:])

    /// The config of `entry` for a device reporting `reportedPeers`: from the cache when no
    /// peer needs removing, rendered (and cached) otherwise.
    func config(of entry: NetworkDeviceConfigs.Entry, reportedPeers: [String]) throws(DeviceConfigError) -> Rendered {
        let config = try entry.result.get()
        let unknownPeers = config.unknownPeers(reported: reportedPeers)
        guard unknownPeers.isEmpty else { return try Rendered(config, unknownPeers: unknownPeers) }
        if let cached = rendered.withLock({ $0[entry.pubkey] }) { return cached }
        let made = try Rendered(config, unknownPeers: [])
        rendered.withLock { $0[entry.pubkey] = made }
        return made
    }
}
