/// Why a keypair file could not be read, decoded or written.
public enum KeypairFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The contents are not JSON at all.
    case notJSON
    /// The contents are JSON, but not an array; `found` names what is there (`"an object"`).
    case notAnArray(found: String)
    /// The array does not hold exactly 64 elements.
    case wrongLength(count: Int)
    /// The element at `index` is not an integer; `found` names what is there (`"a string"`).
    case notAnInteger(index: Int, found: String)
    /// The element at `index` is an integer outside 0...255.
    case valueOutOfRange(index: Int, value: String)
    /// There is no file at `path`.
    case fileMissing(path: String)
    /// The file at `path` exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file at `path` could not be written.
    case unwritable(path: String, reason: String)
    /// A file already exists at `path` and overwriting was not asked for.
    case alreadyExists(path: String)
    /// The file at `path` was read but its contents are not a keypair.
    indirect case invalidContents(path: String, error: KeypairFileError)

    /// A sentence naming what is wrong and, for files, where.
    public var description: String {
        let expected = "an array of \(KeypairFile.byteCount) integers 0-255"
        switch self {
        case .notJSON:
            return "not a keypair: the contents are not JSON (expected \(expected))"
        case .notAnArray(let found):
            return "not a keypair: found \(found) where \(expected) belongs"
        case .wrongLength(let count):
            return "not a keypair: expected \(KeypairFile.byteCount) integers, found \(count)"
        case .notAnInteger(let index, let found):
            return "not a keypair: the value at index \(index) is \(found), not an integer 0-255"
        case .valueOutOfRange(let index, let value):
            return "not a keypair: the value \(value) at index \(index) is outside 0-255"
        case .fileMissing(let path):
            return "no keypair file at \(path)"
        case .unreadable(let path, let reason):
            return "cannot read keypair file \(path): \(reason)"
        case .unwritable(let path, let reason):
            return "cannot write keypair file \(path): \(reason)"
        case .alreadyExists(let path):
            return "keypair file \(path) already exists; not overwriting it"
        case .invalidContents(let path, let error):
            return "keypair file \(path): \(error)"
        }
    }
}
