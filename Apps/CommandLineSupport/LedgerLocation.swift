import ArgumentParser
import Foundation

/// Where a tool finds the ledger, as given with `--ledger`.
///
/// - An `http://` or `https://` URL names a ledger served by `doublezero-ledger serve`.
/// - Anything else is the path of the ledger's embedded SQLite file, opened directly (only for tools
///   on the same host as the file).
///
/// An empty value, a URL without a host, and a URL with any other scheme (`ftp://`, `file://`, …) are
/// rejected with a message that says what to give instead.
public enum LedgerLocation: Sendable, Hashable, CustomStringConvertible, ExpressibleByArgument {
    /// The ledger's SQLite file at `path`, opened in this process.
    case embedded(path: String)

    /// A ledger served over HTTP at `url`.
    case remote(URL)

    /// Parses a `--ledger` value, throwing a ``ArgumentParser/ValidationError`` that explains a bad value.
    public init(validating text: String) throws(ValidationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw ValidationError(
                "the ledger location is empty; give the path of a ledger file (e.g. ./ledger.sqlite) "
                    + "or the URL of a ledger server (e.g. http://127.0.0.1:8899)")
        }
        guard let schemeEnd = trimmed.range(of: "://") else {
            self = .embedded(path: text)
            return
        }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            throw ValidationError(
                "'\(scheme)://' ledgers are not supported; give an http:// or https:// URL, "
                    + "or the plain path of a ledger file")
        }
        guard let url = URL(string: trimmed), let host = url.host, !host.isEmpty else {
            throw ValidationError("'\(trimmed)' is not a valid URL; expected e.g. http://127.0.0.1:8899")
        }
        self = .remote(url)
    }

    /// Parses a `--ledger` value, or returns `nil` where ``init(validating:)`` would throw.
    public init?(argument: String) {
        guard let location = try? LedgerLocation(validating: argument) else { return nil }
        self = location
    }

    /// The file path or URL, as a person would type it.
    public var description: String {
        switch self {
        case .embedded(let path): path
        case .remote(let url): url.absoluteString
        }
    }
}
