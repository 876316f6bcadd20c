import Foundation
import Routing

/// What the controller serves from: every device's config model derived from one ledger state.
/// Immutable; the follower swaps in a new one when the ledger changes.
struct ControllerSnapshot: Sendable {
    /// Every device's config model (or why it has none).
    let configs: NetworkDeviceConfigs
    /// The last ledger log sequence the state reflects.
    let sequence: UInt64
    /// When it was built.
    let builtAt: Date
    /// The configs rendered from it so far.
    let rendered = RenderedConfigCache()
}
