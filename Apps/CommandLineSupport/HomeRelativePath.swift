import Foundation

/// Paths given on the command line, in the environment or in the config file that may start with
/// `~`, such as the default key file `~/.config/doublezero/id.json`.
public enum HomeRelativePath {
    /// `path` with a leading `~` (or `~user`) replaced by that home directory; other paths unchanged.
    public static func expand(_ path: String) -> String {
        NSString(string: path).expandingTildeInPath
    }

    /// `path` with a leading `~` or `~/` replaced by `home` (when given and not empty); `~user` and
    /// everything else as ``expand(_:)`` does it.
    public static func expand(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") else { return expand(path) }
        let base = home.hasSuffix("/") && home != "/" ? String(home.dropLast()) : home
        return path == "~" ? base : (base == "/" ? "" : base) + path.dropFirst()
    }

    /// `path` (`~` expanded with `home`) as an absolute path: a relative one is taken from
    /// `currentDirectory`; `.` and `..` components and repeated slashes are removed (without
    /// resolving symbolic links).
    public static func absolute(_ path: String, home: String?, currentDirectory: String) -> String {
        let expanded = expand(path, home: home)
        let full = expanded.hasPrefix("/") ? expanded : currentDirectory + "/" + expanded
        var components: [Substring] = []
        for component in full.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }
}
