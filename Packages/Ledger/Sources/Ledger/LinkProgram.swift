import Models

/// Link instructions (not written yet).
enum LinkProgram {
    static func createLink(_ args: CreateLinkArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "createLink is not implemented yet")
    }

    static func acceptLink(_ args: AcceptLinkArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "acceptLink is not implemented yet")
    }

    static func updateLink(_ args: UpdateLinkArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "updateLink is not implemented yet")
    }

    static func deleteLink(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "deleteLink is not implemented yet")
    }

    static func activateLink(_ args: ActivateLinkArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "activateLink is not implemented yet")
    }

    static func rejectLink(_ args: RejectArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "rejectLink is not implemented yet")
    }

    static func closeLink(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "closeLink is not implemented yet")
    }

}
