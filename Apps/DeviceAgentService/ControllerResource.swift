/// What the agent fetches from the controller for its device.
enum ControllerResource: String, Sendable {
    /// `GET /v1/devices/CODE/config?flavour=frr`: the FRR text.
    case frrConfig = "config?flavour=frr"
    /// `GET /v1/devices/CODE/model`: the structured model (JSON).
    case model = "model"
}

/// One answer of the controller.
enum ControllerAnswer: Sendable, Equatable {
    /// A new body, with its entity tag.
    case changed(etag: String, body: String)
    /// The body the agent holds is still current (304).
    case unchanged
}
