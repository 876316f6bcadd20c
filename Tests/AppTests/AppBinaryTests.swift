import AppTestSupport
import Foundation
import Testing

/// The binary locator itself: a missing app is a failure with a message that says how to fix it.
@Suite("Locating the apps")
struct AppBinaryTests {
    @Test("a missing binary is an error that says to run swift build")
    func missingBinary() {
        #expect {
            _ = try AppBinary.locate("doublezero-no-such-app")
        } throws: { error in
            let message = String(describing: error)
            return message.contains("doublezero-no-such-app") && message.contains("swift build")
        }
    }

    @Test(
        "every app is built next to the tests",
        arguments: [
            "doublezero", "doublezerod", "doublezero-ledger", "doublezero-activator", "doublezero-controller",
            "doublezero-monitor", "doublezero-device-agent",
        ])
    func appIsBuilt(_ name: String) throws {
        let binary = try AppBinary.locate(name)
        #expect(binary.url.lastPathComponent == name)
    }
}
