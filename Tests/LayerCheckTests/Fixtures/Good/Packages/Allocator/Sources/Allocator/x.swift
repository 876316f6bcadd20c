import Models

/// A fixture type.
public struct AllocatorMarker {}
