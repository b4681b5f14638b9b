import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// A Backup's master-down timer runs from when an advert reached the host (the socket's receive timestamp), not
/// from when the node got round to handling it. Priority 100 at 1 s: Master_Down_Interval 3.609375 s,
/// Skew_Time 0.609375 s.
@Suite("Receipt time: the master-down timer runs from the advert's arrival")
struct ArrivalTimeRuleTests {
    @Test("an advert handled 400 µs after it arrived resets the timer from its arrival")
    func timerRunsFromArrival() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 3 s: receive advert p=120 from 192.0.2.2 arrived=2.9996
            at t = 6.608975 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 6.7 s
            """)
    }

    @Test("priority 0: Skew_Time runs from the arrival too")
    func skewRunsFromArrival() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=120 from 192.0.2.2
            at t = 2 s: receive advert p=0 from 192.0.2.2 arrived=1.9995
            at t = 2.608875 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 2.7 s
            """)
    }

    @Test("an arrival after the instant it is handled at counts as that instant")
    func futureArrivalIsNow() throws {
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 3 s: receive advert p=120 from 192.0.2.2 arrived=3.5
            at t = 6.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 6.7 s
            """)
    }

    @Test("an arrival more than Master_Adver_Interval back counts as one interval back, so no early takeover")
    func staleArrivalIsBounded() throws {
        // A stepped clock could report an arrival seconds old; the timer may move back by one interval at most,
        // so the master's next advert (due within an interval) still arrives in time.
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 3 s: receive advert p=120 from 192.0.2.2
            at t = 5 s: receive advert p=120 from 192.0.2.2 arrived=0.5
            at t = 7.609375 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 7.7 s
            """)
    }

    @Test("a VRRPv3 bound uses the Master_Adver_Interval learned so far")
    func boundUsesLearnedInterval() throws {
        // Learned 0.5 s from the first advert; the second's arrival 1.2 s back is bounded to 0.5 s back (2.2 s),
        // and Master_Down_Interval is 3 × 0.5 + 156 × 0.5 / 256 = 1.8046875 s. (Unbounded: 3.3046875 s; bounded
        // by the router's own 1 s: 3.5046875 s; arrival ignored: 4.5046875 s.)
        try expectTimeline(
            testConfiguration(),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 1 s: receive advert p=120 from 192.0.2.2 int=0.5
            at t = 2.7 s: receive advert p=120 from 192.0.2.2 int=0.5 arrived=1.5
            at t = 4.0046875 s the router emits [advert p=100] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            until t = 4.1 s
            """)
    }

    @Test("a timeline rejects an arrival that is not a time")
    func badArrivalIsAnError() throws {
        var timeline = try RouterTimeline(testConfiguration())
        #expect(throws: TimelineError.self) {
            _ = try timeline.run("at t = 1 s: receive advert p=120 from 192.0.2.2 arrived=soon")
        }
    }
}
