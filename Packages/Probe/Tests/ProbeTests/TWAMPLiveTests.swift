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
            let reflectorSocket = try network.serverNamespace.perform { () throws(ProbeError) in
                try UDPSocket(address: serverAddress, port: TWAMPReflector.wellKnownPort)
            }
            let reflector = try TWAMPReflector(socket: reflectorSocket)
            reflector.start()
            defer { reflector.stop() }
            let senderSocket = try network.clientNamespace.perform { () throws(ProbeError) in try UDPSocket() }
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
            let senderSocket = try network.clientNamespace.perform { () throws(ProbeError) in try UDPSocket() }
            let sender = try TWAMPSender(
                socket: senderSocket,
                configuration: .init(count: 3, interval: .milliseconds(5), timeout: .milliseconds(300)))
            let unanswered = try await sender.measure(reflector: serverAddress, port: 8620)
            #expect(unanswered.statistics.sent == 3)
            #expect(!unanswered.statistics.reachable)
            #expect(unanswered.reflectorReceivedTTL == nil)

            let reflectorSocket = try network.serverNamespace.perform { () throws(ProbeError) in
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
}
