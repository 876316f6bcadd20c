/// What the daemon keeps across restarts, the contents of `state.json`: `{"reconciler_enabled": true}`.
/// Everything else is rebuilt from the ledger.
public struct DaemonState: Codable, Sendable, Hashable {
    /// Whether the reconciler provisions this host's users.
    public var reconcilerEnabled: Bool

    /// A fresh install: the reconciler is disabled until `doublezero connect` (or `enable`) enables it.
    public static let initial = DaemonState(reconcilerEnabled: false)

    enum CodingKeys: String, CodingKey {
        case reconcilerEnabled = "reconciler_enabled"
    }

    /// A state with the given fields.
    public init(reconcilerEnabled: Bool) {
        self.reconcilerEnabled = reconcilerEnabled
    }

    /// Decodes the file; a missing key means false (unknown keys are ignored).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        reconcilerEnabled = try container.decodeIfPresent(Bool.self, forKey: .reconcilerEnabled) ?? false
    }
}
