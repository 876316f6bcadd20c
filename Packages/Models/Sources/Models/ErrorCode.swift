/// The ledger program's error codes.
///
/// Codes 1–104 keep the upstream DoubleZero numbering (`DoubleZeroError`), so scripts that know
/// upstream codes read ours. Codes from 1000 are this ledger's own transaction-level errors
/// (upstream gets them from the chain runtime).
public enum ErrorCode: UInt32, CaseIterable, Sendable, Codable {
    /// Signer is not the required owner.
    case invalidOwnerPubkey = 1
    /// Account is not the expected Location.
    case invalidLocationPubkey = 2
    /// Account is not the expected Exchange.
    case invalidExchangePubkey = 3
    /// Bad side-A device.
    case invalidDeviceAPubkey = 4
    /// Bad side-Z device.
    case invalidDeviceZPubkey = 5
    /// Bad/missing device, or link endpoints equal, or exchange device1 = device2.
    case invalidDevicePubkey = 6
    /// Operation not allowed in current status.
    case invalidStatus = 7
    /// Authorization failure.
    case notAllowed = 8
    /// Wrong account kind.
    case invalidAccountType = 9
    /// Contributor does not own the device/link.
    case invalidContributorPubkey = 10
    /// (legacy).
    case invalidInterfaceVersion = 11
    /// Name fails normalisation / not found on create-link.
    case invalidInterfaceName = 12
    /// Entity still referenced (or user still has multicast roles).
    case referenceCountNotZero = 13
    /// Device not owned by link's contributor.
    case invalidContributor = 14
    /// DZX link must not name side-Z interface at create.
    case invalidInterfaceZForExternal = 15
    /// Bad exchange device slot / counter overflow.
    case invalidIndex = 16
    /// Exchange slot occupied.
    case deviceAlreadySet = 17
    /// Exchange slot empty.
    case deviceNotSet = 18
    /// Code charset violation.
    case invalidAccountCode = 19
    /// Device total cap reached (or max_users = 0).
    case maxUsersExceeded = 20
    /// Pass epoch in the past.
    case invalidLastAccessEpoch = 21
    /// Access-pass owner/IP mismatch etc..
    case unauthorized = 22
    /// Validator/RPC pass without pubkey.
    case invalidSolanaPubkey = 23
    /// Interface not found.
    case interfaceNotFound = 24
    /// Pass epoch expired for unicast.
    case accessPassUnauthorized = 25
    /// Client_ip not global.
    case invalidClientIp = 26
    /// Dz_ip not global.
    case invalidDzIp = 27
    /// User net not link-local / link net not private.
    case invalidTunnelNet = 28
    /// User id ≥ 4596 / link id > 1024.
    case invalidTunnelId = 29
    /// (legacy).
    case invalidTunnelIp = 30
    /// Link 10–400 Gbps; interface < link; CYOA/DIA bandwidth 0.
    case invalidBandwidth = 31
    /// Delay / delay_override out of 10 µs–1 s.
    case invalidDelay = 32
    /// Invalid jitter.
    case invalidJitter = 33
    /// > 32 bytes.
    case codeTooLong = 34
    /// Device without dz_prefixes.
    case noDzPrefixes = 35
    /// Device without location.
    case invalidLocation = 36
    /// Device without exchange.
    case invalidExchange = 37
    /// Dz_prefix not global.
    case invalidDzPrefix = 38
    /// > 64 (location/exchange/feed) or topology > 32.
    case nameTooLong = 39
    /// Invalid latitude.
    case invalidLatitude = 40
    /// Invalid longitude.
    case invalidLongitude = 41
    /// Invalid loc id.
    case invalidLocId = 42
    /// Not 2 chars.
    case invalidCountryCode = 43
    /// Invalid local asn.
    case invalidLocalAsn = 44
    /// Invalid remote asn.
    case invalidRemoteAsn = 45
    /// Link ≠ 9000; interface ≠ 9000 / 1500 (CYOA/DIA).
    case invalidMtu = 46
    /// Ip_net rules (5.9).
    case invalidInterfaceIp = 47
    /// Invalid interface ip net.
    case invalidInterfaceIpNet = 48
    /// > 4094.
    case invalidVlanId = 49
    /// Multicast max_bandwidth = 0.
    case invalidMaxBandwidth = 50
    /// Not in 224/4.
    case invalidMulticastIp = 51
    /// Account not owned by program / wrong side-Z.
    case invalidAccountOwner = 52
    /// Access pass not found.
    case accessPassNotFound = 53
    /// User account not found.
    case userAccountNotFound = 54
    /// Outside 10000–10999.
    case invalidBgpCommunity = 55
    /// Interface already exists.
    case interfaceAlreadyExists = 56
    /// Invalid interface type.
    case invalidInterfaceType = 57
    /// Set to None on update.
    case invalidLoopbackType = 58
    /// Min > program version.
    case invalidMinCompatibleVersion = 59
    /// Old location mismatch on device move.
    case invalidActualLocation = 60
    /// User key not V1/V2 derivation.
    case invalidUserPubkey = 61
    /// Not global (non-transit) or inside a dz_prefix.
    case invalidPublicIp = 62
    /// Pool exhausted / specific value unavailable.
    case allocationFailed = 63
    /// Serialization failure.
    case serializationFailure = 64
    /// Malformed arguments / account shapes / flags.
    case invalidArgument = 65
    /// Empty list, self-removal, last member.
    case invalidFoundationAllowlist = 66
    /// Deprecated instruction.
    case deprecated = 67
    /// GlobalConfig block change.
    case immutableField = 68
    /// Cyoa requires physical.
    case cyoaRequiresPhysical = 69
    /// Delete device with interfaces.
    case deviceHasInterfaces = 70
    /// Multicast group not empty.
    case multicastGroupNotEmpty = 71
    /// Close pass with connections.
    case accessPassInUse = 72
    /// Invalid tenant pubkey.
    case invalidTenantPubkey = 73
    /// Invalid vrf id.
    case invalidVrfId = 74
    /// Vrf id too long.
    case vrfIdTooLong = 75
    /// Administrator already exists.
    case administratorAlreadyExists = 76
    /// Administrator not found.
    case administratorNotFound = 77
    /// > 1.
    case invalidPaymentStatus = 78
    /// Tenant not in access pass allowlist.
    case tenantNotInAccessPassAllowlist = 79
    /// Non-global endpoint.
    case invalidTunnelEndpoint = 80
    /// Max unicast users exceeded.
    case maxUnicastUsersExceeded = 81
    /// Max multicast subscribers exceeded.
    case maxMulticastSubscribersExceeded = 82
    /// Link + CYOA/DIA conflict.
    case interfaceHasEdgeAssignment = 83
    /// Feature not enabled.
    case featureNotEnabled = 84
    /// Max multicast publishers exceeded.
    case maxMulticastPublishersExceeded = 85
    /// Arithmetic overflow.
    case arithmeticOverflow = 86
    /// Topology name.
    case invalidName = 87
    /// Not private/link-local.
    case invalidDeviceTunnelBlock = 88
    /// EdgeSeat cap.
    case accessPassMaxUnicastUsersExceeded = 89
    /// EdgeSeat cap.
    case accessPassMaxMulticastUsersExceeded = 90
    /// Feed exchange ≠ device exchange.
    case metroMismatch = 91
    /// Feed account required.
    case feedAccountRequired = 92
    /// Feed not on access pass.
    case feedNotOnAccessPass = 93
    /// Group not in feed.
    case groupNotInFeed = 94
    /// Feed seat full.
    case feedSeatFull = 95
    /// Feed max users zero.
    case feedMaxUsersZero = 96
    /// Feed max users below current users.
    case feedMaxUsersBelowCurrentUsers = 97
    /// Feed max future users below max users.
    case feedMaxFutureUsersBelowMaxUsers = 98
    /// Feed invalid anniversary day.
    case feedInvalidAnniversaryDay = 99
    /// Feed invalid billing window.
    case feedInvalidBillingWindow = 100
    /// Edge seat required.
    case edgeSeatRequired = 101
    /// User device mismatch.
    case userDeviceMismatch = 102
    /// > 5 feeds.
    case userFeedLimitExceeded = 103
    /// Edge seat is multicast only.
    case edgeSeatIsMulticastOnly = 104

