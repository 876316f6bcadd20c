import ArgumentParser
import Models

/// What the foundation does to a ``SuspendableEntity``'s account: take it out of service
/// (``Suspension``) or put it back (``Resumption``). ``SuspendOrResumeEntity`` is the verb for either.
protocol LifecycleAction {
    /// The verb's name and help for accounts of `entity`.
    static func configuration<Entity: SuspendableEntity>(for entity: Entity.Type) -> CommandConfiguration
    /// The instruction that takes the action on the account of `entity` at `key`.
    static func instruction<Entity: SuspendableEntity>(for entity: Entity.Type, at key: PublicKey) -> Instruction
}

/// `suspend`: takes the account out of service.
enum Suspension: LifecycleAction {
    /// `suspend`, pointing at the verb that undoes it.
    static func configuration<Entity: SuspendableEntity>(for entity: Entity.Type) -> CommandConfiguration {
        CommandConfiguration(
            commandName: "suspend",
            abstract: "Suspend \(Entity.nounWithArticle) (foundation only).",
            discussion: "Takes it out of service until `\(Entity.resumeCommandName)`."
        )
    }

    /// The kind's suspend instruction.
    static func instruction<Entity: SuspendableEntity>(for entity: Entity.Type, at key: PublicKey) -> Instruction {
        Entity.suspendInstruction(key)
    }
}

/// `resume` (`reactivate` for multicast groups): puts a suspended account back in service.
enum Resumption: LifecycleAction {
    /// The kind's resume verb.
    static func configuration<Entity: SuspendableEntity>(for entity: Entity.Type) -> CommandConfiguration {
        CommandConfiguration(
            commandName: Entity.resumeCommandName,
            abstract: "Put a suspended \(Entity.noun) back in service (foundation only)."
        )
    }

    /// The kind's resume instruction.
    static func instruction<Entity: SuspendableEntity>(for entity: Entity.Type, at key: PublicKey) -> Instruction {
        Entity.resumeInstruction(key)
    }
}
