import ArgumentParser

/// A length of time given on the command line as a number and a unit: `50ms`, `1s`, `1.5s`, `1m`, `2h`.
///
/// The form follows the upstream Go daemon's duration flags (e.g. `--route-liveness-backoff-max 1m`).
/// A bare number, a negative value or another unit is rejected with a message that shows the form.
public struct TimeSpan: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByArgument {
    /// The length of time.
    public let duration: Duration

    /// The text it was parsed from (or built as), used when it is printed.
    public let description: String

    /// A time span of whole milliseconds.
    public static func milliseconds(_ value: Int) -> TimeSpan {
        TimeSpan(duration: .milliseconds(value), description: "\(value)ms")
    }

    /// A time span of whole seconds.
    public static func seconds(_ value: Int) -> TimeSpan {
        TimeSpan(duration: .seconds(value), description: "\(value)s")
    }

    /// A time span of whole minutes.
    public static func minutes(_ value: Int) -> TimeSpan {
        TimeSpan(duration: .seconds(value * 60), description: "\(value)m")
    }

    private init(duration: Duration, description: String) {
        self.duration = duration
        self.description = description
    }

    /// Parses `<number><unit>` with unit `ms`, `s`, `m` or `h`, throwing a ``ArgumentParser/ValidationError``
    /// that explains a bad value.
    public init(validating text: String) throws(ValidationError) {
        let units: [(suffix: String, millisecondsPerUnit: Double)] = [
            ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000),
        ]
        let expected = "expected a number and a unit (ms, s, m or h), e.g. 50ms, 1s or 1m"
        guard let unit = units.first(where: { text.hasSuffix($0.suffix) }) else {
            throw ValidationError("'\(text)' has no unit; \(expected)")
        }
        let number = text.dropLast(unit.suffix.count)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number), value.isFinite
        else {
            throw ValidationError("'\(text)' is not a time span; \(expected)")
        }
        self.init(duration: .milliseconds(value * unit.millisecondsPerUnit), description: text)
    }

    /// Parses `<number><unit>`, or returns `nil` where ``init(validating:)`` would throw.
    public init?(argument: String) {
        guard let span = try? TimeSpan(validating: argument) else { return nil }
        self = span
    }

    /// The time span shown as a default in help text.
    public var defaultValueDescription: String { description }

    /// Orders time spans by their length.
    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.duration < rhs.duration }

    /// Two time spans are equal when their lengths are (`1m` equals `60s`).
    public static func == (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.duration == rhs.duration }

    /// Hashes the length only, consistently with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(duration) }
}
