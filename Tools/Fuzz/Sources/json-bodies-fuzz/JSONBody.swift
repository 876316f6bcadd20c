/// Every JSON request body a server of the project accepts; the first byte of a json-bodies
/// input, modulo 4, picks one.
///
/// The ledger server's only body is a signed transaction (its other endpoints are GETs with path
/// and query parameters); doublezerod's local API takes three (`/enable` and `/disable` have
/// none); the controller and the monitor serve GETs only.
enum JSONBody: UInt8, CaseIterable {
    /// Ledger server, `POST /v1/transactions`: a signed transaction's wire form.
    case ledgerTransaction = 0
    /// doublezerod, `POST /provision`: a ``ProvisionRequest``.
    case daemonProvision = 1
    /// doublezerod, `POST /remove`: a ``RemoveRequest``.
    case daemonRemove = 2
    /// doublezerod, `POST /resolve-route`: a ``ResolveRouteRequest``.
    case daemonResolveRoute = 3

    /// The body the first input byte picks.
    init(selector: UInt8) {
        self = Self.allCases[Int(selector) % Self.allCases.count]
    }
}
