import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

/// A keepalived.conf instance that names no `interface` becomes a node instance on the default interface when
/// keepalived would run it (unicast with `unicast_src_ip`), and is refused, with keepalived's reason, otherwise.
@Suite("keepalived.conf without interface to a node configuration")
struct KeepalivedNoInterfaceConversionTests {
    func convert(_ body: String, global: String = "") throws(NodeConfiguration.ConversionError) -> NodeConfiguration {
        let text =
            (global.isEmpty ? "" : "global_defs {\n\(global)\n}\n")
            + "vrrp_instance VI_1 {\n    virtual_router_id 51\n    priority 150\n    version 3\n\(body)\n}\n"
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        return try NodeConfiguration(keepalived: loader.load(path: "/etc/keepalived/keepalived.conf").configuration)
    }

    let unicast = """
            unicast_src_ip 192.0.2.1
            unicast_peer {
                192.0.2.2
            }
            virtual_ipaddress {
                192.0.2.100/24
                192.0.2.101/24 dev eth9
            }
        """

    @Test("a unicast instance runs on default_interface, else eth0; VIPs without dev go there, others stay put")
    func unicastOnDefault() throws {
        let named = try #require(try convert(unicast, global: "    default_interface lan0").instances.first)
        #expect(named.interface == "lan0")
        #expect(named.unicastSource == .ipv4(IPv4Address(192, 0, 2, 1)))
        #expect(named.router.unicastPeers == [.ipv4(IPv4Address(192, 0, 2, 2))])
        #expect(named.addresses.map(\.device) == [nil, "eth9"])  // nil: the instance's interface, lan0
        #expect(throws: Never.self) { _ = try VirtualRouter(configuration: named.router) }
        let unnamed = try #require(try convert(unicast).instances.first)
        #expect(unnamed.interface == "eth0")
    }

    @Test(
        "refused as keepalived refuses: multicast (default_interface or not), no unicast_src_ip, link-local source",
        arguments: [
            (
                "    virtual_ipaddress {\n        192.0.2.100/24\n    }",
                "no interface, which a multicast instance needs"
            ),
            (
                "    unicast_peer {\n        192.0.2.2\n    }\n    virtual_ipaddress {\n        192.0.2.100/24\n    }",
                "neither interface nor unicast_src_ip"
            ),
            (
                "    unicast_src_ip fe80::1\n    unicast_peer {\n        2001:db8::2\n    }\n"
                    + "    virtual_ipaddress {\n        2001:db8::100/64\n    }",
                "no interface and a link-local unicast_src_ip"
            ),
        ])
    func refused(body: String, reason: String) {
        for global in ["", "    default_interface eth0"] {
            do {
                _ = try convert(body, global: global)
                Issue.record("converted: \(body)")
            } catch {
                #expect(error.subject == "VI_1")
                #expect(error.reason == reason)
            }
        }
    }

    @Test("vrf is refused by name; use_vmac is dropped, as keepalived drops it without an interface")
    func vrfAndVMAC() throws {
        do {
            _ = try convert("    vrf red\n" + unicast)
            Issue.record("an instance with vrf converted")
        } catch {
            #expect(error.reason.hasPrefix("vrf red is not supported"))
        }
        let instance = try #require(try convert("    use_vmac\n" + unicast).instances.first)
        #expect(instance.virtualMAC == nil)
        #expect(instance.interface == "eth0")
    }
}
