import Foundation

/// The monitor's dashboard opened in headless Chromium by `Tools/Dashboard/dashboard-browser.py`
/// (over the DevTools protocol): screenshots of the devices and overview pages, what their DOM
/// shows, and - optionally - whether an alert opened while the overview is open appears on it
/// without a reload.
public final class DashboardBrowser {
    /// What a page's DOM shows.
    public struct Facts: Decodable, Sendable {
        /// The page's name (`devices`, `overview`).
        public let page: String?
        /// The device codes of the device rows.
        public let devices: [String]
        /// How many capacity bars (inline SVG) it draws.
        public let capacityBars: Int
        /// Its alert rows as `kind:subject`.
        public let alerts: [String]
        /// The marker the script set before the alert was opened (gone if the page reloaded).
        public let marker: String?
    }

    private struct FirstLine: Decodable {
        let devicesPage: Facts
        let overviewPage: Facts
    }

    private struct AfterAlert: Decodable {
        let afterAlert: Facts
    }

    /// The script, found from this source file's place in the repository.
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tools/Dashboard/dashboard-browser.py").standardizedFileURL

    /// Where the screenshots go.
    public let output: URL
    private let app: BackgroundApp
    private let goFile: URL

    /// Opens `url` (the dashboard's base) and saves screenshots under `output`; `waitAlert`
    /// (`kind:subject`) makes it wait for ``openAlertAndCheck(_:)``; `networkNamespace` runs the
    /// browser inside that namespace (the dashboard's loopback address is the namespace's).
    public init(url: String, output: URL, waitAlert: String? = nil, networkNamespace: String? = nil) throws {
        self.output = output
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        goFile = output.appendingPathComponent(".go")
        try? FileManager.default.removeItem(at: goFile)
        var arguments = [Self.script.path, "--url", url, "--out", output.path]
        if let waitAlert { arguments += ["--wait-alert", waitAlert, "--go-file", goFile.path] }
        let command = (networkNamespace.map { ["ip", "netns", "exec", $0] } ?? []) + ["/usr/bin/python3"] + arguments
        app = try BackgroundApp(
            executable: URL(fileURLWithPath: "/usr/bin/env"), command, label: "dashboard-browser", in: output)
    }

    /// The devices and overview pages as first loaded (after the screenshots were saved).
    public func pages(timeout: Duration = .seconds(90)) async throws -> (devices: Facts, overview: Facts) {
        guard let line = await app.waitForOutputLine(startingWith: "{\"devices_page\"", timeout: timeout) else {
            throw Failure("the browser gave no page facts: \(app.standardError.suffix(2000))")
        }
        let decoded = try Self.decoder.decode(FirstLine.self, from: Data(line.utf8))
        return (decoded.devicesPage, decoded.overviewPage)
    }

    /// Runs `open` (which opens the alert) once the browser is ready, then returns what the
    /// overview page shows after the alert appeared (or the time ran out).
    public func openAlertAndCheck(_ open: () async throws -> Void, timeout: Duration = .seconds(90)) async throws
        -> Facts
    {
        guard await app.waitForOutputLine(startingWith: "ready", timeout: timeout) != nil else {
            throw Failure("the browser never got ready: \(app.standardError.suffix(2000))")
        }
        try await open()
        FileManager.default.createFile(atPath: goFile.path, contents: nil)
        guard let line = await app.waitForOutputLine(startingWith: "{\"after_alert\"", timeout: timeout) else {
            throw Failure("the browser gave no facts after the alert: \(app.standardError.suffix(2000))")
        }
        return try Self.decoder.decode(AfterAlert.self, from: Data(line.utf8)).afterAlert
    }

    /// Stops the browser (the script closes Chromium).
    public func stop() async {
        _ = await app.stop(timeout: .seconds(15))
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// A browser run that went wrong.
    public struct Failure: Error, CustomStringConvertible {
        /// What happened.
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
