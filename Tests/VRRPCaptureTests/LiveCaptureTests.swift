import Foundation
import Testing
import VRRPCapture
import VRRPWire

@Suite(
    "Live capture in network namespaces", .enabled(if: LiveLab.available, "needs root and iproute2 to make namespaces"))
struct LiveCaptureTests {
    @Test("a frame injected at one end of a veth pair is captured at the other, filtered by BPF and decoded")
    func injectAndCapture() throws {
        let lab = try LiveLab(tag: "inject")
        defer { lab.tearDown() }
        let receiver = try LiveCapture.open(
            interface: "vb", inNetworkNamespace: lab.namespaceB, filter: "ip proto 112",
            readTimeout: .milliseconds(50))
        let sender = try LiveCapture.open(interface: "va", inNetworkNamespace: lab.namespaceA)
        #expect(receiver.linkType == .ethernet)

        let advert = Advertisement(
            version: .v3, virtualRouterID: 77, priority: 177, addresses: .ipv4([IPv4Address(192, 0, 2, 77)]),
            interval: AdvertisementInterval(centiseconds: 10))
        let endpoints = IPEndpoints.ipv4(source: IPv4Address(192, 0, 2, 1), destination: .vrrpMulticast)
        let frame = try FrameBuilder.advertisement(advert, endpoints: endpoints)
        let arp = FrameBuilder.arp(.gratuitous(IPv4Address(192, 0, 2, 77), at: .virtualRouter(77, family: .ipv4)))

        var captured: [CapturedFrame] = []
        let start = ContinuousClock.now
        var attempts = 0
        while captured.isEmpty, attempts < 20, ContinuousClock.now - start < .seconds(5) {
            attempts += 1
            try sender.inject(arp)
            try sender.inject(frame)
            while let next = try receiver.next() { captured.append(next) }
        }
        let first = try #require(captured.first, "nothing captured after \(attempts) injections")
        #expect(captured.allSatisfy { $0.bytes == frame }, "the BPF filter let through something other than VRRP")
        #expect(first.decoded.advertisement?.advertisement == advert)
        #expect(first.decoded.advertisement?.ip.hopLimit == 255)
        let age = Int64(Date().timeIntervalSince1970 * 1e9) - first.timestamp.nanosecondsSinceEpoch
        #expect(age >= 0 && age < 10_000_000_000, "timestamp \(first.timestamp) is not from now")
    }

    @Test("an interface that does not exist is refused, naming it")
    func missingInterface() throws {
        let lab = try LiveLab(tag: "missing")
        defer { lab.tearDown() }
        do throws(CaptureError) {
            _ = try LiveCapture.open(interface: "vrrpsw-none", inNetworkNamespace: lab.namespaceA)
            Issue.record("capturing on a missing interface succeeded")
        } catch {
            #expect(error.code == .openInterface)
            #expect(error.target == "vrrpsw-none")
            #expect(error.description.contains("vrrpsw-none"))
        }
    }

    @Test("a filter that does not compile is refused, quoting it")
    func badFilter() throws {
        let lab = try LiveLab(tag: "filter")
        defer { lab.tearDown() }
        do throws(CaptureError) {
            _ = try LiveCapture.open(interface: "va", inNetworkNamespace: lab.namespaceA, filter: "ip proto vrrrp or")
            Issue.record("a broken filter compiled")
        } catch {
            #expect(error.code == .filter)
            #expect(error.message.contains("ip proto vrrrp or"))
        }
    }

    @Test("a namespace that does not exist is refused")
    func missingNamespace() {
        #expect(throws: CaptureError.self) {
            try LiveCapture.open(interface: "eth0", inNetworkNamespace: "vrrpsw-cp-does-not-exist")
        }
    }
}
