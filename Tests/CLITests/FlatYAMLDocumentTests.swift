import CommandLineSupport
import PropertyBased
import Testing

/// The config file format: a strict flat `key: value` subset of YAML, read and written without a YAML
/// library, that keeps what it does not know.
@Suite("Config file format (flat YAML)")
struct FlatYAMLDocumentTests {
    @Test("reads plain, quoted and null values, comments and blank lines")
    func reads() throws {
        let document = try FlatYAMLDocument(
            parsing: """
                # written by hand
                ledger: http://127.0.0.1:7850   # the devnet

                keypair_path: "/home/me/my keys/id.json"
                sock_file: '/run/it''s.sock'
                json_rpc_url: https://api.testnet.example # upstream's, kept
                tenant: null
                empty:
                tilde: ~
                hash: a#b
                url: "x" # comment after a quote
                escapes: "tab\\there \\u00e9 \\x41 \\" \\\\ \\/"
                """)
        #expect(document["ledger"] == "http://127.0.0.1:7850")
        #expect(document["keypair_path"] == "/home/me/my keys/id.json")
        #expect(document["sock_file"] == "/run/it's.sock")
        #expect(document["json_rpc_url"] == "https://api.testnet.example")
        #expect(document["tenant"] == nil)
        #expect(document["empty"] == nil)
        #expect(document["tilde"] == nil)
        #expect(document["hash"] == "a#b")
        #expect(document["url"] == "x")
        #expect(document["escapes"] == "tab\there é A \" \\ /")
        #expect(document["missing"] == nil)
        #expect(document.lineNumber(of: "ledger") == 2)
        #expect(document.lineNumber(of: "keypair_path") == 4)
        #expect(document.keys.first == "ledger")
        #expect(document.keys.count == 10)
    }

    @Test("reads CRLF line breaks and a byte order mark")
    func crlfAndBOM() throws {
        let document = try FlatYAMLDocument(parsing: "\u{FEFF}ledger: /a\r\nsock_file: \"/b\"\r\n")
        #expect(document["ledger"] == "/a")
        #expect(document["sock_file"] == "/b")
    }

    /// A text outside the subset, the line it must blame and words from the problem.
    struct Malformed: Sendable, CustomTestStringConvertible {
        let text: String
        let line: Int
        let problem: String
        var testDescription: String { text.debugDescription }
    }

    static let malformed: [Malformed] = [
        Malformed(text: "ledger: /a\n  nested: 1\n", line: 2, problem: "indented"),
        Malformed(text: "address_labels:\n  key: value\n", line: 2, problem: "nested values"),
        Malformed(text: "just words\n", line: 1, problem: "expected `key: value`"),
        Malformed(text: "# ok\nledger:/a\n", line: 2, problem: "a space must follow ':'"),
        Malformed(text: "ledger: /a\nledger: /b\n", line: 2, problem: "already set on line 1"),
        Malformed(text: "ledger: \"/a\n", line: 1, problem: "no closing"),
        Malformed(text: "ledger: '/a\n", line: 1, problem: "no closing"),
        Malformed(text: "ledger: \"/a\" trailing\n", line: 1, problem: "after the closing quote"),
        Malformed(text: "ledger: \"\\q\"\n", line: 1, problem: "unknown escape"),
        Malformed(text: "ledger: \"\\u12\"\n", line: 1, problem: "hex digits"),
        Malformed(text: "ledger: \"\\uD800\"\n", line: 1, problem: "hex digits"),
        Malformed(text: "labels: {}\n", line: 1, problem: "YAML feature"),
        Malformed(text: "labels: [a, b]\n", line: 1, problem: "YAML feature"),
        Malformed(text: "a: &anchor x\n", line: 1, problem: "YAML feature"),
        Malformed(text: "a: |\n", line: 1, problem: "YAML feature"),
        Malformed(text: "a: - x\n", line: 1, problem: "YAML feature"),
        Malformed(text: "a: b: c\n", line: 1, problem: "':' followed by a space"),
        Malformed(text: "a: b:\n", line: 1, problem: "':' followed by a space"),
        Malformed(text: "---\nledger: /a\n", line: 1, problem: "document markers"),
        Malformed(text: "\"ledger\": /a\n", line: 1, problem: "quoted keys"),
        Malformed(text: "1ledger: /a\n", line: 1, problem: "expected `key: value`"),
        Malformed(text: "ledger: a\u{07}b\n", line: 1, problem: "control character U+0007"),
        Malformed(text: "ledger: a\rb\n", line: 1, problem: "control character U+000D"),
        Malformed(text: "\tledger: /a\n", line: 1, problem: "indented"),
    ]

