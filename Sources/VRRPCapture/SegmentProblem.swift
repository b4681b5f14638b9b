public import VRRPWire

/// A problem `vrrpctl watch` saw on a segment, when it first appeared.
public struct SegmentProblem: Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Two or more speakers keep advertising as master for one VRID (split brain).
        case splitBrain = "split-brain"
        /// Speakers of one VRID advertise different address lists (a VRID collision or a config mismatch).
        case addressListMismatch = "address-list-mismatch"
        /// Speakers of one VRID use different authentication (type, password, or AH).
        case authenticationMismatch = "authentication-mismatch"
        /// Speakers of one VRID advertise different intervals.
        case intervalMismatch = "interval-mismatch"
        /// Speakers of one VRID speak different VRRP versions.
        case versionMismatch = "version-mismatch"
        /// An advert arrived with a TTL / hop limit other than 255 (RFC 5798 §5.1.1.3: it must be discarded).
        case badTTL = "bad-ttl"
        /// The master sent no advert for 3 of its intervals and no other speaker took over yet.
        case silentMaster = "silent-master"
        /// A VRRP message for this VRID failed to decode (checksum, length, version, …).
        case malformed
    }

    /// What kind of problem.
    public var kind: Kind
    /// The VRID.
    public var virtualRouterID: UInt8
    /// The address family.
    public var family: AddressFamily
    /// The speakers involved.
    public var speakers: [IPAddress]
    /// A sentence with the particulars.
    public var detail: String
    /// When it appeared (the capture time of the frame or instant that showed it).
    public var at: CaptureTimestamp

    /// A problem from its parts.
    public init(
        kind: Kind, virtualRouterID: UInt8, family: AddressFamily, speakers: [IPAddress], detail: String,
        at: CaptureTimestamp
    ) {
        self.kind = kind
        self.virtualRouterID = virtualRouterID
        self.family = family
        self.speakers = speakers
        self.detail = detail
        self.at = at
    }

    /// `VRID 51 IPv4 split-brain: …`.
    public var description: String {
        "VRID \(virtualRouterID) \(family == .ipv4 ? "IPv4" : "IPv6") \(kind.rawValue): \(detail)"
    }
}
