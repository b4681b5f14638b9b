import Testing
import VRRPWire

/// One test per ``WireError`` code, each through the layer that reports it.
@Suite("Wire error codes, one by one")
struct FrameErrorCodeTests {
    static let decoder = FrameDecoder(linkType: .ethernet)

    /// The golden frame with one byte replaced.
    static func patched(_ frame: [UInt8], _ offset: Int, _ value: UInt8) -> [UInt8] {
        var copy = frame
        copy[offset] = value
        return copy
    }

    static func expectError(
        _ bytes: [UInt8], layer: FrameError.Layer, code: WireError.Code, vrid: UInt8? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let frame = decoder.decode(bytes)
        guard let error = frame.error else {
            Issue.record("expected \(layer) \(code), decoded \(frame.packet)", sourceLocation: sourceLocation)
            return
        }
        #expect(error.layer == layer, sourceLocation: sourceLocation)
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let vrid { #expect(error.virtualRouterID == vrid, sourceLocation: sourceLocation) }
    }

    @Test("truncated: a VRRP message of 4 octets inside a valid IPv4 packet")
    func truncated() {
        var ipv4 = IPv4Header(
            source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast, protocolNumber: .vrrp, payloadLength: 4)
        var bytes = Array(GoldenFrames.v2[..<14])
        ipv4.encode(into: &bytes)
        bytes += [0x31, 51, 100, 1]
        Self.expectError(bytes, layer: .vrrp, code: .truncated, vrid: 51)
        ipv4.timeToLive = 1
        #expect(Self.decoder.decode(bytes[..<20]).error?.layer == .ipv4)
    }

    @Test("badVersion: version nibble 4")
    func badVersion() {
        Self.expectError(Self.patched(GoldenFrames.v3v4, 34, 0x41), layer: .vrrp, code: .badVersion, vrid: 51)
    }

    @Test("badType: type nibble 2")
    func badType() {
        Self.expectError(Self.patched(GoldenFrames.v3v4, 34, 0x32), layer: .vrrp, code: .badType)
    }

    @Test("addressCountMismatch: count 3 with room for 2")
    func addressCountMismatch() {
        Self.expectError(Self.patched(GoldenFrames.v3v4, 37, 3), layer: .vrrp, code: .addressCountMismatch)
    }

    @Test("badChecksum: the VRRP checksum off by one; the IPv4 header checksum off by one")
    func badChecksum() {
        Self.expectError(Self.patched(GoldenFrames.v3v6, 61, 0x8E), layer: .vrrp, code: .badChecksum, vrid: 51)
        Self.expectError(Self.patched(GoldenFrames.v2, 25, 0x93), layer: .ipv4, code: .badChecksum)
        let lenient = FrameDecoder(linkType: .ethernet, verifiesIPv4HeaderChecksum: false)
        #expect(lenient.decode(Self.patched(GoldenFrames.v2, 25, 0x93)).advertisement != nil)
    }

    @Test("unknownAuthType: VRRPv2 auth type 3")
    func unknownAuthType() {
        Self.expectError(Self.patched(GoldenFrames.v2, 38, 3), layer: .vrrp, code: .unknownAuthType)
    }

    @Test("zeroInterval: VRRPv2 Adver Int 0")
    func zeroInterval() {
        Self.expectError(Self.patched(GoldenFrames.v2, 39, 0), layer: .vrrp, code: .zeroInterval)
    }

    @Test("ipv6InVersion2: VRRPv2 over IPv6 with 8 authentication octets, which nobody sends")
    func ipv6InVersion2() {
        // The v3 IPv6 frame as v2 with 8 more octets: the RFC 3768 layout, which exists over IPv4 only.
        var frame = Self.patched(GoldenFrames.v3v6, 54, 0x21) + [UInt8](repeating: 0, count: 8)
        frame[18] = 0
        frame[19] = 32
        Self.expectError(frame, layer: .vrrp, code: .ipv6InVersion2)
    }

    @Test("badChecksum: version nibble 2 over IPv6 is keepalived's format, checked with the IPv6 pseudo-header")
    func version2OverIPv6Checksum() {
        Self.expectError(Self.patched(GoldenFrames.v3v6, 54, 0x21), layer: .vrrp, code: .badChecksum)
    }

    @Test("unrepresentable: VRRPv2 with a 1.5 s interval cannot be encoded")
    func unrepresentable() {
        let advert = Advertisement(
            version: .v2, virtualRouterID: 1, priority: 100, addresses: .ipv4([]),
            interval: AdvertisementInterval(centiseconds: 150))
        #expect(throws: WireError(.unrepresentable)) {
            try FrameBuilder.advertisement(advert, endpoints: .multicast(from: .ipv4(IPv4Address(192, 0, 2, 1))))
        }
    }

    @Test("addressFamilyMismatch: IPv6 addresses in an IPv4 packet cannot be encoded")
    func addressFamilyMismatch() {
        let advert = Advertisement(
            version: .v3, virtualRouterID: 1, priority: 100, addresses: .ipv6([IPv6Address("2001:db8::1")!]))
        #expect(throws: WireError(.addressFamilyMismatch)) {
            try FrameBuilder.advertisement(advert, endpoints: .multicast(from: .ipv4(IPv4Address(192, 0, 2, 1))))
        }
    }

    @Test("badHeader: IP version 5 behind EtherType IPv4; IHL 4; AH Payload Len 0")
    func badHeader() {
        Self.expectError(Self.patched(GoldenFrames.v2, 14, 0x55), layer: .ipv4, code: .badHeader)
        Self.expectError(Self.patched(GoldenFrames.v2, 14, 0x44), layer: .ipv4, code: .badHeader)
        var ah = GoldenFrames.v2AH
        ah[35] = 0
        Self.expectError(ah, layer: .authenticationHeader, code: .badHeader)
        Self.expectError(Self.patched(GoldenFrames.v3v6, 14, 0x4C), layer: .ipv6, code: .badHeader)
    }

    @Test("unsupportedProtocol: ARP for hardware type 6")
    func unsupportedProtocol() {
        let arp = ARPPacket.gratuitous(IPv4Address(192, 0, 2, 100), at: MACAddress(0x0000_5E00_0133))
        var bytes = FrameBuilder.arp(arp)
        bytes[15] = 6
        Self.expectError(bytes, layer: .arp, code: .unsupportedProtocol)
    }
}
