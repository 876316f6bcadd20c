/// Base58 with the Bitcoin alphabet, as Solana uses it for public keys.
public enum Base58 {
    /// The 58 symbols, in value order (no `0`, `O`, `I`, `l`).
    public static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    private static let values: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (index, symbol) in alphabet.enumerated() { table[Int(symbol)] = Int8(index) }
        return table
    }()

    /// 58^5: five base-58 digits per 32-bit limb.
    private static let limbBase: UInt64 = 656_356_768

    /// Encodes bytes; each leading zero byte becomes a leading `1`.
    ///
    /// Works in limbs of five base-58 digits, so a 32-byte key takes about 9 limbs per input
    /// byte instead of 44 single digits (quadratic either way, five times fewer steps).
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        // Limbs of the number in base 58^5, least significant first.
        var limbs: [UInt32] = []
        limbs.reserveCapacity(bytes.count / 3 + 1)
        for byte in bytes.dropFirst(zeros) {
            var carry = UInt64(byte)
            for index in limbs.indices {
                carry += UInt64(limbs[index]) << 8
                limbs[index] = UInt32(carry % limbBase)
                carry /= limbBase
            }
            while carry > 0 {
                limbs.append(UInt32(carry % limbBase))
                carry /= limbBase
            }
        }
        // Expand each limb into five digits, least significant first.
        var digits: [UInt8] = []
        digits.reserveCapacity(limbs.count * 5)
        for limb in limbs {
            var value = limb
            for _ in 0..<5 {
                digits.append(UInt8(value % 58))
                value /= 58
            }
        }
        while digits.last == 0 { digits.removeLast() }
        var result = [UInt8](repeating: alphabet[0], count: zeros)
        result.reserveCapacity(zeros + digits.count)
        for digit in digits.reversed() { result.append(alphabet[Int(digit)]) }
        return String(decoding: result, as: UTF8.self)
    }

    /// The longest base58 text that `byteCount` bytes encode to: each leading zero byte is one
    /// `1`, and a number below 256^n needs at most ⌈n · log₅₈ 256⌉ digits (log₅₈ 256 ≈ 1.365658,
    /// rounded up here), so 32 bytes take at most 44 symbols and 64 bytes at most 88.
    public static func maxEncodedCount(forByteCount byteCount: Int) -> Int {
        (byteCount * 1_365_659 + 999_999) / 1_000_000
    }

    /// Decodes a base58 string of at most `maxByteCount` bytes; nil if it holds a symbol outside
    /// the alphabet or would decode to more than `maxByteCount` bytes.
    ///
    /// Decoding is quadratic in the length, so the length is checked against
    /// ``maxEncodedCount(forByteCount:)`` before any work: a hostile 60 KB string costs nothing.
    public static func decode(_ text: some StringProtocol, maxByteCount: Int) -> [UInt8]? {
        let utf8 = text.utf8
        guard utf8.count <= maxEncodedCount(forByteCount: maxByteCount) else { return nil }
        let symbols = Array(utf8)
        let ones = symbols.prefix { $0 == alphabet[0] }.count
        // Bytes, least significant first.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(symbols.count * 733 / 1000 + 1)
        for symbol in symbols.dropFirst(ones) {
            guard symbol < 128, case let value = values[Int(symbol)], value >= 0 else { return nil }
            var carry = Int(value)
            for index in bytes.indices {
                carry += Int(bytes[index]) * 58
                bytes[index] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        guard ones + bytes.count <= maxByteCount else { return nil }
        return [UInt8](repeating: 0, count: ones) + bytes.reversed()
    }
}
