import DaemonService
import Models

extension ConnectionContext {
    /// Upstream's step 8 of `connect`: `POST /enable`, then wait (by long-poll, up to the daemon
    /// wait) for doublezerod to provision the service of `userType` and its BGP session to come
    /// up, printing the tunnel lines. A timeout is not a failure: it prints upstream's "in
    /// progress" line. Nor is a refused enable when the reconciler is off: it prints upstream's
    /// `Error: failed to enable reconciler` line and the tunnel is not awaited.
    func enableAndAwaitService(_ userType: UserType) async throws {
        progress.step("asking doublezerod to enable its reconciler")
        let answer = try await daemon.switchReconciler(enabled: true)
        if answer.code != 200, !(try await daemon.status().reconcilerEnabled) {
            progress.say(
                "    Error: failed to enable reconciler: \(answer.code) \(answer.body.trimmed). "
                    + "Tunnel will not be provisioned.")
            return
        }
        let tunnelName = ServiceClass(userType).tunnelName
        progress.step("waiting for doublezerod to bring up \(tunnelName)")
        var reportedState: SessionState?
        let (status, bgpUp) = try await daemon.waitForStatus(until: .now + daemonWait) { status in
            guard let service = status.services.first(where: { $0.userType == userType }) else { return false }
            if reportedState == nil {
                progress.step(
                    "tunnel \(service.tunnelName) up to \(service.tunnelDestination?.description ?? "?"); "
                        + "BGP: \(service.session.state.rawValue)")
            } else if reportedState != service.session.state {
                progress.step("BGP: \(service.session.state.rawValue)")
            }
            reportedState = service.session.state
            return service.session.state == .up
        }
        guard let service = status.services.first(where: { $0.userType == userType }) else {
            progress.say(
                "    Tunnel provisioning in progress (daemon will handle it): timed out waiting for daemon to "
                    + "provision tunnel")
            return
        }
        if bgpUp { progress.step("BGP session up") }
        progress.say("    Tunnel Src: \(service.tunnelSource?.description ?? "")")
        progress.say("    Tunnel Dst: \(service.tunnelDestination?.description ?? "")")
        progress.say("    DoubleZero IP: \(service.doubleZeroIP?.description ?? "")")
        progress.say("    Session: \(service.session.state.rawValue)")
    }

    /// Waits (by long-poll, up to the daemon wait) until doublezerod runs no service of `classes`,
    /// and prints upstream's line for the outcome.
    func awaitRemoval(of classes: Set<ServiceClass>) async throws {
        progress.step("waiting for doublezerod to remove the tunnel")
        let (_, removed) = try await daemon.waitForStatus(until: .now + daemonWait) { status in
            !status.services.contains { classes.contains($0.serviceClass) }
        }
        progress.say(
            removed
                ? "    Tunnel confirmed removed"
                : "    Daemon deprovisioning in progress (will complete automatically): timed out waiting for daemon "
                    + "to remove tunnel")
    }
}

extension String {
    /// Without leading and trailing white space.
    fileprivate var trimmed: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
