public import VRRPWire

/// Watches the VRRP traffic of a segment, frame by frame, and keeps per virtual router (VRID and family):
/// every speaker with its priority, interval, address list, TTL and advert period / jitter; who is master; and
/// the problems as they appear (``SegmentProblem``). Pure logic over decoded frames with their capture times:
/// feed it from a live capture or a pcap file; call ``advance(to:)`` when time passes without frames, so a
/// silent master is noticed.
///
/// Who is master: in VRRP only a master advertises, so a speaker counts as advertising while its last advert is
/// younger than three of its intervals and was not a priority-0 release. The master is the advertising
/// speaker of highest priority (then highest address, as RFC 5798 §6.4.3 breaks ties). Silence is judged
/// after ``silenceIntervals`` intervals plus ``silenceTolerance``. Two speakers that keep
/// advertising together — each sending ``splitBrainAdverts`` adverts after the overlap began — are a split
/// brain; a normal preemption overlaps by one or two adverts and is not.
public struct SegmentWatcher: Sendable {
    /// One speaker of one virtual router.
    public struct Speaker: Hashable, Sendable {
        /// Its IP source address.
        public var address: IPAddress
        /// The priority of its last advert.
        public var priority: UInt8
        /// The interval of its last advert.
        public var interval: AdvertisementInterval
        /// The protocol version of its last advert.
        public var version: VRRPVersion
        /// The address list of its last advert.
        public var addresses: [IPAddress]
        /// The authentication of its last advert: `none`, `PASS`, `AH`.
        public var authentication: String
        /// The TTL / hop limit of its last advert.
        public var hopLimit: UInt8
        /// How many adverts it sent.
        public var advertisements: Int
        /// When it was first heard.
        public var firstSeen: CaptureTimestamp
        /// When it was last heard.
        public var lastSeen: CaptureTimestamp
        /// The mean time between its consecutive adverts (gaps over 10 intervals are not counted), if known.
        public var meanPeriod: Duration?
        /// The standard deviation of those times: the jitter.
        public var jitter: Duration?
        /// Whether its last advert had priority 0 (it released mastership).
        public var released: Bool

        var authenticationKey: AuthenticationKey
        var periodCount = 0
        var periodMean = 0.0
        var periodM2 = 0.0
        var advertsSinceOverlap = 0
    }

    /// One virtual router: a VRID in one address family.
    public struct Router: Hashable, Sendable {
        /// The VRID.
        public var virtualRouterID: UInt8
        /// The address family.
        public var family: AddressFamily
        /// The speakers, in the order first heard.
        public var speakers: [Speaker]
        /// The current master's address, if a speaker is advertising.
        public var master: IPAddress?
        /// Every speaker advertising now (more than one: an overlap, or a split brain).
        public var advertising: [IPAddress]
        /// Whether a split brain is going on now.
        public var splitBrain: Bool
        /// Whether the master has gone silent (no other speaker took over yet).
        public var masterSilent: Bool

        var overlapSince: CaptureTimestamp?
        var lastMaster: IPAddress?
        var reported: Set<String> = []
    }

    struct AuthenticationKey: Hashable, Sendable {
        var type: UInt8
        var data: UInt64
        var viaAuthenticationHeader: Bool
    }

    struct RouterKey: Hashable, Sendable {
        var virtualRouterID: UInt8
        var family: AddressFamily
    }

    /// Adverts each of two overlapping speakers must send before the overlap counts as a split brain.
    public var splitBrainAdverts: Int
    /// Intervals without an advert after which a speaker no longer counts as advertising.
    public var silenceIntervals: Int
    /// Added to the silence threshold for scheduling and capture jitter, which matters at 10 ms intervals.
    public var silenceTolerance: Duration
    private var routersByKey: [RouterKey: Router] = [:]
    /// Every problem seen, in order.
    public private(set) var problems: [SegmentProblem] = []
    /// How many frames were observed, and how many were VRRP adverts.
    public private(set) var frames = 0
    /// How many VRRP advertisements decoded.
    public private(set) var advertisements = 0
    /// The time of the latest frame or ``advance(to:)``.
    public private(set) var now: CaptureTimestamp?

