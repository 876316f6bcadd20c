import AppTestSupport
import DeviceTestSupport
import Foundation
import Testing

/// What a test remembers of a device so it can check, after the fixture is gone, that nothing
/// was left behind.
struct DeviceTrace: Sendable {
    /// The namespaces the test made.
    var namespaces: [String]
    /// The device's FRR directory.
    var directory: URL
    /// The FRR daemons' process ids.
    var processIdentifiers: [Int32]

    /// Records `device` in `network`.
    init(_ network: ClientDeviceNetwork, _ device: FRRDevice) {
        namespaces = [network.client.name, network.device.name]
        directory = device.directory
        processIdentifiers = device.processIdentifiers
    }

    /// Expects no namespace, no process with the directory in its command line, no directory and
    /// no FRR crash-log directory of those processes to remain.
    func expectNothingLeft() async throws {
        let listed = try await AppRun.run(
            executable: URL(fileURLWithPath: "/usr/bin/ip"), ["netns", "list"], label: "ip", timeout: .seconds(10))
        for name in namespaces {
            #expect(!listed.standardOutput.contains(name), "namespace \(name) left: \(listed.standardOutput)")
        }
        let processes = try await AppRun.run(
            executable: URL(fileURLWithPath: "/usr/bin/pgrep"), ["-a", "-f", directory.path], label: "pgrep",
            timeout: .seconds(10))
        #expect(processes.exitCode == 1, "processes left: \(processes.standardOutput)")
        #expect(!FileManager.default.fileExists(atPath: directory.path), "\(directory.path) left")
        for pid in processIdentifiers {
            #expect(kill(pid, 0) != 0, "process \(pid) still exists")
            for daemon in ["zebra", "staticd", "bgpd", "pimd"] {
                let crashLog = "/var/tmp/frr/\(daemon).\(pid)"
                #expect(!FileManager.default.fileExists(atPath: crashLog), "\(crashLog) left")
            }
        }
    }
}
