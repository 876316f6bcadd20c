/// One of the seven local packages under `Packages/`, with its place in the layering of DESIGN.md.
///
/// The raw value is the package's directory name, its package name and the name of its main module.
public enum LocalPackage: String, CaseIterable, Hashable, Comparable, Sendable {
    /// Layer 0: the value types every other package shares.
    case models = "Models"
    /// Layer 0: host and kernel primitives (network namespaces, dedicated threads) for the I/O
    /// packages.
    case linuxHost = "LinuxHost"
    /// Layer 1: the ledger store, program and server.
    case ledger = "Ledger"
    /// Layer 1: the resource pools; embeddable, no I/O.
    case allocator = "Allocator"
    /// Layer 1: netlink, GRE and the userspace datapath.
    case tunnel = "Tunnel"
    /// Layer 1: latency probing and selection.
    case probe = "Probe"
    /// Layer 2: device configuration, route policy, BGP and PIM.
    case routing = "Routing"

    /// The package's name, as written in its directory name and its manifest.
    public var name: String { rawValue }

    /// The layer the package sits in: 0 for Models/LinuxHost, 1 for Ledger/Allocator/Tunnel/Probe,
    /// 2 for Routing.
    public var layer: Int {
        switch self {
        case .models, .linuxHost: 0
        case .ledger, .allocator, .tunnel, .probe: 1
        case .routing: 2
        }
    }

    /// The local packages this package may depend on (and whose modules its sources may import).
    ///
    /// A package may always use its own modules; that is not listed here. An embeddable package
    /// (Allocator) may use Models only, whatever its layer.
    public var allowedLocalDependencies: Set<LocalPackage> {
        if isEmbeddable { return [.models] }
        return Set(LocalPackage.allCases.filter { $0.layer < layer })
    }

    /// Whether the package must stay embeddable: no external package, no import but Models.
    public var isEmbeddable: Bool { self == .allocator }

    /// The rule for this package's local dependencies, in words, as violation messages quote it.
    public var dependencyRule: String {
        if isEmbeddable { return "\(name) must stay embeddable and may depend on Models only" }
        let layer0 = Self.names(inLayer: 0)
        switch layer {
        case 0: return "layer 0 packages (\(layer0)) may depend on no local package"
        case 1: return "layer 1 packages may depend on layer-0 packages (\(layer0)) only"
        default:
            return "layer 2 packages may depend on layer-0 packages (\(layer0)) "
                + "and layer-1 packages (\(Self.names(inLayer: 1))) only"
        }
    }

    /// The known package with this directory name, or nil.
    public init?(name: String) {
        self.init(rawValue: name)
    }

    /// Orders packages lowest layer first, in the order of DESIGN.md within a layer.
    public static func < (lhs: LocalPackage, rhs: LocalPackage) -> Bool {
        let order = LocalPackage.allCases
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }

    /// The names of the known packages in `layer`, comma separated (for messages).
    static func names(inLayer layer: Int) -> String {
        allCases.filter { $0.layer == layer }.map(\.name).joined(separator: ", ")
    }

    /// The names of all known packages, lowest layer first, comma separated (for messages).
    public static var knownNames: String {
        allCases.map(\.name).joined(separator: ", ")
    }
}
