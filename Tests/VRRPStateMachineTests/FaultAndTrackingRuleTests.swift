import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

@Suite("Fault, tracking and reload")
struct FaultAndTrackingRuleTests {
    static let tracked = [TrackedItem(name: "chk", weight: -60), TrackedItem(name: "link", weight: 0)]

    @Test("tracking: a negative weight lowers the priority at once; a weight-0 failure is Fault; recovery is Backup")
    func trackingAndFault() throws {
        // After recovery the priority is 40: Skew_Time (216/256) s, Master_Down_Interval 3.84375 s.
        let timeline = try expectTimeline(
            testConfiguration(trackedItems: Self.tracked),
            becomesMaster + """
                at t = 4.609375 s the router emits [advert p=100]
                at t = 5 s: track chk down
                at t = 5 s the router emits [advert p=40]
                at t = 6 s the router emits [advert p=40]
                at t = 6.5 s: track link down
                at t = 6.5 s the router emits [advert p=0] [remove 192.0.2.100] [Master->Fault (fault: tracked link failed)]
                at t = 7 s: track nothing down
                at t = 8 s: track link up
                at t = 8 s the router emits [Fault->Backup (fault cleared)]
                at t = 11.84375 s the router emits [advert p=40] [add 192.0.2.100] [garp 192.0.2.100 x5] \
                [Backup->Master (master down)]
                until t = 11.9 s
                """)
        #expect(timeline.router.effectivePriority == 40)
        #expect(timeline.router.statistics.masterTransitions == 2)
    }