    /// A watcher with the default thresholds: 3 adverts for a split brain; silence after 3 intervals plus 20 ms.
    public init(splitBrainAdverts: Int = 3, silenceIntervals: Int = 3, silenceTolerance: Duration = .milliseconds(20)) {
        self.splitBrainAdverts = max(1, splitBrainAdverts)
        self.silenceIntervals = max(1, silenceIntervals)
        self.silenceTolerance = max(.zero, silenceTolerance)
    }

    /// The virtual routers, by VRID then family.
    public var routers: [Router] {
        routersByKey.values.sorted {
            ($0.virtualRouterID, $0.family == .ipv4 ? 0 : 1) < ($1.virtualRouterID, $1.family == .ipv4 ? 0 : 1)
        }
    }

    /// Observes one frame; returns the problems it revealed.
    public mutating func observe(_ frame: Frame, at timestamp: CaptureTimestamp) -> [SegmentProblem] {
        frames += 1
        // advance(to:) records what it finds itself.
        let fromSilence = advance(to: timestamp)
        var found: [SegmentProblem] = []
        switch frame.packet {
        case .advertisement(let received):
            advertisements += 1
            found += observe(received, at: timestamp)
        case .malformed(let error):
            if error.layer == .vrrp, let vrid = error.virtualRouterID, let ip = error.ip {
                let key = RouterKey(virtualRouterID: vrid, family: ip.endpoints.family)
                var router = routersByKey[key] ?? Self.newRouter(key)
                let source = ip.endpoints.source
                report(
                    &router, kind: .malformed, id: "malformed|\(source)|\(error.code)", speakers: [source],
                    detail: "from \(source): \(error)", at: timestamp, into: &found)
                routersByKey[key] = router
            }
        case .arp, .neighborAdvertisement, .other:
            break
        }
        problems += found
        return fromSilence + found
    }

    /// Observes a captured frame.
    public mutating func observe(_ captured: CapturedFrame) -> [SegmentProblem] {
        observe(captured.decoded, at: captured.timestamp)
    }

    /// Moves time forward without a frame: notices masters that went silent. Earlier times are ignored.
    @discardableResult
    public mutating func advance(to timestamp: CaptureTimestamp) -> [SegmentProblem] {
        if let now, timestamp < now { return [] }
        now = timestamp
        var found: [SegmentProblem] = []
        for key in routersByKey.keys {
            guard var router = routersByKey[key] else { continue }
            refresh(&router, at: timestamp, into: &found)
            routersByKey[key] = router
        }
        problems += found
        return found
    }

    // MARK: Adverts

