/// Reads sample values of one metric from Prometheus text exposition (version 0.0.4), summed by
/// one label: enough to read the controller's request counters. Lines are bounded and anything
/// malformed is skipped, never trusted.
public enum PrometheusTextSamples {
    /// The longest line read; longer lines are skipped.
    public static let maxLineLength = 4096

    /// The sum of `metric`'s samples for each value of `label` (samples without it are ignored).
    public static func sums(of metric: String, by label: String, in text: String) -> [String: Double] {
        var sums: [String: Double] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.utf8.count <= maxLineLength, line.hasPrefix(metric + "{"),
                let sample = sample(Substring(line.dropFirst(metric.count)))
            else { continue }
            guard let key = sample.labels[label] else { continue }
            sums[key, default: 0] += sample.value
        }
        return sums
    }

    /// Parses `{name="value",...} number [timestamp]`.
    static func sample(_ text: Substring) -> (labels: [String: String], value: Double)? {
        var labels: [String: String] = [:]
        var rest = text.dropFirst()  // "{"
        while true {
            rest = rest.drop { $0 == "," || $0 == " " }
            if rest.first == "}" {
                rest = rest.dropFirst()
                break
            }
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let name = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
            guard rest.first == "\"" else { return nil }
            rest = rest.dropFirst()
            var value = ""
            var escaped = false
            var closed = false
            while let character = rest.first {
                rest = rest.dropFirst()
                if escaped {
                    value.append(character == "n" ? "\n" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    closed = true
                    break
                } else {
                    value.append(character)
                }
            }
            guard closed, !name.isEmpty else { return nil }
            labels[name] = value
        }
        let fields = rest.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = fields.first, let value = Double(first), value.isFinite else { return nil }
        return (labels, value)
    }
}
