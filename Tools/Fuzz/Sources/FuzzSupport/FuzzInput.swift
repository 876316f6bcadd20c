/// Turns a fuzz input into choices: bytes, numbers, flags and elements, read from the front.
///
/// Reading past the end yields zeros (and empty chunks), never a trap, so a short input still
/// makes a whole, if minimal, value. Multi-byte numbers are big-endian.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var position = 0

    /// An input over `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    public var isExhausted: Bool { position >= bytes.count }

    /// The next byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// The next two bytes as a number.
    public mutating func uint16() -> UInt16 {
        UInt16(byte()) << 8 | UInt16(byte())
    }

    /// The next four bytes as a number.
    public mutating func uint32() -> UInt32 {
        UInt32(uint16()) << 16 | UInt32(uint16())
    }

    /// The next eight bytes as a number.
    public mutating func uint64() -> UInt64 {
        UInt64(uint32()) << 32 | UInt64(uint32())
    }

    /// The low bit of the next byte.
    public mutating func bool() -> Bool {
        byte() & 1 == 1
    }

    /// A number in `range` (at most 256 values wide: one byte is read).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(byte()) % (range.count)
    }

    /// One of `elements` (not empty).
    public mutating func element<Element>(of elements: [Element]) -> Element {
        elements[Int(byte()) % elements.count]
    }

    /// The next `count` bytes, fewer at the end.
    public mutating func bytes(count: Int) -> [UInt8] {
        let end = min(bytes.count, position + max(0, count))
        defer { position = end }
        return Array(bytes[min(position, end)..<end])
    }

    /// A chunk framed by ``frame(_:)``: a two-byte length, then that many bytes (fewer at the
    /// end); nil once the input is exhausted.
    public mutating func chunk() -> [UInt8]? {
        guard !isExhausted else { return nil }
        return bytes(count: Int(uint16()))
    }

    /// Everything not read yet.
    public mutating func rest() -> [UInt8] {
        bytes(count: bytes.count - position)
    }

    /// `chunk` framed for ``chunk()``: its length in two bytes, then its bytes (at most 65,535).
    public static func frame(_ chunk: [UInt8]) -> [UInt8] {
        let count = min(chunk.count, Int(UInt16.max))
        return [UInt8(count >> 8), UInt8(count & 0xFF)] + chunk.prefix(count)
    }
}
