import Foundation
import Testing
import VIPNetlink
import VRRPWire

extension LabTests {
    @Suite("VRRPSocket receives keepalived's adverts")
    struct KeepalivedInterop {
        static let configuration = """
            global_defs {
                router_id vrrpsw_ad_test
                enable_script_security
            }
            vrrp_instance V3_IPV4 {
                state BACKUP
                interface eth0
                virtual_router_id 61
                priority 200
                advert_int 0.1
                version 3
                virtual_ipaddress {
                    192.0.2.161/24
                    192.0.2.162/24
                }
            }
            vrrp_instance V2_IPV4 {
                state MASTER
                interface eth0
                virtual_router_id 62
                priority 255
                advert_int 1
                version 2
                authentication {
                    auth_type PASS
                    auth_pass vrrpsw
                }
                virtual_ipaddress {
                    192.0.2.163/24
                }
            }
            vrrp_instance V2_AH {
                state MASTER
                interface eth0
                virtual_router_id 64
                priority 255
                advert_int 1
                version 2
                authentication {
                    auth_type AH
                    auth_pass vrrpsw
                }
                virtual_ipaddress {
                    192.0.2.164/24
                }
            }
            vrrp_instance V3_IPV6 {
                state BACKUP
                interface eth0
                virtual_router_id 63
                priority 150
                advert_int 0.1
                version 3
                virtual_ipaddress {
                    2001:db8::163/64
                }
            }

            """

        @Test(
            "adverts from keepalived decode with its VRIDs, priorities and addresses",
            .enabled("keepalived is not installed") { LabPrerequisites.has("keepalived") })
        func receivesKeepalived() throws {
            let lab = try NamespaceLab(hostCount: 2)
            defer { lab.tearDown() }
            let config = lab.directory.appendingPathComponent("keepalived.conf")
            try Self.configuration.write(to: config, atomically: true, encoding: .utf8)
            let pidFile = lab.directory.appendingPathComponent("keepalived.pid").path
            let vrrpPidFile = lab.directory.appendingPathComponent("vrrp.pid").path
            let ready4 = lab.directory.appendingPathComponent("ready4").path
            let ready6 = lab.directory.appendingPathComponent("ready6").path
            let readyAH = lab.directory.appendingPathComponent("readyAH").path

            let listen4 = try lab.start(
                lab.host(2),
                [
                    LabPrerequisites.vrrpctlPath, "listen", "-i", "eth0", "--count", "25", "--timeout", "12000",
                    "--ready-file", ready4,
                ])
            defer { listen4.stop() }
            let listen6 = try lab.start(
                lab.host(2),
                [
                    LabPrerequisites.vrrpctlPath, "listen", "-i", "eth0", "--family", "ipv6", "--batch", "--count", "5",
                    "--timeout", "12000", "--ready-file", ready6,
                ])
            defer { listen6.stop() }
            let listenAH = try lab.start(
                lab.host(2),
                [
                    LabPrerequisites.vrrpctlPath, "listen", "-i", "eth0", "--ip-protocol", "ah", "--count", "2",
                    "--timeout", "12000", "--ready-file", readyAH,
                ])
            defer { listenAH.stop() }
            try #require(
                Shell.waitUntil(.seconds(10)) {
                    [ready4, ready6, readyAH].allSatisfy { FileManager.default.fileExists(atPath: $0) }
                })

            let keepalived = try lab.start(
                lab.host(1),
                ["keepalived", "-n", "-l", "-D", "-f", config.path, "-p", pidFile, "-r", vrrpPidFile, "--vrrp"])
            defer {
                keepalived.stop()
                Self.killLeftovers([pidFile, vrrpPidFile])
            }

            let out4 = ListenerOutput(listen4.finish(within: .seconds(15)).stdout)
            let out6 = ListenerOutput(listen6.finish(within: .seconds(15)).stdout)
            let outAH = ListenerOutput(listenAH.finish(within: .seconds(15)).stdout)

