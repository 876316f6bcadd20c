import PropertyBased
import Testing

@testable import Probe

@Suite("RTTStatistics properties")
struct RTTStatisticsPropertyTests {
    /// Samples with RTTs up to 2 s at nanosecond resolution, about a quarter of them lost.
    private static let samples = zip(Gen.int(in: 0...3), Gen.int(in: 0...2_000_000_000))
        .map { kind, nanoseconds in kind == 0 ? ProbeSample.lost : .received(rtt: .nanoseconds(nanoseconds)) }
        .array(of: 0...40)

    @Test("min <= avg <= max, loss in 0...1, received + lost == sent")
    func invariants() async {
        await propertyCheck(count: 200, input: Self.samples) { samples in
            let statistics = RTTStatistics(samples: samples)
            #expect(statistics.sent == samples.count)
            #expect(statistics.received + statistics.lost == statistics.sent)
            #expect((0...1).contains(statistics.lossFraction))
            #expect(statistics.reachable == (statistics.received > 0))
            if statistics.reachable {
                let minimum = try #require(statistics.minimum)
                let average = try #require(statistics.average)
                let maximum = try #require(statistics.maximum)
                #expect(minimum <= average)
                #expect(average <= maximum)
                #expect(statistics.lossFraction < 1)
            } else {
                #expect(statistics.minimum == nil && statistics.average == nil && statistics.maximum == nil)
                #expect(statistics.lossFraction == (samples.isEmpty ? 0 : 1))
            }
            #expect((statistics.jitter == nil) == (statistics.received < 2))
        }
    }

    @Test("agrees with a direct computation over the replies")
    func agreesWithDirectComputation() async {
        await propertyCheck(count: 200, input: Self.samples) { samples in
            let statistics = RTTStatistics(samples: samples)
            let rtts = samples.compactMap(\.rtt)
            #expect(statistics.received == rtts.count)
            #expect(statistics.minimum == rtts.min())
            #expect(statistics.maximum == rtts.max())
            if !rtts.isEmpty {
                let total = rtts.reduce(Duration.zero, +)
                #expect(statistics.average == total / rtts.count)
            }
            if rtts.count >= 2 {
                let differences = zip(rtts, rtts.dropFirst()).map { earlier, later in
                    later >= earlier ? later - earlier : earlier - later
                }
                let jitter = try #require(statistics.jitter)
                #expect(jitter == differences.reduce(Duration.zero, +) / differences.count)
                #expect(jitter <= (statistics.maximum ?? .zero) - (statistics.minimum ?? .zero))
            }
        }
    }
}
