import LedgerClient
import Testing

/// The client's pure parts: line splitting (the reconnect backoff is Models' and tested there).
@Suite("Ledger client: parts")
struct ClientPartsTests {
    @Test("lines split across chunks come out whole; CR and empty lines are dropped")
    func splitter() throws {
        var splitter = NDJSONLineSplitter(maxLineBytes: 100)
        splitter.append(Array(#"{"a":1}"#.utf8) + [10] + Array(#"{"b""#.utf8))
        #expect(try splitter.nextLine().map { Array($0) } == Array(#"{"a":1}"#.utf8))
        #expect(try splitter.nextLine() == nil)
        splitter.append(Array(#":2}"#.utf8) + [13, 10, 10])
        #expect(try splitter.nextLine().map { Array($0) } == Array(#"{"b":2}"#.utf8))
        #expect(try splitter.nextLine() == nil)
        #expect(splitter.pendingByteCount == 0)
    }

    @Test("a line over the limit is an error, even before its newline")
    func splitterLimit() {
        var splitter = NDJSONLineSplitter(maxLineBytes: 4)
        splitter.append(Array("abcdefgh".utf8))
        #expect(throws: NDJSONLineTooLong.self) { try splitter.nextLine() }
    }
}
