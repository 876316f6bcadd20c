import Foundation

/// Paths given on the command line that may start with `~`, such as the default key file
/// `~/.config/doublezero/id.json`.
public enum HomeRelativePath {
    /// `path` with a leading `~` (or `~user`) replaced by that home directory; other paths unchanged.
    public static func expand(_ path: String) -> String {
        NSString(string: path).expandingTildeInPath
    }
}
