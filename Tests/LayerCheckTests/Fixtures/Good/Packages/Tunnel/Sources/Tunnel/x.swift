import Foundation
import LinuxHost
import Models

/// A fixture type.
public struct TunnelMarker {}
