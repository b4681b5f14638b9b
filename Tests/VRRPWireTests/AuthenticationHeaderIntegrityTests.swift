import Testing
import VRRPWire

@Suite("keepalived AH: building and verifying the HMAC-MD5-96 ICV")
struct AuthenticationHeaderIntegrityTests {
    static let source = IPv4Address(192, 0, 2, 11)
    static let advert = Advertisement(
        version: .v2, virtualRouterID: 51, priority: 150, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]),
        interval: AdvertisementInterval(centiseconds: 100), authenticationType: .ipAuthenticationHeader)
    static let key = AuthenticationData(password: "s3cret").octets

    static func packet(sequence: UInt32 = 7, identification: UInt16 = 3, key: [UInt8] = key) throws -> [UInt8] {
        try AuthenticationHeader.authenticatedIPv4Packet(
            advert, source: source, destination: .vrrpMulticast, identification: identification,
            sequenceNumber: sequence, key: key)
    }

    @Test("A built packet is IPv4 protocol 51, AH next header 112, SPI = source, and decodes as VRRPv2")
    func layout() throws {
        let bytes = try Self.packet()
        #expect(bytes.count == 20 + 24 + 20)
        #expect(bytes[9] == 51)
        #expect(bytes[1] == 0xC0)
        #expect(bytes[8] == 255)
        #expect(Array(bytes[4..<6]) == [0, 3])
        #expect(bytes[20] == 112)
        #expect(bytes[21] == 4)
        #expect(Array(bytes[24..<28]) == [192, 0, 2, 11])
        #expect(Array(bytes[28..<32]) == [0, 0, 0, 7])
        let frame = FrameDecoder(linkType: .raw).decode(bytes)
        let received = try #require(frame.advertisement)
        #expect(received.advertisement.authenticationType == .ipAuthenticationHeader)
        #expect(received.advertisement.priority == 150)
        #expect(received.ip.authenticationHeader?.sequenceNumber == 7)
    }

    @Test("The ICV verifies with the password and fails with another one")
    func verifies() throws {
        let bytes = try Self.packet()
        #expect(
            try AuthenticationHeader.verify(ipv4Packet: bytes[...], key: Self.key, zeroTimeToLive: false)
                == .valid(sequenceNumber: 7))
        let wrong = AuthenticationData(password: "s3cres").octets
        let verdict = try AuthenticationHeader.verify(ipv4Packet: bytes[...], key: wrong, zeroTimeToLive: false)
        guard case .integrityCheckFailed = verdict else {
            Issue.record("a wrong key verified: \(verdict)")
            return
        }
    }

    @Test("Only the first 8 octets of a password count, as keepalived stores auth_pass")
    func keyTruncation() throws {
        let long = AuthenticationData(password: "abcdefgh-and-more").octets
        let bytes = try Self.packet(key: long)
        let eight = AuthenticationData(password: "abcdefgh").octets
        #expect(try AuthenticationHeader.verify(ipv4Packet: bytes[...], key: eight, zeroTimeToLive: false).isValid)
    }

    @Test("TOS, fragment bits and the header checksum may change on the way; Identification, TTL and data may not")
    func mutableFields() throws {
        let bytes = try Self.packet()
        func check(_ change: (inout [UInt8]) -> Void) throws -> Bool {
            var copy = bytes
            change(&copy)
            return try AuthenticationHeader.verify(ipv4Packet: copy[...], key: Self.key, zeroTimeToLive: false)
                .isValid
        }
        #expect(try check { $0[1] = 0x00 })
        #expect(try check { $0[6] = 0x40 })
        #expect(try check { $0[10] ^= 0xFF })
        #expect(try !check { $0[5] ^= 0x01 })
        #expect(try !check { $0[8] = 254 })
        #expect(try !check { $0[46] ^= 0x01 })
        #expect(try !check { $0[31] ^= 0x01 })
    }

    @Test("With TTL zeroed in the ICV (unicast peers) a changed TTL still verifies")
    func unicastTTL() throws {
        var bytes = try AuthenticationHeader.authenticatedIPv4Packet(
            Self.advert, source: Self.source, destination: IPv4Address(192, 0, 2, 12), identification: 1,
            sequenceNumber: 1, key: Self.key, zeroTimeToLiveInICV: true)
        bytes[8] = 64
        #expect(try AuthenticationHeader.verify(ipv4Packet: bytes[...], key: Self.key, zeroTimeToLive: true).isValid)
        #expect(try !AuthenticationHeader.verify(ipv4Packet: bytes[...], key: Self.key, zeroTimeToLive: false).isValid)
    }

    @Test("An SPI other than the source address is reported after a good ICV")
    func spiMismatch() throws {
        var bytes = try Self.packet()
        bytes[27] = 99
        let icv = try AuthenticationHeader.integrityCheckValue(
            ipv4Packet: bytes[...], key: Self.key, zeroTimeToLive: false)
        bytes.replaceSubrange(32..<44, with: icv)
        let verdict = try AuthenticationHeader.verify(ipv4Packet: bytes[...], key: Self.key, zeroTimeToLive: false)
        #expect(verdict == .securityParametersIndexMismatch(spi: 0xC000_0263, source: Self.source))
    }

    @Test("Packets that are not IPv4 + a 24-octet AH are precise errors")
    func malformed() throws {
        let bytes = try Self.packet()
        #expect(throws: WireError(.truncated)) {
            try AuthenticationHeader.verify(ipv4Packet: bytes[..<30], key: Self.key, zeroTimeToLive: false)
        }
        var other = bytes
        other[9] = 112
        #expect(throws: WireError(.unsupportedProtocol)) {
            try AuthenticationHeader.verify(ipv4Packet: other[...], key: Self.key, zeroTimeToLive: false)
        }
        var longer = bytes
        longer[21] = 5
        #expect(throws: WireError(.badHeader)) {
            try AuthenticationHeader.verify(ipv4Packet: longer[...], key: Self.key, zeroTimeToLive: false)
        }
        #expect(throws: WireError(.unrepresentable)) {
            var v3 = Self.advert
            v3.version = .v3
            _ = try AuthenticationHeader.authenticatedIPv4Packet(
                v3, source: Self.source, destination: .vrrpMulticast, identification: 1, sequenceNumber: 1,
                key: Self.key)
        }
    }
}
