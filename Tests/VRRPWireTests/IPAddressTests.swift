import Testing
import VRRPWire

@Suite("IP address parsing and text form")
struct IPAddressTests {
    @Test(
        "IPv4 dotted decimal parses and prints back",
        arguments: ["0.0.0.0", "192.0.2.1", "255.255.255.255", "224.0.0.18", "10.0.0.254"])
    func ipv4RoundTrip(text: String) throws {
        let address = try #require(IPv4Address(text))
        #expect(address.description == text)
    }

    @Test(
        "IPv4 rejects malformed text",
        arguments: [
            "", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1..2.3", "1.2.3.4 ", "a.b.c.d", ".1.2.3",
            "1.2.3.", "1234.1.1.1",
        ])
    func ipv4Rejects(text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test("IPv4 octets and value agree")
    func ipv4Octets() {
        let address = IPv4Address(192, 0, 2, 100)
        #expect(address.value == 0xC000_0264)
        #expect(address.octets == [192, 0, 2, 100])
        #expect(IPv4Address.vrrpMulticast.isMulticast)
        #expect(!address.isMulticast)
    }

    /// RFC 5952 §4 canonical forms: input → expected text.
    @Test(
        "IPv6 prints the RFC 5952 canonical form",
        arguments: [
            ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),  // §4.2.3: first of equal runs
            ("2001:db8::0:1", "2001:db8::1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),  // §4.2.2: a single zero group stays
            ("2001:DB8::AAAA", "2001:db8::aaaa"),  // §4.3 lower case
            ("::", "::"),
            ("::1", "::1"),
            ("fe80::", "fe80::"),
            ("ff02::12", "ff02::12"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),  // the longest run wins
            ("::ffff:192.0.2.1", "::ffff:192.0.2.1"),
            ("2001:db8::192.0.2.1", "2001:db8::c000:201"),
            ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
        ])
    func ipv6Canonical(input: String, expected: String) throws {
        let address = try #require(IPv6Address(input))
        #expect(address.description == expected)
        #expect(IPv6Address(expected) == address)
    }

    @Test(
        "IPv6 rejects malformed text",
        arguments: [
            "", ":", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1", "1:2:3:4:5:6:7", "1:", ":1",
            "fe80::1%eth0", "::1.2.3", "1.2.3.4::",
        ])
    func ipv6Rejects(text: String) {
        #expect(IPv6Address(text) == nil)
    }

    @Test("IPv6 octets, groups and predicates agree")
    func ipv6Octets() throws {
        let address = try #require(IPv6Address("2001:db8::100"))
        #expect(address.octets == [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 10) + [0x01, 0x00])
        #expect(IPv6Address(octets: address.octets) == address)
        #expect(address.groups == [0x2001, 0xDB8, 0, 0, 0, 0, 0, 0x100])
        #expect(IPv6Address.vrrpMulticast.isMulticast)
        #expect(try #require(IPv6Address("fe80::1")).isLinkLocal)
        #expect(!address.isLinkLocal)
        #expect(address.solicitedNodeMulticast.description == "ff02::1:ff00:100")
    }

    @Test("IPAddress parses both families and orders IPv4 first")
    func eitherFamily() throws {
        #expect(IPAddress("192.0.2.1") == .ipv4(IPv4Address(192, 0, 2, 1)))
        #expect(IPAddress("2001:db8::1")?.family == .ipv6)
        #expect(IPAddress("nonsense") == nil)
        #expect(try #require(IPAddress("255.255.255.255")) < #require(IPAddress("::")))
    }

    @Test("MAC addresses parse, print and derive the VRRP virtual MAC")
    func macAddresses() throws {
        let mac = try #require(MACAddress("02:AB:cd:0:1:ff"))
        #expect(mac.description == "02:ab:cd:00:01:ff")
        #expect(MACAddress("00-00-5e-00-01-33") == MACAddress.virtualRouter(51, family: .ipv4))
        #expect(MACAddress.virtualRouter(51, family: .ipv6).description == "00:00:5e:00:02:33")
        #expect(MACAddress.multicast(IPv4Address.vrrpMulticast).description == "01:00:5e:00:00:12")
        #expect(MACAddress.multicast(IPv6Address.vrrpMulticast).description == "33:33:00:00:00:12")
        #expect(MACAddress("1:2:3:4:5") == nil)
        #expect(MACAddress("01:02:03:04:05:100") == nil)
    }
}
