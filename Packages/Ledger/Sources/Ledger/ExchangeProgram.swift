import Models

/// Exchange instructions (foundation only), with the RFC 6 community rules: a new exchange takes
/// `next_bgp_community` (skipping values already in use) and the counter advances; a fixed value
/// must be in 10000...10999 and unused by any other exchange.
enum ExchangeProgram {
    static func createExchange(_ args: CreateExchangeArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("create_exchange")
        try context.requireUniqueCode(args.code, among: .exchange)
        var config = try context.globalConfig()
        let used = Set(context.state.exchanges.values.map(\.bgpCommunity))
        var community = config.nextBgpCommunity
        while used.contains(community) && community <= Exchange.bgpCommunityRange.upperBound { community += 1 }
        guard Exchange.bgpCommunityRange.contains(community) else {
            throw ProgramError(
                .invalidBgpCommunity,
                "every exchange community \(Exchange.bgpCommunityRange.lowerBound)...\(Exchange.bgpCommunityRange.upperBound) is in use",
                field: "bgp_community")
        }
        config.nextBgpCommunity = community + 1
        try context.write(.globalConfig(config))
        let index = try context.nextAccountIndex()
        let exchange = Exchange(
            pubkey: EntitySeed.exchange(index: index).publicKey, owner: context.signer, index: index, code: args.code,
            name: args.name, latitude: args.latitude, longitude: args.longitude, bgpCommunity: community)
        try context.write(.exchange(exchange))
    }

    static func updateExchange(_ args: UpdateExchangeArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try context.requireFoundation("update_exchange")
        var exchange = try context.exchange(args.pubkey)
        if let code = args.code {
            try context.requireUniqueCode(code, among: .exchange, except: exchange.pubkey)
            exchange.code = code
        }
        if let name = args.name { exchange.name = name }
        if let latitude = args.latitude { exchange.latitude = latitude }
        if let longitude = args.longitude { exchange.longitude = longitude }
        if let community = args.bgpCommunity {
            try Exchange.validateBgpCommunity(community)
            if let other = context.state.exchanges.values.first(where: {
                $0.bgpCommunity == community && $0.pubkey != exchange.pubkey
            }) {
                throw ProgramError(
                    .invalidBgpCommunity, "bgp_community \(community) is already used by exchange \(other.code)",
                    field: "bgp_community")
            }
            exchange.bgpCommunity = community
        }
        try context.write(.exchange(exchange))
    }

    static func suspendExchange(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try InfrastructureProgram.suspend(Exchange.self, args.pubkey, in: &context)
    }

    static func resumeExchange(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try InfrastructureProgram.resume(Exchange.self, args.pubkey, in: &context)
    }

    static func deleteExchange(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try InfrastructureProgram.delete(Exchange.self, args.pubkey, in: &context)
    }
}
