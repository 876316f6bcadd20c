import Models
import Probe

/// Where a new tunnel goes: the device, the endpoint on it, and how it was chosen.
struct ChosenPlacement: Sendable {
    /// The device.
    let device: Device
    /// The device address the tunnel ends on.
    let endpoint: IPv4Address
    /// The endpoint's best minimum RTT, when measured and reachable.
    let minimumRTT: Duration?
    /// How it was chosen, for the progress line (`lowest latency`, `--device`, …).
    let how: String

    /// The progress line: `device ams-dz01 chosen (lowest latency): min RTT 1.234 ms, endpoint 45.0.1.1`.
    var summary: String {
        let rtt = minimumRTT.map { "min RTT \(Self.milliseconds($0)) ms" } ?? "RTT not measured"
        return "device \(device.code) chosen (\(how)): \(rtt), endpoint \(endpoint)"
    }

    /// A duration in milliseconds with three decimals.
    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let fraction = String(micros % 1000)
        return "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
