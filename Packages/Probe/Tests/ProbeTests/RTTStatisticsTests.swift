import Testing

@testable import Probe

@Suite("RTTStatistics examples")
struct RTTStatisticsTests {
    /// One row of the known-values table.
    struct Example: CustomTestStringConvertible, Sendable {
        let name: String
        let samples: [ProbeSample]
        let sent: Int
        let received: Int
        let lossFraction: Double
        let minimum: Duration?
        let average: Duration?
        let maximum: Duration?
        let jitter: Duration?
        let reachable: Bool

        var testDescription: String { name }
    }

    static let examples: [Example] = [
        Example(
            name: "empty input", samples: [], sent: 0, received: 0, lossFraction: 0,
            minimum: nil, average: nil, maximum: nil, jitter: nil, reachable: false),
        Example(
            name: "all lost", samples: [.lost, .lost, .lost], sent: 3, received: 0, lossFraction: 1,
            minimum: nil, average: nil, maximum: nil, jitter: nil, reachable: false),
        Example(
            name: "one reply", samples: [.received(rtt: .milliseconds(7))], sent: 1, received: 1, lossFraction: 0,
            minimum: .milliseconds(7), average: .milliseconds(7), maximum: .milliseconds(7), jitter: nil,
            reachable: true),
        Example(
            name: "three replies",
            samples: [
                .received(rtt: .milliseconds(10)), .received(rtt: .milliseconds(14)), .received(rtt: .milliseconds(12)),
            ],
            sent: 3, received: 3, lossFraction: 0,
            minimum: .milliseconds(10), average: .milliseconds(12), maximum: .milliseconds(14),
            // |14-10| + |12-14| = 6 over 2 differences
            jitter: .milliseconds(3), reachable: true),
        Example(
            name: "losses are skipped for jitter and RTTs",
            samples: [.received(rtt: .microseconds(800)), .lost, .received(rtt: .microseconds(1100)), .lost],
            sent: 4, received: 2, lossFraction: 0.5,
            minimum: .microseconds(800), average: .microseconds(950), maximum: .microseconds(1100),
            jitter: .microseconds(300), reachable: true),
        Example(
            name: "one of three lost",
            samples: [.lost, .received(rtt: .nanoseconds(1)), .received(rtt: .nanoseconds(2))],
            sent: 3, received: 2, lossFraction: 1.0 / 3.0,
            // 1.5 ns is exact in attoseconds
            minimum: .nanoseconds(1), average: .nanoseconds(1) + .nanoseconds(1) / 2, maximum: .nanoseconds(2),
            jitter: .nanoseconds(1), reachable: true),
        Example(
            name: "average rounds toward zero to the attosecond",
            samples: [
                .received(rtt: .zero), .received(rtt: .zero),
                .received(rtt: Duration(secondsComponent: 0, attosecondsComponent: 2)),
            ],
            sent: 3, received: 3, lossFraction: 0,
            minimum: .zero, average: .zero, maximum: Duration(secondsComponent: 0, attosecondsComponent: 2),
            jitter: Duration(secondsComponent: 0, attosecondsComponent: 1), reachable: true),
    ]

    @Test("known values", arguments: examples)
    func knownValues(_ example: Example) {
        let statistics = RTTStatistics(samples: example.samples)
        #expect(statistics.sent == example.sent)
        #expect(statistics.received == example.received)
        #expect(statistics.lost == example.sent - example.received)
        #expect(statistics.lossFraction == example.lossFraction)
        #expect(statistics.minimum == example.minimum)
        #expect(statistics.average == example.average)
        #expect(statistics.maximum == example.maximum)
        #expect(statistics.jitter == example.jitter)
        #expect(statistics.reachable == example.reachable)
        #expect(statistics.isEmpty == example.samples.isEmpty)
    }

    @Test("the empty summary is the summary of no samples")
    func emptyConstant() {
        #expect(RTTStatistics.empty == RTTStatistics(samples: []))
        #expect(RTTStatistics.empty.isEmpty)
        #expect(!RTTStatistics.empty.reachable)
    }

    @Test("jitter follows the order the samples were sent")
    func jitterIsOrderSensitive() {
        let alternating = RTTStatistics(samples: [10, 20, 10, 20].map { .received(rtt: .milliseconds($0)) })
        let sorted = RTTStatistics(samples: [10, 10, 20, 20].map { .received(rtt: .milliseconds($0)) })
        #expect(alternating.jitter == .milliseconds(10))
        #expect(sorted.jitter == .milliseconds(10) / 3)
        #expect(alternating.average == sorted.average)
    }

    @Test(
        "description",
        arguments: [
            ([ProbeSample](), "0 sent, 0 received, 0.0% loss"),
            ([.lost, .lost, .lost], "3 sent, 0 received, 100.0% loss"),
            (
                [.received(rtt: .microseconds(1234))],
                "1 sent, 1 received, 0.0% loss, rtt min/avg/max/jitter = 1.234/1.234/1.234/- ms"
            ),
            (
                [.received(rtt: .microseconds(1200)), .lost, .received(rtt: .microseconds(1800))],
                "3 sent, 2 received, 33.3% loss, rtt min/avg/max/jitter = 1.200/1.500/1.800/0.600 ms"
            ),
            (
                [.received(rtt: .seconds(2)), .received(rtt: .milliseconds(2))],
                "2 sent, 2 received, 0.0% loss, rtt min/avg/max/jitter = 2.000/1001.000/2000.000/1998.000 ms"
            ),
        ])
    func description(samples: [ProbeSample], expected: String) {
        #expect(RTTStatistics(samples: samples).description == expected)
    }

    @Test("a sample exposes its RTT only when a reply arrived")
    func sampleRTT() {
        #expect(ProbeSample.lost.rtt == nil)
        #expect(ProbeSample.received(rtt: .milliseconds(3)).rtt == .milliseconds(3))
    }
}
