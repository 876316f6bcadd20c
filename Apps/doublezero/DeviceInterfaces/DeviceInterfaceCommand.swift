import ArgumentParser

/// `doublezero device interface`: the interfaces of devices.
struct DeviceInterfaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interface",
        abstract: "Manage device interfaces: loopbacks, link ports and user-access (CYOA/DIA) ports.",
        discussion: """
            Links bind to physical interfaces; users reach a device on its public IP or on a \
            `--user-tunnel-endpoint` loopback. VPNv4 and IPv4 loopbacks start Pending until the activator \
            allocates their address. Deleting marks an interface for removal.
            """,
        subcommands: [
            CreateDeviceInterface.self, UpdateDeviceInterface.self, DeleteDeviceInterface.self,
            ListDeviceInterfaces.self, GetDeviceInterface.self,
        ]
    )
}