    @Test("a line outside the subset is refused with its line number", arguments: malformed)
    func refuses(_ testCase: Malformed) {
        #expect {
            try FlatYAMLDocument(parsing: testCase.text)
        } throws: { error in
            guard let error = error as? FlatYAMLError else { return false }
            return error.line == testCase.line && error.problem.contains(testCase.problem)
                && error.description.hasPrefix("line \(testCase.line): ")
        }
    }

    @Test("setting a key rewrites only its line and keeps comments, blank lines and unknown keys")
    func keepsWhatItDoesNotKnow() throws {
        let original = """
            # my settings
            json_rpc_url: https://api.testnet.example   # upstream, not ours
            ledger: /old/ledger.sqlite

            tenant: 'acme'
            """
        var document = try FlatYAMLDocument(parsing: original)
        document.set("ledger", to: "http://127.0.0.1:7850")
        document.set("sock_file", to: "/run/doublezerod/doublezerod.sock")
        #expect(
            document.rendered() == """
                # my settings
                json_rpc_url: https://api.testnet.example   # upstream, not ours
                ledger: http://127.0.0.1:7850

                tenant: 'acme'
                sock_file: /run/doublezerod/doublezerod.sock

                """)
        #expect(try FlatYAMLDocument(parsing: document.rendered()) == document)
    }

    @Test(
        "unambiguous paths and URLs are written plain, everything else double-quoted",
        arguments: [
            ("http://127.0.0.1:7850", "http://127.0.0.1:7850"),
            ("/home/me/.config/doublezero/id.json", "/home/me/.config/doublezero/id.json"),
            ("~/id.json", "~/id.json"),
            ("./ledger.sqlite", "./ledger.sqlite"),
            ("7850", "\"7850\""),
            ("true", "\"true\""),
            ("Null", "\"Null\""),
            ("~", "\"~\""),
            ("", "\"\""),
            ("a: b", "\"a: b\""),
            ("my keys/id.json", "\"my keys/id.json\""),
            ("#x", "\"#x\""),
            ("say \"hi\"\\", "\"say \\\"hi\\\"\\\\\""),
            ("line\nbreak\ttab", "\"line\\nbreak\\ttab\""),
            ("bell\u{07}", "\"bell\\u0007\""),
            ("é", "\"é\""),
        ])
    func writing(_ value: String, _ written: String) throws {
        var document = FlatYAMLDocument()
        document.set("key", to: value)
        #expect(document.rendered() == "key: \(written)\n")
        #expect(try FlatYAMLDocument(parsing: document.rendered())["key"] == value)
    }

    /// Unicode scalar values biased towards the characters that matter to the format.
    static let scalarCode = Gen<UInt32>.frequency(
        (weight: 4, gen: Gen<UInt32>.value(in: 0x20...0x7E)),
        (weight: 3, gen: Gen<UInt32?>.element(of: Array(" #:'\"\\-~?".unicodeScalars.map(\.value))).map { $0! }),
        (weight: 1, gen: Gen<UInt32>.value(in: 0...0x1F)),
        (
            weight: 1,
            gen: Gen<UInt32?>.element(of: [0x7F, 0x85, 0xA0, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0x301]).map { $0! }
        ),
        (weight: 1, gen: Gen<UInt32>.value(in: 0x80...0x10FFFF)))

    /// Arbitrary strings (lone surrogates are not characters and cannot be in a String).
    static let value = scalarCode.array(of: 0...24).map { codes in
        String(String.UnicodeScalarView(codes.compactMap(Unicode.Scalar.init)))
    }

    /// Valid keys.
    static let key = Gen<Character>.letterOrNumber.string(of: 0...10).map { "k_" + $0 }

    @Test("write then read gives back every value, scalar for scalar")
    func roundTrip() async {
        await propertyCheck(count: 500, input: Self.key, Self.value, Self.value) { key, first, second in
            var document = try FlatYAMLDocument(parsing: "# kept\nother: 'x'\n")
            document.set(key, to: first)
            document.set("second", to: second)
            let text = document.rendered()
            let read: FlatYAMLDocument
            do {
                read = try FlatYAMLDocument(parsing: text)
            } catch {
                Issue.record("\(error) reading back \(text.debugDescription)")
                return
            }
            #expect(
                read[key].map { Array($0.unicodeScalars) } == Array(first.unicodeScalars), "\(text.debugDescription)")
            #expect(read["second"].map { Array($0.unicodeScalars) } == Array(second.unicodeScalars))
            #expect(read["other"] == "x")
            #expect(read.rendered() == text)
        }
    }
}
