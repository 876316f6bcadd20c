import ArgumentParser
import CommandLineSupport

/// `doublezero-device-agent`: a Linux software device driven by the controller.
@main
struct DeviceAgentCommand: AppRootCommand {
    static let configuration = CommandConfiguration(
        commandName: "doublezero-device-agent",
        abstract: "Run a DoubleZero device on Linux: FRR and the user tunnels, as the controller says.",
        discussion: """
            Run inside the device's network namespace (`ip netns exec NS doublezero-device-agent run …`). \
            The agent starts FRR (zebra, staticd, bgpd, pimd from Debian `frr`) with every file in its own \
            directory, follows the controller's FRR rendering and device model for the device (long-polls: \
            a change arrives as soon as the controller has it), builds the device ends of the user GRE \
            tunnels (userspace GRE where the kernel has no GRE module), applies the FRR text with \
            frr-reload.py (sessions whose lines did not change are not touched) and restarts any FRR daemon \
            that exits. The device's links are interfaces named as the ledger names them; the agent does \
            not create them.

            \(ExitCode.summary)
            """,
        subcommands: [RunDeviceAgent.self]
    )
}
