import Foundation
import Testing
import VRRPSocket
import VRRPWire

extension LabTests {
    @Suite("VRRPSocket: each packet carries the kernel's arrival time")
    struct ReceiveTimestamps {
        /// CLOCK_MONOTONIC now, in nanoseconds (the runtime's clock).
        static func monotonicNow() -> Int64 {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        }

        @Test(
            "a packet read 150 ms late reports when it arrived, not when it was read",
            arguments: [(false, false), (true, false), (false, true), (true, true)])
        func arrivalBeforeRead(batch: Bool, ipv6: Bool) throws {
            let lab = try NamespaceLab(hostCount: 2)
            defer { lab.tearDown() }
            let family: AddressFamily = ipv6 ? .ipv6 : .ipv4
            let receiver = try inNamespace(lab.host(2)) {
                try VRRPSocket(VRRPSocketConfiguration(interface: "eth0", family: family))
            }
            let sender = try inNamespace(lab.host(1)) {
                try VRRPSocket(VRRPSocketConfiguration(interface: "eth0", family: family))
            }
            let addresses: VirtualAddressList =
                ipv6 ? .ipv6([IPv6Address("2001:db8::100")!]) : .ipv4([IPv4Address("192.0.2.100")!])
            let advert = Advertisement(version: .v3, virtualRouterID: 61, priority: 100, addresses: addresses)
            let (source, group): (IPAddress, IPAddress) =
                ipv6
                ? (IPAddress(lab.ipv6(1))!, .ipv6(.vrrpMulticast)) : (IPAddress(lab.ipv4(1))!, .ipv4(.vrrpMulticast))

            let sentAt = Self.monotonicNow()
            try sender.send(advert, from: source, to: group)
            Thread.sleep(forTimeInterval: 0.15)
            let readAt = Self.monotonicNow()
            let packets = batch ? try receiver.receiveBatch() : try receiver.receive().map { [$0] } ?? []

            try #require(packets.count == 1, "received \(packets.count) packets")
            let arrival = try #require(packets[0].arrival, "the packet carries no arrival time")
            // The realtime → monotonic move is exact to a few microseconds; allow 1 ms either way.
            #expect(arrival >= sentAt - 1_000_000, "arrived \(sentAt - arrival) ns before it was sent")
            #expect(arrival <= sentAt + 50_000_000, "arrived \(arrival - sentAt) ns after it was sent")
            #expect(readAt - arrival >= 140_000_000, "read only \(readAt - arrival) ns after it arrived")
            #expect(try packets[0].decode().advertisement.virtualRouterID == 61)
        }
    }
}
