import Foundation
import Glibc
import Testing
import VIPNetlink
import VRRPSocket
import VRRPWire

extension LabTests {
    @Suite("Adapter errors name the operation, the interface and the cause")
    struct AdapterErrors {
        @Test("a missing interface: no interface named eth7")
        func missingInterface() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let errors = try inNamespace(lab.host(1)) { () -> (VRRPSocketError?, VRRPSocketError?, NetlinkError?) in
                var socketError: VRRPSocketError? = nil
                var packetError: VRRPSocketError? = nil
                var netlinkError: NetlinkError? = nil
                do throws(VRRPSocketError) {
                    _ = try VRRPSocket(VRRPSocketConfiguration(interface: "eth7", family: .ipv6))
                } catch { socketError = error }
                do throws(VRRPSocketError) { _ = try AnnouncementSocket(interface: "eth7") } catch {
                    packetError = error
                }
                do throws(NetlinkError) {
                    try RouteNetlink().addAddress(IPAddress("192.0.2.100")!, prefixLength: 24, to: "eth7")
                } catch { netlinkError = error }
                return (socketError, packetError, netlinkError)
            }
            let socketError = try #require(errors.0 as VRRPSocketError?)
            #expect(socketError.cause == "no interface named eth7")
            #expect(socketError.errno == ENODEV)
            #expect(socketError.interface == "eth7")
            #expect(socketError.description.hasPrefix("look up interface on eth7: no interface named eth7"))
            #expect(errors.1?.cause == "no interface named eth7")
            let netlinkError = try #require(errors.2)
            #expect(netlinkError.cause == "no interface named eth7")
            #expect(netlinkError.errno == ENODEV)
        }

        @Test(
            "a caller without capabilities: needs CAP_NET_RAW / needs CAP_NET_ADMIN",
            .enabled("setpriv is not installed") { LabPrerequisites.has("setpriv") })
        func unprivilegedCaller() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"]
            let send = try lab.exec(
                lab.host(1),
                drop + [
                    LabPrerequisites.vrrpctlPath, "send", "-i", "eth0", "--vrid", "51", "--address", "192.0.2.100",
                    "--source", lab.ipv4(1),
                ])
            #expect(send.status != 0)
            #expect(send.stderr.contains("open raw IPv4 VRRP socket on eth0: needs CAP_NET_RAW"), "\(send.stderr)")
            let send6 = try lab.exec(
                lab.host(1),
                drop + [
                    LabPrerequisites.vrrpctlPath, "send", "-i", "eth0", "--vrid", "51", "--address",
                    "2001:db8::100",
                ])
            #expect(send6.stderr.contains("open raw IPv6 VRRP socket on eth0: needs CAP_NET_RAW"), "\(send6.stderr)")
            let add = try lab.exec(
                lab.host(1), drop + [LabPrerequisites.vrrpctlPath, "address", "-i", "eth0", "--add", "192.0.2.100/24"])
            #expect(add.status != 0)
            #expect(add.stderr.contains("add address 192.0.2.100/24 on eth0: needs CAP_NET_ADMIN"), "\(add.stderr)")
            // Nothing was added.
            #expect(try !lab.ip(lab.host(1), "addr", "show", "dev", "eth0").contains("192.0.2.100"))
        }

        @Test("sending through a down interface, or from an address that is not ours, says so")
        func sendFailures() throws {
            let lab = try NamespaceLab(hostCount: 1)
            defer { lab.tearDown() }
            let (v4, v6) = try inNamespace(lab.host(1)) {
                (
                    try VRRPSocket(VRRPSocketConfiguration(interface: "eth0", family: .ipv4)),
                    try VRRPSocket(VRRPSocketConfiguration(interface: "eth0", family: .ipv6))
                )
            }
            let advert = Advertisement(
                version: .v3, virtualRouterID: 5, priority: 100, addresses: .ipv6([IPv6Address("2001:db8::9")!]))
            let foreign = try #require(throws: VRRPSocketError.self) {
                try v6.send(advert, from: IPAddress("2001:db8::77")!, to: .ipv6(.vrrpMulticast))
            }
            #expect(foreign.errno == EINVAL)
            #expect(
                foreign.cause == "the kernel refused source 2001:db8::77: not an address of eth0, or still tentative")

            try lab.ip(lab.host(1), "link", "set", "eth0", "down")
            let advert4 = Advertisement(
                version: .v3, virtualRouterID: 5, priority: 100, addresses: .ipv4([IPv4Address("192.0.2.9")!]))
            let down = try #require(throws: VRRPSocketError.self) {
                try v4.send(advert4, from: IPAddress(lab.ipv4(1))!, to: .ipv4(.vrrpMulticast))
            }
            #expect(down.errno == ENETUNREACH)
            #expect(
                down.description
                    == "send to 224.0.0.18 on eth0: no route to 224.0.0.18 from 192.0.2.1 through eth0 "
                    + "(is eth0 up, and is 192.0.2.1 one of its addresses?) (errno \(ENETUNREACH))")
        }
    }
}
