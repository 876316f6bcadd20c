/// The first way a JSON text differs from the canonical text of the same value, in words a
/// client can act on: an unknown field, a number written as `1e3` instead of `1000`, keys out of
/// order, white space.
///
/// Both texts are read with ``StrictJSONReader``; values are compared literal by literal in the
/// canonical order, so the report names the path (`instructions.0.args`) of the first difference.
struct CanonicalDifference: Hashable, Sendable, CustomStringConvertible {
    /// The dotted path of the field that differs (`instructions.0.args.x`), nil for the whole text.
    let field: String?
    /// What differs, and where.
    let description: String

    /// The first difference between `text` and `canonical`, or nil when the bytes are equal.
    ///
    /// - Parameters:
    ///   - text: the text as written, already read as `node`.
    ///   - canonical: the canonical text of the value `text` decodes to.
    static func first(in text: [UInt8], node: JSONNode, canonical: [UInt8]) -> CanonicalDifference? {
        guard text != canonical else { return nil }
        guard let canonicalNode = try? StrictJSONReader.read(canonical) else {
            return CanonicalDifference(field: nil, description: "the canonical form could not be read back")
        }
        let comparison = Comparison(text: text, canonical: canonical)
        if let difference = comparison.compare(node, canonicalNode, path: []) { return difference }
        // Same values, same literals, same order: only white space between tokens can differ.
        let offset =
            zip(text, canonical).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(text.count, canonical.count)
        return CanonicalDifference(
            field: nil,
            description: "white space at byte \(offset); the canonical form has none between tokens")
    }

    /// A walk over two trees and their texts.
    private struct Comparison {
        let text: [UInt8]
        let canonical: [UInt8]

        func literal(_ node: JSONNode, in bytes: [UInt8]) -> String {
            let slice = bytes[node.range]
            let shown = slice.count > 64 ? slice.prefix(61) + Array("...".utf8) : slice
            return String(decoding: shown, as: UTF8.self)
        }

        func compare(_ written: JSONNode, _ expected: JSONNode, path: [String]) -> CanonicalDifference? {
            let place = StrictJSONReader.describe(path)
            let field = path.isEmpty ? nil : path.joined(separator: ".")
            switch (written.value, expected.value) {
            case (.object(let members), .object(let expectedMembers)):
                return compareObjects(members, expectedMembers, path: path)
            case (.array(let elements), .array(let expectedElements)):
                guard elements.count == expectedElements.count else {
                    return CanonicalDifference(
                        field: field,
                        description:
                            "the array at \(place) has \(elements.count) elements; the canonical form has \(expectedElements.count)"
                    )
                }
                for (index, (element, expectedElement)) in zip(elements, expectedElements).enumerated() {
                    if let difference = compare(element, expectedElement, path: path + [String(index)]) {
                        return difference
                    }
                }
                return nil
            case (.number, .number), (.string, .string), (.bool, .bool), (.null, .null):
                guard text[written.range] != canonical[expected.range] else { return nil }
                let kind =
                    switch written.value {
                    case .string: "the string"
                    case .number: "the number"
                    default: "the value"
                    }
                return CanonicalDifference(
                    field: field,
                    description:
                        "\(kind) at \(place) is written as \(literal(written, in: text)); it must be \(literal(expected, in: canonical))"
                )
            default:
                return CanonicalDifference(
                    field: field,
                    description:
                        "\(place) is \(written.kindName) (\(literal(written, in: text))); the canonical form has \(expected.kindName) (\(literal(expected, in: canonical)))"
                )
            }
        }

        func compareObjects(
            _ members: [JSONNode.Member], _ expected: [JSONNode.Member], path: [String]
        ) -> CanonicalDifference? {
            let place = StrictJSONReader.describe(path)
            func field(_ key: String) -> String { (path + [key]).joined(separator: ".") }
            let expectedKeys = Set(expected.map(\.key))
            if let extra = members.first(where: { !expectedKeys.contains($0.key) }) {
                if case .null = extra.value.value {
                    return CanonicalDifference(
                        field: field(extra.key),
                        description: "field '\(extra.key)' at \(place) is null; an absent value is left out")
                }
                return CanonicalDifference(
                    field: field(extra.key), description: "unknown field '\(extra.key)' at \(place)")
            }
            let writtenKeys = Set(members.map(\.key))
            if let missing = expected.first(where: { !writtenKeys.contains($0.key) }) {
                return CanonicalDifference(
                    field: field(missing.key),
                    description:
                        "field '\(missing.key)' at \(place) is missing; the canonical form writes it (as \(literal(missing.value, in: canonical)))"
                )
            }
            if members.map(\.key) != expected.map(\.key) {
                return CanonicalDifference(
                    field: path.isEmpty ? nil : path.joined(separator: "."),
                    description:
                        "keys out of order at \(place): \(members.map(\.key).joined(separator: ", ")); the canonical order is \(expected.map(\.key).joined(separator: ", "))"
                )
            }
            for (member, expectedMember) in zip(members, expected) {
                if let difference = compare(member.value, expectedMember.value, path: path + [member.key]) {
                    return difference
                }
            }
            return nil
        }
    }
}
