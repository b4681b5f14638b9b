import Foundation
import Glibc
import Logging
import Synchronization
import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("use_vmac: naming, configuration and the node")
struct VirtualMACTests {
    // MARK: Naming

    @Test(
        "names as keepalived 2.2.7 chooses them",
        arguments: [
            // (configured, family, held names (another instance), other interfaces, other macvlans, expected)
            (nil, AddressFamily.ipv4, [], [], [], "vrrp.51"),
            (nil, .ipv6, [], [], [], "vrrp.51"),
            (nil, .ipv6, ["vrrp.51"], [], [], "vrrp6.51"),
            (nil, .ipv6, ["vrrp.51", "vrrp6.51"], [], [], "vrrp1.51"),
            (nil, .ipv4, ["vrrp.51"], [], [], "vrrp1.51"),
            (nil, .ipv4, [], ["vrrp.51"], [], "vrrp1.51"),
            (nil, .ipv4, [], [], ["vrrp.51"], "vrrp1.51"),
            ("vmac51", .ipv4, [], [], [], "vmac51"),
            ("vmac51", .ipv4, [], [], ["vmac51"], "vmac51"),
            ("eth1", .ipv4, [], ["eth1"], [], "vrrp.51"),
            ("vrrp.51", .ipv6, ["vrrp.51"], [], [], "vrrp6.51"),
        ] as [(String?, AddressFamily, [String], [String], [String], String)])
    func naming(
        configured: String?, family: AddressFamily, held: [String], others: [String], macvlans: [String],
        expected: String
    ) {
        let name = VirtualMACNaming.name(configured: configured, virtualRouterID: 51, family: family) { candidate in
            if held.contains(candidate) { return nil }
            if others.contains(candidate) { return .otherInterface }
            if macvlans.contains(candidate) { return .otherMacvlan }
            return .absent
        }
        #expect(name == expected)
    }

