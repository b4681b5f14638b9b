import Testing
import VRRPCapture
import VRRPWire

/// Synthetic segments: Ethernet frames built by FrameBuilder, decoded as a capture would be, with chosen times.
@Suite("SegmentWatcher over synthetic frames")
struct SegmentWatcherTests {
    static let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))
    static let otherVIP = IPAddress.ipv4(IPv4Address(192, 0, 2, 101))
    static let a = IPv4Address(192, 0, 2, 1)
    static let b = IPv4Address(192, 0, 2, 2)
    static let start: Int64 = 1_700_000_000 * 1_000_000_000

    /// One advert frame from `source` at `milliseconds` after the start.
    static func advert(
        from source: IPv4Address,
        at milliseconds: Int64,
        priority: UInt8 = 100,
        version: VRRPVersion = .v3,
        addresses: [IPAddress] = [vip],
        centiseconds: UInt16 = 100,
        password: String? = nil,
        ttl: UInt8 = 255,
        vrid: UInt8 = 51
    ) throws -> (Frame, CaptureTimestamp) {
        let list = try #require(VirtualAddressList(addresses, family: .ipv4))
        let advertisement = Advertisement(
            version: version, virtualRouterID: vrid, priority: priority, addresses: list,
            interval: AdvertisementInterval(centiseconds: centiseconds),
            authenticationType: password == nil ? .none : .simpleText,
            authenticationData: password.map { AuthenticationData(password: $0) } ?? .zero)
        let bytes = try FrameBuilder.advertisement(
            advertisement, endpoints: .ipv4(source: source, destination: .vrrpMulticast), hopLimit: ttl)
        let frame = FrameDecoder(linkType: .ethernet).decode(bytes)
        return (frame, CaptureTimestamp(nanosecondsSinceEpoch: start + milliseconds * 1_000_000))
    }

    /// Feeds frames in time order and returns every problem raised.
    static func feed(_ watcher: inout SegmentWatcher, _ frames: [(Frame, CaptureTimestamp)]) -> [SegmentProblem] {
        frames.sorted { $0.1 < $1.1 }.flatMap { watcher.observe($0.0, at: $0.1) }
    }

    @Test("one master advertising every second: master known, period 1 s, jitter measured, no problem")
    func healthyMaster() throws {
        var watcher = SegmentWatcher()
        // Adverts at 0, 1000, 2010, 2990, 4000 ms: periods 1000, 1010, 980, 1010.
        let times: [Int64] = [0, 1000, 2010, 2990, 4000]
        let problems = Self.feed(&watcher, try times.map { try Self.advert(from: Self.a, at: $0, priority: 150) })
        #expect(problems.isEmpty)
        let router = try #require(watcher.routers.first)
        #expect(router.virtualRouterID == 51)
        #expect(router.master == .ipv4(Self.a))
        #expect(!router.splitBrain)
        let speaker = try #require(router.speakers.first)
        #expect(speaker.advertisements == 5)
        #expect(speaker.priority == 150)
        #expect(speaker.addresses == [Self.vip])
        #expect(speaker.meanPeriod == .milliseconds(1000))
        // Sample standard deviation of 1000, 1010, 980, 1010 ms: sqrt(600/3) = 14.142 ms.
        let jitter = try #require(speaker.jitter)
        #expect(jitter > .milliseconds(14) && jitter < .milliseconds(15), "jitter \(jitter)")
    }

    @Test("two speakers that keep advertising for one VRID are a split brain, reported once with both")
    func splitBrain() throws {
        var watcher = SegmentWatcher()
        var frames: [(Frame, CaptureTimestamp)] = []
        for second in Int64(0)..<6 {
            frames.append(try Self.advert(from: Self.a, at: second * 1000, priority: 150))
            frames.append(try Self.advert(from: Self.b, at: second * 1000 + 300, priority: 100))
        }
        let problems = Self.feed(&watcher, frames)
        let split = problems.filter { $0.kind == .splitBrain }
        #expect(split.count == 1)
        #expect(Set(split.first?.speakers ?? []) == [.ipv4(Self.a), .ipv4(Self.b)])
        let router = try #require(watcher.routers.first)
        #expect(router.splitBrain)
        #expect(router.master == .ipv4(Self.a), "the higher priority ranks first")
        #expect(Set(router.advertising) == [.ipv4(Self.a), .ipv4(Self.b)])
    }

    @Test("a preemption overlaps by one advert and is not a split brain; the new master takes the table")
    func preemptionIsNotSplitBrain() throws {
        var watcher = SegmentWatcher()
        var frames: [(Frame, CaptureTimestamp)] = []
        for second in Int64(0)..<4 { frames.append(try Self.advert(from: Self.a, at: second * 1000, priority: 100)) }
        // b (150) starts at 3.5 s; a sends nothing more after 3 s (it went to Backup on b's first advert).
        for step in Int64(0)..<6 { frames.append(try Self.advert(from: Self.b, at: 3500 + step * 1000, priority: 150)) }
        let problems = Self.feed(&watcher, frames)
        #expect(problems.filter { $0.kind == .splitBrain }.isEmpty)
        let router = try #require(watcher.routers.first)
        #expect(router.master == .ipv4(Self.b))
        #expect(router.advertising == [.ipv4(Self.b)])
    }

    @Test("a master that stops without a priority-0 advert is reported silent after 3 intervals, once")
    func silentMaster() throws {
        var watcher = SegmentWatcher()
        _ = Self.feed(&watcher, try [0, 1000, 2000].map { try Self.advert(from: Self.a, at: $0) })
        let early = watcher.advance(to: CaptureTimestamp(nanosecondsSinceEpoch: Self.start + 4_900_000_000))
        #expect(early.isEmpty, "2.9 s of silence is under 3 intervals")
        let late = watcher.advance(to: CaptureTimestamp(nanosecondsSinceEpoch: Self.start + 5_100_000_000))
        #expect(late.map(\.kind) == [.silentMaster])
        #expect(late.first?.speakers == [.ipv4(Self.a)])
        #expect(watcher.advance(to: CaptureTimestamp(nanosecondsSinceEpoch: Self.start + 9_000_000_000)).isEmpty)
        #expect(watcher.routers.first?.masterSilent == true)
        // The master comes back: silence over. Each problem is recorded once.
        _ = Self.feed(&watcher, [try Self.advert(from: Self.a, at: 9500)])
        #expect(watcher.routers.first?.masterSilent == false)
        #expect(watcher.problems.map(\.kind) == [.silentMaster])
    }

    @Test("a silence noticed when the next frame arrives is returned and recorded once")
    func silenceSeenByNextFrame() throws {
        var watcher = SegmentWatcher()
        var frames = try [0, 100, 200].map { try Self.advert(from: Self.a, at: $0, centiseconds: 10) }
        // b takes over 360 ms after a's last advert (Master_Down_Interval at 100 ms and priority 100).
        frames.append(try Self.advert(from: Self.b, at: 560, centiseconds: 10))
        let problems = Self.feed(&watcher, frames)
        #expect(problems.map(\.kind) == [.silentMaster])
        #expect(watcher.problems.map(\.kind) == [.silentMaster])
        #expect(watcher.routers.first?.master == .ipv4(Self.b))
    }

    @Test("at 10 ms intervals a 32 ms gap (scheduling jitter) is not silence; 60 ms is")
    func silenceTolerance() throws {
        var watcher = SegmentWatcher()
        let adverts = try [0, 10, 20, 52, 62].map { try Self.advert(from: Self.a, at: $0, centiseconds: 1) }
        #expect(Self.feed(&watcher, adverts).isEmpty)
        let late = watcher.advance(to: CaptureTimestamp(nanosecondsSinceEpoch: Self.start + 122_000_000))
        #expect(late.map(\.kind) == [.silentMaster])
    }

    @Test("a master that releases with priority 0 is not reported silent")
    func releaseIsNotSilence() throws {
        var watcher = SegmentWatcher()
        _ = Self.feed(
            &watcher, try [Self.advert(from: Self.a, at: 0), Self.advert(from: Self.a, at: 1000, priority: 0)])
        #expect(watcher.advance(to: CaptureTimestamp(nanosecondsSinceEpoch: Self.start + 10_000_000_000)).isEmpty)
        #expect(watcher.routers.first?.speakers.first?.released == true)
        #expect(watcher.routers.first?.master == nil)
    }

    @Test(
        "configuration mismatches between speakers of one VRID are reported with their kind",
        arguments: [
            (SegmentProblem.Kind.addressListMismatch, "addresses"), (.intervalMismatch, "interval"),
            (.authenticationMismatch, "password"), (.versionMismatch, "version"),
        ])
    func mismatch(kind: SegmentProblem.Kind, field: String) throws {
        var watcher = SegmentWatcher()
        let first = try Self.advert(
            from: Self.a, at: 0, version: field == "password" ? .v2 : .v3, password: field == "password" ? "one" : nil)
        let second = try Self.advert(
            from: Self.b, at: 500, priority: 0,
            version: field == "version" || field == "password" ? .v2 : .v3,
            addresses: field == "addresses" ? [Self.otherVIP] : [Self.vip],
            centiseconds: field == "interval" ? 200 : 100, password: field == "password" ? "two" : nil)
        let problems = Self.feed(&watcher, [first, second])
        #expect(problems.map(\.kind) == [kind], "\(problems)")
        #expect(Set(problems.first?.speakers ?? []) == [.ipv4(Self.a), .ipv4(Self.b)])
        // Repeats of the same mismatch are not reported again.
        #expect(
            Self.feed(
                &watcher,
                [
                    try Self.advert(
                        from: Self.a, at: 1000, version: first.0.advertisement!.advertisement.version,
                        password: field == "password" ? "one" : nil)
                ]
            ).isEmpty)
    }

    @Test("an advert with TTL 254 is reported as bad TTL, naming the value")
    func badTTL() throws {
        var watcher = SegmentWatcher()
        let problems = Self.feed(&watcher, [try Self.advert(from: Self.a, at: 0, ttl: 254)])
        #expect(problems.map(\.kind) == [.badTTL])
        #expect(problems.first?.detail.contains("254") == true)
    }

    @Test("VRIDs and families are kept apart; the table lists each with its master")
    func separateRouters() throws {
        var watcher = SegmentWatcher()
        let problems = Self.feed(
            &watcher,
            [try Self.advert(from: Self.a, at: 0, vrid: 51), try Self.advert(from: Self.b, at: 10, vrid: 52)])
        #expect(problems.isEmpty, "different VRIDs never conflict")
        #expect(watcher.routers.map(\.virtualRouterID) == [51, 52])
        let table = watcher.renderTable()
        #expect(table.contains("VRID 51 IPv4: master 192.0.2.1"))
        #expect(table.contains("VRID 52 IPv4: master 192.0.2.2"))
        #expect(table.contains("No problems."))
    }
}
