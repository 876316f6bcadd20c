import Foundation
import Routing

/// What the controller serves from: every device's config model derived from one ledger state.
/// Immutable; the follower swaps in a new one when the ledger changes.
public struct ControllerSnapshot: Sendable {
    /// Every device's config model (or why it has none).
    public let configs: NetworkDeviceConfigs
    /// The last ledger log sequence the state reflects.
    public let sequence: UInt64
    /// When it was built.
    public let builtAt: Date
    /// The configs rendered from it so far.
    let rendered = RenderedConfigCache()

    /// A snapshot of `configs` as of `sequence`.
    public init(configs: NetworkDeviceConfigs, sequence: UInt64, builtAt: Date = Date()) {
        self.configs = configs
        self.sequence = sequence
        self.builtAt = builtAt
    }
}
