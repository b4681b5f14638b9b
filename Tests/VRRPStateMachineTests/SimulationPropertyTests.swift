import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// Safety and liveness over generated scenarios (1,500 per property, 10,500 in all). A failure names the seed;
/// `PropertyScenario(seed:)` rebuilds that scenario exactly.
@Suite("Simulated LAN properties over 10,500 seeded scenarios")
struct SimulationPropertyTests {
    static let scenariosPerProperty = 1_500

    @Test("after the network settles there is exactly one master within Master_Down_Interval plus latency")
    func exactlyOneMasterAfterSettling() throws {
        let failures = try runScenarios(count: Self.scenariosPerProperty, seedBase: 1_000_000) { seed in
            var scenario = try PropertyScenario(seed: seed)
            let check = scenario.settledAt
            guard scenario.run(until: check + scenario.interval.duration * 8) else { return "\(seed): unbounded" }
            for entry in scenario.masterHistory() where entry.time >= check {
                if entry.masters.count != 1 {
                    return "\(scenario.summary): masters \(entry.masters.sorted()) at \(entry.time), check \(check)"
                }
            }
            return scenario.masters(at: check).count == 1 ? nil : "\(scenario.summary): no single master at \(check)"
        }
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(Array(failures.prefix(3)))")
    }

    @Test("a stable network never flaps")
    func stableNetworkNeverFlaps() throws {
        let failures = try runScenarios(count: Self.scenariosPerProperty, seedBase: 2_000_000) { seed in
            var scenario = try PropertyScenario(seed: seed)
            let check = scenario.settledAt
            guard scenario.run(until: check + scenario.interval.duration * 20) else { return "\(seed): unbounded" }
            let late = scenario.lan.transitions.filter { $0.time >= check }
            guard late.isEmpty else { return "\(scenario.summary): \(late.count) transitions after \(check): \(late)" }
            return nil
        }
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(Array(failures.prefix(3)))")
    }

    @Test("with preemption the highest effective priority ends as master")
    func highestPriorityWinsWithPreemption() throws {
        let failures = try runScenarios(count: Self.scenariosPerProperty, seedBase: 3_000_000) { seed in
            var scenario = try PropertyScenario(seed: seed)
            guard scenario.run(until: scenario.settledAt + scenario.interval.duration * 4) else {
                return "\(seed): unbounded"
            }
            let routers = scenario.lan.routers
            let highest = routers.map(\.effectivePriority).max() ?? 0
            let masters = scenario.lan.masters
            guard masters.count == 1, routers[masters[0]].effectivePriority == highest else {
                return "\(scenario.summary): masters \(masters), highest p=\(highest)"
            }
            return nil
        }
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(Array(failures.prefix(3)))")
    }

    @Test("with nopreempt a recovered router does not take over")
    func noPreemptRecoveredRouterDoesNotTakeOver() throws {
        var options = PropertyScenario.Options()
        options.preempt = false
        let failures = try runScenarios(count: Self.scenariosPerProperty, seedBase: 4_000_000) { seed in
            var scenario = try PropertyScenario(seed: seed, options: options)
            let settled = scenario.settledAt
            guard scenario.run(until: settled) else { return "\(seed): unbounded" }
            guard let first = scenario.lan.masters.first, scenario.lan.masters.count == 1 else {
                return "\(scenario.summary): masters \(scenario.lan.masters) at \(settled)"
            }
            let down = settled + scenario.interval.duration
            let up = down + scenario.masterDownIntervalBound + scenario.stableLink.worstDelay
            scenario.lan.schedule(.interfaceStateChanged(isUp: false), for: first, at: down)
            scenario.lan.schedule(.interfaceStateChanged(isUp: true), for: first, at: up)
            guard scenario.run(until: up + scenario.masterDownIntervalBound * 3) else { return "\(seed): unbounded" }
            let retaken = scenario.lan.transitions.contains { $0.node == first && $0.to == .master && $0.time >= up }
            let masters = scenario.lan.masters
            if retaken || masters.contains(first) {
                return "\(scenario.summary): #\(first) took over again after recovering at \(up)"
            }
            if scenario.lan.routers.count > 1, masters.count != 1 {
                return "\(scenario.summary): masters \(masters) after #\(first) failed"
            }
            return nil
        }
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(Array(failures.prefix(3)))")
    }