    private mutating func observe(
        _ received: ReceivedAdvertisement, at timestamp: CaptureTimestamp
    )
        -> [SegmentProblem]
    {
        let advertisement = received.advertisement
        let family = received.ip.endpoints.family
        let source = received.ip.endpoints.source
        let key = RouterKey(virtualRouterID: advertisement.virtualRouterID, family: family)
        var router = routersByKey[key] ?? Self.newRouter(key)
        var found: [SegmentProblem] = []
        let authentication = AuthenticationKey(
            type: advertisement.authenticationType.rawValue, data: advertisement.authenticationData.value,
            viaAuthenticationHeader: received.ip.viaAuthenticationHeader)
        let addresses = advertisement.addresses.addresses.sorted { $0.description < $1.description }
        let index: Int
        if let existing = router.speakers.firstIndex(where: { $0.address == source }) {
            index = existing
            var speaker = router.speakers[index]
            let gap = timestamp.duration(since: speaker.lastSeen)
            if gap > .zero, gap <= advertisement.interval.duration * 10, !speaker.released {
                speaker.addPeriod(gap)
            }
            speaker.priority = advertisement.priority
            speaker.interval = advertisement.interval
            speaker.version = advertisement.version
            speaker.addresses = addresses
            speaker.authenticationKey = authentication
            speaker.authentication = Self.describe(authentication)
            speaker.hopLimit = received.ip.hopLimit
            speaker.advertisements += 1
            speaker.advertsSinceOverlap += 1
            speaker.lastSeen = timestamp
            speaker.released = advertisement.priority == 0
            router.speakers[index] = speaker
        } else {
            router.speakers.append(
                Speaker(
                    address: source, priority: advertisement.priority, interval: advertisement.interval,
                    version: advertisement.version, addresses: addresses,
                    authentication: Self.describe(authentication), hopLimit: received.ip.hopLimit,
                    advertisements: 1, firstSeen: timestamp, lastSeen: timestamp, meanPeriod: nil, jitter: nil,
                    released: advertisement.priority == 0, authenticationKey: authentication,
                    advertsSinceOverlap: 1))
            index = router.speakers.count - 1
        }
        let speaker = router.speakers[index]
        if speaker.hopLimit != 255 {
            report(
                &router, kind: .badTTL, id: "ttl|\(source)|\(speaker.hopLimit)", speakers: [source],
                detail: "\(source) sends with TTL/hop limit \(speaker.hopLimit), not 255: receivers discard it",
                at: timestamp, into: &found)
        }
        for other in router.speakers where other.address != source {
            let pair = [other.address, source]
            let pairID = pair.map(\.description).sorted().joined(separator: ",")
            if other.addresses != speaker.addresses {
                report(
                    &router, kind: .addressListMismatch, id: "addresses|\(pairID)", speakers: pair,
                    detail: "\(other.address) advertises [\(Self.list(other.addresses))], \(source) "
                        + "[\(Self.list(speaker.addresses))]",
                    at: timestamp, into: &found)
            }
            if other.authenticationKey != speaker.authenticationKey {
                let detail =
                    other.authentication == speaker.authentication
                    ? "\(other.address) and \(source) both use \(speaker.authentication) with different passwords"
                    : "\(other.address) uses \(other.authentication), \(source) \(speaker.authentication)"
                report(
                    &router, kind: .authenticationMismatch, id: "auth|\(pairID)", speakers: pair, detail: detail,
                    at: timestamp, into: &found)
            }
            if other.interval != speaker.interval {
                report(
                    &router, kind: .intervalMismatch, id: "interval|\(pairID)", speakers: pair,
                    detail: "\(other.address) advertises every \(other.interval), \(source) every \(speaker.interval)",
                    at: timestamp, into: &found)
            }
            if other.version != speaker.version {
                report(
                    &router, kind: .versionMismatch, id: "version|\(pairID)", speakers: pair,
                    detail: "\(other.address) speaks VRRPv\(other.version.rawValue), \(source) "
                        + "VRRPv\(speaker.version.rawValue)",
                    at: timestamp, into: &found)
            }
        }
        refresh(&router, at: timestamp, into: &found)
        routersByKey[key] = router
        return found
    }

    // MARK: Mastership

