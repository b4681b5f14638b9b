import Glibc
import Testing
import VIPNetlink
import VRRPSocket
import VRRPWire

@Suite("Adapter errors that need no privileges")
struct AdapterValidationTests {
    @Test("a label that does not start with the interface name is refused before anything is sent")
    func badLabel() throws {
        let netlink = try RouteNetlink()
        let error = try #require(throws: NetlinkError.self) {
            try netlink.addAddress(IPAddress("192.0.2.100")!, prefixLength: 24, to: "eth0", label: "vip0")
        }
        #expect(error.errno == 0)
        #expect(error.cause == "label \"vip0\" must start with the interface name \"eth0\"")
        #expect(
            error.description
                == "add address 192.0.2.100/24 on eth0: label \"vip0\" must start with the interface name \"eth0\"")
    }

    @Test(
        "labels on IPv6, long labels, bad prefix lengths and bad names are refused",
        arguments: [
            ("2001:db8::1", UInt8(64), "eth0", "eth0:x", "labels exist only for IPv4 addresses"),
            ("192.0.2.1", UInt8(24), "eth0", "eth0:abcdefghijk", "label \"eth0:abcdefghijk\" is longer than 15 octets"),
            ("192.0.2.1", UInt8(33), "eth0", nil, "prefix length 33 exceeds 32 for IPv4"),
            ("2001:db8::1", UInt8(129), "eth0", nil, "prefix length 129 exceeds 128 for IPv6"),
            (
                "192.0.2.1", UInt8(24), "a/b", nil,
                "\"a/b\" is not a valid interface name (1–15 octets; no '/', ':' or whitespace)"
            ),
        ])
    func refused(address: String, prefix: UInt8, interface: String, label: String?, cause: String) throws {
        let netlink = try RouteNetlink()
        let error = try #require(throws: NetlinkError.self) {
            try netlink.addAddress(IPAddress(address)!, prefixLength: prefix, to: interface, label: label)
        }
        #expect(error.cause == cause)
        #expect(error.errno == 0)
    }

    @Test("errno values become the documented causes")
    func causes() {
        #expect(
            VRRPSocketError(
                operation: "open raw IPv4 VRRP socket", interface: "eth0", errno: EPERM,
                cause: "needs CAP_NET_RAW"
            ).description
                == "open raw IPv4 VRRP socket on eth0: needs CAP_NET_RAW (errno \(EPERM))")
        let kernel = NetlinkError(
            operation: "add address 192.0.2.1/24", interface: "eth0", errno: EINVAL, cause: "Invalid argument",
            kernelMessage: "prefix length too long")
        #expect(kernel.description.hasSuffix("(errno \(EINVAL); kernel: prefix length too long)"))
    }

    @Test("an interface name that cannot exist is refused by VRRPSocket without a system call")
    func badSocketInterface() {
        let error = #expect(throws: VRRPSocketError.self) {
            _ = try VRRPSocket(VRRPSocketConfiguration(interface: "", family: .ipv4))
        }
        #expect(error?.errno == 0)
        #expect(error?.cause.contains("not a valid interface name") == true)
    }

    @Test("the default groups are the VRRP groups of the family")
    func defaultGroups() {
        #expect(VRRPSocketConfiguration(interface: "eth0", family: .ipv4).multicastGroups == [.ipv4(.vrrpMulticast)])
        #expect(VRRPSocketConfiguration(interface: "eth0", family: .ipv6).multicastGroups == [.ipv6(.vrrpMulticast)])
        #expect(VRRPSocketConfiguration(interface: "eth0", family: .ipv4).ttl == 255)
        #expect(VRRPSocketConfiguration(interface: "eth0", family: .ipv4).trafficClass == 0xC0)
    }
}
