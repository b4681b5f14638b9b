public import VRRPWire

/// What a capture showed of one virtual router (one VRID in one address family): who spoke, at which
/// priorities, how regularly, and what failed to decode.
public struct VRIDSummary: Hashable, Sendable {
    /// One advertiser of the virtual router.
    public struct Speaker: Hashable, Sendable {
        /// The advertisements' IP source.
        public var address: IPAddress
        /// The priorities advertised, in order, each change listed once (`[100, 0]` for a master that released).
        public var priorities: [UInt8]
        /// How many advertisements it sent.
        public var advertisements: Int
    }

    /// The Virtual Router ID.
    public var virtualRouterID: UInt8
    /// The address family of the advertisements.
    public var family: AddressFamily
    /// The protocol versions seen.
    public var versions: Set<VRRPVersion>
    /// How many advertisements decoded.
    public var advertisements: Int
    /// The speakers in the order first seen.
    public var speakers: [Speaker]
    /// The times between consecutive advertisements of the same speaker, in capture order.
    public var periods: [Duration]
    /// How many advertisements verified under each checksum variant.
    public var checksumVariants: [ChecksumVariant: Int]
    /// How many advertisements came behind an Authentication Header.
    public var viaAuthenticationHeader: Int
    /// How many malformed VRRP messages carried this VRID, by error code.
    public var errors: [WireError.Code: Int]

    /// An empty summary.
    public init(virtualRouterID: UInt8, family: AddressFamily) {
        self.virtualRouterID = virtualRouterID
        self.family = family
        self.versions = []
        self.advertisements = 0
        self.speakers = []
        self.periods = []
        self.checksumVariants = [:]
        self.viaAuthenticationHeader = 0
        self.errors = [:]
    }

    /// The shortest, median and longest advertisement period, nil with fewer than two adverts from one speaker.
    public var periodStatistics: (minimum: Duration, median: Duration, maximum: Duration)? {
        guard !periods.isEmpty else { return nil }
        let sorted = periods.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return (sorted[0], median, sorted[sorted.count - 1])
    }

    /// How many malformed messages carried this VRID.
    public var errorCount: Int { errors.values.reduce(0, +) }
}
