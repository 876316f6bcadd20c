import BenchmarkSupport
import BGP
import BGPWire
import Foundation
import Models
import NIOPosix

/// `make bench-bgp`: how long it takes to receive 100,000 prefixes from one BIRD exporter
/// (a) into our speaker, delivered as events on its stream, and (b) into a second BIRD acting
/// as the receiving peer; and the ratio (a)/(b).
///
/// Setup (root, Debian `bird2`): namespace `exp` runs the exporter BIRD with `--prefixes`
/// static /32s; namespace `rcv` holds our speaker (10.99.0.2, its event loop thread moved there
/// with setns) and the receiving BIRD (10.99.0.3). Both clocks run from the session reaching
/// Established to the last prefix arriving: for our speaker from the `established` event to
/// the event that completes the count; for BIRD from the time it logs "State changed to up"
/// (microseconds) to the first `birdc show protocols all` reply counting every prefix imported
/// (polled every millisecond; a reply can lag while BIRD is busy, which adds a few ms).
/// During every measurement the exporter's main loop is kept awake (``ExporterWakeup``, off
/// with `--no-wakeup`): BIRD 2.0.12 otherwise often sends the last ~160 prefixes of its feed only
/// at its next timer (up to ~1 s later), with every byte before already acknowledged and no
/// packet from the receiver in between (checked with tcpdump); it happens more often the faster
/// the receiver drains the socket, so it penalises our speaker most and measures the exporter.
/// Each of `--runs` (5) rounds measures both; figures are medians, printed last:
/// `bgp.receive_100k_s`, `bgp.bird_receive_100k_s`, `bgp.ratio_to_bird`.
@main
struct BGPBenchmark {
    struct Options {
        var prefixes = 100_000
        var runs = 5
        var wakeup = true

        init(arguments: [String]) throws {
            try WholeNumberFlags<Self>(
                ["--prefixes": \.prefixes, "--runs": \.runs], switches: ["--no-wakeup": (\.wakeup, false)]
            ).parse(arguments, into: &self)
        }
    }

    static func main() async {
        await exitOnFailure("bgp-bench") { try await run(Options(arguments: CommandLine.arguments)) }
    }

