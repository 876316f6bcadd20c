import Foundation

/// What a device agent runs with: the controller it follows, the device it is, and where FRR and
/// its own files live.
public struct DeviceAgentConfiguration: Sendable {
    /// The controller's base URL (`http://HOST:PORT`).
    public var controller: URL
    /// The device's code (or base58 public key), as the controller knows it.
    public var device: String
    /// The agent's directory: `status.json`, the FRR files under `frr/` (config, pid files,
    /// sockets, logs) and each applied config under `applied/`.
    public var directory: URL
    /// Where the FRR daemons are (Debian: `/usr/lib/frr`).
    public var frrDaemonDirectory: String
    /// FRR's reload script (Debian `frr-pythontools`).
    public var reloadScript: String
    /// The FRR daemons the agent runs, zebra first.
    public var daemons: [String]
    /// How long one long-poll of the controller may wait for a change.
    public var longPollWait: Duration

    /// A configuration with Debian's FRR paths, zebra, staticd, bgpd and pimd, and 30 s long-polls.
    public init(
        controller: URL, device: String, directory: URL, frrDaemonDirectory: String = "/usr/lib/frr",
        reloadScript: String = "/usr/lib/frr/frr-reload.py", daemons: [String] = ["zebra", "staticd", "bgpd", "pimd"],
        longPollWait: Duration = .seconds(30)
    ) {
        self.controller = controller
        self.device = device
        self.directory = directory
        self.frrDaemonDirectory = frrDaemonDirectory
        self.reloadScript = reloadScript
        self.daemons = daemons
        self.longPollWait = longPollWait
    }

    /// The FRR daemons' directory.
    public var frrDirectory: URL { directory.appendingPathComponent("frr", isDirectory: true) }

    /// The status file.
    public var statusFile: URL { directory.appendingPathComponent("status.json") }
}