    @Test("IPv6 skips vrrp6.N among the numbered names; none free gives nil")
    func candidates() {
        let v6 = VirtualMACNaming.candidates(virtualRouterID: 7, family: .ipv6)
        #expect(
            Array(v6.prefix(8)) == [
                "vrrp.7", "vrrp6.7", "vrrp1.7", "vrrp2.7", "vrrp3.7", "vrrp4.7", "vrrp5.7", "vrrp7.7",
            ])
        #expect(v6.filter { $0 == "vrrp6.7" }.count == 1)
        let v4 = VirtualMACNaming.candidates(virtualRouterID: 7, family: .ipv4)
        #expect(v4.contains("vrrp6.7"))
        #expect(v4.count == 100)
        #expect(VirtualMACNaming.name(configured: nil, virtualRouterID: 7, family: .ipv4) { _ in nil } == nil)
    }

    @Test("the VMAC carries the virtual router MAC of its family")
    func hardwareAddress() {
        let v4 = VirtualMACInterface(name: "vrrp.51", parent: "eth0", virtualRouterID: 51, family: .ipv4)
        let v6 = VirtualMACInterface(name: "vrrp6.255", parent: "eth0", virtualRouterID: 255, family: .ipv6)
        #expect(v4.hardwareAddress.description == "00:00:5e:00:01:33")
        #expect(v6.hardwareAddress.description == "00:00:5e:00:02:ff")
        #expect(v4.disablesIPv6)
        #expect(!v6.disablesIPv6)
        #expect(v4.description == "vrrp.51 (00:00:5e:00:01:33 on eth0)")
    }

    // MARK: keepalived.conf

    func load(_ text: String) -> KeepalivedConfiguration {
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        return loader.load(path: "/etc/keepalived/keepalived.conf").configuration
    }

    func instanceText(_ name: String, _ lines: String, vip: String = "192.0.2.100/24") -> String {
        """
        vrrp_instance \(name) {
            interface eth0
            virtual_router_id 51
            priority 100
            \(lines)
            virtual_ipaddress { \(vip) }
        }

        """
    }

    @Test("use_vmac [NAME] and vmac_xmit_base become the instance's VMAC setting; strict mode drops xmit_base")
    func conversion() throws {
        let config = load(
            instanceText("PLAIN", "advert_int 1")
                + instanceText("DEFAULT", "use_vmac")
                + instanceText("NAMED", "use_vmac vmac51\n    vmac_xmit_base")
                + instanceText("STRICT", "use_vmac\n    vmac_xmit_base\n    strict_mode on"))
        let node = try NodeConfiguration(keepalived: config)
        let byName = Dictionary(uniqueKeysWithValues: node.instances.map { ($0.name, $0.virtualMAC) })
        #expect(byName["PLAIN"] == .some(nil))
        #expect(byName["DEFAULT"] == VirtualMACConfiguration(interfaceName: nil, transmitOnBase: false))
        #expect(byName["NAMED"] == VirtualMACConfiguration(interfaceName: "vmac51", transmitOnBase: true))
        #expect(byName["STRICT"] == VirtualMACConfiguration(interfaceName: nil, transmitOnBase: false))

        let warnings = NodeConfiguration.unsupportedFeatures(in: config)
        #expect(!warnings.contains { $0.contains("not applied") })
        #expect(warnings.contains { $0.hasPrefix("(STRICT) vmac_xmit_base is incompatible with strict mode") })
        #expect(!warnings.contains { $0.hasPrefix("(DEFAULT)") || $0.hasPrefix("(NAMED)") })
    }

    @Test("use_vmac NAME MAC: five octets take the VRID as the sixth; bad arguments are reported and ignored")
    func hardwareAddressArgument() throws {
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader([
                "/k.conf": instanceText("FIVE", "use_vmac vm51 02:00:5e:77:00")
                    + instanceText("SIX", "use_vmac 02:00:5e:77:00:01 vm6")
                    + instanceText("BAD", "use_vmac bad/name 02:00:zz:00:00")
            ]), configID: "node")
        let result = loader.load(path: "/k.conf")
        let node = try NodeConfiguration(keepalived: result.configuration)
        let settings = node.instances.map(\.virtualMAC)
        #expect(settings[0]?.interfaceName == "vm51")
        #expect(settings[0]?.hardwareAddress?.description == "02:00:5e:77:00:33")
        #expect(settings[1]?.interfaceName == "vm6")
        #expect(settings[1]?.hardwareAddress?.description == "02:00:5e:77:00:01")
        #expect(settings[2] == VirtualMACConfiguration())
        let messages = result.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("'bad/name' is not a valid interface name") })
        #expect(messages.contains { $0.contains("'02:00:zz:00:00' is not a MAC address") })
    }

    @Test("as keepalived 2.2.7: unicast peers imply vmac_xmit_base (named), vmac_xmit_base alone is named")
    func caveats() throws {
        let config = load(
            instanceText("UNICAST", "use_vmac\n    unicast_peer { 192.0.2.2 }")
                + instanceText("UNICASTBASE", "use_vmac\n    vmac_xmit_base\n    unicast_peer { 192.0.2.2 }")
                + instanceText("ALONE", "vmac_xmit_base")
                + instanceText("LABEL", "use_vmac", vip: "192.0.2.100/24 label eth0:vip"))
        let warnings = NodeConfiguration.unsupportedFeatures(in: config)
        #expect(warnings.contains { $0.hasPrefix("(UNICAST) unicast with use_vmac requires vmac_xmit_base: set") })
        #expect(!warnings.contains { $0.hasPrefix("(UNICASTBASE)") })
        #expect(warnings.contains { $0.hasPrefix("(ALONE) vmac_xmit_base is only valid with use_vmac") })
        let node = try NodeConfiguration(keepalived: config)
        #expect(warnings.contains { $0.hasPrefix("(LABEL) 192.0.2.100 goes on the VMAC without its label eth0:vip") })
        #expect(node.instances.map { $0.virtualMAC?.transmitOnBase } == [true, true, nil, false])
        #expect(node.instances.last?.addresses.first?.label == "eth0:vip", "the node drops it when it places it")
    }

    // MARK: The node

    func router(
        _ vrid: UInt8, _ family: AddressFamily, _ vip: IPAddress, priority: UInt8 = 255
    )
        -> VirtualRouter.Configuration
    {
        VirtualRouter.Configuration(
            virtualRouterID: vrid, family: family, version: .v3, priority: priority,
            advertisementInterval: AdvertisementInterval(centiseconds: 5), virtualAddresses: [vip],
            primaryAddress: nil, interfaceName: "eth0")
    }

    static let vip4 = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))
    static let vip6 = IPAddress.ipv6(IPv6Address("2001:db8::100")!)

    func run(
        _ instances: [NodeConfiguration.Instance], refusedParents: Set<String> = [],
        _ body: (VRRPNode, VirtualMACFakeControl, VirtualMACFakeEnvironment) throws -> Void
    ) throws {
        let control = VirtualMACFakeControl(
            primary: [.ipv4: .ipv4(IPv4Address(192, 0, 2, 1)), .ipv6: .ipv6(IPv6Address("fe80::1")!)],
            refusedParents: refusedParents)
        let environment = VirtualMACFakeEnvironment(host: "a", segment: InMemorySegment(), control: control)
        var logger = Logger(label: "test.vmac")
        logger.logLevel = .critical
        let node = VRRPNode(
            configuration: NodeConfiguration(instances: instances), environment: environment, logger: logger)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        try body(node, control, environment)
        #expect(thread.stop())
        #expect(thread.error == nil)
    }

    @Test("IPv4 and IPv6 instances of one VRID: vrrp.51 and vrrp6.51, VIPs and sockets on them, deleted at stop")
    func bothFamilies() throws {
        let instances = [
            NodeConfiguration.Instance(
                name: "V4", interface: "eth0", router: router(51, .ipv4, Self.vip4),
                virtualMAC: VirtualMACConfiguration()),
            NodeConfiguration.Instance(
                name: "V6", interface: "eth0", router: router(51, .ipv6, Self.vip6),
                virtualMAC: VirtualMACConfiguration()),
        ]
        var control: VirtualMACFakeControl?
        try run(instances) { node, fake, environment in
            control = fake
            #expect(eventually { node.status.count == 2 && node.status.allSatisfy { $0.state == .master } })
            #expect(node.status.map(\.virtualMACInterface) == ["vrrp.51", "vrrp6.51"])
            #expect(node.status.map(\.interface) == ["eth0", "eth0"])
            let state = fake.state.withLock { $0 }
            #expect(state.addresses["vrrp.51"] == [Self.vip4])
            #expect(state.addresses["vrrp6.51"] == [Self.vip6])
            #expect(state.addresses["eth0"] ?? [] == [])
            #expect(state.vmacs["vrrp.51"]?.hardwareAddress.description == "00:00:5e:00:01:33")
            #expect(state.vmacs["vrrp6.51"]?.hardwareAddress.description == "00:00:5e:00:02:33")
            #expect(environment.transports.withLock { $0 } == ["vrrp.51", "vrrp6.51"])
            let document = StatusDocument(
                statuses: node.status, presentAddresses: nil, monotonicNow: 0, wallNow: Date(), pid: 1)
            #expect(document.instances.map(\.vmacInterface) == ["vrrp.51", "vrrp6.51"])
            let json = try document.jsonLine()
            #expect(json.contains(#""vmacInterface":"vrrp6.51""#))
            #expect(document.renderText().contains("  vmac       vrrp.51\n"))
        }
        let journal = try #require(control).state.withLock { $0.journal }
        // At stop the VIPs go first, then the VMACs.
        let removed = try #require(journal.firstIndex(of: "-vrrp.51 \(Self.vip4)"))
        let deleted = try #require(journal.firstIndex(of: "down vrrp.51"))
        #expect(removed < deleted)
        #expect(journal.contains("down vrrp6.51"))
        #expect(try #require(control).state.withLock { $0.vmacs.isEmpty })
    }

    @Test("vmac_xmit_base: the socket on the parent, announcements and VIPs on the VMAC (with its own MAC)")
    func transmitOnBase() throws {
        let mac = MACAddress(0x0200_5E77_0033)
        let instances = [
            NodeConfiguration.Instance(
                name: "V4", interface: "eth0", router: router(51, .ipv4, Self.vip4),
                virtualMAC: VirtualMACConfiguration(interfaceName: "vmac51", transmitOnBase: true, hardwareAddress: mac)
            )
        ]
        try run(instances) { node, fake, environment in
            #expect(eventually { node.status.first?.state == .master })
            #expect(environment.transports.withLock { $0 } == ["eth0>vmac51"])
            #expect(fake.state.withLock { $0.addresses["vmac51"] } == [Self.vip4])
            #expect(fake.state.withLock { $0.vmacs["vmac51"]?.hardwareAddress } == mac)
            #expect(node.status.first?.virtualMACInterface == "vmac51")
        }
    }

    @Test("a refused macvlan puts that instance in FAULT; the node and its other instances run on")
    func refused() throws {
        let instances = [
            NodeConfiguration.Instance(
                name: "LO", interface: "lo", router: router(52, .ipv4, .ipv4(IPv4Address(192, 0, 2, 200))),
                virtualMAC: VirtualMACConfiguration()),
            NodeConfiguration.Instance(
                name: "V4", interface: "eth0", router: router(51, .ipv4, Self.vip4),
                virtualMAC: VirtualMACConfiguration()),
        ]
        try run(instances, refusedParents: ["lo"]) { node, fake, _ in
            #expect(eventually { node.status.last?.state == .master })
            let refused = try #require(node.status.first)
            #expect(refused.state == .fault)
            #expect(refused.faultCauses == [.trackedItem("vmac:vrrp.52")])
            #expect(refused.trackedItems.contains { $0.name == "vmac:vrrp.52" && !$0.isUp })
            let state = fake.state.withLock { $0 }
            #expect(state.vmacs.keys.sorted() == ["vrrp.51"])
            #expect(!state.addresses.values.contains { $0.contains(.ipv4(IPv4Address(192, 0, 2, 200))) })
        }
    }

    @Test("a reload keeps the VMAC: a new VIP goes on it; an instance removed by a reload loses its VMAC")
    func reload() throws {
        let extra = IPAddress.ipv4(IPv4Address(192, 0, 2, 101))
        func instances(_ vips: [IPAddress]) -> [NodeConfiguration.Instance] {
            var router = router(51, .ipv4, Self.vip4)
            router.virtualAddresses = vips
            return [
                NodeConfiguration.Instance(
                    name: "V4", interface: "eth0", router: router, virtualMAC: VirtualMACConfiguration())
            ]
        }
        try run(instances([Self.vip4])) { node, fake, _ in
            #expect(eventually { node.status.first?.state == .master })
            node.reload(NodeConfiguration(instances: instances([Self.vip4, extra])))
            #expect(eventually { fake.state.withLock { $0.addresses["vrrp.51"] } == [Self.vip4, extra] })
            #expect(fake.state.withLock { $0.addresses["eth0"] ?? [] }.isEmpty)
            #expect(node.status.first?.virtualMACInterface == "vrrp.51")
            #expect(!fake.state.withLock { $0.journal }.contains("down vrrp.51"))
            node.reload(NodeConfiguration(instances: []))
            #expect(eventually { fake.state.withLock { $0.vmacs.isEmpty } })
            let journal = fake.state.withLock { $0.journal }
            #expect(journal.suffix(3) == ["-vrrp.51 \(Self.vip4)", "-vrrp.51 \(extra)", "down vrrp.51"])
        }
    }

    @Test("a VIP left on a reused VMAC by a killed run is removed before the instance starts")
    func staleAddressOnReusedVMAC() throws {
        let instances = [
            NodeConfiguration.Instance(
                name: "V4", interface: "eth0", router: router(51, .ipv4, Self.vip4, priority: 100),
                virtualMAC: VirtualMACConfiguration())
        ]
        let control = VirtualMACFakeControl(primary: [.ipv4: .ipv4(IPv4Address(192, 0, 2, 1))])
        control.state.withLock {
            $0.vmacs["vrrp.51"] = VirtualMACInterface(
                name: "vrrp.51", parent: "eth0", virtualRouterID: 51, family: .ipv4)
            $0.addresses["vrrp.51"] = [Self.vip4]
        }
        let environment = VirtualMACFakeEnvironment(host: "a", segment: InMemorySegment(), control: control)
        var logger = Logger(label: "test.vmac")
        logger.logLevel = .critical
        let node = VRRPNode(
            configuration: NodeConfiguration(instances: instances), environment: environment, logger: logger)
        let thread = NodeThread(node)
        defer { _ = thread.stop() }
        #expect(eventually { node.status.first?.state == .backup })
        let journal = control.state.withLock { $0.journal }
        #expect(journal.prefix(2) == ["up vrrp.51", "-vrrp.51 \(Self.vip4)"])
        #expect(node.status.first?.state == .backup)
        #expect(thread.stop())
    }
}
