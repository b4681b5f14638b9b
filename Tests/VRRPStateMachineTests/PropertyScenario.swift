import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// One generated scenario: 2–4 routers on a LAN, a chaotic phase (random start times, loss, duplication, jitter
/// that reorders, partitions that come and go, tracked-priority changes), then whole links from ``settleAt``.
struct PropertyScenario {
    let seed: UInt64
    var lan: SimulatedLAN
    let version: VRRPVersion
    let interval: AdvertisementInterval
    let stableLink: LinkConditions
    /// When the links become whole and partitions heal.
    let settleAt: VRRPInstant
    /// The longest a packet sent during the chaos can still be in flight after ``settleAt``.
    let chaosWorstDelay: Duration
    var end: VRRPInstant
    var random: SeededGenerator

    struct Options {
        var preempt = true
        var partitions = true
        var tracking = true
        var routerCount: ClosedRange<Int> = 2...4
    }

    init(seed: UInt64, options: Options = Options()) throws {
        self.seed = seed
        var random = SeededGenerator(seed: seed)
        let count = Int.random(in: options.routerCount, using: &random)
        let version: VRRPVersion = random.chance(0.2) ? .v2 : .v3
        let family: AddressFamily = version == .v3 && random.chance(0.3) ? .ipv6 : .ipv4
        let centiseconds: UInt16 = version == .v2 ? 100 : [1, 2, 5, 10, 20, 100].randomElement(using: &random)!
        let interval = AdvertisementInterval(centiseconds: centiseconds)
        let intervalNs = interval.nanoseconds
        let latency = Int64.random(in: 50_000...max(50_000, min(2_000_000, intervalNs / 10)), using: &random)
        let stable = LinkConditions(
            latency: .nanoseconds(latency), jitter: .nanoseconds(Int64.random(in: 0...latency / 2, using: &random)))
        let chaos = LinkConditions(
            latency: .nanoseconds(latency),
            jitter: .nanoseconds(Int64.random(in: 0...intervalNs, using: &random)),
            loss: Double.random(in: 0...0.4, using: &random),
            duplication: Double.random(in: 0...0.2, using: &random))
        var lan = SimulatedLAN(seed: random.next(), defaultLink: chaos)
        lan.usesWireFormat = random.chance(0.1)

        var priorities: [UInt8] = []
        for _ in 0..<count {
            if let previous = priorities.last, random.chance(0.2) {
                priorities.append(previous)
            } else {
                priorities.append(UInt8.random(in: 1...254, using: &random))
            }
        }
        for index in 0..<count {
            let primary: IPAddress =
                family == .ipv4
                ? .ipv4(IPv4Address(192, 0, 2, UInt8(10 + index)))
                : .ipv6(IPv6Address(high: 0xFE80_0000_0000_0000, low: UInt64(10 + index)))
            let virtual: IPAddress =
                family == .ipv4
                ? .ipv4(IPv4Address(192, 0, 2, 100)) : .ipv6(IPv6Address(high: 0x2001_0DB8_0000_0000, low: 0x100))
            let tracked =
                options.tracking && random.chance(0.5)
                ? [
                    TrackedItem(
                        name: "chk", weight: Int.random(in: 1...100, using: &random) * (random.chance(0.5) ? 1 : -1))
                ]
                : []
            let config = VirtualRouter.Configuration(
                virtualRouterID: 7, family: family, version: version, priority: priorities[index],
                advertisementInterval: interval, virtualAddresses: [virtual], primaryAddress: primary,
                preemptMode: options.preempt, trackedItems: tracked)
            let node = try lan.addRouter(config)
            lan.schedule(
                .startup, for: node, at: VRRPInstant(nanoseconds: Int64.random(in: 0...2 * intervalNs, using: &random)))
        }

        let chaosLength = Int64.random(in: 3...12, using: &random) * intervalNs
        if options.partitions, count > 1 {
            var time = Int64.random(in: 0...chaosLength / 2, using: &random)
            while time < chaosLength {
                let cut = Int.random(in: 1..<count, using: &random)
                var nodes = Array(0..<count)
                nodes.shuffle(using: &random)
                lan.schedule(.partition([Array(nodes[..<cut])]), at: VRRPInstant(nanoseconds: time))
                time += Int64.random(in: intervalNs...4 * intervalNs, using: &random)
                lan.schedule(.heal, at: VRRPInstant(nanoseconds: min(time, chaosLength)))
                time += Int64.random(in: intervalNs...4 * intervalNs, using: &random)
            }
        }
        if options.tracking {
            for node in 0..<count where !lan.routers[node].configuration.trackedItems.isEmpty {
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    let at = VRRPInstant(nanoseconds: Int64.random(in: 0..<chaosLength, using: &random))
                    lan.schedule(.trackedItemChanged(name: "chk", isUp: random.chance(0.5)), for: node, at: at)
                }
            }
        }
        let settle = VRRPInstant(nanoseconds: chaosLength)
        lan.schedule(.heal, at: settle)
        lan.schedule(.setAllLinks(stable), at: settle)

        self.lan = lan
        self.version = version
        self.interval = interval
        self.stableLink = stable
        self.settleAt = settle
        self.chaosWorstDelay = chaos.worstDelay
        self.random = random
        self.end = settle
    }

    /// The largest Master_Down_Interval of any router (effective priorities move, so the lowest possible).
    var masterDownIntervalBound: Duration {
        VRRPTimers.masterDownInterval(priority: 1, masterAdverInterval: interval, version: version)
    }

    /// When every property must hold: in-flight chaos packets gone, every timer run out once, news delivered.
    var settledAt: VRRPInstant {
        settleAt + chaosWorstDelay + masterDownIntervalBound + stableLink.worstDelay + .nanoseconds(1)
    }

    /// Runs to `until` (bounded) and returns whether the run finished.
    mutating func run(until time: VRRPInstant) -> Bool {
        end = time
        return lan.run(until: time, maxEvents: 50_000)
    }

    /// The set of masters just after every instant something changed, from the start.
    func masterHistory() -> [(time: VRRPInstant, masters: Set<Int>)] {
        var current = Set<Int>()
        var history: [(time: VRRPInstant, masters: Set<Int>)] = [(.zero, current)]
        for transition in lan.transitions {
            if transition.to == .master { current.insert(transition.node) }
            if transition.from == .master { current.remove(transition.node) }
            if history.last?.time == transition.time {
                history[history.count - 1].masters = current
            } else {
                history.append((transition.time, current))
            }
        }
        return history
    }

    /// The masters at an instant (after everything that happened at it).
    func masters(at time: VRRPInstant) -> Set<Int> {
        masterHistory().last { $0.time <= time }?.masters ?? []
    }

    /// A short description for failure messages.
    var summary: String {
        let routers = lan.routers.enumerated().map { index, router in
            "#\(index) p=\(router.effectivePriority) \(router.configuration.primaryAddress.map(\.description) ?? "-")"
        }
        return "seed \(seed): \(version) \(interval), \(routers.joined(separator: ", ")), "
            + "settle \(settleAt), link \(stableLink.latency)+\(stableLink.jitter)"
    }
}

/// Runs `count` scenarios from consecutive seeds and returns the failure messages; stops after 20 failures.
func runScenarios(
    count: Int,
    seedBase: UInt64,
    _ body: (UInt64) throws -> String?
) rethrows -> [String] {
    var failures: [String] = []
    for offset in 0..<UInt64(count) {
        if let failure = try body(seedBase &+ offset) { failures.append(failure) }
        if failures.count >= 20 { break }
    }
    return failures
}
