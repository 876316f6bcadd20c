import AppTestSupport
import Foundation

/// One FRR daemon (zebra, bgpd, staticd or pimd) running in a network namespace, with every
/// file of its own in the device's directory: config `NAME.conf`, pid file `NAME.pid`, vty socket
/// `NAME.vty` (`--vty_socket`), zebra's API socket `zserv.api` (`-z`), log `NAME.log`.
///
/// Started in the foreground under `env --default-signal ip netns exec` (both exec, so the process
/// is the daemon itself) through AppTestSupport's ``BackgroundApp``, as root with the `frrvty`
/// group (`-u root -g frrvty`: FRR refuses a user outside its vty group), no TCP vty (`-P 0`).
///
/// `env --default-signal` unblocks every signal and restores its default action: a child of the
/// test process inherits a signal mask with SIGTERM and SIGINT blocked (`SigBlk` of anything
/// `Process` starts there), and FRR waits for signals with that mask, so without it SIGTERM
/// never arrives and every stop would wait for SIGKILL.
/// `@unchecked Sendable`: every stored property is a constant, and ``BackgroundApp`` only
/// signals and waits for its process and reads its files.
final class FRRDaemon: @unchecked Sendable {
    /// Where Debian installs the daemons.
    static let directory = "/usr/lib/frr"

    /// The daemon's name (`zebra`, `bgpd`, …).
    let name: String
    /// Its process.
    let app: BackgroundApp
    private let logPath: String

    /// Starts `name` in `namespace` with its files in `directory`.
    init(_ name: String, namespace: String, directory: URL, extraArguments: [String] = [])
        throws(FRRDeviceError)
    {
        self.name = name
        let path = { (file: String) in directory.appendingPathComponent(file).path }
        logPath = path("\(name).log")
        let arguments =
            [
                "--default-signal", "ip", "netns", "exec", namespace, "\(Self.directory)/\(name)", "-u", "root", "-g",
                "frrvty", "-P", "0",
                "-f", path("\(name).conf"), "-i", path("\(name).pid"), "-z", path("zserv.api"),
                "--vty_socket", directory.path, "--log", "file:\(logPath)",
            ] + extraArguments
        do {
            app = try BackgroundApp(
                executable: URL(fileURLWithPath: "/usr/bin/env"), arguments, label: name, in: directory)
        } catch {
            throw .cannotRun(command: "ip netns exec \(namespace) \(name)", reason: "\(error)")
        }
    }

    /// The daemon's process id.
    var processIdentifier: Int32 { app.process.processIdentifier }

    /// Whether it is still running.
    var isRunning: Bool { app.process.isRunning }

    /// What it wrote to its log, standard output and standard error.
    var log: String {
        let file = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return file + app.standardOutput + app.standardError
    }

    /// SIGTERM, then SIGKILL after `timeout`; removes the crash-log directory FRR keeps in
    /// `/var/tmp/frr/NAME.PID` while it runs (it removes it itself on a clean exit).
    func stop(timeout: Duration = .seconds(5)) async {
        let pid = processIdentifier
        _ = await app.stop(signal: SIGTERM, timeout: timeout)
        try? FileManager.default.removeItem(atPath: "/var/tmp/frr/\(name).\(pid)")
    }
}
