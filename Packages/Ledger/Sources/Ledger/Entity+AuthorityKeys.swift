import Models

extension Entity {
    /// The keys this entity gives some authority to (owners, service authorities, allowlists,
    /// telemetry signers), each with the snake_case field that holds it.
    public var authorityKeys: [(field: String, key: PublicKey)] {
        switch self {
        case .globalState(let state):
            state.foundationAllowlist.map { ("foundation_allowlist", $0) }
                + [("activator_authority", state.activatorAuthority), ("sentinel_authority", state.sentinelAuthority)]
                + state.qaAllowlist.map { ("qa_allowlist", $0) }
        case .globalConfig: []
        case .location(let location): [("owner", location.owner)]
        case .exchange(let exchange): [("owner", exchange.owner)]
        case .contributor(let contributor):
            [("owner", contributor.owner)] + (contributor.opsManager.map { [("ops_manager_pk", $0)] } ?? [])
        case .device(let device):
            [("owner", device.owner)] + (device.metricsPublisher.map { [("metrics_publisher_pk", $0)] } ?? [])
        case .link(let link): [("owner", link.owner)]
        case .user(let user): [("owner", user.owner)]
        case .multicastGroup(let group):
            [("owner", group.owner)] + group.publisherAllowlist.map { ("pub_allowlist", $0) }
                + group.subscriberAllowlist.map { ("sub_allowlist", $0) }
        case .accessPass(let pass): [("owner", pass.owner), ("user_payer", pass.userPayer)]
        }
    }

    /// Fails unless every key in ``authorityKeys`` is one that can sign: the all-zero key (which
    /// stands for no key) and weak keys (``StrictEd25519/isStrongKey(_:)``) never hold authority.
    ///
    /// - Throws: ``ProgramError`` with `InvalidArgument` naming the field.
    func requireAuthorityKeysCanSign() throws(ProgramError) {
        for (field, key) in authorityKeys where !StrictEd25519.isStrongKey(key) {
            let what = "\(kind.rawValue) \(field)"
            if key.isZero {
                throw ProgramError(
                    .invalidArgument,
                    "\(what) is the all-zero key \(key), which no one holds; an unset key is left out, never zero",
                    field: field)
            }
            throw ProgramError(
                .invalidArgument,
                "\(what) \(key) is a weak Ed25519 key (small order or not canonical) that signatures can be forged for",
                field: field)
        }
    }
}
