import Crypto
import Ledger
import Models
import Routing
import Synchronization

/// The rendered outputs of each device for one snapshot — EOS text, FRR text, JSON model — each
/// with its ETag, made on the first request and reused until the snapshot is replaced: devices
/// poll, and most polls end in 304.
///
/// Only the plain EOS config is cached; a request reporting BGP peers the device should not have
/// gets removal blocks of its own and is rendered on its own.
final class RenderedConfigCache: Sendable {
    /// What is rendered.
    enum Output: Hashable, Sendable {
        /// The config text in a flavour.
        case config(DeviceConfigFlavour)
        /// The JSON device model.
        case model
    }

    /// A rendered output and its entity tag (`"<sha256 hex>"`).
    struct Rendered: Sendable {
        /// The text (config or JSON).
        let text: String
        /// The quoted SHA-256 of the text.
        let etag: String

        /// `text` and its hash.
        init(text: String) {
            self.text = text
            etag = "\"" + Hex.encode(Array(SHA256.hash(data: Array(text.utf8)))) + "\""
        }

        /// Renders `output` of `config` (EOS with `unknownPeers`' removal blocks).
        init(_ output: Output, of config: DeviceConfig, unknownPeers: [IPv4Address]) throws(DeviceConfigError) {
            switch output {
            case .config(.eos): self.init(text: try EOSConfigRenderer.render(config, unknownPeers: unknownPeers))
            case .config(.frr): self.init(text: try FRRConfigRenderer.render(config))
            case .model: self.init(text: DeviceModel(config).jsonText())
            }
        }
    }

    /// A device and an output.
    private struct Key: Hashable {
        var device: PublicKey
        var output: Output
    }

    private let rendered = Mutex<[Key: Rendered]>([:])

    /// The EOS config of `entry` for a device reporting `reportedPeers`: from the cache when no
    /// peer needs removing, rendered (and cached) otherwise.
    func config(of entry: NetworkDeviceConfigs.Entry, reportedPeers: [String]) throws(DeviceConfigError) -> Rendered {
        let config = try entry.result.get()
        let unknownPeers = config.unknownPeers(reported: reportedPeers)
        guard unknownPeers.isEmpty else { return try Rendered(.config(.eos), of: config, unknownPeers: unknownPeers) }
        return try output(.config(.eos), of: entry)
    }

    /// `output` of `entry` (for EOS: without removal blocks), from the cache or rendered and cached.
    func output(_ output: Output, of entry: NetworkDeviceConfigs.Entry) throws(DeviceConfigError) -> Rendered {
        let key = Key(device: entry.pubkey, output: output)
        if let cached = rendered.withLock({ $0[key] }) { return cached }
        let made = try Rendered(output, of: try entry.result.get(), unknownPeers: [])
        rendered.withLock { $0[key] = made }
        return made
    }
}
