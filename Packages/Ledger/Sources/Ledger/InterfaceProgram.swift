import Models

/// Interface instructions (not written yet).
enum InterfaceProgram {
    static func createDeviceInterface(_ args: CreateDeviceInterfaceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "createDeviceInterface is not implemented yet")
    }

    static func updateDeviceInterface(_ args: UpdateDeviceInterfaceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "updateDeviceInterface is not implemented yet")
    }

    static func deleteDeviceInterface(_ args: InterfaceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "deleteDeviceInterface is not implemented yet")
    }

    static func activateDeviceInterface(_ args: ActivateDeviceInterfaceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "activateDeviceInterface is not implemented yet")
    }

    static func rejectDeviceInterface(_ args: RejectDeviceInterfaceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "rejectDeviceInterface is not implemented yet")
    }

    static func removeDeviceInterface(_ args: InterfaceArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "removeDeviceInterface is not implemented yet")
    }

}