    @Test("a weight-0 item down at startup: the router starts in Fault")
    func startsInFault() throws {
        var items = Self.tracked
        items[1].initiallyUp = false
        try expectTimeline(
            testConfiguration(trackedItems: items),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Fault (fault: tracked link failed)]
            at t = 1 s: track link up
            at t = 1 s the router emits [Fault->Backup (fault cleared)]
            until t = 2 s
            """)
    }

    @Test("interface down and up; losing the primary address is a fault too")
    func interfaceAndAddressFaults() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: interface down
            at t = 1 s the router emits [Backup->Fault (fault: interface down)]
            at t = 2 s: address none
            at t = 3 s: interface up
            at t = 4 s: address 192.0.2.9
            at t = 4 s the router emits [Fault->Backup (fault cleared)]
            at t = 7.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 7.7 s
            """)
    }

    @Test("an owner leaving Fault becomes Master at once")
    func ownerLeavesFaultAsMaster() throws {
        try expectTimeline(
            testConfiguration(priority: 255),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [advert p=255] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Initialize->Master (address owner)]
            at t = 0.5 s: interface down
            at t = 0.5 s the router emits [advert p=0] [remove 192.0.2.100] [Master->Fault (fault: interface down)]
            at t = 2 s: interface up
            at t = 2 s the router emits [advert p=255] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Fault->Master (fault cleared)]
            until t = 2.5 s
            """)
    }

    @Test("reload keeps state: a master advertises a new priority at once; a bad reload is refused")
    func reloadKeepsState() throws {
        let timeline = try expectTimeline(
            testConfiguration(),
            becomesMaster + """
                at t = 4 s: reload priority=150
                at t = 4 s the router emits [advert p=150]
                at t = 4.5 s: reload priority=0
                at t = 4.5 s the router emits [rejected (priority)]
                at t = 5 s the router emits [advert p=150]
                until t = 5.5 s
                """)
        #expect(timeline.router.state == .master)
        #expect(timeline.router.configuration.priority == 150)
    }

    @Test("reload to priority 255 makes a backup the owner and Master at once")
    func reloadToOwner() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: reload priority=255
            at t = 1 s the router emits [advert p=255] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (configuration changed)]
            until t = 1.5 s
            """)
    }

    @Test("reload of a master's addresses removes old ones and adds and announces new ones")
    func reloadAddresses() throws {
        var router = try VirtualRouter(configuration: testConfiguration())
        _ = router.handle(.startup, now: .zero)
        _ = router.handleTimeouts(now: VRRPInstant(.seconds(4)))
        #expect(router.state == .master)
        var config = router.configuration
        config.virtualAddresses = [IPAddress("192.0.2.101")!]
        let actions = router.handle(.configurationChanged(config), now: VRRPInstant(.seconds(5)))
        let new = IPv4Address(192, 0, 2, 101)
        #expect(actions.first == .removeAddresses([IPAddress("192.0.2.100")!]))
        #expect(actions.dropFirst().first == .addAddresses([.ipv4(new)]))
        #expect(actions.filter { $0 == .sendGratuitousARP(new) }.count == 5)
        #expect(actions.last == .sendAdvertisement(router.advertisement(priority: 100)))
        #expect(router.advertisement(priority: 100).addresses == .ipv4([new]))
        var other = config
        other.virtualRouterID = 52
        #expect(
            router.handle(.configurationChanged(other), now: VRRPInstant(.seconds(5)))
                == [.configurationRejected(ConfigurationError(.identity, ""))])
    }

    @Test("a v3 backup keeps its learned interval across a reload")
    func reloadKeepsLearnedInterval() throws {
        var router = try VirtualRouter(configuration: testConfiguration())
        _ = router.handle(.startup, now: .zero)
        let advert = Advertisement(
            version: .v3, virtualRouterID: 51, priority: 200, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]),
            interval: AdvertisementInterval(centiseconds: 50))
        _ = router.handle(
            .advertisementReceived(.init(advert, from: IPAddress("192.0.2.2")!)), now: VRRPInstant(.seconds(1)))
        let timer = router.masterDownTimer
        var config = router.configuration
        config.priority = 90
        #expect(router.handle(.configurationChanged(config), now: VRRPInstant(.seconds(2))) == [])
        #expect(router.masterAdverInterval == AdvertisementInterval(centiseconds: 50))
        #expect(router.masterDownTimer == timer)
        #expect(router.state == .backup)
    }

    @Test("configuration validation names the field at fault")
    func validation() {
        var config = testConfiguration()
        config.virtualRouterID = 0
        #expect(throws: ConfigurationError(.virtualRouterID, "")) { try config.validate() }
        config = testConfiguration(version: .v2, interval: AdvertisementInterval(centiseconds: 50))
        #expect(throws: ConfigurationError(.advertisementInterval, "")) { try config.validate() }
        config = testConfiguration(primary: "fe80::1", virtualAddresses: ["2001:db8::1"])
        config.version = .v2
        // keepalived's VRRPv2 over IPv6 is a valid configuration; IPsec AH over IPv6 is not.
        #expect(throws: Never.self) { try config.validate() }
        config.authentication = .ipAuthenticationHeader
        #expect(throws: ConfigurationError(.authentication, "")) { try config.validate() }
        config = testConfiguration(version: .init(rawValue: 4))
        #expect(throws: ConfigurationError(.version, "")) { try config.validate() }
        config = testConfiguration(virtualAddresses: ["2001:db8::1"])
        #expect(throws: ConfigurationError(.virtualAddresses, "")) { try config.validate() }
        config = testConfiguration(authentication: .password(AuthenticationData(password: "x")))
        #expect(throws: ConfigurationError(.authentication, "")) { try config.validate() }
        config = testConfiguration(trackedItems: [TrackedItem(name: "a", weight: 1), TrackedItem(name: "a", weight: 2)])
        #expect(throws: ConfigurationError(.trackedItems, "")) { try config.validate() }
        #expect(throws: Never.self) { try testConfiguration().validate() }
    }

    @Test("excluded addresses may be of the other family (keepalived's way to move IPv6 with an IPv4 instance)")
    func excludedOtherFamily() throws {
        var config = testConfiguration()
        let v6 = IPAddress("2001:db8::100")!
        config.excludedAddresses = [v6]
        #expect(throws: Never.self) { try config.validate() }
        var router = try VirtualRouter(configuration: config)
        _ = router.handle(.startup, now: .zero)
        let actions = router.handleTimeouts(now: VRRPInstant(.seconds(4)))
        #expect(router.state == .master)
        #expect(actions.contains(.addAddresses([IPAddress("192.0.2.100")!, v6])))
        #expect(actions.contains(.sendGratuitousARP(IPv4Address(192, 0, 2, 100))))
        #expect(actions.contains(.sendNeighborAdvertisement(IPv6Address("2001:db8::100")!)))
        // Only the instance's own family is advertised.
        #expect(router.advertisement(priority: 100).addresses == .ipv4([IPv4Address(192, 0, 2, 100)]))
    }
}
