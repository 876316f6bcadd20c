import CommandLineSupport
import Ledger
import Models

extension LedgerSession {
    /// The global state, or nil before `doublezero init`.
    func globalState() async throws -> GlobalState? {
        guard
            case .globalState(let state) = try await entity(
                EntityRef(kind: .globalState, pubkey: Entity.globalStateKey))
        else { return nil }
        return state
    }

    /// The global state; a ``CommandFailure`` that says to run `doublezero init` when there is none.
    func requireGlobalState() async throws -> GlobalState {
        guard let state = try await globalState() else {
            throw CommandFailure("the ledger is not initialised; run `doublezero init` first")
        }
        return state
    }

    /// The global config, or nil before the first `doublezero global-config set`.
    func globalConfig() async throws -> GlobalConfig? {
        guard
            case .globalConfig(let config) = try await entity(
                EntityRef(kind: .globalConfig, pubkey: Entity.globalConfigKey))
        else { return nil }
        return config
    }

    /// The global config; a ``CommandFailure`` that says to set it when there is none.
    func requireGlobalConfig() async throws -> GlobalConfig {
        guard let config = try await globalConfig() else {
            throw CommandFailure("the ledger has no global config yet; set it with `doublezero global-config set`")
        }
        return config
    }
}