            let v3 = out4.packets.filter { $0.int("vrid") == 61 }
            let v2 = out4.packets.filter { $0.int("vrid") == 62 }
            #expect(!v3.isEmpty, "no VRID 61 adverts from keepalived")
            #expect(!v2.isEmpty, "no VRID 62 adverts from keepalived")
            for packet in v3 {
                #expect(packet.int("version") == 3)
                #expect(packet.int("priority") == 200)
                #expect(packet.int("interval_cs") == 10)
                #expect(Set(packet.strings("addresses")) == ["192.0.2.161", "192.0.2.162"])
                #expect(packet.int("ttl") == 255)
                #expect(packet.string("source") == lab.ipv4(1))
                #expect(packet.string("error") == nil)
            }
            for packet in v2 {
                #expect(packet.int("version") == 2)
                #expect(packet.int("priority") == 255)
                #expect(packet.int("interval_cs") == 100)
                #expect(packet.int("auth_type") == 1)
                #expect(packet.strings("addresses") == ["192.0.2.163"])
                #expect(packet.string("checksum") == "v2")
            }
            #expect(outAH.packets.count == 2, "AH socket received \(outAH.packets.count) adverts")
            for packet in outAH.packets {
                #expect(packet.int("protocol") == 51)
                #expect(packet.int("ah_length") == 24, "AH header with a 96-bit ICV")
                #expect(packet.int("vrid") == 64)
                #expect(packet.int("version") == 2)
                #expect(packet.int("auth_type") == 2)
                #expect(packet.strings("addresses") == ["192.0.2.164"])
                #expect(packet.int("ttl") == 255)
            }
            #expect(
                !out4.packets.contains { $0.int("vrid") == 64 }, "AH adverts must not reach the protocol 112 socket")
            #expect(out6.packets.count == 5)
            for packet in out6.packets {
                #expect(packet.int("vrid") == 63)
                #expect(packet.int("version") == 3)
                #expect(packet.int("priority") == 150)
                #expect(packet.strings("addresses") == ["2001:db8::163"])
                #expect(packet.int("ttl") == 255)
                #expect(packet.string("source")?.hasPrefix("fe80:") == true)
                #expect(packet.string("checksum") == "pseudo-header")
            }
        }

        @Test(
            "use_vmac: our macvlan and sysctls match what keepalived sets up",
            .enabled("keepalived is not installed") { LabPrerequisites.has("keepalived") })
        func virtualMACMatchesKeepalived() throws {
            let lab = try NamespaceLab(hostCount: 2)
            defer { lab.tearDown() }
            let config = lab.directory.appendingPathComponent("vmac.conf")
            try """
            vrrp_instance VMAC {
                state MASTER
                interface eth0
                use_vmac vrrp.51
                virtual_router_id 51
                priority 255
                advert_int 1
                virtual_ipaddress {
                    192.0.2.151/24
                }
            }

            """.write(to: config, atomically: true, encoding: .utf8)
            let pidFile = lab.directory.appendingPathComponent("vmac.pid").path
            let vrrpPidFile = lab.directory.appendingPathComponent("vmac-vrrp.pid").path
            let keepalived = try lab.start(
                lab.host(1),
                ["keepalived", "-n", "-l", "-D", "-f", config.path, "-p", pidFile, "-r", vrrpPidFile, "--vrrp"])
            defer {
                keepalived.stop()
                Self.killLeftovers([pidFile, vrrpPidFile])
            }
            let settings = VMACSysctls(vmac: "vrrp.51", parent: "eth0").settings
            func read(_ host: Int, _ path: String) -> String {
                ((try? lab.exec(lab.host(host), ["cat", "/proc/sys/" + path]).stdout) ?? "")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            // Wait (bounded) until keepalived has created the VMAC and configured it.
            let configured = Shell.waitUntil(.seconds(10)) {
                settings.allSatisfy { read(1, $0.path) == $0.value }
            }
            #expect(configured, "keepalived's values: \(settings.map { "\($0.path)=\(read(1, $0.path))" })")

            try inNamespace(lab.host(2)) {
                let netlink = try RouteNetlink()
                try netlink.createMacvlan(
                    named: "vrrp.51", on: "eth0", hardwareAddress: MACAddress.virtualRouter(51, family: .ipv4))
                try VMACSysctls(vmac: "vrrp.51", parent: "eth0").apply()
            }
            for setting in settings { #expect(read(2, setting.path) == read(1, setting.path), "\(setting.path)") }
            func link(_ host: Int) throws -> [String: Any] {
                let text = try lab.ip(lab.host(host), "-j", "-d", "link", "show", "dev", "vrrp.51")
                return (try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])?.first ?? [:]
            }
            let theirs = try link(1)
            let ours = try link(2)
            #expect(theirs.string("address") == "00:00:5e:00:01:33")
            #expect(ours.string("address") == theirs.string("address"))
            let theirMode = ((theirs["linkinfo"] as? [String: Any])?["info_data"] as? [String: Any])?["mode"] as? String
            let ourMode = ((ours["linkinfo"] as? [String: Any])?["info_data"] as? [String: Any])?["mode"] as? String
            #expect(theirMode == "private")
            #expect(ourMode == theirMode)
            #expect(theirs.string("inet6_addr_gen_mode") == "none")
            #expect(ours.string("inet6_addr_gen_mode") == theirs.string("inet6_addr_gen_mode"))
        }

        /// SIGKILLs keepalived processes named in pid files (the parent may leave its VRRP child behind).
        static func killLeftovers(_ pidFiles: [String]) {
            for file in pidFiles {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                    let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 1
                else { continue }
                kill(pid, SIGKILL)
            }
        }
    }
}
