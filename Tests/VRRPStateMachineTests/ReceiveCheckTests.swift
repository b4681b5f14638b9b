import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

@Suite("RFC 5798 §7.1 / RFC 3768 §7.1: received-advert checks and MIB counters")
struct ReceiveCheckTests {
    static let started = """
        at t = 0 s: startup
        at t = 0 s the router emits [Initialize->Backup (startup)]

        """

    @Test("TTL, version, VRID, family and own-advert checks discard and count")
    func headerChecks() throws {
        let timeline = try expectTimeline(
            testConfiguration(),
            Self.started + """
                at t = 1 s: receive advert p=120 from 192.0.2.2 ttl=64
                at t = 1 s the router emits [discard (ttl 64)]
                at t = 1.1 s: receive advert p=120 from 192.0.2.2 ttl=64 to=192.0.2.1
                at t = 1.2 s: receive advert p=120 from 192.0.2.2 version=2
                at t = 1.2 s the router emits [discard (version v2)]
                at t = 1.3 s: receive advert p=120 from 192.0.2.2 vrid=52
                at t = 1.3 s the router emits [discard (vrid 52)]
                at t = 1.4 s: receive advert p=120 from 2001:db8::2 addresses=2001:db8::100
                at t = 1.4 s the router emits [discard (address family)]
                at t = 1.5 s: receive advert p=120 from 192.0.2.1
                at t = 1.5 s the router emits [discard (own advert)]
                until t = 1.6 s
                """)
        let statistics = timeline.router.statistics
        #expect(statistics.ipTTLErrors == 1)
        #expect(statistics.versionErrors == 1)
        #expect(statistics.vrIdErrors == 1)
        #expect(statistics.protocolErrors == 1)
        // The unicast advert with TTL 64 passes: the TTL check is for multicast only.
        #expect(statistics.advertisementsReceived == 1)
    }

    @Test("VRRPv2 PASS: wrong password and wrong type are discarded and counted; the right one passes")
    func passwordAuthentication() throws {
        let config = testConfiguration(
            version: .v2, authentication: .password(AuthenticationData(password: "secret")))
        let timeline = try expectTimeline(
            config,
            Self.started + """
                at t = 1 s: receive advert p=120 from 192.0.2.2 auth=secreT
                at t = 1 s the router emits [discard (auth failure)]
                at t = 1.1 s: receive advert p=120 from 192.0.2.2 auth=none
                at t = 1.1 s the router emits [discard (auth type none)]
                at t = 1.2 s: receive advert p=120 from 192.0.2.2 auth=secret
                at t = 4.809375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
                [Backup->Master (master down)]
                until t = 4.9 s
                """)
        #expect(timeline.router.statistics.authFailures == 1)
        #expect(timeline.router.statistics.authTypeMismatch == 1)
        #expect(timeline.router.statistics.advertisementsReceived == 1)
    }

    @Test("address-list mismatch: counted and accepted by default, discarded in strict mode unless from the owner")
    func addressListMismatch() throws {
        let lenient = try expectTimeline(
            testConfiguration(),
            Self.started + """
                at t = 1 s: receive advert p=120 from 192.0.2.2 addresses=192.0.2.200
                at t = 4.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
                [Backup->Master (master down)]
                until t = 4.7 s
                """)
        #expect(lenient.router.statistics.addressListErrors == 1)
        let strict = try expectTimeline(
            testConfiguration(strictMode: true),
            Self.started + """
                at t = 1 s: receive advert p=120 from 192.0.2.2 addresses=192.0.2.200
                at t = 1 s the router emits [discard (address list)]
                at t = 2 s: receive advert p=255 from 192.0.2.2 addresses=192.0.2.200
                at t = 5.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
                [Backup->Master (master down)]
                until t = 5.7 s
                """)
        #expect(strict.router.statistics.addressListErrors == 2)
        // The same set in another order is not a mismatch.
        var router = try VirtualRouter(
            configuration: testConfiguration(virtualAddresses: ["192.0.2.100", "192.0.2.101"]))
        _ = router.handle(.startup, now: .zero)
        let advert = Advertisement(
            version: .v3, virtualRouterID: 51, priority: 120,
            addresses: .ipv4([IPv4Address(192, 0, 2, 101), IPv4Address(192, 0, 2, 100)]))
        let received = VirtualRouter.ReceivedAdvertisement(advert, from: .ipv4(IPv4Address(192, 0, 2, 2)))
        #expect(router.handle(.advertisementReceived(received), now: .zero) == [])
        #expect(router.statistics.addressListErrors == 0)
    }

    @Test(
        "decoding errors from VRRPWire land in their MIB counters, and only there",
        arguments: [
            ("badChecksum", "checksumErrors"), ("badVersion", "versionErrors"), ("truncated", "packetLengthErrors"),
            ("addressCountMismatch", "packetLengthErrors"), ("badType", "invalidTypePacketsReceived"),
            ("unknownAuthType", "invalidAuthType"), ("zeroInterval", "advertisementIntervalErrors"),
        ])
    func malformedCounters(code: String, counter: String) throws {
        let timeline = try expectTimeline(
            testConfiguration(),
            Self.started + """
                at t = 1 s: receive malformed \(code)
                at t = 1 s the router emits [discard (malformed: \(code))]
                until t = 1 s
                """)
        let counters = Self.counters(timeline.router.statistics)
        #expect(counters[counter] == 1)
        #expect(counters.values.reduce(0, +) == 1)
    }

    static func counters(_ s: VirtualRouter.Statistics) -> [String: UInt64] {
        [
            "checksumErrors": s.checksumErrors, "versionErrors": s.versionErrors,
            "packetLengthErrors": s.packetLengthErrors, "invalidTypePacketsReceived": s.invalidTypePacketsReceived,
            "invalidAuthType": s.invalidAuthType, "advertisementIntervalErrors": s.advertisementIntervalErrors,
            "vrIdErrors": s.vrIdErrors, "ipTTLErrors": s.ipTTLErrors, "authFailures": s.authFailures,
            "authTypeMismatch": s.authTypeMismatch, "addressListErrors": s.addressListErrors,
            "protocolErrors": s.protocolErrors, "advertisementsReceived": s.advertisementsReceived,
        ]
    }

    @Test("a real checksum error decoded from bytes is counted")
    func decodedChecksumError() throws {
        var router = try VirtualRouter(configuration: testConfiguration())
        _ = router.handle(.startup, now: .zero)
        let source = IPv4Address(192, 0, 2, 2)
        let endpoints = IPEndpoints.ipv4(source: source, destination: .vrrpMulticast)
        var bytes = try router.advertisement(priority: 120).encoded(endpoints: endpoints)
        bytes[2] ^= 0x01
        let event: VirtualRouter.Event
        do {
            let decoded = try Advertisement.decode(bytes, endpoints: endpoints)
            event = .advertisementReceived(.init(decoded.advertisement, from: .ipv4(source)))
        } catch {
            event = .malformedPacketReceived(error)
        }
        #expect(router.handle(event, now: .zero) == [.discarded(.malformed(WireError(.badChecksum)))])
        #expect(router.statistics.checksumErrors == 1)
    }
}
