import Testing
import VRRPCapture
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// Replays of the real keepalived captures in Fixtures/pcap.
@Suite("replay of the keepalived failover captures")
struct FixtureReplayTests {
    static let fixtures: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)]) }
        return path + "/Fixtures/pcap"
    }()

    func frames(_ name: String) throws -> [CapturedFrame]? {
        try? PcapReader.readAll(path: Self.fixtures + "/" + name)
    }

    /// The backup of each capture (priority 100, VIP 192.0.2.100) replayed: it must take over exactly when the
    /// RFC says, measured from the old master's last advert in the same capture.
    @Test(
        "the backup takes over Skew_Time after a priority-0 advert, or Master_Down_Interval after silence",
        arguments: [
            ("ka-failover-sigterm.pcap", VRRPVersion.v2, AdvertisementInterval.oneSecond),
            ("ka-failover-sigkill.pcap", VRRPVersion.v3, AdvertisementInterval(centiseconds: 10)),
        ])
    func takeover(file: String, version: VRRPVersion, interval: AdvertisementInterval) throws {
        // The captures are committed: a missing one is a failure, not a skip.
        let frames = try #require(try frames(file), "\(file) is missing from Fixtures/pcap")
        let master = IPAddress.ipv4(IPv4Address(192, 0, 2, 1))
        let replay = PcapReplay(
            configuration: VirtualRouter.Configuration(
                virtualRouterID: 51, family: .ipv4, version: version, priority: 100, advertisementInterval: interval,
                virtualAddresses: [.ipv4(IPv4Address(192, 0, 2, 100))],
                primaryAddress: .ipv4(IPv4Address(192, 0, 2, 2))))
        let result = try replay.run(frames)
        // The old master's last advert, from the capture itself.
        let last = try #require(
            frames.filter {
                guard case .advertisement(let received) = $0.decoded.packet else { return false }
                return received.ip.endpoints.source == master && received.advertisement.virtualRouterID == 51
            }.last)
        guard case .advertisement(let lastAdvert) = last.decoded.packet else { return }
        let takeover = try #require(result.transitions.first { $0.to == .master })
        let skew = Int64(256 - 100) * interval.nanoseconds / 256
        let expected = lastAdvert.advertisement.priority == 0 ? skew : 3 * interval.nanoseconds + skew
        let measured = takeover.timestamp.nanosecondsSinceEpoch - last.timestamp.nanosecondsSinceEpoch
        #expect(measured == expected, "\(file): took over \(measured) ns after the last advert, expected \(expected)")
        // keepalived's own backup in the capture: its first advert after the old master's last one. Ours and
        // keepalived's decisions should be the same instant up to keepalived's scheduling delay.
        let keepalivedTakeover = try #require(
            frames.first {
                guard case .advertisement(let received) = $0.decoded.packet else { return false }
                return received.ip.endpoints.source == .ipv4(IPv4Address(192, 0, 2, 2))
                    && received.advertisement.priority == 100 && $0.timestamp > last.timestamp
            })
        let difference = keepalivedTakeover.timestamp.nanosecondsSinceEpoch - takeover.timestamp.nanosecondsSinceEpoch
        #expect(abs(difference) < 50_000_000, "\(file): keepalived took over \(difference) ns after our replay")
        #expect(result.transitions.first?.to == .backup)
        #expect(result.malformedFrames == 0)
    }
}
