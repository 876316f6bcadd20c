import Models

/// Typed look-ups and authorization checks for program handlers.
extension ExecutionContext {
    /// The global state; fails with `NotInitialized` before `init_global_state`.
    public func globalState() throws(ProgramError) -> GlobalState {
        guard let value = state.globalState else {
            throw ProgramError(.notInitialized, "the ledger is not initialised: run init_global_state first")
        }
        return value
    }

    /// The global config; fails with `NotInitialized` before `set_global_config`.
    public func globalConfig() throws(ProgramError) -> GlobalConfig {
        guard let value = state.globalConfig else {
            throw ProgramError(.notInitialized, "the global config is not set: run set_global_config first")
        }
        return value
    }

    /// Whether the signer is a foundation member.
    public var signerIsFoundation: Bool { state.globalState?.isFoundation(signer) ?? false }

    /// Fails with `NotAllowed` unless the signer is a foundation member.
    public func requireFoundation(_ action: @autoclosure () -> String) throws(ProgramError) {
        let global = try globalState()
        guard global.isFoundation(signer) else {
            throw ProgramError(
                .notAllowed, "\(action()) needs a foundation key; \(signer) is not on the foundation allowlist")
        }
    }

    /// Fails with `NotAllowed` unless the signer is the activator authority.
    public func requireActivator(_ action: @autoclosure () -> String) throws(ProgramError) {
        let global = try globalState()
        guard global.activatorAuthority == signer else {
            throw ProgramError(
                .notAllowed, "\(action()) needs the activator key \(global.activatorAuthority); signed by \(signer)")
        }
    }

    /// Takes the next account index (bumping the global counter) for a new indexed entity.
    public mutating func nextAccountIndex() throws(ProgramError) -> UInt64 {
        var global = try globalState()
        global.accountIndex += 1
        try write(.globalState(global))
        return global.accountIndex
    }

    /// Fails with `AccountAlreadyInitialized` if an entity of `kind` other than `except` uses `code`
    /// (codes are compared case-insensitively).
    public func requireUniqueCode(_ code: String, among kind: EntityKind, except: PublicKey? = nil) throws(ProgramError)
    {
        let lower = code.lowercased()
        for entity in state.entities(of: kind) where entity.pubkey != except {
            if entity.code?.lowercased() == lower {
                throw ProgramError(
                    .accountAlreadyInitialized,
                    "a \(kind.rawValue) with code '\(code)' already exists (\(entity.pubkey))",
                    field: "code")
            }
        }
    }

    /// Fails with `AccountAlreadyInitialized` if `ref` already exists.
    public func requireAbsent(_ ref: EntityRef) throws(ProgramError) {
        if state.entity(ref) != nil {
            throw ProgramError(.accountAlreadyInitialized, "\(ref) already exists")
        }
    }

    /// The location at `key`; `InvalidLocationPubkey` if there is none.
    public func location(_ key: PublicKey) throws(ProgramError) -> Location {
        guard let value = state.locations[key] else {
            throw ProgramError(.invalidLocationPubkey, "no location \(key)", field: "location_pk")
        }
        return value
    }

    /// The exchange at `key`; `InvalidExchangePubkey` if there is none.
    public func exchange(_ key: PublicKey) throws(ProgramError) -> Exchange {
        guard let value = state.exchanges[key] else {
            throw ProgramError(.invalidExchangePubkey, "no exchange \(key)", field: "exchange_pk")
        }
        return value
    }

    /// The contributor at `key`; `InvalidContributorPubkey` if there is none.
    public func contributor(_ key: PublicKey) throws(ProgramError) -> Contributor {
        guard let value = state.contributors[key] else {
            throw ProgramError(.invalidContributorPubkey, "no contributor \(key)", field: "contributor_pk")
        }
        return value
    }

    /// The device at `key`; `InvalidDevicePubkey` if there is none.
    public func device(_ key: PublicKey, field: String = "device_pk") throws(ProgramError) -> Device {
        guard let value = state.devices[key] else {
            throw ProgramError(.invalidDevicePubkey, "no device \(key)", field: field)
        }
        return value
    }

    /// The link at `key`; `AccountNotFound` if there is none.
    public func link(_ key: PublicKey) throws(ProgramError) -> Link {
        guard let value = state.links[key] else {
            throw ProgramError(.accountNotFound, "no link \(key)", field: "pubkey")
        }
        return value
    }

    /// The user at `key`; `UserAccountNotFound` if there is none.
    public func user(_ key: PublicKey) throws(ProgramError) -> User {
        guard let value = state.users[key] else {
            throw ProgramError(.userAccountNotFound, "no user \(key)", field: "pubkey")
        }
        return value
    }

    /// The multicast group at `key`; `AccountNotFound` if there is none.
    public func multicastGroup(_ key: PublicKey) throws(ProgramError) -> MulticastGroup {
        guard let value = state.multicastGroups[key] else {
            throw ProgramError(.accountNotFound, "no multicast group \(key)", field: "group_pk")
        }
        return value
    }

    /// Fails with `NotAllowed` unless the signer owns `contributor` or is a foundation member.
    public func requireContributorOwnerOrFoundation(
        _ contributor: Contributor, _ action: @autoclosure () -> String
    ) throws(ProgramError) {
        guard contributor.owner == signer || signerIsFoundation else {
            throw ProgramError(
                .notAllowed,
                "\(action()) needs the owner of contributor \(contributor.code) (\(contributor.owner)) or a foundation key; signed by \(signer)"
            )
        }
    }
}

extension Entity {
    /// The entity's code, for kinds that have one.
    public var code: String? {
        switch self {
        case .location(let value): value.code
        case .exchange(let value): value.code
        case .contributor(let value): value.code
        case .device(let value): value.code
        case .link(let value): value.code
        case .multicastGroup(let value): value.code
        case .globalState, .globalConfig, .user, .accessPass: nil
        }
    }
}
