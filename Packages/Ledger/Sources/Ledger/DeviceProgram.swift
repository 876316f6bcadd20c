import Models

/// Device instructions (not written yet).
enum DeviceProgram {
    static func createDevice(_ args: CreateDeviceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "createDevice is not implemented yet")
    }

    static func updateDevice(_ args: UpdateDeviceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "updateDevice is not implemented yet")
    }

    static func deleteDevice(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "deleteDevice is not implemented yet")
    }

    static func activateDevice(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "activateDevice is not implemented yet")
    }

    static func rejectDevice(_ args: RejectArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "rejectDevice is not implemented yet")
    }

    static func closeDevice(_ args: PubkeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "closeDevice is not implemented yet")
    }

}
