public import Models

/// A fixture type.
public struct ProbeMarker {}
