import Foundation
import Testing
import VRRPConfig
import VRRPWire

@Suite("Validation like keepalived -t")
struct ValidatorTests {
    @Test("a track_script naming an undefined script is an error at the entry")
    func undefinedTrack() {
        let result = load(instanceText(extra: "    track_script {\n        chk_missing\n    }"))
        let finding = result.first(.undefinedTrack)
        #expect(finding?.severity == .error)
        #expect(finding?.location == SourceLocation(file: mainPath, line: 10, column: 9))
        #expect(finding?.message == "track script chk_missing of VI_1 is not defined; it is ignored")
    }

    @Test("a sync group naming an undefined instance, file or process is an error at the name")
    func syncGroupReferences() {
        let text =
            instanceText()
            + "vrrp_sync_group G {\n    group {\n        VI_1\n        VI_9\n    }\n    track_file {\n        tf\n    }\n}\n"
        let result = load(text)
        let messages = result.diagnostics.filter { $0.code == .undefinedTrack }.map(\.message)
        #expect(
            messages == [
                "vrrp_sync_group G names instance VI_9, which is not defined; it is ignored",
                "track file tf of G is not defined; it is ignored",
            ])
    }

    @Test("one VRID twice on one interface and family is an error; different interfaces are fine")
    func duplicateVRID() {
        let same = load(instanceText(name: "A", vrid: 7) + instanceText(name: "B", vrid: 7))
        #expect(same.first(.duplicateVRID)?.message.contains("A and B both use VRID 7 on eth0") == true)
        let other = load(
            instanceText(name: "A", vrid: 7)
                + instanceText(name: "B", vrid: 7).replacingOccurrences(
                    of: "interface eth0", with: "interface eth1"))
        #expect(other.first(.duplicateVRID) == nil)
    }

    @Test("nopreempt and preempt_delay with state MASTER are warned")
    func preemptWithMaster() {
        let result = load(instanceText(state: "MASTER", extra: "    nopreempt\n    preempt_delay 10"))
        #expect(result.diagnostics.filter { $0.code == .preemptWithMaster }.count == 2)
        #expect(!result.hasErrors)
    }

    @Test("authentication with VRRPv3 or strict mode is ignored with a warning")
    func authIgnored() {
        let auth = "    authentication {\n        auth_type PASS\n        auth_pass abc\n    }"
        let v3 = load(instanceText(extra: auth + "\n    version 3"))
        #expect(v3.first(.authIgnored)?.message.contains("VRRPv3") == true)
        let strict = load("global_defs {\n    vrrp_strict\n}\n" + instanceText(extra: auth))
        #expect(strict.first(.authIgnored)?.message.contains("strict") == true)
    }

    @Test("strict mode forbids unicast peers")
    func strictUnicast() {
        let result = load(instanceText(extra: "    strict_mode\n    unicast_peer {\n        192.0.2.9\n    }"))
        #expect(result.first(.strictConflict)?.severity == .error)
    }

    @Test("scripts without enable_script_security are warned once")
    func scriptSecurity() {
        let text = "vrrp_script chk {\n    script /bin/true\n}\n" + instanceText(extra: "    notify_master /bin/true")
        #expect(load(text).diagnostics.filter { $0.code == .scriptSecurity }.count == 1)
        let secured = load("global_defs {\n    enable_script_security\n}\n" + text)
        #expect(secured.first(.scriptSecurity) == nil)
    }

    @Test("unicast settings without peers are warned; an instance without VIPs is warned")
    func unicastAndVIPs() {
        let text = "vrrp_instance X {\n    interface eth0\n    virtual_router_id 4\n    unicast_ttl 10\n}\n"
        let result = load(text)
        #expect(result.codes(.warning).contains(.unicastWithoutPeers))
        #expect(result.codes(.warning).contains(.noVirtualAddress))
    }

    @Test("a unicast_peer list that names the node's own source address is warned at that entry")
    func ownAddressAsPeer() {
        let peers = "    unicast_src_ip 192.0.2.1\n    unicast_peer {\n        192.0.2.2\n        192.0.2.1\n    }"
        let result = load(instanceText(extra: peers))
        let finding = result.diagnostics.first { $0.message.contains("own unicast_src_ip") }
        #expect(finding?.severity == .warning)
        #expect(finding?.location == SourceLocation(file: mainPath, line: 12, column: 9))
    }

    @Test("missing interfaces are reported only when the host is consulted")
    func interfaces() {
        #expect(load(instanceText()).first(.missingInterface) == nil)
        let checked = load(instanceText(), interfaceExists: { $0 == "lo" })
        #expect(
            checked.first(.missingInterface)?.message
                == "interface eth0 of vrrp_instance VI_1 does not exist on this host")
    }

    @Test("a vrrp_script without a script command is an error")
    func scriptWithoutCommand() {
        let result = load("vrrp_script chk {\n    interval 2\n}\n" + instanceText())
        #expect(
            result.first(.missingSetting)?.message == "vrrp_script chk has no 'script' command; keepalived removes it")
    }
}
