import AppTestSupport
import Testing

/// Every command that is not built yet says so, names the issue that will build it, and exits 69.
@Suite("Not built yet")
struct NotBuiltYetTests {
    /// A command line and the plan its message must name.
    struct Case: Sendable, CustomTestStringConvertible {
        let invocation: AppInvocation
        let plan: String
        init(_ commandLine: String, _ plan: String) {
            invocation = AppInvocation(commandLine)
            self.plan = plan
        }
        var testDescription: String { invocation.testDescription }
    }

    static let cases: [Case] = [
        Case("doublezero connect ibrl acme --ledger ledger.sqlite", "not yet scheduled"),
        Case("doublezero connect multicast --subscribe-feed f1 --ledger ledger.sqlite", "not yet scheduled"),
    ]

    @Test("exits 69 and says what is not built and which issue builds it", arguments: cases)
    func notBuiltYet(_ testCase: Case) async throws {
        let run = try await AppRun.run(testCase.invocation.app, testCase.invocation.arguments)
        #expect(run.exitCode == 69, "stderr: \(run.standardError)")
        #expect(run.standardError.contains("is not built yet"), "stderr: \(run.standardError)")
        #expect(run.standardError.contains(testCase.plan), "stderr: \(run.standardError)")
        #expect(run.standardError.contains("Nothing was done."), "stderr: \(run.standardError)")
        #expect(run.standardOutput.isEmpty, "stdout: \(run.standardOutput)")
    }

    @Test("the message names the exact command that was run")
    func messageNamesTheCommand() async throws {
        let run = try await AppRun.run("doublezero", ["connect", "ibrl", "acme", "--ledger", "ledger.sqlite"])
        #expect(
            run.standardError
                == "Error: doublezero connect ibrl acme (tenants) is not built yet (not yet scheduled). Nothing was done.\n"
        )
    }
}
