import Models
import Routing

/// What must hold when the controller renders any valid network: derivation and rendering never
/// trap, are deterministic (two derivations of the snapshot, each device rendered from both, give
/// the same models and the same EOS, FRR and model JSON text), and the EOS text has the shape its
/// renderer documents (no blank lines, one final newline).
enum RenderChecks {
    /// Derives and renders every device of `network` twice.
    static func check(_ network: FuzzedNetwork) {
        let first = NetworkDeviceConfigs(snapshot: network.snapshot, options: network.options)
        let second = NetworkDeviceConfigs(snapshot: network.snapshot, options: network.options)
        precondition(first.entries.count == second.entries.count)
        for (one, other) in zip(first.entries, second.entries) {
            precondition(one.pubkey == other.pubkey && one.code == other.code)
            switch (one.result, other.result) {
            case (.success(let config), .success(let again)):
                precondition(config == again, "device \(config.code): two derivations differ")
                render(config, again, reportedPeers: network.reportedPeers)
            case (.failure(let error), .failure(let again)):
                precondition(error == again, "device \(one.code): \(error) vs \(again)")
                _ = error.description
            default:
                preconditionFailure("device \(one.code): derived once, refused once")
            }
        }
    }

    /// Renders `config` and its twin `again` (equal, derived apart) as EOS, FRR and model JSON.
    private static func render(_ config: DeviceConfig, _ again: DeviceConfig, reportedPeers: [String]) {
        let unknown = config.unknownPeers(reported: reportedPeers)
        precondition(unknown == again.unknownPeers(reported: reportedPeers))
        let eos = Result { () throws(DeviceConfigError) in try EOSConfigRenderer.render(config, unknownPeers: unknown) }
        let eosAgain = Result { () throws(DeviceConfigError) in
            try EOSConfigRenderer.render(again, unknownPeers: unknown)
        }
        precondition(eos == eosAgain, "device \(config.code): EOS text differs between two renderings")
        if case .success(let text) = eos {
            precondition(
                text.hasSuffix("\n") && !text.hasSuffix("\n\n"),
                "EOS text of \(config.code) does not end in one newline")
            precondition(!text.contains("\n\n"), "EOS text of \(config.code) has a blank line")
        }
        let frr = Result { () throws(DeviceConfigError) in try FRRConfigRenderer.render(config) }
        let frrAgain = Result { () throws(DeviceConfigError) in try FRRConfigRenderer.render(again) }
        precondition(frr == frrAgain, "device \(config.code): FRR text differs between two renderings")
        _ = FRRConfigRenderer.iBGPNeighbors(of: config)
        let model = DeviceModel(config)
        let json = model.jsonText()
        precondition(json == DeviceModel(again).jsonText(), "device \(config.code): model JSON differs")
        precondition((try? DeviceModel.decode(jsonText: json)) == model, "device \(config.code): model JSON round trip")
    }
}
