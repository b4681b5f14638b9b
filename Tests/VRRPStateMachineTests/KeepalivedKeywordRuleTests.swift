import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// keepalived 2.2.7's VRRP tunables that change what goes on the wire: `lower_prio_no_advert`,
/// `higher_prio_send_advert`, `down_timer_adverts`, `vrrp_startup_delay` and `unicast_fault_no_peer`.
@Suite("keepalived tunables: adverts answered, down timer, startup delay, unicast without peers")
struct KeepalivedKeywordRuleTests {
    @Test("lower_prio_no_advert: a master stays silent on a lower-priority advert until its own timer")
    func lowerPriorityNotAnswered() throws {
        var configuration = testConfiguration()
        configuration.answerLowerPriority = false
        try expectTimeline(
            configuration,
            becomesMaster + """
                at t = 4 s: receive advert p=50 from 192.0.2.2
                at t = 4.2 s: receive advert p=100 from 192.0.2.0
                at t = 4.609375 s the router emits [advert p=100]
                until t = 5 s
                """)
    }

    @Test("higher_prio_send_advert: a master advertises once at its own priority, then becomes backup")
    func higherPriorityAnsweredBeforeBackingOff() throws {
        var configuration = testConfiguration()
        configuration.answerHigherPriority = true
        let timeline = try expectTimeline(
            configuration,
            becomesMaster + """
                at t = 4 s: receive advert p=120 from 192.0.2.2
                at t = 4 s the router emits [advert p=100] [remove 192.0.2.100] \
                [Master->Backup (preempted by p=120 from 192.0.2.2)]
                at t = 5 s: receive advert p=120 from 192.0.2.2
                until t = 6 s
                """)
        #expect(timeline.router.statistics.advertisementsSent == 2)
    }

    @Test("higher_prio_send_advert: an equal priority from a higher address counts as higher")
    func equalPriorityFromHigherAddressAnswered() throws {
        var configuration = testConfiguration()
        configuration.answerHigherPriority = true
        try expectTimeline(
            configuration,
            becomesMaster + """
                at t = 4 s: receive advert p=100 from 192.0.2.2
                at t = 4 s the router emits [advert p=100] [remove 192.0.2.100] \
                [Master->Backup (preempted by p=100 from 192.0.2.2)]
                until t = 4.5 s
                """)
    }

    @Test("down_timer_adverts 5: the backup takes over after 5 intervals plus Skew_Time")
    func downTimerAdverts() throws {
        var configuration = testConfiguration()
        configuration.downTimerAdverts = 5
        let timeline = try expectTimeline(
            configuration,
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 5.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 5.7 s
            """)
        #expect(timeline.router.masterDownInterval == .nanoseconds(5_609_375_000))
    }

    @Test("down_timer_adverts with VRRPv3: N times the interval learned from the master, plus its Skew_Time")
    func downTimerAdvertsLearnedInterval() throws {
        // 2 × 0.5 s + (156 × 0.5 s) / 256 = 1.3046875 s after the master's advert at 1 s.
        var configuration = testConfiguration()
        configuration.downTimerAdverts = 2
        try expectTimeline(
            configuration,
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=120 from 192.0.2.2 int=0.5
            at t = 2.3046875 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 2.4 s
            """)
    }

    @Test("down_timer_adverts: N × Master_Adver_Interval + Skew_Time for both versions", arguments: [1, 3, 5, 100])
    func downTimerFormula(adverts: Int) {
        for version in [VRRPVersion.v2, .v3] {
            let skew = VRRPTimers.skewTimeNanoseconds(priority: 100, masterAdverInterval: .oneSecond, version: version)
            #expect(
                VRRPTimers.masterDownIntervalNanoseconds(
                    priority: 100, masterAdverInterval: .oneSecond, version: version, adverts: adverts)
                    == Int64(adverts) * 1_000_000_000 + skew)
        }
    }

    @Test("down_timer_adverts outside 1–100 is refused", arguments: [0, 101, -3])
    func downTimerAdvertsRange(adverts: Int) {
        var configuration = testConfiguration()
        configuration.downTimerAdverts = adverts
        #expect(throws: ConfigurationError(.downTimerAdverts, "")) { try VirtualRouter(configuration: configuration) }
    }

    @Test("vrrp_startup_delay: the master-down timer runs from the end of the delay, adverts or not")
    func startupDelay() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup delayed until 2 s
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 5.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 5.7 s
            """)
        // An advert heard during the delay re-arms the timer from the delay's end; one after it, from its arrival.
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup delayed until 2 s
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=120 from 192.0.2.2
            at t = 4 s: receive advert p=120 from 192.0.2.2
            at t = 7.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 7.7 s
            """)
    }

    @Test("vrrp_startup_delay: even the address owner waits as backup, as keepalived's does")
    func startupDelayOwner() throws {
        // Master_Down_Interval at priority 255: 3 s + 1/256 s.
        try expectTimeline(
            testConfiguration(priority: 255),
            """
            at t = 0 s: startup delayed until 2 s
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 5.00390625 s the router emits [advert p=255] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 5.1 s
            """)
        try expectTimeline(
            testConfiguration(priority: 255),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [advert p=255] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Initialize->Master (address owner)]
            until t = 0.1 s
            """)
    }

    @Test("unicast_fault_no_peer: no peers is a fault that holds; with peers the router starts as usual")
    func unicastFaultWithoutPeers() throws {
        var configuration = testConfiguration()
        configuration.faultWithoutUnicastPeers = true
        let timeline = try expectTimeline(
            configuration,
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Fault (fault: unicast without any peer)]
            at t = 1 s: interface down
            at t = 2 s: interface up
            until t = 10 s
            """)
        #expect(timeline.router.faultCauses == [.noUnicastPeers])
        configuration.unicastPeers = [.ipv4(IPv4Address(192, 0, 2, 2))]
        try expectTimeline(
            configuration,
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            until t = 1 s
            """)
    }

    @Test("check_unicast_src: adverts from a source that is not a peer are discarded and counted")
    func checkUnicastSource() throws {
        var configuration = testConfiguration()
        configuration.unicastPeers = [.ipv4(IPv4Address(192, 0, 2, 2))]
        configuration.checkUnicastSource = true
        let timeline = try expectTimeline(
            configuration,
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=120 from 192.0.2.3
            at t = 1 s the router emits [discard (unknown source 192.0.2.3)]
            at t = 2 s: receive advert p=120 from 192.0.2.2
            at t = 5.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 5.7 s
            """)
        #expect(timeline.router.statistics.advertisementsReceived == 1)
    }
}
