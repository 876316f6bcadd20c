import ActivatorService
import Models
import Testing

/// The start of a one-device activator scenario: an activator running against `network` and
/// device 1 created and activated by it. ``stop()`` cancels the activator and tears the network down.
struct ActivatedDeviceScenario {
    let network: ActivatorTestNetwork
    let activator: Activator
    let device: PublicKey
    private let running: Task<Void, any Error>

    /// Starts an activator on `network`, creates device 1 and waits until it is activated; if
    /// that fails, stops the activator and tears the network down before rethrowing.
    init(network: ActivatorTestNetwork, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let activator = network.makeActivator()
        let running = start(activator)
        do {
            let device = try await network.createDevice(1)
            try await network.waitUntil("the device is activated", sourceLocation: sourceLocation) {
                $0.devices[device]?.status == .activated
            }
            self.device = device
        } catch {
            running.cancel()
            Task { await network.tearDown() }
            throw error
        }
        self.network = network
        self.activator = activator
        self.running = running
    }

    /// Cancels the activator, then tears the network down (in the background).
    func stop() {
        running.cancel()
        let network = network
        Task { await network.tearDown() }
    }
}
