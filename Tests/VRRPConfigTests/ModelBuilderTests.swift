import Testing
import VRRPConfig
import VRRPWire

@Suite("Typed model")
struct ModelBuilderTests {
    @Test("a full instance becomes the typed model the runtime uses")
    func fullInstance() {
        let text = """
            global_defs {
                router_id lb1
                enable_script_security
                vrrp_garp_master_repeat 3
            }
            vrrp_script chk_haproxy {
                script "/usr/bin/killall -0 haproxy"
                interval 2
                weight -20
                fall 3
                rise 2
            }
            vrrp_instance VI_1 {
                state MASTER
                interface eth0
                virtual_router_id 51
                priority 150
                advert_int 3
                authentication {
                    auth_type PASS
                    auth_pass s3cret
                }
                virtual_ipaddress {
                    192.0.2.10/24 brd 192.0.2.255 dev eth1 scope global label eth1:vip no_track
                    192.0.2.11
                }
                virtual_ipaddress_excluded {
                    2001:db8::10/64 nodad
                }
                unicast_src_ip 192.0.2.1
                unicast_peer {
                    192.0.2.2 min_ttl 250 max_ttl 255
                }
                preempt_delay 5
                accept
                track_script {
                    chk_haproxy weight -30 reverse
                }
                track_interface {
                    eth2 weight 10
                }
                notify_master "/etc/keepalived/master.sh"
                notify /etc/keepalived/notify.sh extra
                garp_master_delay 2
                use_vmac vrrp51
            }
            """
        let result = load(text)
        // The one finding: keepalived ignores preempt_delay when the initial state is MASTER.
        #expect(result.diagnostics.map(\.code) == [.preemptWithMaster], "\(result.diagnostics)")
        let config = result.configuration
        #expect(config.global.routerID == "lb1")
        #expect(config.global.gratuitousARP.masterRepeat == 3)
        let script = config.scripts[0]
        #expect(script.command == "/usr/bin/killall -0 haproxy")
        #expect(script.interval == .seconds(2) && script.weight == -20 && script.fall == 3 && script.rise == 2)
        let instance = config.instances[0]
        #expect(instance.initialState == .master)
        #expect(instance.virtualRouterID == 51 && instance.priority == 150)
        #expect(instance.advertisementInterval == .seconds(3))
        #expect(instance.version == .v2 && instance.family == .ipv4)
        #expect(instance.authentication?.type == .simpleText)
        #expect(instance.authentication?.data == AuthenticationData(password: "s3cret"))
        let vip = instance.virtualAddresses[0]
        #expect(vip.address == IPAddress("192.0.2.10") && vip.prefixLength == 24)
        #expect(vip.broadcast == IPv4Address("192.0.2.255") && vip.device == "eth1")
        #expect(vip.scope == "global" && vip.label == "eth1:vip" && vip.flags == [.noTrack])
        #expect(instance.virtualAddresses[1].prefixLength == 32)
        #expect(instance.excludedVirtualAddresses[0].flags == [.noDAD])
        #expect(instance.sourceAddress == IPAddress("192.0.2.1"))
        #expect(
            instance.unicastPeers == [
                UnicastPeer(
                    address: IPAddress("192.0.2.2")!, minimumTTL: 250, maximumTTL: 255,
                    location: SourceLocation(file: mainPath, line: 32, column: 9))
            ])
        #expect(instance.preempt && instance.preemptDelay == .seconds(5) && instance.acceptMode == true)
        #expect(instance.trackScripts.first?.weight == -30 && instance.trackScripts.first?.reverse == true)
        #expect(instance.trackInterfaces.first?.name == "eth2" && instance.trackInterfaces.first?.weight == 10)
        #expect(instance.notify.master == "/etc/keepalived/master.sh")
        #expect(instance.notify.any == "/etc/keepalived/notify.sh extra")
        #expect(instance.gratuitousARP.masterDelay == .seconds(2))
        #expect(instance.useVMAC == VMACSetting(interfaceName: "vrrp51"))
    }

    @Test("brd + computes the broadcast address from the prefix")
    func broadcastPlus() {
        let result = load(instanceText(extra: "    virtual_ipaddress_excluded {\n        198.51.100.7/26 brd +\n    }"))
        #expect(result.configuration.instances[0].excludedVirtualAddresses[0].broadcast == IPv4Address("198.51.100.63"))
    }

    @Test(
        "advert_int is rounded to what the version carries",
        arguments: [
            ("1", "2", UInt16(100), false), ("0.5", "2", 100, true), ("2.4", "2", 200, true),
            ("0.5", "3", 50, false), ("0.125", "3", 13, true), ("40.95", "3", 4095, false),
        ])
    func advertInterval(value: String, version: String, centiseconds: UInt16, warned: Bool) {
        let result = load(instanceText(extra: "    advert_int \(value)\n    version \(version)"))
        #expect(result.configuration.instances[0].advertisementInterval.centiseconds == centiseconds)
        #expect(result.codes(.warning).contains(.rounded) == warned)
        #expect(!result.hasErrors)
    }

    @Test("advert_int outside the version's range is an error and keeps the default")
    func advertIntervalRange() {
        let result = load(instanceText(extra: "    advert_int 41\n    version 3"))
        #expect(result.first(.outOfRange)?.message.contains("0.01…40.95") == true)
        #expect(result.configuration.instances[0].advertisementInterval == .oneSecond)
    }

    static func ipv6Instance(global: String = "", extra: String = "") -> String {
        """
        global_defs {
        \(global)
        }
        vrrp_instance V6 {
            interface eth0
            virtual_router_id 3
        \(extra)
            virtual_ipaddress {
                2001:db8::1/64
                192.0.2.1
            }
        }
        """
    }

    @Test("an IPv6 instance with version 2 and no vrrp_strict runs keepalived's VRRPv2 over IPv6, with a warning")
    func ipv6Version2() throws {
        let result = load(Self.ipv6Instance(extra: "    version 2"))
        let instance = result.configuration.instances[0]
        #expect(instance.family == .ipv6 && instance.version == .v2)
        #expect(instance.virtualAddresses.map(\.address.description) == ["2001:db8::1"])
        #expect(!result.codes(.warning).contains(.versionUpgraded))
        #expect(result.codes(.warning).contains(.familyMismatch))
        let warning = try #require(result.first(.version2OverIPv6))
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("non-standard VRRPv2 over IPv6"))
        #expect(warning.message.contains("'version 3' or vrrp_strict"))
        #expect(warning.location?.line == 7)
    }

    @Test(
        "an IPv6 instance runs as VRRPv3 under vrrp_strict or with only a global vrrp_version 2, as keepalived does",
        arguments: [
            ("vrrp_strict", "    version 2", "vrrp_strict"),
            ("", "    version 2\n    strict_mode", "vrrp_strict"),
            ("vrrp_version 2", "", "global vrrp_version 2 applies to IPv4 instances only"),
        ]
    )
    func ipv6Upgrade(global: String, extra: String, reason: String) {
        let result = load(Self.ipv6Instance(global: global, extra: extra))
        let instance = result.configuration.instances[0]
        #expect(instance.family == .ipv6 && instance.version == .v3)
        #expect(result.first(.versionUpgraded)?.message.contains(reason) == true)
        #expect(!result.codes(.warning).contains(.version2OverIPv6))
    }

    @Test("PASS on keepalived's VRRPv2 over IPv6 warns that the password is not carried; AH is ignored")
    func ipv6Version2Authentication() {
        let pass = load(
            Self.ipv6Instance(
                extra: "    version 2\n    authentication {\n        auth_type PASS\n        auth_pass abc\n    }"))
        #expect(pass.configuration.instances[0].authentication?.type == .simpleText)
        #expect(pass.first(.authIgnored)?.message.contains("no password") == true)
        let ah = load(
            Self.ipv6Instance(
                extra: "    version 2\n    authentication {\n        auth_type AH\n        auth_pass abc\n    }"))
        #expect(ah.first(.authIgnored)?.message.contains("IPv4 only") == true)
    }

    @Test("auth_pass longer than 8 characters is truncated with a warning naming what peers compare")
    func authTruncated() {
        let result = load(
            instanceText(extra: "    authentication {\n        auth_type PASS\n        auth_pass 123456789\n    }"))
        #expect(result.first(.authTruncated)?.message.contains("'12345678'") == true)
        #expect(result.configuration.instances[0].authentication?.data == AuthenticationData(password: "12345678"))
    }

    @Test("bad values are errors at the value, and keepalived's fallback is applied")
    func badValues() {
        let result = load(
            instanceText(state: "SLAVE", priority: 300, extra: "    virtual_ipaddress {\n        10.0.0.x/24\n    }"))
        let instance = result.configuration.instances[0]
        #expect(instance.initialState == .backup && instance.priority == 100)
        #expect(result.first(.invalidValue)?.location == SourceLocation(file: mainPath, line: 2, column: 11))
        #expect(result.first(.outOfRange)?.message == "priority 300 is outside 1…255; the default 100 is used")
        #expect(result.first(.invalidAddress)?.location?.line == 10)
    }

    @Test("a keyword without its value is an error; an unknown keyword is a warning with a suggestion")
    func keywords() {
        let result = load(instanceText(extra: "    advert_int\n    nopreemt"))
        #expect(result.first(.missingValue)?.message == "'advert_int' needs a value")
        #expect(result.first(.unknownKeyword)?.severity == .warning)
        #expect(result.first(.unknownKeyword)?.message.contains("did you mean 'nopreempt'?") == true)
    }

    @Test("load-balancing blocks are parsed and reported once")
    func loadBalancing() {
        let lvs = "virtual_server 192.0.2.1 80 {\n    real_server 192.0.2.2 80 {\n        weight 1\n    }\n}\n"
        let result = load(instanceText() + lvs + lvs)
        let findings = result.diagnostics.filter { $0.code == .loadBalancingIgnored }
        #expect(findings.count == 1)
        #expect(findings.first?.message == "load balancing is not provided; 2 virtual_server blocks ignored")
        #expect(result.configuration.ignoredLoadBalancingBlocks == 2)
    }

    @Test("keepalived keywords that change VRRP behaviour and are not provided warn where they are; others are quiet")
    func notProvided() {
        let result = load(
            "global_defs {\n    smtp_alert\n    lvs_id main\n}\n"
                + instanceText(extra: "    track_bfd {\n        b1\n    }\n    debug 2"))
        let findings = result.diagnostics.filter { $0.code == .notProvided }
        #expect(findings.map(\.location?.line) == [2, 13])
        #expect(findings.allSatisfy { $0.severity == .warning })
        #expect(findings.first?.message.contains("'smtp_alert' is not provided by vrrp-swift") == true)
        #expect(findings.last?.message.contains("BFD") == true)
        #expect(!result.hasErrors)
    }

    @Test("track files, track processes and sync groups are modelled")
    func trackingBlocks() {
        let text = """
            vrrp_track_file tf {
                file /run/prio
                weight 3 reverse
                init_file 5 overwrite
            }
            vrrp_track_process haproxy {
                process haproxy -f /etc/haproxy.cfg
                param_match partial
                quorum 2
                delay 1.5
                weight -10
            }
            vrrp_sync_group G {
                group {
                    VI_1
                }
                notify_master /bin/true
            }
            """
            + instanceText(
                extra: "    track_file {\n        tf\n    }\n    track_process {\n        haproxy weight -5\n    }")
        let result = load(text)
        let config = result.configuration
        #expect(config.trackFiles.first?.path == "/run/prio" && config.trackFiles.first?.reverse == true)
        #expect(config.trackFiles.first?.initialValue == 5 && config.trackFiles.first?.overwrite == true)
        let process = config.trackProcesses[0]
        #expect(process.process == "haproxy" && process.parameters == ["-f", "/etc/haproxy.cfg"])
        #expect(process.quorum == 2 && process.delay == .milliseconds(1500) && process.weight == -10)
        #expect(config.syncGroups.first?.members.map(\.name) == ["VI_1"])
        #expect(config.instances[0].trackProcesses.first?.weight == -5)
        #expect(!result.hasErrors)
    }

    /// keepalived 2.2 track_file_init_handler reads the words in any order; a value outside −254…254 is kept.
    @Test(
        "init_file: value and overwrite in any order, default 0, a large value kept with a warning",
        arguments: [
            ("init_file", 0, false, false), ("init_file overwrite", 0, true, false),
            ("init_file overwrite -7", -7, true, false), ("init_file 12", 12, false, false),
            ("init_file 1000 overwrite", 1000, true, true),
        ])
    func initFile(line: String, value: Int, overwrite: Bool, warns: Bool) {
        let text =
            "track_file tf {\n    file /run/prio\n    \(line)\n}\n"
            + instanceText(extra: "    track_file {\n        tf weight -5 reverse\n    }")
        let result = load(text)
        let file = result.configuration.trackFiles.first
        #expect(file?.initialValue == value)
        #expect(file?.overwrite == overwrite)
        #expect(result.diagnostics.contains { $0.code == .outOfRange } == warns)
        #expect(!result.hasErrors)
        let reference = result.configuration.instances.first?.trackFiles.first
        #expect(reference?.weight == -5 && reference?.reverse == true)
    }

    @Test("init_file with an unknown word or a bad number is an error naming it")
    func initFileErrors() {
        let text =
            "track_file tf {\n    file /run/prio\n    init_file 5 always\n}\n"
            + "track_file tg {\n    file /run/other\n    init_file -x\n}\n" + instanceText()
        let result = load(text)
        #expect(result.diagnostics.contains { $0.message.contains("'always' is invalid after init_file") })
        #expect(result.diagnostics.contains { $0.code == .invalidNumber && $0.message.contains("'-x'") })
        #expect(result.configuration.trackFiles.map(\.initialValue) == [5, 0])
    }
}