    /// An entity already exists at this key (upstream: `AccountAlreadyInitialized`).
    case accountAlreadyInitialized = 1000
    /// No entity exists at the given key.
    case accountNotFound = 1001
    /// The transaction's Ed25519 signature does not verify against its signer.
    case invalidSignature = 1002
    /// The signer already used this nonce: the transaction was submitted before.
    case replayedTransaction = 1003
    /// The transaction bytes could not be decoded.
    case malformedTransaction = 1004
    /// The instruction name is not one this ledger knows.
    case unknownInstruction = 1005
    /// The request body is larger than the ledger accepts.
    case payloadTooLarge = 1006
    /// The global state has not been initialised yet.
    case notInitialized = 1007
    /// The transaction was signed for another ledger (its `ledger` is not this ledger's identity).
    case wrongLedger = 1008
    /// The transaction's validity window has passed, or reaches too far into the future.
    case transactionExpired = 1009
    /// The signed bytes are not the one canonical encoding of the message: duplicate or unknown
    /// keys, keys out of order, or numbers written as `1e3` or `1.0`.
    case nonCanonicalMessage = 1010
    /// The transaction would change nothing, so it is not appended.
    case noStateChange = 1011
    /// The signer's transaction with this nonce was refused before; it cannot be applied later.
    case nonceRefusedBefore = 1012
    /// The device already has the most interfaces the global config allows.
    case interfaceLimitExceeded = 1013
    /// An address or prefix is already used by another device, or a client IP by another key's
    /// users.
    case addressInUse = 1014
    /// The signer failed signature or authorization checks too often and is locked out for a
    /// while (the server's authentication rate limit); retry after the time it names.
    case rateLimited = 1015

    /// The name in the upstream spelling, for example `InvalidTunnelNet`.
    public var name: String {
        let text = String(describing: self)
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
