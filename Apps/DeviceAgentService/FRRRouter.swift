import Foundation
import Logging
import Subprocess
import Synchronization

/// FRR in the agent's network namespace: zebra, staticd, bgpd and pimd, each kept running (restarted
/// when it exits, however it exits), with every file of theirs in the agent's `frr/` directory —
/// config `NAME.conf`, pid file, vty sockets, zebra's API socket `zserv.api`, log `NAME.log` —
/// so nothing under `/etc/frr` is read and the system FRR service is not involved.
///
/// The daemons start with an empty configuration; the controller's text is applied with
/// `frr-reload.py --reload`, which changes only what differs from the running configuration, so
/// sessions whose lines did not change are not touched. A daemon that exits is restarted after a
/// short pause and ``restarts`` yields its name: the agent then applies the text again.
final class FRRRouter: Sendable {
    /// How long one daemon may take to stop on SIGTERM before SIGKILL.
    static let stopGrace: Duration = .seconds(5)

    private struct State {
        var processIDs: [String: Int32] = [:]
        var supervisors: [Task<Void, Never>] = []
        var restartCount = 0
        var stopping = false
    }

    private let configuration: DeviceAgentConfiguration
    private let logger: Logger
    private let state = Mutex(State())
    private let restartContinuation: AsyncStream<String>.Continuation

    /// The names of daemons restarted after they exited, as it happens.
    let restarts: AsyncStream<String>

    /// FRR for `configuration` (nothing started yet).
    init(configuration: DeviceAgentConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        (restarts, restartContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(16))
    }

    private var directory: URL { configuration.frrDirectory }

    /// How many times a daemon was restarted.
    var restartCount: Int { state.withLock(\.restartCount) }

    /// The running daemons' process ids, by name.
    var processIDs: [String: Int32] { state.withLock(\.processIDs) }

    /// Checks the tools, writes the empty configs and starts every daemon, then waits up to
    /// `timeout` until zebra lists the others as its clients.
    ///
    /// - Throws: ``DeviceAgentError``; whatever was started is stopped again first.
    func start(timeout: Duration = .seconds(30)) async throws(DeviceAgentError) {
        for path in configuration.daemons.map({ "\(configuration.frrDaemonDirectory)/\($0)" })
            + ["/usr/bin/vtysh", configuration.reloadScript]
        where !FileManager.default.isExecutableFile(atPath: path) {
            throw .cannotRun(command: path, reason: "not installed (Debian packages frr and frr-pythontools)")
        }
        do {
            try? FileManager.default.removeItem(at: directory)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try "".write(to: directory.appendingPathComponent("vtysh.conf"), atomically: true, encoding: .utf8)
            for daemon in configuration.daemons {
                try "frr defaults traditional\n".write(
                    to: directory.appendingPathComponent("\(daemon).conf"), atomically: true, encoding: .utf8)
            }
        } catch {
            throw .cannotWrite(path: directory.path, reason: "\(error)")
        }
        for daemon in configuration.daemons { supervise(daemon) }
        do {
            try await waitUntilReady(timeout: timeout)
        } catch {
            await stop()
            throw error
        }
    }

    /// Waits until zebra's API socket exists and zebra lists every other daemon as a client.
    func waitUntilReady(timeout: Duration) async throws(DeviceAgentError) {
        let deadline = ContinuousClock.now + timeout
        let clients = configuration.daemons.filter { $0 != "zebra" }.map { String($0.dropLast()) }  // bgpd → bgp
        var last = ""
        while ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("zserv.api").path),
                let summary = try? await vtysh(["show zebra client summary"], daemon: "zebra")
            {
                last = summary
                if clients.allSatisfy({ summary.contains($0) }) { return }
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        throw .frrNotReady(reason: "zebra does not list \(clients) as clients after \(timeout): \(last.prefix(500))")
    }

