import Foundation
import Testing
import VRRPCapture
import VRRPWire

@Suite("vrrpctl decode report")
struct DecodeReportTests {
    static let base = CaptureTimestamp(seconds: 1_790_000_000, nanoseconds: 0)

    static func advertFrame(source: UInt8, vrid: UInt8, priority: UInt8, broken: Bool = false) throws -> [UInt8] {
        let advert = Advertisement(
            version: .v3, virtualRouterID: vrid, priority: priority, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]))
        let endpoints = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, source), destination: .vrrpMulticast)
        var bytes = try FrameBuilder.advertisement(advert, endpoints: endpoints)
        if broken { bytes[40] ^= 0xFF }
        return bytes
    }

    /// Speaker .1 at 0, 1.0, 2.1, 3.1 s (priority 100 then 0); speaker .2 at 0.5, 1.5 s; one broken advert;
    /// a gratuitous ARP; an LLDP frame.
    static func frames() throws -> [CapturedFrame] {
        let entries: [(Int64, [UInt8])] = [
            (0, try advertFrame(source: 1, vrid: 5, priority: 100)),
            (500, try advertFrame(source: 2, vrid: 5, priority: 90)),
            (1000, try advertFrame(source: 1, vrid: 5, priority: 100)),
            (1200, try advertFrame(source: 1, vrid: 5, priority: 100, broken: true)),
            (1500, try advertFrame(source: 2, vrid: 5, priority: 90)),
            (2100, try advertFrame(source: 1, vrid: 5, priority: 100)),
            (2200, FrameBuilder.arp(.gratuitous(IPv4Address(192, 0, 2, 100), at: .virtualRouter(5, family: .ipv4)))),
            (2300, [UInt8](repeating: 0, count: 12) + [0x88, 0xCC] + [UInt8](repeating: 0, count: 46)),
            (3100, try advertFrame(source: 1, vrid: 5, priority: 0)),
        ]
        return entries.map { milliseconds, bytes in
            CapturedFrame(
                timestamp: CaptureTimestamp(
                    nanosecondsSinceEpoch: base.nanosecondsSinceEpoch + milliseconds * 1_000_000),
                linkType: .ethernet, bytes: bytes)
        }
    }

    static func report(_ format: DecodeReport.Format) throws -> (DecodeReport, String) {
        var report = DecodeReport(format: format)
        var output = ""
        report.beginFile("test.pcap", into: &output)
        for (index, frame) in try frames().enumerated() { report.record(frame, number: index + 1, into: &output) }
        report.summary(into: &output)
        return (report, output)
    }

    @Test("every VRRP, ARP and malformed frame gets a line; other protocols are counted, not shown")
    func lines() throws {
        let (report, output) = try Self.report(.text)
        let lines = output.split(separator: "\n").map(String.init)
        let frameLines = lines.filter { $0.hasPrefix("#") }
        #expect(frameLines.count == 8)
        #expect(!frameLines.contains { $0.hasPrefix("#8 ") })
        #expect(
            frameLines[0]
                == "#1 2026-09-21T14:13:20.000000000Z 192.0.2.1 → 224.0.0.18 ttl 255 VRRPv3 vrid 5 prio 100 int 1.00s"
                + " addrs 192.0.2.100 auth none cksum ok (pseudo-header)")
        #expect(
            frameLines[3].hasPrefix(
                "#4 2026-09-21T14:13:21.200000000Z 192.0.2.1 → 224.0.0.18 ttl 255 MALFORMED VRRP vrid 5 badChecksum: "))
        #expect(frameLines[6].contains("ARP request") && frameLines[6].contains("gratuitous"))
        #expect(
            report.counts
                == DecodeReport.Counts(
                    frames: 9, advertisements: 6, arp: 1, neighborAdvertisements: 0, malformed: 1, other: 1))
    }

    @Test("the summary lists speakers with priorities, period min/median/max per speaker, and errors")
    func summary() throws {
        let (report, output) = try Self.report(.text)
        let summary = try #require(report.vridSummaries.first)
        #expect(report.vridSummaries.count == 1)
        #expect(summary.virtualRouterID == 5)
        #expect(summary.advertisements == 6)
        #expect(summary.speakers.map(\.priorities) == [[100, 0], [90]])
        #expect(summary.speakers.map(\.advertisements) == [4, 2])
        #expect(summary.errors == [.badChecksum: 1])
        // Speaker .1: 1.0, 1.1, 1.0 s; speaker .2: 1.0 s.
        #expect(summary.periods.sorted() == [.seconds(1), .seconds(1), .seconds(1), .milliseconds(1100)])
        let period = try #require(summary.periodStatistics)
        #expect(period.minimum == .seconds(1) && period.median == .seconds(1) && period.maximum == .milliseconds(1100))
        #expect(output.contains("VRID 5 IPv4 (v3): 6 adverts\n"))
        #expect(output.contains("  speakers: 192.0.2.1 prio 100→0 (4); 192.0.2.2 prio 90 (2)\n"))
        #expect(output.contains("  period: min 1.000000s median 1.000000s max 1.100000s\n"))
        #expect(output.contains("  errors: badChecksum 1\n"))
    }

    @Test("keepalived's VRRPv2 over IPv6 (Fixtures/pcap/ka-v2-ipv6.pcap) is decoded and named in the report")
    func keepalivedVersion2OverIPv6() throws {
        let path = TestFiles.fixtureDirectory.appendingPathComponent("ka-v2-ipv6.pcap").path
        let frames = try PcapReader.readAll(path: path)
        var report = DecodeReport(format: .text)
        var output = ""
        report.beginFile("ka-v2-ipv6.pcap", into: &output)
        for (index, frame) in frames.enumerated() { report.record(frame, number: index + 1, into: &output) }
        report.summary(into: &output)
        let adverts = output.split(separator: "\n").filter { $0.contains(" VRRPv2 vrid 62 ") }
        #expect(adverts.count == 4)
        #expect(adverts.allSatisfy { $0.hasSuffix("auth none cksum ok (keepalived-v2-over-ipv6)") })
        #expect(adverts.allSatisfy { $0.contains("fe80::5eff:fe10:1 → ff02::12 hop 255") })
        #expect(output.contains("  checksum: keepalived-v2-over-ipv6 4\n"))
        #expect(output.contains("  errors: none\n"))
    }

    @Test("JSON Lines output: one parseable object per shown frame, then the summary")
    func json() throws {
        let (_, output) = try Self.report(.json)
        let objects = try output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(objects.count == 9)
        #expect(
            objects.map { $0["kind"] as? String } == [
                "vrrp", "vrrp", "vrrp", "malformed", "vrrp", "vrrp", "arp", "vrrp", "summary",
            ])
        #expect(objects[0]["vrid"] as? Int == 5)
        #expect(objects[0]["addresses"] as? [String] == ["192.0.2.100"])
        #expect(objects[3]["code"] as? String == "badChecksum")
        #expect(objects[3]["file"] as? String == "test.pcap")
        let routers = try #require(objects[8]["routers"] as? [[String: Any]])
        #expect(routers.first?["adverts"] as? Int == 6)
        #expect((routers.first?["period"] as? [String: Any])?["maxNanoseconds"] as? Int == 1_100_000_000)
    }

    @Test("periods restart with each file")
    func periodsPerFile() throws {
        var report = DecodeReport()
        var output = ""
        let frames = try Self.frames()
        report.beginFile("a.pcap", into: &output)
        report.record(frames[0], number: 1, into: &output)
        report.beginFile("b.pcap", into: &output)
        report.record(frames[2], number: 1, into: &output)
        #expect(report.vridSummaries.first?.periods == [])
        #expect(output.contains("== b.pcap\n"))
    }
}
