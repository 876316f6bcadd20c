import AppTestSupport
import Foundation
import Testing

/// `Tools/Setup/ensure-debian-packages.sh`, the first step of `make test` and `make devnet`, run
/// against a fake `dpkg-query` (its answers come from a status file) and a fake `apt-get` first on
/// PATH that records its calls and marks what it "installs" in that status file. Nothing is ever
/// installed or removed: the real apt-get is never reached.
@Suite("Tools/Setup/ensure-debian-packages.sh")
struct SetupScriptTests {
    /// The repository's root, found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The script under test.
    static let script = repositoryRoot.appendingPathComponent("Tools/Setup/ensure-debian-packages.sh")

    /// Answers `dpkg-query -W -f=FORMAT NAME...` from `$FAKE_DPKG_STATUS` (lines "name abbrev"):
    /// the known names' lines on stdout, an error on stderr and exit 1 for the others, as dpkg-query does.
    static let fakeDpkgQuery = """
        #!/bin/bash
        set -euo pipefail
        rc=0
        for arg in "$@"; do
            case "$arg" in -W|-f=*) continue ;; esac
            line="$(awk -v name="$arg" '$1 == name' "$FAKE_DPKG_STATUS")"
            if [ -n "$line" ]; then printf '%s\\n' "$line"
            else echo "dpkg-query: no packages found matching $arg" >&2; rc=1; fi
        done
        exit "$rc"
        """

    /// Records each call (with DEBIAN_FRONTEND) in `$FAKE_APT_LOG`; `install` marks its packages
    /// installed in `$FAKE_DPKG_STATUS`, or fails with exit 100 when `$FAKE_APT_FAIL` is set.
    static let fakeAptGet = """
        #!/bin/bash
        set -euo pipefail
        echo "DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-} $*" >>"$FAKE_APT_LOG"
        [ "$1" = install ] || exit 0
        if [ -n "${FAKE_APT_FAIL:-}" ]; then echo "E: Unable to locate package" >&2; exit 100; fi
        shift
        while [ $# -gt 0 ]; do
            case "$1" in -o) shift ;; -*) ;; *) echo "$1 ii " >>"$FAKE_DPKG_STATUS" ;; esac
            shift
        done
        """

    /// A scratch set-up: a package list, the fakes in `bin/`, the status file and the apt-get log.
    struct Sandbox {
        let directory: URL
        var list: URL { directory.appendingPathComponent("packages.txt") }
        var status: URL { directory.appendingPathComponent("dpkg-status") }
        var aptLog: URL { directory.appendingPathComponent("apt-get.log") }
        var bin: URL { directory.appendingPathComponent("bin") }

