import ArgumentParser

/// `doublezero connect`: joins this host to DoubleZero.
struct ConnectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "Connect this host to DoubleZero (unicast or multicast).",
        discussion: """
            Checks that doublezerod runs and that your key holds an access pass for this host's IP, picks \
            the lowest-latency device with room (unless --device is given), creates the user account, \
            waits for the activator, and has doublezerod bring up the tunnel and BGP session. A host may \
            hold a unicast (doublezero0) and a multicast (doublezero1) tunnel at the same time.
            """,
        subcommands: [ConnectIBRL.self, ConnectMulticast.self]
    )
}
