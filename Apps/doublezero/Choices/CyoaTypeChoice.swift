import ArgumentParser

/// How a user reaches its device ("choose your own adventure"), as given with `--cyoa-type`.
enum CyoaTypeChoice: String, CaseIterable, ExpressibleByArgument {
    /// GRE over the device's direct internet access (the default).
    case greOverDIA = "gre-over-dia"
    /// GRE over the data-centre fabric.
    case greOverFabric = "gre-over-fabric"
    /// GRE over private peering.
    case greOverPrivatePeering = "gre-over-private-peering"
    /// GRE over public peering.
    case greOverPublicPeering = "gre-over-public-peering"
    /// GRE over a direct cable.
    case greOverCable = "gre-over-cable"
}
