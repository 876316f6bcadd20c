import Models

/// Look-ups and authorization shared by the device, interface and link instructions.
extension ExecutionContext {
    /// Fails with `NotAllowed` unless the signer owns the device's contributor or is a
    /// foundation member.
    func requireDeviceManager(_ device: Device, _ action: @autoclosure () -> String) throws(ProgramError) {
        let contributor = try contributor(device.contributor)
        try requireContributorOwnerOrFoundation(contributor, "\(action()) on device \(device.code)")
    }

    /// The position in `device.interfaces` of the interface called `name` (normalised first).
    ///
    /// - Parameters:
    ///   - missing: the code to fail with when the device has no such interface
    ///     (`InterfaceNotFound` for interface instructions, `InvalidInterfaceName` for links, as upstream).
    ///   - field: the argument the name came from.
    func interfaceIndex(
        on device: Device, named name: String, missing: ErrorCode = .interfaceNotFound, field: String = "name"
    ) throws(ProgramError) -> Int {
        let normalized = try InterfaceName.normalize(name, field: field)
        guard let index = device.interfaces.firstIndex(where: { $0.name == normalized }) else {
            throw ProgramError(missing, "device \(device.code) has no interface \(normalized)", field: field)
        }
        return index
    }
}
