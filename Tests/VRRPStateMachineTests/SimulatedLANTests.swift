import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

@Suite("The simulated LAN and the timing DSL themselves")
struct SimulatedLANTests {
    /// Two routers, priorities 200 and 100, started together.
    func pair(link: LinkConditions, seed: UInt64 = 1) throws -> SimulatedLAN {
        var lan = SimulatedLAN(seed: seed, defaultLink: link)
        for (index, priority) in [UInt8(200), 100].enumerated() {
            let node = try lan.addRouter(
                testConfiguration(priority: priority, primary: "192.0.2.\(index + 1)"))
            lan.schedule(.startup, for: node, at: .zero)
        }
        return lan
    }

    @Test("a perfect link: the higher priority becomes master after its Master_Down_Interval and stays")
    func perfectLink() throws {
        var lan = try pair(link: LinkConditions(latency: .milliseconds(1)))
        let finished = lan.run(until: VRRPInstant(.seconds(20)))
        #expect(finished)
        #expect(lan.masters == [0])
        #expect(lan.holdsAddresses == [true, false])
        let skew200 = VRRPTimers.masterDownInterval(priority: 200, masterAdverInterval: .oneSecond, version: .v3)
        #expect(lan.transitions.map(\.node) == [0, 1, 0])
        #expect(lan.transitions.last?.time == VRRPInstant(skew200))
        #expect(lan.counts.dropped == 0)
        #expect(lan.counts.deliveries == lan.counts.advertisementsSent)
    }

    @Test("total loss: both routers become master; healing the link leaves one")
    func lossAndHeal() throws {
        var lan = try pair(link: LinkConditions(loss: 1))
        lan.run(until: VRRPInstant(.seconds(10)))
        #expect(lan.masters == [0, 1])
        #expect(lan.counts.deliveries == 0)
        lan.schedule(.setAllLinks(LinkConditions()), at: lan.now)
        lan.run(until: VRRPInstant(.seconds(12)))
        #expect(lan.masters == [0])
    }

    @Test("a partition separates, healing rejoins; duplication doubles deliveries")
    func partitionAndDuplication() throws {
        var lan = try pair(link: LinkConditions(duplication: 1))
        lan.schedule(.partition([[0]]), at: .zero)
        lan.run(until: VRRPInstant(.seconds(10)))
        #expect(lan.masters == [0, 1])
        #expect(lan.isPartitioned)
        lan.schedule(.heal, at: lan.now)
        let sentBefore = lan.counts.advertisementsSent
        let deliveredBefore = lan.counts.deliveries
        lan.run(until: VRRPInstant(.seconds(20)))
        #expect(lan.masters == [0])
        #expect(lan.counts.deliveries - deliveredBefore >= 2 * (lan.counts.advertisementsSent - sentBefore) - 4)
    }

    @Test("through the wire format the outcome is the same")
    func wireFormat() throws {
        var plain = try pair(link: LinkConditions(latency: .milliseconds(1)))
        var wire = try pair(link: LinkConditions(latency: .milliseconds(1)))
        wire.usesWireFormat = true
        plain.run(until: VRRPInstant(.seconds(10)))
        wire.run(until: VRRPInstant(.seconds(10)))
        #expect(plain.transitions == wire.transitions)
        #expect(wire.routers[1].statistics.advertisementsReceived > 0)
    }

    @Test("keepalived's VRRPv2 over IPv6 through the wire format: one master, PASS matched by type alone")
    func version2OverIPv6() throws {
        var lan = SimulatedLAN(seed: 1, defaultLink: LinkConditions(latency: .milliseconds(1)))
        lan.usesWireFormat = true
        for (index, (priority, password)) in [(UInt8(200), "one"), (100, "two")].enumerated() {
            // Passwords differ: keepalived's format does not carry them, so only the auth type is compared.
            let node = try lan.addRouter(
                testConfiguration(
                    version: .v2, priority: priority, primary: "fe80::\(index + 1)",
                    virtualAddresses: ["2001:db8::100"],
                    authentication: .password(AuthenticationData(password: password))))
            lan.schedule(.startup, for: node, at: .zero)
        }
        lan.run(until: VRRPInstant(.seconds(20)))
        #expect(lan.masters == [0])
        #expect(lan.routers[1].statistics.advertisementsReceived > 10)
        #expect(lan.routers[1].statistics.authFailures == 0)
        #expect(lan.counts.dropped == 0)
    }

    @Test("runs are bounded by their event budget")
    func bounded() throws {
        var lan = try pair(link: LinkConditions())
        let finished = lan.run(until: VRRPInstant(.seconds(3600)), maxEvents: 100)
        #expect(!finished)
        #expect(lan.counts.events == 100)
    }

    @Test("the DSL names the line of a bad script")
    func dslErrors() throws {
        var timeline = try RouterTimeline(testConfiguration())
        #expect(throws: TimelineError(line: 2, "")) {
            try timeline.run("at t = 0 s: startup\nat t = x s: startup")
        }
        do {
            _ = try timeline.run("at t = 0 s: startup\n\nat t = 1 s: receive advert from 192.0.2.2")
            Issue.record("an advert without a priority was accepted")
        } catch {
            #expect(error.line == 3)
            #expect(error.reason.contains("p=N"))
        }
        #expect(RouterTimeline.parseSeconds("3.609375") == 3_609_375_000)
        #expect(RouterTimeline.parseSeconds("3.6093751234") == nil)
    }
}