        init(in directory: URL, list: String, status: String) throws {
            self.directory = directory
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try list.write(to: self.list, atomically: true, encoding: .utf8)
            try status.write(to: self.status, atomically: true, encoding: .utf8)
            for (name, text) in [("dpkg-query", fakeDpkgQuery), ("apt-get", fakeAptGet)] {
                let path = bin.appendingPathComponent(name).path
                try (text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        }

        /// The fake apt-get's calls, one line each; empty when it was never called.
        var aptCalls: [String] {
            guard let text = try? String(contentsOf: aptLog, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").map(String.init)
        }

        /// Runs the script in a clean environment, acting as user `uid`, with the fakes first on PATH.
        func run(uid: Int, packageList: URL? = nil, extra: [String] = []) async throws -> AppRun {
            let environment = [
                "PATH=\(bin.path):/usr/bin:/bin", "HOME=\(directory.path)",
                "SETUP_PACKAGE_LIST=\((packageList ?? list).path)",
                "SETUP_DPKG_QUERY=\(bin.appendingPathComponent("dpkg-query").path)", "SETUP_UID=\(uid)",
                "FAKE_DPKG_STATUS=\(status.path)", "FAKE_APT_LOG=\(aptLog.path)",
            ]
            return try await AppRun.run(
                executable: URL(fileURLWithPath: "/usr/bin/env"),
                ["-i"] + environment + extra + ["/bin/bash", SetupScriptTests.script.path],
                label: "ensure-debian-packages.sh", timeout: .seconds(30))
        }
    }

    static let list = """
        # a comment line
        alpha        # what needs alpha
        beta

        gamma-1.0+x  # a name with every allowed character
        delta
        """

    @Test("missing packages, not root: prints the exact sudo apt-get line, exits 1, never runs apt-get")
    func missingNotRoot() async throws {
        try await withScratchDirectory { directory in
            // gamma is only held-installed ("hi"), delta was removed ("rc"), beta is unknown to dpkg.
            let sandbox = try Sandbox(
                in: directory, list: Self.list, status: "alpha ii \ngamma-1.0+x hi \ndelta rc \n")
            let run = try await sandbox.run(uid: 1000)
            #expect(run.exitCode == 1, "output: \(run.allOutput)")
            #expect(run.standardError.contains("setup: missing Debian packages: beta delta\n"))
            #expect(
                run.standardError.contains(
                    "    sudo apt-get update && sudo apt-get install -y --no-install-recommends beta delta\n"))
            #expect(sandbox.aptCalls.isEmpty)
        }
    }

    @Test("nothing missing: one line, exit 0, no apt-get at all (not even update), also as root")
    func nothingMissing() async throws {
        try await withScratchDirectory { directory in
            let sandbox = try Sandbox(
                in: directory, list: Self.list, status: "alpha ii \nbeta ii \ngamma-1.0+x ii \ndelta hi \n")
            for uid in [1000, 0] {
                let run = try await sandbox.run(uid: uid)
                #expect(run.exitCode == 0, "output: \(run.allOutput)")
                #expect(run.standardOutput.split(separator: "\n").count == 1)
                #expect(run.standardOutput.contains("the 4 Debian packages of"))
                #expect(run.standardError.isEmpty)
            }
            #expect(sandbox.aptCalls.isEmpty)
        }
    }

    @Test("missing packages as root: apt-get update once, then install exactly the missing ones")
    func missingAsRoot() async throws {
        try await withScratchDirectory { directory in
            let sandbox = try Sandbox(in: directory, list: Self.list, status: "alpha ii \ngamma-1.0+x ii \n")
            let run = try await sandbox.run(uid: 0)
            #expect(run.exitCode == 0, "output: \(run.allOutput)")
            #expect(run.standardOutput.contains("setup: installing missing Debian packages: beta delta\n"))
            #expect(run.standardOutput.contains("setup: installed beta delta in "))
            #expect(
                sandbox.aptCalls == [
                    "DEBIAN_FRONTEND=noninteractive update -q",
                    "DEBIAN_FRONTEND=noninteractive install -y -q --no-install-recommends "
                        + "-o Dpkg::Options::=--force-confold beta delta",
                ])

            // Run again: everything is there now, so apt-get is not called again.
            let again = try await sandbox.run(uid: 0)
            #expect(again.exitCode == 0)
            #expect(sandbox.aptCalls.count == 2)
        }
    }

    @Test("apt-get install failing as root: exit 1 with apt-get's last lines and the failed command")
    func installFails() async throws {
        try await withScratchDirectory { directory in
            let sandbox = try Sandbox(in: directory, list: Self.list, status: "alpha ii \n")
            let run = try await sandbox.run(uid: 0, extra: ["FAKE_APT_FAIL=1"])
            #expect(run.exitCode == 1)
            #expect(run.standardError.contains("E: Unable to locate package"))
            #expect(
                run.standardError.contains(
                    "setup: 'apt-get install -y --no-install-recommends beta gamma-1.0+x delta' failed"))
        }
    }

    @Test("a line with two names fails with its file and line number")
    func badListLine() async throws {
        try await withScratchDirectory { directory in
            let sandbox = try Sandbox(in: directory, list: "alpha\nbeta gamma\n", status: "")
            let run = try await sandbox.run(uid: 0)
            #expect(run.exitCode == 1)
            #expect(run.standardError.contains("packages.txt:2: one package per line, found 'beta gamma'"))
            #expect(sandbox.aptCalls.isEmpty)
        }
    }

    @Test("the real list parses, names what the tests and FRR need, and is the only list: .ci/run uses the script")
    func realList() async throws {
        let realList = Self.repositoryRoot.appendingPathComponent("Tools/Setup/debian-packages.txt")
        let names = try String(contentsOf: realList, encoding: .utf8).split(separator: "\n")
            .compactMap { $0.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for needed in [
            "make", "pkg-config", "libsqlite3-dev", "libmnl-dev", "iproute2", "strace", "tshark", "tcpdump",
            "iperf3", "ethtool", "iputils-ping", "nftables", "procps", "bird2", "python3", "frr",
        ] {
            #expect(names.contains(needed), "\(needed) is not in debian-packages.txt")
        }
        try await withScratchDirectory { directory in
            let status = names.map { "\($0) ii \n" }.joined()
            let sandbox = try Sandbox(in: directory, list: "", status: status)
            let run = try await sandbox.run(uid: 0, packageList: realList)
            #expect(run.exitCode == 0, "output: \(run.allOutput)")
            #expect(run.standardOutput.contains("the \(names.count) Debian packages of"))
            #expect(sandbox.aptCalls.isEmpty)
        }
        let ci = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("bash Tools/Setup/ensure-debian-packages.sh"))
        #expect(!ci.contains("apt-get install"), ".ci/run must not keep a list of its own")
    }
}
