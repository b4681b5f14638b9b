import VRRPCapture
import VRRPWire

/// Writes fuzz seed corpora and large benchmark captures.
///
/// ```
/// WireCorpus corpus DIR [CAPTURE...]      one seed file per frame of each capture, plus generated adverts
/// WireCorpus pcap OUT COUNT [CAPTURE...]  a pcap of COUNT Ethernet frames cycling through the captures' frames
///                                         (or generated adverts when none is given), 10 ms apart
/// ```
@main
struct WireCorpus {
    static func main() throws {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard arguments.count >= 2 else {
            print("usage: WireCorpus corpus DIR [CAPTURE...] | WireCorpus pcap OUT COUNT [CAPTURE...]")
            return
        }
        switch arguments[0] {
        case "corpus":
            var seeds = try generatedFrames().map(\.bytes)
            seeds += try generatedMessages()
            for path in arguments.dropFirst(2) { seeds += try PcapReader.readAll(path: path).map(\.bytes) }
            for (index, seed) in seeds.enumerated() {
                let writer = try RawFile(path: "\(arguments[1])/seed-\(index)")
                writer.write(seed)
            }
            print("wrote \(seeds.count) seeds to \(arguments[1])")
        case "pcap":
            guard arguments.count >= 3, let count = Int(arguments[2]) else {
                print("usage: WireCorpus pcap OUT COUNT [CAPTURE...]")
                return
            }
            var frames = try arguments.dropFirst(3).flatMap { try PcapReader.readAll(path: $0) }
                .filter { $0.linkType == .ethernet }.map(\.bytes)
            if frames.isEmpty { frames = try generatedFrames().map(\.bytes) }
            let writer = try PcapWriter(path: arguments[1], linkType: .ethernet)
            var time = CaptureTimestamp(seconds: 1_790_000_000, nanoseconds: 0)
            for index in 0..<count {
                try writer.write(frames[index % frames.count], timestamp: time)
                time.nanosecondsSinceEpoch += 10_000_000
            }
            try writer.close()
            print("wrote \(count) frames from \(frames.count) distinct ones to \(arguments[1])")
        default:
            print("unknown command \(arguments[0])")
        }
    }

    /// Adverts of every version, family and authentication, plus ARP and NA.
    static func generatedFrames() throws -> [CapturedFrame] {
        var frames: [[UInt8]] = []
        let endpoints4 = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast)
        let endpoints6 = IPEndpoints.ipv6(source: IPv6Address("fe80::1")!, destination: .vrrpMulticast)
        for count in [0, 1, 3, 16] {
            let v4 = VirtualAddressList.ipv4((0..<count).map { IPv4Address(192, 0, 2, UInt8(100 + $0)) })
            let v6 = VirtualAddressList.ipv6(
                (0..<count).map { IPv6Address(high: 0x2001_0DB8_0000_0000, low: UInt64(0x100 + $0)) })
            frames.append(
                try FrameBuilder.advertisement(
                    Advertisement(version: .v2, virtualRouterID: 51, priority: 100, addresses: v4),
                    endpoints: endpoints4))
            frames.append(
                try FrameBuilder.advertisement(
                    Advertisement(
                        version: .v2, virtualRouterID: 52, priority: 150, addresses: v4,
                        authenticationType: .simpleText, authenticationData: AuthenticationData(password: "secret")),
                    endpoints: endpoints4))
            frames.append(
                try FrameBuilder.advertisement(
                    Advertisement(
                        version: .v2, virtualRouterID: 53, priority: 200, addresses: v4,
                        authenticationType: .ipAuthenticationHeader),
                    endpoints: endpoints4,
                    authenticationHeader: AuthenticationHeader(
                        nextHeader: .vrrp, securityParametersIndex: 0xC000_0201, sequenceNumber: 1,
                        integrityCheckValue: Array(1...12))))
            let v3 = Advertisement(
                version: .v3, virtualRouterID: 54, priority: 100, addresses: v4,
                interval: AdvertisementInterval(centiseconds: 10))
            frames.append(try FrameBuilder.advertisement(v3, endpoints: endpoints4))
            frames.append(
                try FrameBuilder.advertisement(v3, endpoints: endpoints4, checksumVariant: .withoutPseudoHeader))
            frames.append(try FrameBuilder.advertisement(v3, endpoints: endpoints4, vlanTag: VLANTag(vlanID: 7)))
            frames.append(
                try FrameBuilder.advertisement(
                    Advertisement(version: .v3, virtualRouterID: 55, priority: 100, addresses: v6),
                    endpoints: endpoints6))
        }
        let mac = MACAddress.virtualRouter(51, family: .ipv4)
        frames.append(FrameBuilder.arp(.gratuitous(IPv4Address(192, 0, 2, 100), at: mac)))
        frames.append(
            FrameBuilder.neighborAdvertisement(
                .unsolicited(IPv6Address("2001:db8::100")!, at: mac, isRouter: true), source: IPv6Address("fe80::1")!,
                sourceMAC: mac))
        return frames.map {
            CapturedFrame(timestamp: CaptureTimestamp(nanosecondsSinceEpoch: 0), linkType: .ethernet, bytes: $0)
        }
    }

    /// Bare VRRP messages, for the fuzzer's direct Advertisement.decode calls.
    static func generatedMessages() throws -> [[UInt8]] {
        try generatedFrames().compactMap { frame -> (Advertisement, IPEndpoints, ChecksumVariant)? in
            guard let received = frame.decoded.advertisement else { return nil }
            return (received.advertisement, received.ip.endpoints, received.checksumVariant)
        }.map { try $0.0.encoded(endpoints: $0.1, checksumVariant: $0.2) }
    }
}