    /// Recomputes who advertises, the master, overlaps and silence.
    private func refresh(_ router: inout Router, at timestamp: CaptureTimestamp, into found: inout [SegmentProblem]) {
        let advertising = router.speakers.filter { speaker in
            !speaker.released
                && timestamp.duration(since: speaker.lastSeen)
                    <= speaker.interval.duration * silenceIntervals + silenceTolerance
        }
        let ranked = advertising.sorted { a, b in
            a.priority != b.priority ? a.priority > b.priority : Self.precedes(b.address, a.address)
        }
        router.advertising = ranked.map(\.address)
        router.master = ranked.first?.address

        // Overlap of two or more advertising speakers: a split brain once each has kept advertising.
        if advertising.count >= 2 {
            if router.overlapSince == nil {
                router.overlapSince = timestamp
                for index in router.speakers.indices { router.speakers[index].advertsSinceOverlap = 0 }
            }
            let persistent = router.speakers.filter {
                router.advertising.contains($0.address) && $0.advertsSinceOverlap >= splitBrainAdverts
            }
            if persistent.count >= 2 {
                router.splitBrain = true
                let names = persistent.map { "\($0.address) (priority \($0.priority))" }
                let quantifier = names.count == 2 ? "both" : "all"
                report(
                    &router, kind: .splitBrain,
                    id: "split|\(persistent.map(\.address.description).sorted().joined(separator: ","))",
                    speakers: persistent.map(\.address),
                    detail: "\(names.joined(separator: " and ")) \(quantifier) advertise as master", at: timestamp,
                    into: &found)
            }
        } else {
            router.overlapSince = nil
            if router.splitBrain {
                router.splitBrain = false
                // A later split brain between the same speakers is reported again.
                router.reported = router.reported.filter { !$0.hasPrefix("split|") }
            }
        }

        // A silent master: the last master stopped advertising (without a priority-0 release) and no other
        // speaker advertises yet.
        if let master = router.master {
            router.lastMaster = master
            if router.masterSilent {
                router.masterSilent = false
                router.reported = router.reported.filter { !$0.hasPrefix("silent|") }
            }
        } else if let last = router.lastMaster,
            let speaker = router.speakers.first(where: { $0.address == last }), !speaker.released
        {
            router.masterSilent = true
            let silence = timestamp.duration(since: speaker.lastSeen)
            report(
                &router, kind: .silentMaster, id: "silent|\(last)", speakers: [last],
                detail: "no advert from master \(last) for \(Self.describe(silence)) "
                    + "(over \(silenceIntervals) × \(speaker.interval)) and no other speaker took over",
                at: timestamp, into: &found)
        }
    }

    // MARK: Helpers

    private func report(
        _ router: inout Router, kind: SegmentProblem.Kind, id: String, speakers: [IPAddress], detail: String,
        at timestamp: CaptureTimestamp, into found: inout [SegmentProblem]
    ) {
        guard router.reported.insert(id).inserted else { return }
        found.append(
            SegmentProblem(
                kind: kind, virtualRouterID: router.virtualRouterID, family: router.family, speakers: speakers,
                detail: detail, at: timestamp))
    }

    private static func newRouter(_ key: RouterKey) -> Router {
        Router(
            virtualRouterID: key.virtualRouterID, family: key.family, speakers: [], master: nil, advertising: [],
            splitBrain: false, masterSilent: false)
    }

    /// Whether `a` sorts before `b` as unsigned integers (the RFC's "higher address wins" order).
    static func precedes(_ a: IPAddress, _ b: IPAddress) -> Bool {
        switch (a, b) {
        case (.ipv4(let x), .ipv4(let y)): x.octets.lexicographicallyPrecedes(y.octets)
        case (.ipv6(let x), .ipv6(let y)): x.octets.lexicographicallyPrecedes(y.octets)
        case (.ipv4, .ipv6): true
        case (.ipv6, .ipv4): false
        }
    }

    static func describe(_ key: AuthenticationKey) -> String {
        if key.viaAuthenticationHeader { return "AH" }
        return AuthenticationType(rawValue: key.type).description
    }

    static func list(_ addresses: [IPAddress]) -> String { addresses.map(\.description).joined(separator: ", ") }

    /// `1.003 s`, `250 ms`.
    static func describe(_ duration: Duration) -> String {
        let nanoseconds = duration.nanosecondsValue
        if nanoseconds < 1_000_000_000 { return "\(nanoseconds / 1_000_000) ms" }
        let milliseconds = nanoseconds / 1_000_000
        let fraction = milliseconds % 1000
        return "\(milliseconds / 1000).\(pad(Int64(fraction), 3)) s"
    }
}

extension SegmentWatcher.Speaker {
    /// Welford's running mean and variance of the advert periods.
    mutating func addPeriod(_ period: Duration) {
        let value = Double(period.nanosecondsValue)
        periodCount += 1
        let delta = value - periodMean
        periodMean += delta / Double(periodCount)
        periodM2 += delta * (value - periodMean)
        meanPeriod = .nanoseconds(Int64(periodMean.rounded()))
        jitter =
            periodCount >= 2 ? .nanoseconds(Int64((periodM2 / Double(periodCount - 1)).squareRoot().rounded())) : nil
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanosecondsValue: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
