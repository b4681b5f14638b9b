import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

@Suite("RFC 5798 §6.4.1–6.4.3: startup, timers, takeover")
struct StartupAndTimerRuleTests {
    @Test("a non-owner starts as Backup and takes over after Master_Down_Interval, in RFC action order")
    func startupAsBackup() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 3.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            at t = 4.609375 s the router emits [advert p=100]
            at t = 5.609375 s the router emits [advert p=100]
            until t = 6 s
            """)
    }

    @Test("the address owner (priority 255) becomes Master at once")
    func ownerAtOnce() throws {
        try expectTimeline(
            testConfiguration(priority: 255),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [advert p=255] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Initialize->Master (address owner)]
            at t = 1 s the router emits [advert p=255]
            until t = 1.5 s
            """)
    }

    @Test("an advert from a higher-priority master restarts the master-down timer")
    func advertResetsMasterDownTimer() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=120 from 192.0.2.2
            at t = 3 s: receive advert p=120 from 192.0.2.2
            at t = 6.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 7 s
            """)
    }

    @Test("an equal priority resets the timer whatever the sender's address (RFC 5798 §6.4.2)")
    func equalPriorityAcceptedInBackup() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 3 s: receive advert p=100 from 192.0.2.0
            at t = 6.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 6.7 s
            """)
    }

    @Test("with preemption a lower-priority advert is ignored and the backup takes over")
    func preemptionIgnoresLowerPriority() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=50 from 192.0.2.2
            at t = 2 s: receive advert p=50 from 192.0.2.2
            at t = 3 s: receive advert p=50 from 192.0.2.2
            at t = 3.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 3.7 s
            """)
    }

    @Test("nopreempt: a lower-priority master keeps the role")
    func noPreemptKeepsLowerMaster() throws {
        let timeline = try expectTimeline(
            testConfiguration(preemptMode: false),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=50 from 192.0.2.2
            at t = 2 s: receive advert p=50 from 192.0.2.2
            at t = 3 s: receive advert p=50 from 192.0.2.2
            at t = 4 s: receive advert p=50 from 192.0.2.2
            at t = 7.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 8 s
            """)
        #expect(timeline.router.statistics.advertisementsReceived == 4)
    }

    @Test("preempt_delay: after startup a higher-priority backup waits before preempting")
    func preemptDelay() throws {
        // Lower-priority adverts keep the backup quiet until 10 s; the one at 10.5 s is ignored, so the timer set
        // at 9.5 s expires at 13.109375 s.
        var script = """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]

            """
        for tenth in stride(from: 5, through: 105, by: 10) {
            script += "at t = \(tenth / 10).\(tenth % 10) s: receive advert p=50 from 192.0.2.2\n"
        }
        script += """
            at t = 13.109375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 13.2 s
            """
        try expectTimeline(testConfiguration(preemptDelay: .seconds(10)), script)
    }

    @Test("a backup that hears priority 0 takes over after Skew_Time")
    func priorityZeroSkew() throws {
        let timeline = try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=120 from 192.0.2.2
            at t = 2 s: receive advert p=0 from 192.0.2.2
            at t = 2.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 2.7 s
            """)
        #expect(timeline.router.statistics.priorityZeroPacketsReceived == 1)
    }

    @Test("a VRRPv3 backup learns Master_Adver_Interval and uses its own again as master")
    func learnsMasterAdverInterval() throws {
        // Master_Adver_Interval 0.5 s: 3 × 0.5 + (156 × 0.5) / 256 = 1.8046875 s.
        let timeline = try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=120 from 192.0.2.2 int=0.5
            at t = 2.8046875 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            at t = 3.8046875 s the router emits [advert p=100]
            until t = 4 s
            """)
        #expect(timeline.router.masterAdverInterval == .oneSecond)
    }

    @Test("a VRRPv2 advert with another interval is discarded and counted")
    func version2IntervalMismatch() throws {
        let timeline = try expectTimeline(
            testConfiguration(version: .v2),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=120 from 192.0.2.2 int=2
            at t = 1 s the router emits [discard (interval 2s)]
            at t = 3.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 3.7 s
            """)
        #expect(timeline.router.statistics.advertisementIntervalErrors == 1)
        #expect(timeline.router.statistics.advertisementsReceived == 0)
    }

    @Test("spurious calls are no-ops: early timeouts, a second startup, shutdown before startup")
    func spuriousCalls() throws {
        var router = try VirtualRouter(configuration: testConfiguration())
        #expect(router.handle(.shutdown, now: .zero) == [])
        #expect(router.handleTimeouts(now: .zero) == [])
        #expect(router.nextDeadline == nil)
        #expect(router.handle(.startup, now: .zero).count == 1)
        #expect(router.handle(.startup, now: .zero) == [])
        let deadline = try #require(router.nextDeadline)
        #expect(deadline == VRRPInstant(nanoseconds: 3_609_375_000))
        #expect(router.handleTimeouts(now: deadline - .nanoseconds(1)) == [])
        #expect(router.handleTimeouts(now: deadline - .nanoseconds(1)) == [])
        #expect(router.state == .backup)
        #expect(
            router.handleTimeouts(now: deadline).last
                == .stateChanged(
                    from: .backup, to: .master, reason: .masterDownTimerExpired))
    }
}
