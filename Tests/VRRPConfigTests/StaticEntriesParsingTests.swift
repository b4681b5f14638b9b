import Testing
import VRRPConfig
import VRRPWire

@Suite("static_ipaddress, static_routes and static_rules parsing")
struct StaticEntriesParsingTests {
    static let text = """
        static_ipaddress {
            192.0.2.50/24 dev eth0 scope link
            2001:db8::50/64 dev eth0 no_track
            192.0.2.51/24
        }
        static_routes {
            192.0.2.192/26 dev eth0 table 100
            blackhole 192.0.2.250/32 table 100
        }
        static_rules {
            from 192.0.2.50 table 100 priority 200
        }

        """ + instanceText()

    @Test("the blocks fill the model; an address without dev goes on the default interface, as keepalived's")
    func blocks() throws {
        let result = load(Self.text)
        #expect(!result.hasErrors)
        let configuration = result.configuration
        #expect(
            configuration.staticAddresses.map(\.address)
                == [IPAddress("192.0.2.50"), IPAddress("2001:db8::50"), IPAddress("192.0.2.51")])
        #expect(configuration.staticAddresses.map(\.device) == ["eth0", "eth0", "eth0"])
        #expect(configuration.staticAddresses.first?.scope == "link")
        #expect(configuration.staticAddresses[1].flags.contains(.noTrack))
        #expect(configuration.staticRoutes.map(\.table) == [100, 100])
        #expect(configuration.staticRoutes.last?.kind == .blackhole)
        #expect(configuration.staticRules.map(\.priority) == [200])
        #expect(!result.diagnostics.contains { $0.code == .notProvided }, "static blocks are provided now")
    }

    @Test("a static address without dev takes default_interface as read so far, as keepalived's alloc_ipaddress")
    func defaultInterface() throws {
        let text =
            "static_ipaddress {\n    192.0.2.60/24\n}\nglobal_defs {\n    default_interface lan0\n}\n"
            + "static_ipaddress {\n    192.0.2.61/24\n    192.0.2.62/24 dev eth3\n}\n" + instanceText()
        let result = load(text)
        #expect(!result.hasErrors)
        #expect(result.configuration.staticAddresses.map(\.device) == ["eth0", "lan0", "eth3"])
        let checked = load(text, interfaceExists: { $0 == "eth0" || $0 == "eth3" })
        let missing = try #require(checked.first(.missingInterface))
        #expect(missing.severity == .warning && missing.message.hasPrefix("interface lan0 of a static address"))
    }

    @Test("a route without dev is not watched, as keepalived: a warning at its line unless no_track says so")
    func routeWithoutDevice() throws {
        let result = load(Self.text)
        let warning = try #require(result.first(.routeNotTracked))
        #expect(warning.severity == .warning && warning.location?.line == 8)
        #expect(warning.message.contains("192.0.2.250/32"))
        #expect(result.diagnostics.filter { $0.code == .routeNotTracked }.count == 1)
        let quiet = load(
            instanceText(extra: "    virtual_routes {\n        192.0.2.0/25 via 192.0.2.1 no_track\n    }"))
        #expect(quiet.first(.routeNotTracked) == nil)
    }

    @Test("the dump writes the static blocks, and they load back to the same entries")
    func dumpRoundTrip() throws {
        let first = load(Self.text).configuration
        let dumped = first.effectiveText
        #expect(dumped.contains("static_ipaddress {") && dumped.contains("static_rules {"))
        let again = load(dumped).configuration
        #expect(again.staticAddresses.map(\.description) == first.staticAddresses.map(\.description))
        #expect(again.staticRoutes.map(\.description) == first.staticRoutes.map(\.description))
        #expect(again.staticRules.map(\.description) == first.staticRules.map(\.description))
    }

    @Test("a static entry's missing interface is a warning at its line, once per interface")
    func missingInterface() throws {
        let result = load(Self.text, interfaceExists: { $0 != "eth0" })
        let warnings = result.diagnostics.filter {
            $0.code == .missingInterface && $0.message.contains("static address or route")
        }
        #expect(warnings.count == 1)
        #expect(warnings.first?.severity == .warning && warnings.first?.location?.line == 2)
        #expect(warnings.first?.message.contains("interface eth0") == true)
    }
}
