import Models

/// Global state and config instructions.
enum GlobalProgram {
    /// Creates the global state with the signer in every role. Only the genesis foundation key
    /// may sign it, once: a served ledger cannot be claimed by its first caller, and a second
    /// `init_global_state` is refused (`AccountAlreadyInitialized`) instead of appended.
    static func initGlobalState(in context: inout ExecutionContext) throws(ProgramError) {
        guard context.state.globalState == nil else {
            throw ProgramError(.accountAlreadyInitialized, "the ledger's global state is already initialised")
        }
        guard let genesis = context.state.genesis else {
            throw ProgramError(
                .notInitialized, "the ledger has no genesis: create it with `doublezero-ledger init --foundation KEY`")
        }
        guard context.signer == genesis.foundation else {
            throw ProgramError(
                .notAllowed,
                "init_global_state must be signed by the ledger's genesis foundation key \(genesis.foundation); signed by \(context.signer)"
            )
        }
        try context.write(.globalState(GlobalState(initializer: context.signer)))
    }

    static func setAuthority(_ args: SetAuthorityArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("set_authority")
        var global = try context.globalState()
        if let key = args.activatorAuthority { global.activatorAuthority = key }
        if let key = args.sentinelAuthority { global.sentinelAuthority = key }
        try context.write(.globalState(global))
    }

    static func addFoundationAllowlist(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("add_foundation_allowlist")
        var global = try context.globalState()
        guard !global.foundationAllowlist.contains(args.pubkey) else {
            throw ProgramError(.invalidArgument, "\(args.pubkey) is already a foundation member", field: "pubkey")
        }
        global.foundationAllowlist.append(args.pubkey)
        try context.write(.globalState(global))
    }

    static func removeFoundationAllowlist(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("remove_foundation_allowlist")
        var global = try context.globalState()
        guard args.pubkey != context.signer else {
            throw ProgramError(.invalidFoundationAllowlist, "a foundation member cannot remove itself", field: "pubkey")
        }
        guard let position = global.foundationAllowlist.firstIndex(of: args.pubkey) else {
            throw ProgramError(.invalidArgument, "\(args.pubkey) is not a foundation member", field: "pubkey")
        }
        global.foundationAllowlist.remove(at: position)
        try context.write(.globalState(global))
    }

    static func addQaAllowlist(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("add_qa_allowlist")
        var global = try context.globalState()
        guard !global.qaAllowlist.contains(args.pubkey) else {
            throw ProgramError(.invalidArgument, "\(args.pubkey) is already on the QA allowlist", field: "pubkey")
        }
        global.qaAllowlist.append(args.pubkey)
        try context.write(.globalState(global))
    }

    static func removeQaAllowlist(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("remove_qa_allowlist")
        var global = try context.globalState()
        guard let position = global.qaAllowlist.firstIndex(of: args.pubkey) else {
            throw ProgramError(.invalidArgument, "\(args.pubkey) is not on the QA allowlist", field: "pubkey")
        }
        global.qaAllowlist.remove(at: position)
        try context.write(.globalState(global))
    }

    /// First call creates the config; later calls may not change the three blocks, may only add
    /// publisher blocks, and may move `next_bgp_community` and `max_interfaces_per_device`
    /// (each kept when absent; the interface limit is 128 until one is set).
    static func setGlobalConfig(_ args: SetGlobalConfigArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("set_global_config")
        guard var config = context.state.globalConfig else {
            let config = GlobalConfig(
                localAsn: args.localAsn, remoteAsn: args.remoteAsn, deviceTunnelBlock: args.deviceTunnelBlock,
                userTunnelBlock: args.userTunnelBlock, multicastGroupBlock: args.multicastGroupBlock,
                multicastPublisherBlocks: args.multicastPublisherBlocks ?? [
                    GlobalConfig.defaultMulticastPublisherBlock
                ],
                nextBgpCommunity: args.nextBgpCommunity ?? Exchange.bgpCommunityRange.lowerBound,
                maxInterfacesPerDevice: args.maxInterfacesPerDevice)
            try context.write(.globalConfig(config))
            return
        }
        let immutable: [(String, IPv4Prefix, IPv4Prefix)] = [
            ("device_tunnel_block", config.deviceTunnelBlock, args.deviceTunnelBlock),
            ("user_tunnel_block", config.userTunnelBlock, args.userTunnelBlock),
            ("multicastgroup_block", config.multicastGroupBlock, args.multicastGroupBlock),
        ]
        for (field, current, requested) in immutable where current != requested {
            throw ProgramError(
                .immutableField, "\(field) is \(current) and cannot change (asked for \(requested))", field: field)
        }
        if let blocks = args.multicastPublisherBlocks {
            if let dropped = config.multicastPublisherBlocks.first(where: { !blocks.contains($0) }) {
                throw ProgramError(
                    .immutableField, "multicast publisher block \(dropped) cannot be removed",
                    field: "multicast_publisher_blocks")
            }
            config.multicastPublisherBlocks = blocks
        }
        config.localAsn = args.localAsn
        config.remoteAsn = args.remoteAsn
        if let next = args.nextBgpCommunity { config.nextBgpCommunity = next }
        if let max = args.maxInterfacesPerDevice { config.maxInterfacesPerDevice = max }
        try context.write(.globalConfig(config))
    }

    static func addMulticastPublisherBlock(_ args: PrefixArgs, in context: inout ExecutionContext) throws(ProgramError)
    {
        try context.requireFoundation("add_multicast_publisher_block")
        var config = try context.globalConfig()
        guard !config.multicastPublisherBlocks.contains(args.prefix) else {
            throw ProgramError(
                .invalidArgument, "\(args.prefix) is already a multicast publisher block", field: "prefix")
        }
        config.multicastPublisherBlocks.append(args.prefix)
        try context.write(.globalConfig(config))
    }

    static func setEpoch(_ args: SetEpochArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("set_epoch")
        var global = try context.globalState()
        guard args.epoch >= global.epoch else {
            throw ProgramError(
                .invalidArgument, "the epoch only moves forward (now \(global.epoch), asked for \(args.epoch))",
                field: "epoch")
        }
        global.epoch = args.epoch
        try context.write(.globalState(global))
    }
}
