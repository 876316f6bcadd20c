import NIOCore
import Testing

@testable import BGP

/// The status machine driven by hand, with made-up times: the 30 s timeout without waiting.
@Suite("Session status machine (session timeout, sticky failures)")
struct BGPSessionStatusMachineTests {
    typealias Action = BGPSessionStatusMachine.Action

    /// Seconds since an arbitrary origin, as a deadline.
    static func at(_ seconds: Double) -> NIODeadline {
        .uptimeNanoseconds(UInt64(1_000_000_000 + seconds * 1_000_000_000))
    }

    /// A started machine with the upstream 30 s timeout; the start's actions are checked.
    static func started() -> BGPSessionStatusMachine {
        var machine = BGPSessionStatusMachine(timeout: .seconds(30))
        #expect(machine.start(now: at(0)) == [.report(.pending), .armTimer(at(30))])
        return machine
    }

    /// One attempt that connects, gets the peer's OPEN refused (wrong AS) and closes.
    static func refusedAttempt(_ machine: inout BGPSessionStatusMachine, closingAt time: Double) -> [Action] {
        machine.connected() + machine.closed(connected: true, now: at(time))
    }

    @Test("the happy path: Pending, Initializing, Up; the timer stops at Established")
    func established() {
        var machine = Self.started()
        #expect(machine.connected() == [], "already Pending")
        #expect(machine.openReceived() == [.report(.initializing)])
        #expect(machine.established() == [.report(.up)])
        #expect(machine.deadline == nil)
        #expect(machine.timerFired(now: Self.at(30)) == [], "the start's timer is stale")
        #expect(machine.status == .up)
    }

    @Test("a peer refusing at OPEN: Down at each close; Failed after 30 s; Failed stays over later attempts")
    func refusedAtOpen() {
        var machine = Self.started()
        #expect(Self.refusedAttempt(&machine, closingAt: 0.1) == [.report(.down)], "the timer keeps running")
        // Reconnects with backoff 1, 2, 4, 8, 16 s: each one Pending then Down, none re-arms.
        var time = 0.1
        for backoff in [1.0, 2, 4, 8, 16] {
            time += backoff
            #expect(machine.connected() == [.report(.pending)])
            #expect(machine.closed(connected: true, now: Self.at(time)) == [.report(.down)])
        }
        #expect(machine.timerFired(now: Self.at(29.9)) == [], "not yet")
        #expect(machine.timerFired(now: Self.at(30)) == [.report(.failed)])
        #expect(machine.deadline == nil)
        // The next attempts' transient states are not reported over Failed.
        #expect(machine.connected() == [])
        #expect(machine.closed(connected: true, now: Self.at(61)) == [.armTimer(Self.at(91))], "the next close re-arms")
        #expect(Self.refusedAttempt(&machine, closingAt: 91) == [])
        #expect(machine.timerFired(now: Self.at(91)) == [], "renewed, unchanged: nothing to report")
        #expect(machine.status == .failed)
        // Only Established ends it.
        #expect(Self.refusedAttempt(&machine, closingAt: 100) == [.armTimer(Self.at(130))])
        #expect(machine.connected() == [])
        #expect(machine.openReceived() == [])
        #expect(machine.established() == [.report(.up)])
    }

    @Test("TCP never connecting: Network Unreachable after 30 s, and it stays")
    func unreachable() {
        var machine = Self.started()
        for time in [5.0, 11, 18, 27] { #expect(machine.closed(connected: false, now: Self.at(time)) == []) }
        #expect(machine.timerFired(now: Self.at(30)) == [.report(.networkUnreachable)])
        #expect(machine.closed(connected: false, now: Self.at(36)) == [.armTimer(Self.at(66))])
        #expect(machine.timerFired(now: Self.at(66)) == [])
        #expect(machine.status == .networkUnreachable)
    }

    @Test("no attempt ended yet: TCP up on the one in progress means Failed (stuck in OpenSent), else Unreachable")
    func attemptInProgress() {
        var stuck = Self.started()
        _ = stuck.connected()
        #expect(stuck.timerFired(now: Self.at(30)) == [.report(.failed)])
        var connecting = Self.started()
        #expect(connecting.timerFired(now: Self.at(30)) == [.report(.networkUnreachable)])
    }

    @Test("an Established session that closes re-arms the timer; a dead link then gives Network Unreachable")
    func afterEstablished() {
        var machine = Self.started()
        _ = machine.connected() + machine.openReceived() + machine.established()
        #expect(machine.closed(connected: true, now: Self.at(100)) == [.report(.down), .armTimer(Self.at(130))])
        for time in [106.0, 113] { #expect(machine.closed(connected: false, now: Self.at(time)) == []) }
        #expect(machine.timerFired(now: Self.at(130)) == [.report(.networkUnreachable)])
    }

    @Test("the verdict window: a backoff as long as the timeout leaves the latest attempt's outcome to decide")
    func longBackoff() {
        var machine = Self.started()
        #expect(Self.refusedAttempt(&machine, closingAt: 1) == [.report(.down)])
        #expect(machine.timerFired(now: Self.at(30)) == [.report(.failed)])
        // Refused again at 61 (re-arms until 91); the next attempt starts only at 91 (backoff 30 s),
        // so nothing connects or ends in the window: the refusal that armed it decides.
        #expect(Self.refusedAttempt(&machine, closingAt: 61) == [.armTimer(Self.at(91))])
        #expect(machine.timerFired(now: Self.at(91)) == [])
        #expect(machine.status == .failed, "not Network Unreachable: TCP does come up")
        // The same with a dead link: the connect that failed decides.
        var dead = Self.started()
        #expect(dead.closed(connected: false, now: Self.at(5)) == [])
        #expect(dead.timerFired(now: Self.at(30)) == [.report(.networkUnreachable)])
        #expect(dead.closed(connected: false, now: Self.at(65)) == [.armTimer(Self.at(95))])
        #expect(dead.timerFired(now: Self.at(95)) == [])
        #expect(dead.status == .networkUnreachable)
    }

    @Test("a later verdict replaces an earlier one: the device starts accepting TCP but refuses the session")
    func verdictChanges() {
        var machine = Self.started()
        #expect(machine.closed(connected: false, now: Self.at(5)) == [])
        #expect(machine.timerFired(now: Self.at(30)) == [.report(.networkUnreachable)])
        #expect(machine.closed(connected: false, now: Self.at(35)) == [.armTimer(Self.at(65))])
        #expect(Self.refusedAttempt(&machine, closingAt: 40) == [])
        #expect(machine.timerFired(now: Self.at(65)) == [.report(.failed)])
    }

    @Test("stale and early timers do nothing; after stop no timer is armed or fires")
    func staleAndStopped() {
        var machine = Self.started()
        #expect(machine.timerFired(now: Self.at(10)) == [], "early")
        _ = machine.connected() + machine.openReceived() + machine.established()
        #expect(machine.closed(connected: true, now: Self.at(20)) == [.report(.down), .armTimer(Self.at(50))])
        #expect(machine.timerFired(now: Self.at(30)) == [], "the start's timer, superseded")
        #expect(machine.stop() == [])
        #expect(machine.timerFired(now: Self.at(50)) == [])
        #expect(machine.closed(connected: true, now: Self.at(51)) == [], "already Down; no timer")
        #expect(machine.deadline == nil)
    }
}
