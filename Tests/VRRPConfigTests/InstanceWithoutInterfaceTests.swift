import Testing
import VRRPConfig
import VRRPWire

/// An instance that names no `interface`. keepalived (2.1.0 and later; 2.2.7 refuses them all with "Unknown
/// interface!", its issue #2270) runs a unicast one with `unicast_src_ip` on sockets bound to no device, refuses a
/// multicast one, and applies `default_interface` (default eth0) to static addresses only. vrrpctl runs the unicast
/// one on the default interface and says where it differs.
@Suite("An instance without interface")
struct InstanceWithoutInterfaceTests {
    /// An instance without `interface`; `lines` go first in its block.
    func text(_ lines: String, global: String = "") -> String {
        let globals = global.isEmpty ? "" : "global_defs {\n\(global)\n}\n"
        return globals
            + "vrrp_instance VI_1 {\n\(lines)\n    virtual_router_id 51\n"
            + "    virtual_ipaddress {\n        192.0.2.100/24\n    }\n}\n"
    }

    let unicast = "    unicast_src_ip 192.0.2.1\n    unicast_peer {\n        192.0.2.2\n    }"

    @Test("default_interface is read, defaults to eth0 and is dumped")
    func defaultInterface() {
        let none = load(text(unicast)).configuration
        #expect(none.global.defaultInterface == nil)
        #expect(none.global.defaultInterfaceName == "eth0")
        #expect(none.effectiveText.contains("    default_interface eth0\n"))
        let set = load(text(unicast, global: "    default_interface lan0")).configuration
        #expect(set.global.defaultInterface == "lan0")
        #expect(set.effectiveText.contains("    default_interface lan0\n"))
        #expect(!set.effectiveText.contains("    interface "))
    }

    @Test("a unicast instance with unicast_src_ip runs on the default interface, with a warning saying so")
    func unicastRunsOnDefault() throws {
        let result = load(text(unicast, global: "    default_interface lan0"))
        #expect(!result.hasErrors)
        let instance = try #require(result.configuration.instances.first)
        #expect(instance.interface == nil)
        #expect(instance.runsWithoutInterface)
        #expect(instance.missingInterface == nil)
        #expect(instance.runningInterface(defaultInterface: "lan0") == "lan0")
        let warning = try #require(result.diagnostics.first { $0.message.contains("has no interface") })
        #expect(warning.severity == .warning)
        #expect(warning.code == .missingSetting)
        #expect(warning.location == SourceLocation(file: mainPath, line: 4, column: 1))
        #expect(warning.message.contains("runs it on the default interface lan0"))
        #expect(warning.message.contains("leave from 192.0.2.1 through lan0 only"))
        #expect(warning.message.contains("2.2.7 refuses every instance without an interface"))
        let vip = try #require(result.diagnostics.first { $0.message.hasPrefix("192.0.2.100 has no 'dev'") })
        #expect(vip.severity == .warning)
        #expect(vip.location == SourceLocation(file: mainPath, line: 11, column: 9))
        #expect(vip.message.contains("puts it on the default interface lan0"))
    }

    @Test(
        "keepalived refuses multicast, no unicast_src_ip, link-local IPv6 source; check errs in its words",
        arguments: [
            ("", "default_interface lan0", VRRPInstance.MissingInterface.multicast, "Unknown interface!"),
            (
                "    unicast_peer {\n        192.0.2.2\n    }", "", .noSourceAddress,
                "Unicast instances must have unicast_src_ip or interface"
            ),
            (
                "    unicast_src_ip fe80::1\n    unicast_peer {\n        2001:db8::2\n    }", "", .linkLocalSource,
                "Non link-local address required if interface omitted"
            ),
        ])
    func refused(lines: String, global: String, why: VRRPInstance.MissingInterface, words: String) throws {
        let result = load(text(lines, global: global.isEmpty ? "" : "    " + global))
        let instance = try #require(result.configuration.instances.first)
        #expect(instance.missingInterface == why)
        #expect(instance.runningInterface(defaultInterface: "lan0") == nil)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.code == .missingSetting)
        #expect(error.message.contains(words))
        #expect(error.location?.line == (global.isEmpty ? 1 : 4))
    }

    @Test("a named interface is never replaced by the default one")
    func namedInterface() throws {
        let result = load(text("    interface eth3\n" + unicast, global: "    default_interface lan0"))
        let instance = try #require(result.configuration.instances.first)
        #expect(instance.runningInterface(defaultInterface: "lan0") == "eth3")
        #expect(!instance.runsWithoutInterface)
        #expect(!result.diagnostics.contains { $0.message.contains("has no interface") })
    }

    @Test("vrf on an instance without interface is parsed, dumped and named as not provided; elsewhere ignored")
    func vrf() throws {
        let result = load(text("vrf vrf-1\n" + unicast))
        #expect(!result.hasErrors)
        let instance = try #require(result.configuration.instances.first)
        #expect(instance.vrf == "vrf-1")
        #expect(result.configuration.effectiveText.contains("    vrf vrf-1\n"))
        let finding = try #require(result.first(.notProvided))
        #expect(finding.severity == .warning)
        #expect(finding.location == SourceLocation(file: mainPath, line: 2, column: 5))
        #expect(finding.message.contains("run refuses instance VI_1"))
        #expect(result.first(.unknownKeyword) == nil)

        let named = load(text("    interface eth0\n    vrf vrf-1\n" + unicast))
        let ignored = try #require(named.diagnostics.first { $0.message.hasPrefix("vrf vrf-1 applies only") })
        #expect(ignored.severity == .warning)
        #expect(ignored.location?.line == 3)
    }

    @Test("use_vmac is cleared on a unicast instance without interface, as keepalived clears it")
    func vmacCleared() throws {
        let result = load(text("    use_vmac\n" + unicast))
        let instance = try #require(result.configuration.instances.first)
        #expect(instance.useVMAC == nil)
        #expect(result.diagnostics.contains { $0.message.hasPrefix("use_vmac needs an interface") })
    }

    @Test("a default interface missing from this host is a warning: the instance waits in FAULT for it")
    func defaultMissingOnHost() throws {
        let result = load(text(unicast), interfaceExists: { $0 == "lo" })
        #expect(!result.hasErrors)
        let finding = try #require(result.first(.missingInterface))
        #expect(finding.severity == .warning)
        #expect(
            finding.message
                == "the default interface eth0 that vrrp_instance VI_1 runs on does not exist on this host: vrrpctl "
                + "holds the instance in FAULT until it appears")
        let present = load(text(unicast), interfaceExists: { $0 == "eth0" })
        #expect(present.first(.missingInterface) == nil)
    }
}
