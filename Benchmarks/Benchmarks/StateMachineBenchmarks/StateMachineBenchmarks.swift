import Benchmark
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// A VRRPv3 backup (priority 100, 10 ms adverts) and the advert its master (priority 200) sends.
func backupAndAdvert() throws -> (VirtualRouter, VirtualRouter.ReceivedAdvertisement) {
    let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))
    let config = VirtualRouter.Configuration(
        virtualRouterID: 51, priority: 100, advertisementInterval: AdvertisementInterval(centiseconds: 1),
        virtualAddresses: [vip], primaryAddress: .ipv4(IPv4Address(192, 0, 2, 1)))
    var router = try VirtualRouter(configuration: config)
    _ = router.handle(.startup, now: .zero)
    let advert = Advertisement(
        version: .v3, virtualRouterID: 51, priority: 200, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]),
        interval: AdvertisementInterval(centiseconds: 1))
    return (router, VirtualRouter.ReceivedAdvertisement(advert, from: .ipv4(IPv4Address(192, 0, 2, 2))))
}

/// 1,000 routers as 500 pairs, each pair on its own segment with its own VRID, 10 ms adverts.
func thousandRouters() throws -> SimulatedLAN {
    var lan = SimulatedLAN(seed: 42, defaultLink: LinkConditions(latency: .microseconds(200)))
    for pair in 0..<500 {
        for member in 0..<2 {
            let host = UInt32(pair * 2 + member)
            let config = VirtualRouter.Configuration(
                virtualRouterID: UInt8(pair % 255 + 1), priority: member == 0 ? 200 : 100,
                advertisementInterval: AdvertisementInterval(centiseconds: 1),
                virtualAddresses: [.ipv4(IPv4Address(0xC000_0200 | UInt32(pair % 200)))],
                primaryAddress: .ipv4(IPv4Address(0x0A00_0000 | host)),
                announcements: AnnouncementSettings(masterRepeat: 1, masterDelay: .zero))
            let node = try lan.addRouter(config, segment: pair)
            lan.schedule(.startup, for: node, at: .zero)
        }
    }
    return lan
}

let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "Backup handles one received advert",
        configuration: .init(metrics: [.wallClock, .throughput, .mallocCountTotal], scalingFactor: .kilo)
    ) { benchmark in
        var (router, received) = try backupAndAdvert()
        let event = VirtualRouter.Event.advertisementReceived(received)
        var now: Int64 = 1_000_000
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            now += 10_000_000
            blackHole(router.handle(event, now: VRRPInstant(nanoseconds: now)))
        }
        benchmark.stopMeasurement()
        precondition(router.state == .backup)
    }

    for (name, seconds) in [("one virtual minute", Int64(60)), ("one virtual hour", 3600)] {
        Benchmark(
            "Simulate 1,000 routers at 10 ms adverts for \(name)",
            configuration: .init(
                metrics: [.wallClock], warmupIterations: 0, maxDuration: .seconds(3600), maxIterations: 1)
        ) { benchmark in
            var lan = try thousandRouters()
            benchmark.startMeasurement()
            lan.run(until: VRRPInstant(.seconds(seconds)), maxEvents: .max)
            benchmark.stopMeasurement()
            blackHole(lan.counts)
            precondition(lan.masters.count == 500)
        }
    }
}
