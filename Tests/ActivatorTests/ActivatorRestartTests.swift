import ActivatorService
import Allocator
import Foundation
import Ledger
import Models
import Testing

/// Restarts and concurrent activators: never a double allocation, never a leak, each entity
/// activated exactly once.
@Suite struct ActivatorRestartTests {
    /// Unicast users spread over `devices`, numbered `range`: mostly IBRL, every tenth
    /// edge-filtering (a device's /29 dz_prefix has 7 addresses to hand out).
    private static func createUsers(
        _ range: Range<Int>, on devices: [PublicKey], in network: ActivatorTestNetwork
    ) async throws -> [PublicKey] {
        var users: [PublicKey] = []
        for number in range {
            let type: UserType = number % 10 == 0 ? .edgeFiltering : .ibrl
            let device = devices[(number % 10 == 0 ? number / 10 : number) % devices.count]
            users.append(try await network.createUser(type, number: number, on: device))
        }
        return users
    }

    /// Activated devices 1 to 4 (activated by a short-lived activator).
    private static func activatedDevices(_ network: ActivatorTestNetwork) async throws -> [PublicKey] {
        let activator = network.makeActivator(label: "setup")
        let running = start(activator)
        var devices: [PublicKey] = []
        for number in 1...4 { devices.append(try await network.createDevice(UInt8(number))) }
        try await network.waitUntil("the devices are activated") { state in
            devices.allSatisfy { state.devices[$0]?.status == .activated }
        }
        running.cancel()
        _ = await running.result
        return devices
    }

    /// A fresh activator replaces a cancelled one several times while users keep arriving.
    @Test func restartMidStreamNeverDoubleAllocates() async throws {
        let network = try await ActivatorTestNetwork()
        let devices = try await Self.activatedDevices(network)
        let creator = Task { try await Self.createUsers(0..<120, on: devices, in: network) }
        var last: (Activator, Task<Void, any Error>)?
        for round in 0..<4 {
            let activator = network.makeActivator(label: "round\(round)")
            let running = start(activator)
            try await Task.sleep(for: .milliseconds(30))
            if round < 3 {
                running.cancel()
                _ = await running.result
            } else {
                last = (activator, running)
            }
        }
        let users = try await creator.value
        try await network.waitUntil("every user is activated") { state in
            users.allSatisfy { state.users[$0]?.status == .activated }
        }
        AllocationInvariants.check(try await network.state())
        if let (activator, running) = last {
            try await expectIdleAndLeakFree(activator, network)
            running.cancel()
            _ = await running.result
        }
        await network.tearDown()
    }

    /// Two activators at once: every entity activated exactly once, nothing allocated twice.
    @Test func twoActivatorsActivateEachEntityOnce() async throws {
        let network = try await ActivatorTestNetwork()
        let devices = try await Self.activatedDevices(network)
        let first = network.makeActivator(label: "first", batchLimit: 8)
        let second = network.makeActivator(label: "second", batchLimit: 8)
        let runningFirst = start(first)
        let runningSecond = start(second)
        let users = try await Self.createUsers(0..<150, on: devices, in: network)
        let groups = [try await network.createGroup("mg01"), try await network.createGroup("mg02")]
        do {
            try await network.waitUntil("every user and group is activated") { state in
                users.allSatisfy { state.users[$0]?.status == .activated }
                    && groups.allSatisfy { state.multicastGroups[$0]?.status == .activated }
            }
        } catch {
            let state = try await network.state()
            let stuck = users.compactMap { state.users[$0] }.filter { $0.status != .activated }
            print("stuck: \(stuck.map { "\($0.status) \($0.rejectReason ?? "")" })")
            print("first: \(await first.statistics) second: \(await second.statistics)")
            throw error
        }
        AllocationInvariants.check(try await network.state())
        try await expectIdleAndLeakFree(first, network)
        try await expectIdleAndLeakFree(second, network)
        let activations = await first.statistics.activations + second.statistics.activations
        #expect(activations == users.count + groups.count)
        runningFirst.cancel()
        runningSecond.cancel()
        _ = await runningFirst.result
        _ = await runningSecond.result
        await network.tearDown()
    }

    @Test("an activator on the ledger file activates what another process appends to it")
    func anotherProcessWritesTheFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "activator-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("ledger.sqlite").path
        // Two services on one file stand for two processes: the CLI writing, the activator following.
        let writer = try LedgerService(
            path: path, creating: LedgerGenesis(foundation: ActivatorTestNetwork.sharedFoundation.publicKey))
        let network = try await ActivatorTestNetwork(ledger: writer, service: writer, directory: directory)
        let activatorSide = try LedgerService(path: path)
        let running = start(network.makeActivator(on: activatorSide))
        defer {
            running.cancel()
            Task {
                await activatorSide.close()
                await network.tearDown()
            }
        }
        let device = try await network.createDevice(1)
        try await network.waitUntil("the device is activated") {
            $0.devices[device]?.status == .activated
        }
        let user = try await network.createUser(.ibrl, number: 1, on: device)
        try await network.waitUntil("the user is activated") {
            $0.users[user]?.status == .activated
        }
    }
}
