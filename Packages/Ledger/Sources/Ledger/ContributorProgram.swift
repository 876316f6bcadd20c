import Models

/// Contributor instructions (foundation; the owner may change only the operations manager).
enum ContributorProgram {
    static func createContributor(_ args: CreateContributorArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        try context.requireFoundation("create_contributor")
        try context.requireUniqueCode(args.code, among: .contributor)
        let index = try context.nextAccountIndex()
        let contributor = Contributor(
            pubkey: EntitySeed.contributor(index: index).publicKey, owner: args.owner, index: index, code: args.code)
        try context.write(.contributor(contributor))
    }

    static func updateContributor(_ args: UpdateContributorArgs, in context: inout ExecutionContext)
        throws(ProgramError)
    {
        var contributor = try context.contributor(args.pubkey)
        let onlyOpsManager = args.code == nil && args.owner == nil && args.opsManager != nil
        if !(onlyOpsManager && contributor.owner == context.signer) {
            try context.requireFoundation("update_contributor")
        }
        if let code = args.code {
            try context.requireUniqueCode(code, among: .contributor, except: contributor.pubkey)
            contributor.code = code
        }
        if let owner = args.owner { contributor.owner = owner }
        if let opsManager = args.opsManager { contributor.opsManager = opsManager.isZero ? nil : opsManager }
        try context.write(.contributor(contributor))
    }

    static func suspendContributor(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try InfrastructureProgram.suspend(Contributor.self, args.pubkey, in: &context)
    }

    static func resumeContributor(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try InfrastructureProgram.resume(Contributor.self, args.pubkey, in: &context)
    }

    static func deleteContributor(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        try InfrastructureProgram.delete(Contributor.self, args.pubkey, in: &context)
    }
}
