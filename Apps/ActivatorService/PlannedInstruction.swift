import Allocator
import Models

/// One instruction the activator means to submit, with what it took from the pools for it.
public struct PlannedInstruction: Hashable, Sendable {
    /// What it acts on.
    public var target: ActivationTarget
    /// The instruction (activate, reject, close or remove).
    public var instruction: Instruction
    /// The pool values taken for it; given back if the ledger refuses it.
    public var acquired: [ResourceUsage]

    /// Creates a planned instruction.
    public init(target: ActivationTarget, instruction: Instruction, acquired: [ResourceUsage] = []) {
        self.target = target
        self.instruction = instruction
        self.acquired = acquired
    }

    /// Whether the instruction hands out an allocation (the ones the ledger checks against its pools).
    public var isActivation: Bool {
        switch instruction {
        case .activateDevice, .activateDeviceInterface, .activateLink, .activateUser, .activateMulticastGroup: true
        default: false
        }
    }
}
