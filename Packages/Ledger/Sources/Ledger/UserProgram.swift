import Models

/// User instructions (not written yet).
enum UserProgram {
    static func createUser(_ args: CreateUserArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "createUser is not implemented yet")
    }

    static func createSubscribeUser(_ args: CreateSubscribeUserArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "createSubscribeUser is not implemented yet")
    }

    static func updateMulticastRoles(_ args: UpdateMulticastRolesArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "updateMulticastRoles is not implemented yet")
    }

    static func deleteUser(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "deleteUser is not implemented yet")
    }

    static func requestBanUser(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "requestBanUser is not implemented yet")
    }

    static func activateUser(_ args: ActivateUserArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "activateUser is not implemented yet")
    }

    static func rejectUser(_ args: RejectArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "rejectUser is not implemented yet")
    }

    static func closeUser(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "closeUser is not implemented yet")
    }

}