    /// Stops every daemon (SIGTERM, SIGKILL after 5 s) and stops restarting them.
    func stop() async {
        let supervisors = state.withLock { state -> [Task<Void, Never>] in
            state.stopping = true
            return state.supervisors
        }
        for supervisor in supervisors { supervisor.cancel() }
        for supervisor in supervisors { await supervisor.value }
        restartContinuation.finish()
    }

    /// Applies `text` (a whole FRR configuration) with `frr-reload.py --reload`, keeping a copy as
    /// `applied.conf`.
    ///
    /// - Throws: ``DeviceAgentError/commandFailed(command:status:output:)`` when FRR refuses it.
    func apply(_ text: String) async throws(DeviceAgentError) {
        let file = directory.appendingPathComponent("applied.conf")
        do {
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw .cannotWrite(path: file.path, reason: "\(error)")
        }
        try await ToolRun.succeeding(
            configuration.reloadScript,
            [
                "--reload", "--stdout", "--bindir", "/usr/bin", "--confdir", directory.path, "--rundir",
                directory.path, "--vty_socket", directory.path, file.path,
            ], timeout: .seconds(120))
    }

    /// Runs `commands` in one `vtysh` session, on `daemon` only when given.
    @discardableResult
    func vtysh(_ commands: [String], daemon: String? = nil) async throws(DeviceAgentError) -> String {
        var arguments = ["--vty_socket", directory.path, "--config_dir", directory.path]
        if let daemon { arguments += ["-d", daemon] }
        for command in commands { arguments += ["-c", command] }
        return try await ToolRun.succeeding("vtysh", arguments, timeout: .seconds(30))
    }

    // MARK: - Supervision

    /// Starts `name` and keeps it running until ``stop()``.
    private func supervise(_ name: String) {
        let task = Task { [self] in
            var pause = Duration.milliseconds(200)
            while !Task.isCancelled {
                let started = ContinuousClock.now
                let outcome = await runOnce(name)
                state.withLock { _ = $0.processIDs.removeValue(forKey: name) }
                if Task.isCancelled || state.withLock(\.stopping) { break }
                logger.warning(
                    "FRR daemon exited; restarting it",
                    metadata: ["daemon": "\(name)", "outcome": "\(outcome)", "log": "\(directory.path)/\(name).log"])
                // Back off when it dies at once, so a daemon that cannot start does not spin.
                pause = ContinuousClock.now - started > .seconds(10) ? .milliseconds(200) : min(pause * 2, .seconds(5))
                try? await Task.sleep(for: pause)
                if Task.isCancelled { break }
                state.withLock { $0.restartCount += 1 }
                restartContinuation.yield(name)
            }
        }
        state.withLock { $0.supervisors.append(task) }
    }

    /// Runs `name` until it exits (or the task is cancelled: SIGTERM, then SIGKILL) and says how it ended.
    private func runOnce(_ name: String) async -> String {
        let path = { (file: String) in self.directory.appendingPathComponent(file).path }
        var arguments = [
            "--default-signal", "\(configuration.frrDaemonDirectory)/\(name)", "-u", "root", "-g", "frrvty", "-P", "0",
            "-f", path("\(name).conf"), "-i", path("\(name).pid"), "-z", path("zserv.api"), "--vty_socket",
            directory.path, "--log", "file:\(path("\(name).log"))",
        ]
        if name == "bgpd" { arguments += ["-p", "179"] }
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: Self.stopGrace)]
        do {
            let result = try await Subprocess.run(
                .name("env"), arguments: Arguments(arguments), platformOptions: options, input: .none,
                output: .discarded, error: .discarded
            ) { execution in
                let pid = execution.processIdentifier.value
                self.state.withLock { $0.processIDs[name] = pid }
                self.logger.debug("FRR daemon started", metadata: ["daemon": "\(name)", "pid": "\(pid)"])
            }
            return "\(result.terminationStatus)"
        } catch {
            try? await Task.sleep(for: .milliseconds(200))
            return "could not run: \(error)"
        }
    }
}
