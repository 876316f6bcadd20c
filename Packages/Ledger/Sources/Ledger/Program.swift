import Models

/// The ledger program: applies one instruction to the state, checking authority and rules.
///
/// Each family of instructions lives in its own file (`GlobalProgram`, `DeviceProgram`, ...);
/// this is only the dispatch.
public enum Program {
    /// Applies `instruction` within `context`.
    ///
    /// - Throws: ``ProgramError`` if the signer lacks authority or a rule is broken; the caller
    ///   rolls the context back.
    public static func execute(_ instruction: Instruction, in context: inout ExecutionContext) throws(ProgramError) {
        switch instruction {
        case .initGlobalState: try GlobalProgram.initGlobalState(in: &context)
        case .setAuthority(let args): try GlobalProgram.setAuthority(args, in: &context)
        case .addFoundationAllowlist(let args): try GlobalProgram.addFoundationAllowlist(args, in: &context)
        case .removeFoundationAllowlist(let args): try GlobalProgram.removeFoundationAllowlist(args, in: &context)
        case .addQaAllowlist(let args): try GlobalProgram.addQaAllowlist(args, in: &context)
        case .removeQaAllowlist(let args): try GlobalProgram.removeQaAllowlist(args, in: &context)
        case .setGlobalConfig(let args): try GlobalProgram.setGlobalConfig(args, in: &context)
        case .addMulticastPublisherBlock(let args): try GlobalProgram.addMulticastPublisherBlock(args, in: &context)
        case .setEpoch(let args): try GlobalProgram.setEpoch(args, in: &context)
        case .createLocation(let args): try LocationProgram.createLocation(args, in: &context)
        case .updateLocation(let args): try LocationProgram.updateLocation(args, in: &context)
        case .suspendLocation(let args): try LocationProgram.suspendLocation(args, in: &context)
        case .resumeLocation(let args): try LocationProgram.resumeLocation(args, in: &context)
        case .deleteLocation(let args): try LocationProgram.deleteLocation(args, in: &context)
        case .createExchange(let args): try ExchangeProgram.createExchange(args, in: &context)
        case .updateExchange(let args): try ExchangeProgram.updateExchange(args, in: &context)
        case .suspendExchange(let args): try ExchangeProgram.suspendExchange(args, in: &context)
        case .resumeExchange(let args): try ExchangeProgram.resumeExchange(args, in: &context)
        case .deleteExchange(let args): try ExchangeProgram.deleteExchange(args, in: &context)
        case .createContributor(let args): try ContributorProgram.createContributor(args, in: &context)
        case .updateContributor(let args): try ContributorProgram.updateContributor(args, in: &context)
        case .suspendContributor(let args): try ContributorProgram.suspendContributor(args, in: &context)
        case .resumeContributor(let args): try ContributorProgram.resumeContributor(args, in: &context)
        case .deleteContributor(let args): try ContributorProgram.deleteContributor(args, in: &context)
        case .createDevice(let args): try DeviceProgram.createDevice(args, in: &context)
        case .updateDevice(let args): try DeviceProgram.updateDevice(args, in: &context)
        case .deleteDevice(let args): try DeviceProgram.deleteDevice(args, in: &context)
        case .activateDevice(let args): try DeviceProgram.activateDevice(args, in: &context)
        case .rejectDevice(let args): try DeviceProgram.rejectDevice(args, in: &context)
        case .closeDevice(let args): try DeviceProgram.closeDevice(args, in: &context)
        case .createDeviceInterface(let args): try InterfaceProgram.createDeviceInterface(args, in: &context)
        case .updateDeviceInterface(let args): try InterfaceProgram.updateDeviceInterface(args, in: &context)
        case .deleteDeviceInterface(let args): try InterfaceProgram.deleteDeviceInterface(args, in: &context)
        case .activateDeviceInterface(let args): try InterfaceProgram.activateDeviceInterface(args, in: &context)
        case .rejectDeviceInterface(let args): try InterfaceProgram.rejectDeviceInterface(args, in: &context)
        case .removeDeviceInterface(let args): try InterfaceProgram.removeDeviceInterface(args, in: &context)
        case .createLink(let args): try LinkProgram.createLink(args, in: &context)
        case .acceptLink(let args): try LinkProgram.acceptLink(args, in: &context)
        case .declineLink(let args): try LinkProgram.declineLink(args, in: &context)
        case .updateLink(let args): try LinkProgram.updateLink(args, in: &context)
        case .deleteLink(let args): try LinkProgram.deleteLink(args, in: &context)
        case .activateLink(let args): try LinkProgram.activateLink(args, in: &context)
        case .rejectLink(let args): try LinkProgram.rejectLink(args, in: &context)
        case .closeLink(let args): try LinkProgram.closeLink(args, in: &context)
        case .createUser(let args): try UserProgram.createUser(args, in: &context)
        case .createSubscribeUser(let args): try UserProgram.createSubscribeUser(args, in: &context)
        case .updateMulticastRoles(let args): try UserProgram.updateMulticastRoles(args, in: &context)
        case .deleteUser(let args): try UserProgram.deleteUser(args, in: &context)
        case .requestBanUser(let args): try UserProgram.requestBanUser(args, in: &context)
        case .activateUser(let args): try UserProgram.activateUser(args, in: &context)
        case .rejectUser(let args): try UserProgram.rejectUser(args, in: &context)
        case .closeUser(let args): try UserProgram.closeUser(args, in: &context)
        case .createMulticastGroup(let args): try MulticastGroupProgram.createMulticastGroup(args, in: &context)
        case .updateMulticastGroup(let args): try MulticastGroupProgram.updateMulticastGroup(args, in: &context)
        case .suspendMulticastGroup(let args): try MulticastGroupProgram.suspendMulticastGroup(args, in: &context)
        case .reactivateMulticastGroup(let args): try MulticastGroupProgram.reactivateMulticastGroup(args, in: &context)
        case .deleteMulticastGroup(let args): try MulticastGroupProgram.deleteMulticastGroup(args, in: &context)
        case .activateMulticastGroup(let args): try MulticastGroupProgram.activateMulticastGroup(args, in: &context)
        case .rejectMulticastGroup(let args): try MulticastGroupProgram.rejectMulticastGroup(args, in: &context)
        case .closeMulticastGroup(let args): try MulticastGroupProgram.closeMulticastGroup(args, in: &context)
        case .addMulticastGroupPublisher(let args):
            try MulticastGroupProgram.addMulticastGroupPublisher(args, in: &context)
        case .removeMulticastGroupPublisher(let args):
            try MulticastGroupProgram.removeMulticastGroupPublisher(args, in: &context)
        case .addMulticastGroupSubscriber(let args):
            try MulticastGroupProgram.addMulticastGroupSubscriber(args, in: &context)
        case .removeMulticastGroupSubscriber(let args):
            try MulticastGroupProgram.removeMulticastGroupSubscriber(args, in: &context)
        case .setAccessPass(let args): try AccessPassProgram.setAccessPass(args, in: &context)
        case .closeAccessPass(let args): try AccessPassProgram.closeAccessPass(args, in: &context)
        }
    }
}
