import Models
@preconcurrency import Ledger
import struct Tunnel.TunnelMarker

/// A fixture type.
public struct RoutingMarker {}
