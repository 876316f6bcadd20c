import Models

/// AccessPass instructions (not written yet).
enum AccessPassProgram {
    static func setAccessPass(_ args: SetAccessPassArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "setAccessPass is not implemented yet")
    }

    static func closeAccessPass(_ args: AccessPassKeyArgs, in context: inout ExecutionContext) throws(ProgramError) {
        throw ProgramError(.unknownInstruction, "closeAccessPass is not implemented yet")
    }

}
