import Models
import Testing

@testable import Probe

/// TWAMP-light between two network namespaces (needs root; see `TestNetwork`): the reflector
/// listens on port 862 in the server namespace, the sender measures from the client namespace.
@Suite("TWAMP-light between namespaces (root)", .serialized)
struct TWAMPLiveTests {
    @Test("the reflector answers the sender across namespaces")
    func reflectorAnswersSender() async throws {
        try await TestNetwork.with { network in
            let serverAddress = network.serverAddress
            let reflectorSocket = try network.inServer { () throws(ProbeError) in
                try UDPSocket(address: serverAddress, port: TWAMPReflector.wellKnownPort)
            }
            let reflector = try TWAMPReflector(socket: reflectorSocket)
            reflector.start()
            defer { reflector.stop() }
            let senderSocket = try network.inClient { () throws(ProbeError) in try UDPSocket() }
            let sender = try TWAMPSender(
                socket: senderSocket, configuration: .init(count: 10, interval: .milliseconds(10), timeout: .seconds(2))
            )
            let measurement = try await sender.measure(reflector: serverAddress)
            #expect(measurement.statistics.sent == 10)
            #expect(measurement.statistics.received == 10)
            #expect(measurement.statistics.reachable)
            #expect(reflector.reflectedCount == 10)
            #expect(reflector.ignoredCount == 0)
            // One veth hop: the test packet arrives with the sender's default TTL.
            #expect(measurement.reflectorReceivedTTL == 64)
            // The minimum, not the average: one reply delayed by a busy machine must not fail this.
            let minimum = try #require(measurement.statistics.minimum)
            #expect(minimum > .zero && minimum < .milliseconds(5))
            let ping = try network.ping(serverAddress, count: 10, interval: "0.01")
            let average = try #require(measurement.statistics.average)
            print(
                "probe.live twamp: min/avg \(minimum.microsecondsValue)/\(average.microsecondsValue) us,"
                    + " ping min/avg \(ping.minimum)/\(ping.average) us")
        }
    }

    @Test("a reflector that is not there yields loss, and junk is ignored by the reflector")
    func missingReflectorAndJunk() async throws {
        try await TestNetwork.with { network in
            let serverAddress = network.serverAddress
            let senderSocket = try network.inClient { () throws(ProbeError) in try UDPSocket() }
            let sender = try TWAMPSender(
                socket: senderSocket,
                configuration: .init(count: 3, interval: .milliseconds(5), timeout: .milliseconds(300)))
            let unanswered = try await sender.measure(reflector: serverAddress, port: 8620)
            #expect(unanswered.statistics.sent == 3)
            #expect(!unanswered.statistics.reachable)
            #expect(unanswered.reflectorReceivedTTL == nil)

            let reflectorSocket = try network.inServer { () throws(ProbeError) in
                try UDPSocket(address: serverAddress, port: 8620)
            }
            let reflector = try TWAMPReflector(socket: reflectorSocket)
            reflector.start()
            defer { reflector.stop() }
            #expect(senderSocket.send([1, 2, 3], to: serverAddress, port: 8620) == nil)
            let answered = try await sender.measure(reflector: serverAddress, port: 8620)
            #expect(answered.statistics.received == 3)
            #expect(reflector.ignoredCount == 1)
        }
    }

    @Test("a late reply to an earlier measurement is not counted in the next one")
    func staleRepliesAreIgnored() async throws {
        try await TestNetwork.with { network in
            let serverAddress = network.serverAddress
            // The test plays the reflector, so it decides what comes back and when.
            let reflector = try network.inServer { () throws(ProbeError) in
                try UDPSocket(address: serverAddress, port: 8620)
            }
            let senderSocket = try network.inClient { () throws(ProbeError) in try UDPSocket() }
            let sender = try TWAMPSender(
                socket: senderSocket, configuration: .init(count: 1, interval: .zero, timeout: .seconds(2)))

            // Measurement 1 goes unanswered.
            #expect(try await sender.measure(reflector: serverAddress, port: 8620).statistics.received == 0)
            let earlier = try await Self.nextTestPacket(on: reflector)

            // Measurement 2 gets only a late reply to measurement 1's probe, and a reply with its
            // probe's sequence number but measurement 1's timestamp: neither answers its probe.
            async let second = sender.measure(reflector: serverAddress, port: 8620)
            let current = try await Self.nextTestPacket(on: reflector)
            #expect(current.packet.sequence != earlier.packet.sequence)
            var forged = current.packet.header
            forged.timestamp = earlier.packet.timestamp
            for header in [earlier.packet.header, forged] {
                #expect(reflector.send(Self.reply(echoing: header), to: current.source, port: current.port) == nil)
            }
            #expect(try await second.statistics.received == 0)

            // Measurement 3 gets a genuine reply, which counts.
            async let third = sender.measure(reflector: serverAddress, port: 8620)
            let answered = try await Self.nextTestPacket(on: reflector)
            #expect(
                reflector.send(Self.reply(echoing: answered.packet.header), to: answered.source, port: answered.port)
                    == nil)
            #expect(try await third.statistics.received == 1)
        }
    }

    /// The next test packet arriving on `socket` (waiting up to 10 s), and where it came from.
    /// Waits without blocking a thread of the cooperative pool: the sender being awaited needs one.
    static func nextTestPacket(
        on socket: UDPSocket
    ) async throws -> (packet: TWAMPTestPacket, source: IPv4Address, port: UInt16) {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try socket.waitReadable(timeout: .zero), let datagram = try socket.receive() {
                return (try TWAMPTestPacket(decoding: datagram.bytes), datagram.source, datagram.sourcePort)
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw TestNetwork.Unavailable(description: "no test packet arrived within 10 s")
    }

    /// A reflected packet answering the test packet with `header`, as sent right now.
    static func reply(echoing header: TWAMPPacketHeader) -> [UInt8] {
        let now = NTPTimestamp(.now())
        return TWAMPReflectedPacket(
            reflector: TWAMPPacketHeader(sequence: 0, timestamp: now), receiveTimestamp: now, sender: header,
            senderTTL: 64, paddingLength: 0
        ).encoded()
    }
}
