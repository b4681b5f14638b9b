import Foundation
import Testing
import VRRPConfig
import VRRPWire

@Suite("Cluster lints")
struct ClusterLinterTests {
    private func lint(_ files: [(String, String)]) -> [Diagnostic] {
        let nodes = files.map { name, text in
            ClusterLinter.Node(name: name, configuration: load(text).configuration)
        }
        return ClusterLinter(nodes: nodes).lint()
    }

    private let script = "vrrp_script chk {\n    script /bin/true\n    weight -2\n}\n"

    @Test("a tracked failure whose weight leaves the master above the best backup is found, with the arithmetic")
    func weightCannotFailOver() {
        let master = script + instanceText(priority: 150, extra: "    track_script {\n        chk\n    }")
        let backup = instanceText(priority: 100)
        let findings = lint([("a.conf", master), ("b.conf", backup)]).filter { $0.code == .weightCannotFailOver }
        #expect(findings.count == 1)
        #expect(
            findings.first?.message
                == "VRID 51: if track script chk fails on a.conf (VI_1), its priority goes 150 → 148 (weight -2), "
                + "still above b.conf's 100: no failover")
    }

    @Test("a weight large enough to cross the backup is not flagged")
    func weightFailsOver() {
        let master =
            script.replacingOccurrences(of: "-2", with: "-60")
            + instanceText(priority: 150, extra: "    track_script {\n        chk\n    }")
        let findings = lint([("a.conf", master), ("b.conf", instanceText(priority: 100))])
        #expect(!findings.contains { $0.code == .weightCannotFailOver })
    }

    @Test("equal priorities are flagged as an address tie-break")
    func equalPriorities() {
        let findings = lint([("a.conf", instanceText(priority: 100)), ("b.conf", instanceText(priority: 100))])
        #expect(findings.map(\.code) == [.equalPriority])
    }

    @Test("mismatched advert_int, version, authentication and VIPs are each explained")
    func mismatches() {
        let a = instanceText(
            priority: 150,
            extra: "    advert_int 1\n    authentication {\n        auth_type PASS\n        auth_pass one\n    }")
        let b = instanceText(
            priority: 100,
            extra: "    advert_int 2\n    authentication {\n        auth_type PASS\n        auth_pass two\n    }"
        )
        .replacingOccurrences(of: "192.0.2.10/24", with: "192.0.2.20/24")
        let findings = lint([("a.conf", a), ("b.conf", b)]).filter { $0.code == .peerMismatch }
        #expect(findings.count == 3)
        #expect(findings.contains { $0.message.contains("advertise every 1s vs 2s") })
        // The passwords ("one", "two") are never printed.
        let auth = findings.first { $0.message.contains("authenticate differently") }
        #expect(auth?.message.contains("(PASS vs PASS, different passwords)") == true)
        #expect(auth?.message.contains("one") == false && auth?.message.contains("two") == false)
        #expect(findings.contains { $0.message.contains("only in a.conf: [192.0.2.10/24]") })
    }

    @Test("keepalived's VRRPv2 over IPv6: passwords are not on the wire, but v2 against v3 is still a mismatch")
    func version2OverIPv6() {
        func node(_ priority: Int, _ version: Int, _ password: String) -> String {
            instanceText(
                priority: priority,
                extra: "    version \(version)\n    authentication {\n        auth_type PASS\n"
                    + "        auth_pass \(password)\n    }"
            )
            .replacingOccurrences(of: "192.0.2.10/24", with: "2001:db8::10/64")
        }
        let samePasswordless = lint([("a.conf", node(150, 2, "one")), ("b.conf", node(100, 2, "two"))])
        #expect(!samePasswordless.contains { $0.code == .peerMismatch })
        let versions = lint([("a.conf", node(150, 2, "one")), ("b.conf", node(100, 3, "one"))])
            .filter { $0.code == .peerMismatch }
        #expect(versions.contains { $0.message.contains("run VRRP v2 vs v3") })
    }

    @Test("a unicast node that does not list its peer's source address is found")
    func unicastPeers() {
        let a = instanceText(
            priority: 150, extra: "    unicast_src_ip 192.0.2.1\n    unicast_peer {\n        192.0.2.3\n    }")
        let b = instanceText(
            priority: 100, extra: "    unicast_src_ip 192.0.2.2\n    unicast_peer {\n        192.0.2.1\n    }")
        let findings = lint([("a.conf", a), ("b.conf", b)]).filter { $0.code == .peerMismatch }
        #expect(findings.count == 1)
        #expect(
            findings.first?.message.contains("a.conf (VI_1) does not list b.conf's unicast_src_ip 192.0.2.2") == true)
    }

    @Test("one address claimed by two VRIDs is an error")
    func addressInTwoVRIDs() {
        let findings = lint([
            ("a.conf", instanceText(name: "A", vrid: 1)), ("b.conf", instanceText(name: "B", vrid: 2)),
        ])
        #expect(findings.first?.code == .addressInTwoVRIDs)
        #expect(findings.first?.severity == .error)
    }
}
