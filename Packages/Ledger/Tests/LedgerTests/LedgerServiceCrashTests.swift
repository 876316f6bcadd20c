import Foundation
import Ledger
import Models
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Durability against `SIGKILL`: a child process (this test binary, running only the child test
/// below) submits as fast as it can and reports each receipt; the parent kills it without warning
/// mid-stream, then checks that every acknowledged entry is in the file and that it verifies.
@Suite struct LedgerServiceCrashTests {
    /// The environment variable that names the child's ledger file (and enables the child test).
    static let childPathVariable = "LEDGER_CRASH_TEST_CHILD_PATH"

    @Test(.timeLimit(.minutes(1)))
    func everyAcknowledgedSubmitSurvivesSIGKILL() async throws {
        let directory = try TemporaryLedgerDirectory()
        defer { directory.remove() }
        let path = directory.path()
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = [
            "--testing-library", "swift-testing", "--filter", "submitUntilKilledAsTheChildOfTheCrashTest",
        ]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childPathVariable: path]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()

        // Read acknowledgements until 300 are in, then kill the child mid-submit.
        var acknowledged: UInt64 = 0
        var pending = ""
        while acknowledged < 300 {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            pending += String(decoding: data, as: UTF8.self)
            while let newline = pending.firstIndex(of: "\n") {
                let line = pending[..<newline]
                if line.hasPrefix("accepted "), let sequence = UInt64(line.dropFirst("accepted ".count)) {
                    acknowledged = max(acknowledged, sequence)
                }
                pending.removeSubrange(...newline)
            }
        }
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(acknowledged >= 300, "the child acknowledged only \(acknowledged) submits")

        let reopened = try LedgerService(path: path)
        let head = try await reopened.head()
        #expect(head.sequence >= acknowledged, "acknowledged \(acknowledged), the file holds \(head.sequence)")
        let report = try LedgerVerifier.verify(path: path)
        #expect(report.isValid, "\(report)")
        #expect(report.stateHash == head.stateHash)
        // The file is writable again right away: the program runs inside a write transaction
        // and refuses a second initialisation (rather than the lock failing).
        let again = await submitExpectingRejection(
            of: SignedTransaction([.initGlobalState], signedBy: Keypair(), for: reopened.genesis().id), by: reopened)
        #expect(again?.code == .accountAlreadyInitialized)
    }

    /// The child: runs only when started by the test above.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childPathVariable] != nil))
    func submitUntilKilledAsTheChildOfTheCrashTest() async throws {
        let path = try #require(ProcessInfo.processInfo.environment[Self.childPathVariable])
        var scenario = LedgerFileScenario()
        let ledger = try LedgerService(path: path, creating: scenario.genesis)
        _ = try await ledger.submit(scenario.initialization())
        let deadline = ContinuousClock.now.advanced(by: .seconds(50))
        var epoch: UInt64 = 0
        while ContinuousClock.now < deadline {
            epoch += 1
            let receipt = try await ledger.submit(scenario.setEpoch(epoch))
            FileHandle.standardOutput.write(Data("accepted \(receipt.sequence)\n".utf8))
        }
    }
}
