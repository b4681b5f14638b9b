import Benchmark
import VRRPWire

/// VRRPv3 over IPv4 with `count` addresses, its endpoints and its encoded message.
func sample(addresses count: Int) -> (Advertisement, IPEndpoints, [UInt8]) {
    let advert = Advertisement(
        version: .v3, virtualRouterID: 51, priority: 150,
        addresses: .ipv4((0..<count).map { IPv4Address(192, 0, 2, UInt8(100 + $0)) }),
        interval: AdvertisementInterval(centiseconds: 100))
    let endpoints = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast)
    let message = try! advert.encoded(endpoints: endpoints)
    return (advert, endpoints, message)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    for count in [1, 16] {
        let (advert, endpoints, message) = sample(addresses: count)
        let slice = message[...]

        Benchmark("Advertisement.decode v3 IPv4, \(count) address\(count == 1 ? "" : "es")") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Advertisement.decode(slice, endpoints: endpoints))
            }
        }

        Benchmark("Advertisement.encode v3 IPv4, \(count) address\(count == 1 ? "" : "es")") { benchmark in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(128)
            for _ in benchmark.scaledIterations {
                buffer.removeAll(keepingCapacity: true)
                try advert.encode(into: &buffer, endpoints: endpoints)
                blackHole(buffer)
            }
        }

        let frame = try! FrameBuilder.advertisement(advert, endpoints: endpoints)
        let decoder = FrameDecoder(linkType: .ethernet)
        Benchmark("FrameDecoder.decode Ethernet v3 IPv4, \(count) address\(count == 1 ? "" : "es")") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(decoder.decode(frame))
            }
        }
    }
}
