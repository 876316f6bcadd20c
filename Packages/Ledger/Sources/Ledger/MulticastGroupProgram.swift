import Models

/// MulticastGroup instructions (not written yet).
enum MulticastGroupProgram {
    static func createMulticastGroup(_ args: CreateMulticastGroupArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "createMulticastGroup is not implemented yet")
    }

    static func updateMulticastGroup(_ args: UpdateMulticastGroupArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "updateMulticastGroup is not implemented yet")
    }

    static func suspendMulticastGroup(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "suspendMulticastGroup is not implemented yet")
    }

    static func reactivateMulticastGroup(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "reactivateMulticastGroup is not implemented yet")
    }

    static func deleteMulticastGroup(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "deleteMulticastGroup is not implemented yet")
    }

    static func activateMulticastGroup(_ args: ActivateMulticastGroupArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "activateMulticastGroup is not implemented yet")
    }

    static func rejectMulticastGroup(_ args: RejectArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "rejectMulticastGroup is not implemented yet")
    }

    static func closeMulticastGroup(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "closeMulticastGroup is not implemented yet")
    }

    static func addMulticastGroupPublisher(_ args: MulticastAllowlistArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "addMulticastGroupPublisher is not implemented yet")
    }

    static func removeMulticastGroupPublisher(_ args: MulticastAllowlistArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "removeMulticastGroupPublisher is not implemented yet")
    }

    static func addMulticastGroupSubscriber(_ args: MulticastAllowlistArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "addMulticastGroupSubscriber is not implemented yet")
    }

    static func removeMulticastGroupSubscriber(_ args: MulticastAllowlistArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "removeMulticastGroupSubscriber is not implemented yet")
    }

}
