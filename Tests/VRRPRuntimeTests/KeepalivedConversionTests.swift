import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("keepalived.conf to a node configuration")
struct KeepalivedConversionTests {
    func load(_ text: String) -> KeepalivedConfiguration {
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        return loader.load(path: "/etc/keepalived/keepalived.conf").configuration
    }

    @Test("an instance with a script, a weight override and notify scripts becomes a router with named tracks")
    func instance() throws {
        let config = load(
            """
            vrrp_script chk {
                script "/usr/bin/true"
                interval 2
                weight -20
                rise 2
                fall 3
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 150
                advert_int 1
                virtual_ipaddress { 192.0.2.100/24 dev eth0 label eth0:vip }
                track_script { chk weight -60 }
                track_interface { eth1 }
                notify_master "/etc/keepalived/master.sh"
                notify "/etc/keepalived/notify.sh"
            }
            """)
        let node = try NodeConfiguration(keepalived: config)
        let instance = try #require(node.instances.first)
        #expect(instance.router.virtualRouterID == 51)
        #expect(instance.router.priority == 150)
        #expect(instance.router.version == .v2)
        #expect(instance.router.virtualAddresses == [.ipv4(IPv4Address(192, 0, 2, 100))])
        #expect(instance.addresses.first?.prefixLength == 24)
        #expect(instance.addresses.first?.label == "eth0:vip")
        let script = try #require(instance.router.trackedItems.first { $0.name == TrackedName.script("chk") })
        #expect(script.weight == -60)  // the track_script weight overrides the script's own
        #expect(script.initiallyUp)  // a negative weight contributes nothing until the script fails
        let interface = try #require(instance.router.trackedItems.first { $0.name == TrackedName.interface("eth1") })
        #expect(interface.weight == 0)
        #expect(instance.notify.master == "/etc/keepalived/master.sh")
        #expect(instance.notify.generic == "/etc/keepalived/notify.sh")
        let check = try #require(node.scripts.first)
        #expect(check.rise == 2 && check.fall == 3 && check.interval == .seconds(2))
        #expect(NodeConfiguration.unsupportedFeatures(in: config).isEmpty)
    }

    @Test(
        "a track_script entry keeps the script's reverse unless it says reverse or noreverse (alloc_track_script)",
        arguments: [
            ("", false, -20, false), ("", true, -20, true), ("weight -60", true, -60, true),
            ("weight -60", false, -60, false), ("weight -60 reverse", false, -60, true),
            ("weight -60 noreverse", true, -60, false),
        ])
    func scriptReverse(entry: String, scriptReverse: Bool, weight: Int, reverse: Bool) throws {
        let config = load(
            """
            vrrp_script chk {
                script "/usr/bin/true"
                weight -20\(scriptReverse ? " reverse" : "")
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 150
                virtual_ipaddress { 192.0.2.100 }
                track_script { chk \(entry) }
            }
            """)
        let node = try NodeConfiguration(keepalived: config)
        let item = try #require(node.instances.first?.router.trackedItems.first)
        #expect(item.weight == weight)
        #expect(item.reverse == reverse)
    }

    @Test("a script tracked by the instance and its sync group counts once, with the group's weight unless 0")
    func groupTrackedTwice() throws {
        let config = load(
            """
            vrrp_script chk {
                script "/usr/bin/true"
                weight -20
            }
            vrrp_script hard {
                script "/usr/bin/true"
            }
            vrrp_sync_group G {
                group { VI_1 }
                track_script {
                    chk weight -30
                    hard weight -5
                }
                track_interface { eth1 weight -7 }
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                virtual_ipaddress { 192.0.2.100/24 }
                track_script {
                    chk
                    hard weight 0
                }
                track_interface { eth1 }
            }
            """)
        let node = try NodeConfiguration(keepalived: config)
        let router = try #require(node.instances.first).router
        #expect(throws: Never.self) { try router.validate() }
        let items = router.trackedItems.map { "\($0.name) \($0.weight)" }
        // chk: the member's -20 gives way to the group's -30; hard and eth1 have weight 0 in the member: kept.
        #expect(items == ["script:chk -30", "script:hard 0", "interface:eth1 0"])
    }

    @Test("an instance without virtual addresses runs (notify-only, as keepalived allows); adverts carry none")
    func noVirtualAddresses() throws {
        let config = load(
            """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                notify_master "/etc/keepalived/move-floating-ip.sh"
            }
            """)
        let node = try NodeConfiguration(keepalived: config)
        let router = try VirtualRouter(configuration: try #require(node.instances.first).router)
        #expect(router.advertisement(priority: 100).addresses == .ipv4([]))
        let endpoints = try #require(
            IPEndpoints(source: .ipv4(IPv4Address(192, 0, 2, 1)), destination: .ipv4(.vrrpMulticast)))
        let encoded = try router.advertisement(priority: 100).encoded(endpoints: endpoints)
        // keepalived's default version 2: the 8-octet header (count 0) and the 8 authentication octets, no address.
        #expect(router.configuration.version == .v2)
        #expect(encoded.count == 16 && encoded[3] == 0)
        #expect(try Advertisement.decode(encoded[...], endpoints: endpoints).advertisement.addresses == .ipv4([]))
    }

    @Test("vrrp_rt_priority and vrrp_no_swap reach the node; without them, the normal scheduler and no lock")
    func schedulingAndSwap() throws {
        let instance = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 150
                virtual_ipaddress { 192.0.2.100 }
            }
            """
        let tuned = try NodeConfiguration(
            keepalived: load("global_defs {\n    vrrp_rt_priority 50\n    vrrp_no_swap\n}\n" + instance))
        #expect(tuned.realtimePriority == 50)
        #expect(tuned.lockMemory)
        let plain = try NodeConfiguration(keepalived: load(instance))
        #expect(plain.realtimePriority == nil)
        #expect(!plain.lockMemory)
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/k.conf": "global_defs {\n    vrrp_rt_priority 150\n}\n" + instance]),
            configID: "node")
        let result = loader.load(path: "/k.conf")
        #expect(result.configuration.global.realtimePriority == nil)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.location?.line == 2 })
    }

    @Test("features the node does not do yet are named, so running never hides them")
    func unsupported() {
        let config = load(
            """
            vrrp_track_file maint {
                file "/etc/keepalived/maint"
                weight -100
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 150
                authentication {
                    auth_type AH
                    auth_pass secret
                }
                virtual_ipaddress { 192.0.2.100 }
                track_file { maint }
            }
            """)
        let warnings = NodeConfiguration.unsupportedFeatures(in: config)
        #expect(!warnings.contains { $0.contains("track_file") })  // supported since the track_file work
        #expect(!warnings.contains { $0.contains("auth_type AH") })  // supported since the AH work
    }
}
