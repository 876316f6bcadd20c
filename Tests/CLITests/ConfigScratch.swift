import Foundation

/// A temporary directory for the config unit tests: a home directory and files in it. It is removed
/// when the scratch goes away.
final class ConfigScratch: Sendable {
    /// The directory, also used as `HOME`.
    let home: String

    /// An empty scratch directory.
    init() throws {
        home =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("ConfigTests-\(UUID().uuidString)", isDirectory: true).path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: home)
    }

    /// The default config file's path under this home.
    var configPath: String { home + "/.config/doublezero/config.yml" }

    /// A path inside the scratch directory.
    func path(_ name: String) -> String { home + "/" + name }

    /// Writes `text` to `name` (a path inside the scratch directory), creating directories, and returns
    /// the full path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let path = path(name)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The text of the file at `path`, or nil when there is none.
    func contents(of path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
