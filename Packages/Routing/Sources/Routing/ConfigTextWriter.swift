/// The text of a device configuration (EOS or FRR), built line by line: every line ends with `\n`, and the
/// writer never produces an empty line.
///
/// A line may be given in pieces, which are appended in place as UTF-8 bytes (no temporary string
/// per line): the renderer writes hundreds of thousands of lines for a large network.
struct ConfigTextWriter {
    /// The UTF-8 bytes so far.
    private var bytes: [UInt8]

    /// Starts an empty text with room for about `capacity` bytes.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The text so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `line` and a newline.
    mutating func line(_ line: String) {
        bytes.append(contentsOf: line.utf8)
        bytes.append(0x0A)
    }

    /// Appends the line `a + b`.
    mutating func line(_ a: String, _ b: String) {
        bytes.append(contentsOf: a.utf8)
        bytes.append(contentsOf: b.utf8)
        bytes.append(0x0A)
    }

    /// Appends the line `a + b + c`.
    mutating func line(_ a: String, _ b: String, _ c: String) {
        bytes.append(contentsOf: a.utf8)
        bytes.append(contentsOf: b.utf8)
        bytes.append(contentsOf: c.utf8)
        bytes.append(0x0A)
    }

    /// Appends the line `a + b + c + d`.
    mutating func line(_ a: String, _ b: String, _ c: String, _ d: String) {
        bytes.append(contentsOf: a.utf8)
        bytes.append(contentsOf: b.utf8)
        bytes.append(contentsOf: c.utf8)
        bytes.append(contentsOf: d.utf8)
        bytes.append(0x0A)
    }

    /// Appends the line `a + b + c + d + e`.
    mutating func line(_ a: String, _ b: String, _ c: String, _ d: String, _ e: String) {
        bytes.append(contentsOf: a.utf8)
        bytes.append(contentsOf: b.utf8)
        bytes.append(contentsOf: c.utf8)
        bytes.append(contentsOf: d.utf8)
        bytes.append(contentsOf: e.utf8)
        bytes.append(0x0A)
    }

    /// Appends each of `lines`, in order.
    mutating func lines(_ lines: [String]) {
        for line in lines { self.line(line) }
    }
}
