import Glibc

/// A fixture type.
public struct LinuxHostMarker {}
