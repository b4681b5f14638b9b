import Glibc
import Testing
import VRRPCapture
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

@Suite("pcap replay")
struct PcapReplayTests {
    static let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))
    static let master = IPv4Address(192, 0, 2, 1)
    static let start = CaptureTimestamp(seconds: 1_700_000_000, nanoseconds: 250_000_000)

    /// Writes a capture of VRRPv2 adverts from the master, one a second, the given priorities in order.
    func capture(priorities: [UInt8]) throws -> String {
        let path = "/tmp/vrrpsw-replay-\(getpid())-\(priorities.count)-\(priorities.last ?? 0).pcap"
        let writer = try PcapWriter(path: path)
        for (second, priority) in priorities.enumerated() {
            let advert = Advertisement(
                version: .v2, virtualRouterID: 51, priority: priority, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]))
            let frame = try FrameBuilder.advertisement(
                advert, endpoints: .ipv4(source: Self.master, destination: .vrrpMulticast))
            try writer.write(
                frame,
                timestamp: CaptureTimestamp(
                    nanosecondsSinceEpoch: Self.start.nanosecondsSinceEpoch + Int64(second) * 1_000_000_000))
        }
        try writer.close()
        return path
    }

    func listener(priority: UInt8) -> PcapReplay {
        PcapReplay(
            configuration: VirtualRouter.Configuration(
                virtualRouterID: 51, family: .ipv4, version: .v2, priority: priority, virtualAddresses: [Self.vip],
                primaryAddress: .ipv4(IPv4Address(192, 0, 2, 2))))
    }

    @Test("a silent master: the listener takes over exactly Master_Down_Interval after the last advert")
    func masterDown() throws {
        let path = try capture(priorities: [150, 150, 150, 150, 150])
        defer { unlink(path) }
        let result = try listener(priority: 100).run(PcapReader.readAll(path: path))
        #expect(result.advertisementsReplayed == 5)
        let takeover = try #require(result.transitions.first { $0.to == .master })
        // Master_Down_Interval for priority 100, v2: 3 s + (256 − 100)/256 s = 3.609375 s, after the advert at +4 s.
        #expect(takeover.offset == .nanoseconds(4_000_000_000 + 3_609_375_000))
        #expect(takeover.reason == .masterDownTimerExpired)
        #expect(takeover.trigger == nil)
        #expect(result.transitions.first?.to == .backup)
    }

    @Test("a release: the listener takes over Skew_Time after the priority-0 advert")
    func priorityZero() throws {
        let path = try capture(priorities: [150, 150, 0])
        defer { unlink(path) }
        let result = try listener(priority: 100).run(PcapReader.readAll(path: path))
        let takeover = try #require(result.transitions.first { $0.to == .master })
        // Skew_Time for priority 100, v2: (256 − 100)/256 s = 0.609375 s after the advert at +2 s.
        #expect(takeover.offset == .nanoseconds(2_000_000_000 + 609_375_000))
    }

    @Test("a listener of higher priority preempts at the first advert after its own master-down timer")
    func preempts() throws {
        let path = try capture(priorities: [100, 100, 100, 100, 100, 100])
        defer { unlink(path) }
        let result = try listener(priority: 200).run(PcapReader.readAll(path: path))
        let takeover = try #require(result.transitions.first { $0.to == .master })
        // A higher-priority backup ignores lower adverts and takes over when its master-down timer expires:
        // 3 s + (256 − 200)/256 s = 3.21875 s after startup.
        #expect(takeover.offset == .nanoseconds(3_218_750_000))
    }
}

@Suite("pcap replay without an address of its own")
struct PcapReplayWithoutSourceTests {
    @Test("a listener with no primary address is not in Fault: it backs up and takes over when the master falls silent")
    func noSource() throws {
        let path = "/tmp/vrrpsw-replay-nosource-\(getpid()).pcap"
        defer { unlink(path) }
        let writer = try PcapWriter(path: path)
        let advert = Advertisement(
            version: .v3, virtualRouterID: 7, priority: 200, addresses: .ipv4([IPv4Address(192, 0, 2, 7)]),
            interval: AdvertisementInterval(centiseconds: 10))
        let frame = try FrameBuilder.advertisement(
            advert, endpoints: .ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast))
        for index in 0..<3 {
            try writer.write(frame, timestamp: CaptureTimestamp(nanosecondsSinceEpoch: Int64(index) * 100_000_000))
        }
        try writer.close()
        let replay = PcapReplay(
            configuration: VirtualRouter.Configuration(
                virtualRouterID: 7, family: .ipv4, version: .v3, priority: 100,
                advertisementInterval: AdvertisementInterval(centiseconds: 10),
                virtualAddresses: [.ipv4(IPv4Address(192, 0, 2, 7))], primaryAddress: nil))
        let result = try replay.run(PcapReader.readAll(path: path))
        #expect(result.transitions.map(\.to) == [.backup, .master])
        // Master_Down_Interval at 100 ms for priority 100: 300 ms + (256 − 100) × 100 ms / 256 = 360.9375 ms.
        #expect(result.transitions.last?.offset == .nanoseconds(200_000_000 + 360_937_500))
    }
}
