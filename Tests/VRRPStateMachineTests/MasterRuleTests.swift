import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// Lines that bring the test router to Master at 3.609375 s.
let becomesMaster = """
    at t = 0 s: startup
    at t = 0 s the router emits [Initialize->Backup (startup)]
    at t = 3.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
    [Backup->Master (master down)]

    """

@Suite("RFC 5798 §6.4.3: a master hearing adverts")
struct MasterRuleTests {
    @Test("a master that hears a higher priority becomes backup and releases its addresses")
    func higherPriorityPreempts() throws {
        try expectTimeline(
            testConfiguration(),
            becomesMaster + """
                at t = 4 s: receive advert p=120 from 192.0.2.2
                at t = 4 s the router emits [remove 192.0.2.100] [Master->Backup (preempted by p=120 from 192.0.2.2)]
                at t = 7.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
                [Backup->Master (master down)]
                until t = 7.7 s
                """)
    }

    @Test("equal priority: the higher primary address wins the tie")
    func equalPriorityHigherAddressWins() throws {
        try expectTimeline(
            testConfiguration(),
            becomesMaster + """
                at t = 4 s: receive advert p=100 from 192.0.2.2
                at t = 4 s the router emits [remove 192.0.2.100] [Master->Backup (preempted by p=100 from 192.0.2.2)]
                until t = 4.5 s
                """)
    }

    @Test("equal priority from a lower address, or a lower priority: the master answers at once, timer restarted")
    func lowerPriorityAnsweredAtOnce() throws {
        // As keepalived 2.2.7: the answer replaces the advert that was due, the next one follows it by an interval.
        try expectTimeline(
            testConfiguration(),
            becomesMaster + """
                at t = 4 s: receive advert p=100 from 192.0.2.0
                at t = 4 s the router emits [advert p=100]
                at t = 4.2 s: receive advert p=50 from 192.0.2.2
                at t = 4.2 s the router emits [advert p=100]
                at t = 5.2 s the router emits [advert p=100]
                until t = 5.3 s
                """)
    }

    @Test("a master that hears priority 0 advertises at once and restarts its advert timer")
    func priorityZeroAnsweredAtOnce() throws {
        try expectTimeline(
            testConfiguration(),
            becomesMaster + """
                at t = 4 s: receive advert p=0 from 192.0.2.2
                at t = 4 s the router emits [advert p=100]
                at t = 5 s the router emits [advert p=100]
                until t = 5.5 s
                """)
    }

    @Test("shutdown: a master sends priority 0, removes its addresses and returns to Initialize")
    func shutdownFromMaster() throws {
        let timeline = try expectTimeline(
            testConfiguration(),
            becomesMaster + """
                at t = 4 s: shutdown
                at t = 4 s the router emits [advert p=0] [remove 192.0.2.100] [Master->Initialize (shutdown)]
                until t = 10 s
                """)
        #expect(timeline.router.statistics.priorityZeroPacketsSent == 1)
        #expect(timeline.router.statistics.masterTransitions == 1)
        #expect(timeline.router.nextDeadline == nil)
    }

    @Test("gratuitous ARP schedule: repeat, spacing, second burst after garp_master_delay, refresh")
    func announcementSchedule() throws {
        let settings = AnnouncementSettings(
            masterRepeat: 2, masterDelay: .milliseconds(1500), masterRefresh: .seconds(4), masterRefreshRepeat: 1,
            messageInterval: .milliseconds(100))
        try expectTimeline(
            testConfiguration(virtualAddresses: ["192.0.2.100", "192.0.2.101"], announcements: settings),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 3.609375 s the router emits [advert p=100] [add 192.0.2.100,192.0.2.101] [garp 192.0.2.100] \
            [Backup->Master (master down)]
            at t = 3.709375 s the router emits [garp 192.0.2.101]
            at t = 3.809375 s the router emits [garp 192.0.2.100]
            at t = 3.909375 s the router emits [garp 192.0.2.101]
            at t = 4.609375 s the router emits [advert p=100]
            at t = 5.109375 s the router emits [garp 192.0.2.100]
            at t = 5.209375 s the router emits [garp 192.0.2.101]
            at t = 5.309375 s the router emits [garp 192.0.2.100]
            at t = 5.409375 s the router emits [garp 192.0.2.101]
            at t = 5.609375 s the router emits [advert p=100]
            at t = 6.609375 s the router emits [advert p=100]
            at t = 7.609375 s the router emits [advert p=100] [garp 192.0.2.100]
            at t = 7.709375 s the router emits [garp 192.0.2.101]
            until t = 7.8 s
            """)
    }

    @Test("IPv6: unsolicited neighbour advertisements instead of gratuitous ARP")
    func ipv6Announcements() throws {
        try expectTimeline(
            testConfiguration(primary: "fe80::1", virtualAddresses: ["2001:db8::100"]),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 3.609375 s the router emits [advert p=100] [add 2001:db8::100] [na 2001:db8::100 x5] \
            [Backup->Master (master down)]
            until t = 3.7 s
            """)
    }
}
