/// Splits a byte stream into newline-terminated lines, as the bytes arrive.
///
/// Feed chunks with ``append(_:)`` and take complete lines with ``nextLine()``; a line split
/// across chunks is returned once its newline arrives. A trailing `\r` is dropped and empty
/// lines are skipped. A line longer than the limit is an error rather than unbounded memory.
public struct NDJSONLineSplitter: Sendable {
    /// The longest line accepted, in bytes (without the newline).
    public let maxLineBytes: Int

    private var buffer: [UInt8] = []
    private var start = 0
    private var scanned = 0

    /// Creates an empty splitter.
    public init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Adds received bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete non-empty line, or nil until more bytes arrive.
    ///
    /// - Throws: ``NDJSONLineTooLong`` when a line passes ``maxLineBytes`` (with or without its
    ///   newline yet).
    public mutating func nextLine() throws(NDJSONLineTooLong) -> ArraySlice<UInt8>? {
        while true {
            guard let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) else {
                scanned = buffer.count
                if buffer.count - start > maxLineBytes { throw NDJSONLineTooLong(limit: maxLineBytes) }
                return nil
            }
            var end = newline
            if end > start && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = buffer[start..<end]
            start = newline + 1
            scanned = start
            if line.count > maxLineBytes { throw NDJSONLineTooLong(limit: maxLineBytes) }
            if !line.isEmpty { return line }
        }
    }

    /// Bytes received but not yet returned as a line.
    public var pendingByteCount: Int { buffer.count - start }

    /// Forgets everything received (after a disconnect, the partial line is useless).
    public mutating func reset() {
        buffer = []
        start = 0
        scanned = 0
    }
}

/// A log stream line longer than the client accepts.
public struct NDJSONLineTooLong: Error, Hashable, Sendable, CustomStringConvertible {
    /// The limit that was passed, in bytes.
    public let limit: Int

    /// A message for people.
    public var description: String { "a log stream line is longer than \(limit) bytes" }
}
