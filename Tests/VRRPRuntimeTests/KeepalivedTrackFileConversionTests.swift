import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine

@Suite("keepalived track_file to a node configuration")
struct KeepalivedTrackFileConversionTests {
    func load(_ text: String) -> KeepalivedConfiguration {
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        return loader.load(path: "/etc/keepalived/keepalived.conf").configuration
    }

    static let text = """
        vrrp_track_file maint {
            file "/run/vrrp/maint"
            weight -10
            init_file 3 overwrite
        }
        track_file flipped {
            file /run/vrrp/flipped
            weight 4 reverse
        }
        track_file unused {
            file /run/vrrp/unused
        }
        track_file group_only {
            file /run/vrrp/group
            weight 0
        }
        vrrp_sync_group G {
            group {
                VI_1
                VI_2
            }
            track_file {
                group_only
                maint weight -30
            }
        }
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            priority 150
            virtual_ipaddress { 192.0.2.100 }
            track_file {
                maint
                flipped weight 7
                maint weight -99
            }
        }
        vrrp_instance VI_2 {
            interface eth0
            virtual_router_id 52
            priority 100
            virtual_ipaddress { 192.0.2.101 }
            track_file {
                maint weight 0
            }
        }
        """

    @Test("files become value items with keepalived's weights; only used files are watched; no warning")
    func conversion() throws {
        let config = load(Self.text)
        let node = try NodeConfiguration(keepalived: config)
        #expect(
            node.files == [
                NodeConfiguration.TrackedFile(
                    name: "maint", path: "/run/vrrp/maint", initialValue: 3, overwrite: true, weight: -10),
                NodeConfiguration.TrackedFile(name: "flipped", path: "/run/vrrp/flipped", weight: 4, reverse: true),
                NodeConfiguration.TrackedFile(name: "group_only", path: "/run/vrrp/group", weight: 0),
            ])
        let first = try #require(node.instances.first { $0.name == "VI_1" }).router.trackedItems
        let items = Dictionary(uniqueKeysWithValues: first.map { ($0.name, $0) })
        // The duplicate `maint weight -99` is ignored; the sync group's weight -30 replaces the instance's -10.
        #expect(first.filter { $0.name == TrackedName.file("maint") }.count == 1)
        #expect(items[TrackedName.file("maint")]?.weight == -30)
        #expect(items[TrackedName.file("maint")]?.kind == .value)
        // A reference's weight overrides the block's; the block's reverse stays.
        #expect(items[TrackedName.file("flipped")]?.weight == 7)
        #expect(items[TrackedName.file("flipped")]?.reverse == true)
        #expect(items[TrackedName.file("group_only")]?.weight == 0)
        #expect(items[TrackedName.file("group_only")]?.initialReading == 0)
        // A member that tracks the file with weight 0 keeps 0 (keepalived's add_obj_to_track_file).
        let second = try #require(node.instances.first { $0.name == "VI_2" }).router.trackedItems
        #expect(second.first { $0.name == TrackedName.file("maint") }?.weight == 0)
        #expect(!NodeConfiguration.unsupportedFeatures(in: config).contains { $0.contains("track_file") })
    }

    @Test("noreverse on a reference overrides the block's reverse; a weight alone keeps it")
    func noReverse() throws {
        let config = load(
            """
            track_file flipped {
                file /run/vrrp/flipped
                weight 4 reverse
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 150
                virtual_ipaddress { 192.0.2.100 }
                track_file {
                    flipped weight 9 noreverse
                }
            }
            vrrp_instance VI_2 {
                interface eth0
                virtual_router_id 52
                priority 150
                virtual_ipaddress { 192.0.2.101 }
                track_file {
                    flipped weight 9
                }
            }
            """)
        #expect(config.instances.first?.trackFiles.first?.noReverse == true)
        #expect(config.effectiveText.contains("flipped weight 9 noreverse"))
        let node = try NodeConfiguration(keepalived: config)
        let items = node.instances.map { $0.router.trackedItems.first }
        #expect(items.map { $0?.weight } == [9, 9])
        #expect(items.map { $0?.reverse } == [false, true])
    }
}
