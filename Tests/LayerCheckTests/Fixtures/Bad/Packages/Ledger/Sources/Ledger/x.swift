import Foundation
import Models

/// A fixture type.
public struct LedgerMarker {}