    static func exporterConfig(prefixes: Int) -> String {
        var lines = [
            "router id 10.99.0.1;", "protocol device { scan time 1; }", "protocol static bulk {", "    ipv4;",
        ]
        lines.reserveCapacity(prefixes + 30)
        for index in 0..<prefixes {
            // 100.64.0.0 upwards, one /32 each.
            let value = 0x6440_0000 + UInt32(index)
            lines.append("    route \(IPv4Address(value))/32 blackhole;")
        }
        lines += [
            "}",
            "protocol bgp to_swift { local 10.99.0.1 as 65342; neighbor 10.99.0.2 as 65000; passive on;",
            "    hold time 3; keepalive time 1; ipv4 { import none; export all; }; }",
            "protocol bgp to_bird { local 10.99.0.1 as 65342; neighbor 10.99.0.3 as 65001; passive on;",
            "    hold time 3; keepalive time 1; ipv4 { import none; export all; }; }",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The receiving BIRD logs its state changes with microseconds, to time Established exactly.
    static func receiverConfig(logPath: String) -> String {
        """
        log "\(logPath)" all;
        timeformat log "%F %T.%6f";
        router id 10.99.0.3;
        protocol device { scan time 10; }
        protocol bgp from_exporter {
            local 10.99.0.3 as 65001; neighbor 10.99.0.1 as 65342;
            connect delay time 1; hold time 90;
            disabled;
            debug { states };
            ipv4 { import all; export none; };
        }
        """
    }

    static func run(_ options: Options) async throws {
        guard getuid() == 0 else { throw BenchmarkError("needs root (network namespaces)") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/bird") else {
            throw BenchmarkError("needs BIRD 2: /usr/sbin/bird missing (apt-get install bird2)")
        }
        let network = BenchmarkNetwork()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bgp-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try network.create()
        let exporter = try BIRDDaemon(
            name: "exporter", namespace: network.exporter, directory: directory,
            config: exporterConfig(prefixes: options.prefixes))
        let receiver = try BIRDDaemon(
            name: "receiver", namespace: network.receivers, directory: directory,
            config: receiverConfig(logPath: directory.appendingPathComponent("receiver.log").path))
        defer {
            exporter.stop()
            receiver.stop()
            network.remove()
            try? FileManager.default.removeItem(at: directory)
        }
        try exporter.start()
        try receiver.start()
        // The exporter's static routes must all be in its table before any clock starts.
        guard
            waitUntil(
                seconds: 60,
                { exporter.command("show route count").contains("\(options.prefixes) of \(options.prefixes) routes") })
        else {
            throw BenchmarkError(
                "exporter did not load \(options.prefixes) routes: \(exporter.command("show route count"))")
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        var ours: [Double] = []
        var birds: [Double] = []
        do {
            try await group.next().submit { try enterNamespace(network.receivers) }.get()
            for round in 1...options.runs {
                var wakeup = options.wakeup ? try ExporterWakeup(socketPath: exporter.socketPath) : nil
                let speakerSeconds = try await receiveIntoSpeaker(prefixes: options.prefixes, group: group)
                wakeup?.stop()
                wakeup = options.wakeup ? try ExporterWakeup(socketPath: exporter.socketPath) : nil
                let birdSeconds = try receiveIntoBIRD(prefixes: options.prefixes, receiver: receiver)
                wakeup?.stop()
                print(String(format: "round %d: speaker %.3f s, BIRD %.3f s", round, speakerSeconds, birdSeconds))
                ours.append(speakerSeconds)
                birds.append(birdSeconds)
            }
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try? await group.shutdownGracefully()
        let a = median(ours)
        let b = median(birds)
        print(String(format: "bgp.receive_100k_s: %.3f s", a))
        print(String(format: "bgp.bird_receive_100k_s: %.3f s", b))
        print(String(format: "bgp.ratio_to_bird: %.2f", a / b))
    }

    /// Seconds from Established to the event that brings the received prefix count to `prefixes`.
    static func receiveIntoSpeaker(prefixes: Int, group: MultiThreadedEventLoopGroup) async throws -> Double {
        let speaker = BGPSpeaker(
            configuration: BGPSpeakerConfiguration(
                remoteASN: 65342, peerAddress: IPv4Address(10, 99, 0, 1), localAddress: IPv4Address(10, 99, 0, 2)),
            eventLoopGroup: group)
        speaker.start()
        var established: ContinuousClock.Instant?
        var received = 0
        var seconds: Double?
        var last = ContinuousClock.now
        var largestGap = Duration.zero
        var gapAt = 0
        let timeout = Task {
            try await Task.sleep(for: .seconds(120))
            await speaker.stop()
        }
        for await event in speaker.events {
            switch event {
            case .established:
                established = .now
                last = .now
            case .routesAnnounced(let announced, _):
                let now = ContinuousClock.now
                if now - last > largestGap {
                    largestGap = now - last
                    gapAt = received
                }
                last = now
                received += announced.count
                if received >= prefixes, let established {
                    seconds = (ContinuousClock.now - established).inSeconds
                }
            default: break
            }
            if seconds != nil { break }
        }
        timeout.cancel()
        await speaker.stop()
        print("  speaker: longest wait between UPDATEs \(largestGap) before prefix \(gapAt)")
        guard let seconds else { throw BenchmarkError("speaker received \(received) of \(prefixes) prefixes") }
        return seconds
    }

    /// Seconds from the receiving BIRD's session reaching Established (the time BIRD logs for
    /// "State changed to up") to the first `birdc` reply showing all prefixes imported.
    static func receiveIntoBIRD(prefixes: Int, receiver: BIRDDaemon) throws -> Double {
        let logPath = receiver.directory.appendingPathComponent("receiver.log").path
        let linesBefore = ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").count
        _ = receiver.command("enable from_exporter")
        defer { _ = receiver.command("disable from_exporter") }
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let status = receiver.command("show protocols all from_exporter")
            let now = Date()
            if importedCount(status) >= prefixes {
                let log = ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n")
                guard
                    let line = log.dropFirst(linesBefore).first(where: {
                        $0.contains("from_exporter: State changed to up")
                    }),
                    let established = logTime(line)
                else { throw BenchmarkError("no Established line in the receiving BIRD's log") }
                return now.timeIntervalSince(established)
            }
            usleep(1000)
        }
        throw BenchmarkError(
            "receiving BIRD did not import \(prefixes) prefixes: \(receiver.command("show protocols all from_exporter"))"
        )
    }

    /// The time of a BIRD log line starting `YYYY-MM-DD HH:MM:SS.ffffff` (local time, like BIRD).
    static func logTime(_ line: Substring) -> Date? {
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2 else { return nil }
        let clock = parts[1].split(separator: ".")
        guard clock.count == 2, let fraction = Double("0." + clock[1]) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        guard let whole = formatter.date(from: "\(parts[0]) \(clock[0])") else { return nil }
        return whole.addingTimeInterval(fraction)
    }

    /// The N of "Routes: N imported" in `show protocols all` output.
    static func importedCount(_ status: String) -> Int {
        guard let range = status.range(of: "Routes:") else { return 0 }
        let rest = status[range.upperBound...].drop { $0 == " " }
        return Int(rest.prefix { $0.isNumber }) ?? 0
    }

    static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return false
    }
}
