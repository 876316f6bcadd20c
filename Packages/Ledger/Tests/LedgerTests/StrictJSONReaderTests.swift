import Testing

@testable import Ledger

/// The strict reader takes RFC 8259 JSON and nothing else, and names duplicate keys and deep
/// nesting with their path.
@Suite struct StrictJSONReaderTests {
    static func read(_ text: String, maxDepth: Int = StrictJSONReader.defaultMaxDepth) throws(StrictJSONError)
        -> JSONNode
    {
        try StrictJSONReader.read(Array(text.utf8), maxDepth: maxDepth)
    }

    @Test(arguments: [
        "{}", "[]", "0", "-0", "-0.5e-7", "1E+2", "true", "null", #""""#, " \t\r\n{ \"a\" : [ 1 , 2 ] } ",
        #"{"a":[1,-0.5,2e10,true,false,null,"x\n\u00e9\ud83d\ude00\/"],"b":{}}"#,
    ])
    func acceptsJSON(_ text: String) throws {
        _ = try Self.read(text)
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", #"{"a":1,}"#, "01", "+1", ".5", "1.", "1e", "-", "NaN", "Infinity", "[1 2]",
        "{} {}", "// c\n{}", "{'a':1}", #"{"a" 1}"#, #"{a:1}"#, "tru", "nul", #""\x""#, #""\u12""#, #""\ud800""#,
        #""\udc00""#, #""\ud800\u0041""#, "\"tab\there\"", "\u{FEFF}{}", #""unterminated"#,
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(throws: StrictJSONError.self) { try Self.read(text) }
    }

    @Test func refusesInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xC3, 0x28, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            #expect(throws: StrictJSONError.self) { try StrictJSONReader.read(bytes) }
        }
    }

    @Test func unescapesStrings() throws {
        let node = try Self.read(#"{"k\u0041":"\u00e9\ud83d\ude00\n\"\\\/"}"#)
        #expect(node["kA"]?.value == .string("é😀\n\"\\/"))
    }

    @Test func duplicateKeysAreNamedWithTheirPath() {
        #expect(throws: StrictJSONError.duplicateKey(key: "b", path: "a.1")) {
            try Self.read(#"{"a":[{},{"b":1,"b":2}]}"#)
        }
        #expect(throws: StrictJSONError.duplicateKey(key: "a", path: "the top level")) {
            try Self.read(#"{"a":1,"a":1}"#)
        }
    }

    @Test func nestingIsBounded() throws {
        let limit = 16
        _ = try Self.read(String(repeating: "[", count: limit) + String(repeating: "]", count: limit), maxDepth: limit)
        #expect(throws: StrictJSONError.tooDeep(path: String(repeating: "0.", count: limit - 1) + "0", limit: limit)) {
            try Self.read(
                String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1), maxDepth: limit)
        }
    }

    @Test func nodesKnowWhereTheirTextIs() throws {
        let text = #"{"n":1e3,"s":"x"}"#
        let node = try Self.read(text)
        let number = try #require(node["n"])
        #expect(Array(Array(text.utf8)[number.range]) == Array("1e3".utf8))
        #expect(number.value == .number)
    }
}