    @Test("priority 0 hands over within Skew_Time plus latency")
    func priorityZeroHandsOverWithinSkewTime() throws {
        var options = PropertyScenario.Options()
        options.routerCount = 2...4
        let failures = try runScenarios(count: Self.scenariosPerProperty, seedBase: 5_000_000) { seed in
            var scenario = try PropertyScenario(seed: seed, options: options)
            let settled = scenario.settledAt
            guard scenario.run(until: settled) else { return "\(seed): unbounded" }
            guard let leaving = scenario.lan.masters.first else { return "\(scenario.summary): no master" }
            let stop = settled + scenario.interval.duration / 3
            scenario.lan.schedule(.shutdown, for: leaving, at: stop)
            let others = scenario.lan.routers.indices.filter { $0 != leaving }
            let best = others.map { scenario.lan.routers[$0].effectivePriority }.max() ?? 1
            let skew = VRRPTimers.skewTime(
                priority: best, masterAdverInterval: scenario.interval, version: scenario.version)
            let earliest = stop + scenario.stableLink.latency + skew
            let latest = stop + scenario.stableLink.worstDelay + skew
            guard scenario.run(until: latest + scenario.interval.duration * 2) else { return "\(seed): unbounded" }
            guard let takeover = scenario.lan.transitions.first(where: { $0.time >= stop && $0.to == .master }) else {
                return "\(scenario.summary): nobody took over after \(stop)"
            }
            guard takeover.time >= earliest, takeover.time <= latest else {
                return "\(scenario.summary): takeover at \(takeover.time), expected \(earliest)…\(latest)"
            }
            return nil
        }
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(Array(failures.prefix(3)))")
    }

    @Test("an owner takes over at once")
    func ownerTakesOverAtOnce() throws {
        let failures = try runScenarios(count: Self.scenariosPerProperty, seedBase: 6_000_000) { seed in
            var scenario = try PropertyScenario(seed: seed)
            var owner = scenario.lan.routers[0].configuration
            owner.priority = 255
            owner.trackedItems = []
            owner.primaryAddress =
                owner.family == .ipv4
                ? .ipv4(IPv4Address(192, 0, 2, 9)) : .ipv6(IPv6Address(high: 0xFE80_0000_0000_0000, low: 9))
            let ownerNode = try scenario.lan.addRouter(owner)
            let start = scenario.settledAt
            scenario.lan.schedule(.startup, for: ownerNode, at: start)
            let yielded = start + scenario.stableLink.worstDelay
            guard scenario.run(until: yielded + scenario.interval.duration * 10) else { return "\(seed): unbounded" }
            let ownerUp = scenario.lan.transitions.first { $0.node == ownerNode }
            guard let ownerUp, ownerUp.time == start, ownerUp.to == .master else {
                return "\(scenario.summary): owner transition \(String(describing: ownerUp)) at start \(start)"
            }
            for entry in scenario.masterHistory() where entry.time >= yielded && entry.masters != [ownerNode] {
                return "\(scenario.summary): masters \(entry.masters.sorted()) at \(entry.time) after owner"
            }
            guard scenario.masters(at: yielded) == [ownerNode] else {
                return "\(scenario.summary): masters \(scenario.masters(at: yielded)) at \(yielded)"
            }
            return nil
        }
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(Array(failures.prefix(3)))")
    }

    @Test("two masters never coexist longer than Master_Down_Interval plus latency once links are whole")
    func twoMastersNeverCoexistLong() throws {
        var options = PropertyScenario.Options()
        options.routerCount = 2...4
        let failures = try runScenarios(count: Self.scenariosPerProperty, seedBase: 7_000_000) { seed in
            var scenario = try PropertyScenario(seed: seed, options: options)
            let whole = scenario.settleAt
            let bound = scenario.masterDownIntervalBound + scenario.stableLink.worstDelay
            guard scenario.run(until: scenario.settledAt + scenario.interval.duration * 10) else {
                return "\(seed): unbounded"
            }
            var dualSince: VRRPInstant?
            for entry in scenario.masterHistory() {
                if entry.masters.count >= 2 {
                    if dualSince == nil { dualSince = max(entry.time, whole) }
                } else if let since = dualSince {
                    if entry.time > whole, entry.time - since > bound {
                        return "\(scenario.summary): two masters from \(since) to \(entry.time), bound \(bound)"
                    }
                    dualSince = nil
                }
            }
            if let since = dualSince { return "\(scenario.summary): two masters from \(since) to the end" }
            return nil
        }
        #expect(failures.isEmpty, "\(failures.count) failures; first: \(Array(failures.prefix(3)))")
    }

    @Test("the simulator is deterministic: the same seed gives the same transitions")
    func deterministic() throws {
        for seed in UInt64(1)...20 {
            var first = try PropertyScenario(seed: seed)
            var second = try PropertyScenario(seed: seed)
            _ = first.run(until: first.settledAt)
            _ = second.run(until: second.settledAt)
            #expect(first.lan.transitions == second.lan.transitions, "seed \(seed)")
            #expect(first.lan.counts == second.lan.counts, "seed \(seed)")
            #expect(first.lan.counts.deliveries > 0, "seed \(seed)")
        }
    }
}
