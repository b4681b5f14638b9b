import Testing
import VRRPConfig
import VRRPWire

@Suite("virtual_routes and virtual_rules parsing")
struct VirtualRouteParsingTests {
    /// Loads one instance with a `virtual_routes` block of `lines`.
    static func routes(_ lines: String) -> (routes: [VirtualRoute], result: ConfigLoadResult) {
        let result = load(instanceText(extra: "    virtual_routes {\n        \(lines)\n    }"))
        return (result.configuration.instances.first?.virtualRoutes ?? [], result)
    }

    /// Loads one instance with a `virtual_rules` block of `lines`.
    static func rules(_ lines: String) -> (rules: [VirtualRule], result: ConfigLoadResult) {
        let result = load(instanceText(extra: "    virtual_rules {\n        \(lines)\n    }"))
        return (result.configuration.instances.first?.virtualRules ?? [], result)
    }

    @Test("every core route option is read")
    func everyRouteOption() throws {
        let (routes, result) = Self.routes(
            "192.0.2.128/25 src 192.0.2.10 via 192.0.2.254 dev eth0 metric 7 table 100 scope link proto static "
                + "onlink no_track")
        #expect(result.codes(.error).isEmpty && result.codes(.warning).isEmpty)
        let route = try #require(routes.first)
        #expect(route.family == .ipv4)
        #expect(route.destination == IPAddress("192.0.2.128") && route.prefixLength == 25)
        #expect(route.source == IPAddress("192.0.2.10") && route.gateway == IPAddress("192.0.2.254"))
        #expect(route.device == "eth0" && route.metric == 7 && route.table == 100)
        #expect(route.scope == 253 && route.protocolNumber == 4 && route.onLink && route.noTrack)
        #expect(route.kind == .unicast && route.unsupportedOptions.isEmpty)
        #expect(route.location?.line == 10)
    }

    @Test(
        "destinations: default, default6, bare addresses, `to`, src before the destination",
        arguments: [
            ("default via 192.0.2.1", AddressFamily.ipv4, nil as String?, UInt8(0)),
            ("default6 via fe80::1 dev eth0", .ipv6, nil, 0),
            ("default via inet6 2001:db8::1 dev eth0", .ipv6, nil, 0),
            ("192.0.2.7 dev eth0", .ipv4, "192.0.2.7", 32),
            ("2001:db8::/64 dev eth0 src 2001:db8::100 scope link table 1", .ipv6, "2001:db8::", 64),
            ("src 192.0.2.1 to 192.0.2.64/26 dev eth0 no_track", .ipv4, "192.0.2.64", 26),
            ("0.0.0.0/0 via 192.0.2.1 dev eth1", .ipv4, "0.0.0.0", 0),
        ])
    func destinations(line: String, family: AddressFamily, destination: String?, length: UInt8) throws {
        let (routes, result) = Self.routes(line)
        #expect(result.codes(.error).isEmpty)
        let route = try #require(routes.first)
        #expect(route.family == family)
        #expect(route.destination == destination.flatMap { IPAddress($0) })
        #expect(route.prefixLength == length)
    }

    @Test("route types and named tables")
    func typesAndTables() {
        let (routes, result) = Self.routes(
            "blackhole 192.0.2.1/32\n        unreachable 192.0.2.2/32 table main\n"
                + "        prohibit 192.0.2.3/32 table local\n        192.0.2.4/32 dev eth0 table default")
        #expect(result.codes(.error).isEmpty)
        #expect(routes.map(\.kind) == [.blackhole, .unreachable, .prohibit, .unicast])
        #expect(routes.map(\.table) == [254, 254, 255, 253])
    }

    @Test("an unsupported option is kept and warned about, precisely")
    func unsupportedOption() throws {
        let (routes, result) = Self.routes("192.0.2.0/25 via 192.0.2.252 or 192.0.2.253 mtu 1400")
        #expect(result.codes(.error).isEmpty)
        let route = try #require(routes.first)
        #expect(route.unsupportedOptions == ["or 192.0.2.253", "mtu 1400"])
        let warnings = result.diagnostics.filter { $0.code == .notProvided }
        #expect(warnings.count == 2)
        #expect(warnings.first?.message.contains("'or 192.0.2.253'") == true)
        #expect(warnings.first?.location?.line == 10 && warnings.first?.location?.column == 38)
    }

    @Test("gw is read as via with a deprecation warning")
    func gatewayDeprecated() throws {
        let (routes, result) = Self.routes("0.0.0.0/0 gw 192.0.2.1 dev eth0 table 100")
        #expect(try #require(routes.first).gateway == IPAddress("192.0.2.1"))
        #expect(result.codes(.warning) == [.deprecated])
    }

    @Test(
        "bad route lines are errors naming the word, and the route is skipped",
        arguments: [
            ("default via x.x.x.x no_track", DiagnosticCode.invalidAddress, "x.x.x.x"),
            ("192.0.2.0/33 dev eth0", .invalidAddress, "33"),
            ("192.0.2.0/24 metric ten", .invalidNumber, "ten"),
            ("192.0.2.0/24 table 0", .invalidValue, "'0'"),
            ("192.0.2.0/24 scope galaxy", .invalidValue, "galaxy"),
            ("192.0.2.0/24 proto martian", .invalidValue, "martian"),
            ("192.0.2.0/24 frobnicate", .invalidValue, "frobnicate"),
            ("192.0.2.0/24 dev", .missingValue, "'dev'"),
            ("via 192.0.2.1", .missingValue, "no destination"),
            ("2001:db8::/64 via 192.0.2.1", .familyMismatch, "192.0.2.1"),
        ])
    func badRoute(line: String, code: DiagnosticCode, word: String) throws {
        let (routes, result) = Self.routes(line)
        #expect(routes.isEmpty)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.code == code)
        #expect(error.message.contains(word))
        #expect(error.location?.file == mainPath && error.location?.line == 10)
    }

    @Test("every core rule option is read")
    func everyRuleOption() throws {
        let (rules, result) = Self.rules(
            "from 192.0.2.100 to 192.0.2.0/25 iif eth0 oif eth1 fwmark 0x10/0xff table 100 priority 200 no_track")
        #expect(result.codes(.error).isEmpty && result.codes(.warning).isEmpty)
        let rule = try #require(rules.first)
        #expect(rule.family == .ipv4)
        #expect(rule.source == IPAddress("192.0.2.100") && rule.sourcePrefixLength == 32)
        #expect(rule.destination == IPAddress("192.0.2.0") && rule.destinationPrefixLength == 25)
        #expect(rule.inputInterface == "eth0" && rule.outputInterface == "eth1")
        #expect(rule.firewallMark == 16 && rule.firewallMask == 255)
        #expect(rule.table == 100 && rule.priority == 200 && rule.noTrack)
    }

    @Test(
        "rule spellings: lookup, preference, pref, all, IPv6",
        arguments: [
            ("from all lookup main preference 5", AddressFamily.ipv4, UInt32(254), UInt32(5)),
            ("to 2001:db8::/64 table 7 pref 9", .ipv6, 7, 9),
            ("from 2001:db8::100/128 table 1 priority 100", .ipv6, 1, 100),
        ])
    func ruleSpellings(line: String, family: AddressFamily, table: UInt32, priority: UInt32) throws {
        let (rules, result) = Self.rules(line)
        #expect(result.codes(.error).isEmpty)
        let rule = try #require(rules.first)
        #expect(rule.family == family && rule.table == table && rule.priority == priority)
    }

    @Test("a rule without priority is kept with keepalived's warning")
    func ruleWithoutPriority() throws {
        let (rules, result) = Self.rules("from 192.0.2.100 table 100")
        #expect(try #require(rules.first).priority == nil)
        #expect(result.codes(.warning) == [.missingValue])
        #expect(result.codes(.error).isEmpty)
    }

    @Test("an unsupported rule option is kept with a warning")
    func unsupportedRuleOption() throws {
        let (rules, result) = Self.rules("from 192.0.2.100 table 100 priority 3 sport 1024")
        #expect(try #require(rules.first).unsupportedOptions == ["sport 1024"])
        #expect(result.codes(.warning) == [.notProvided])
    }

    @Test(
        "bad rule lines are errors naming the word, and the rule is skipped",
        arguments: [
            ("to 192.0.2./24 table 2", DiagnosticCode.invalidAddress, "192.0.2./24"),
            ("from 192.0.2.1 table main priority -1", .invalidNumber, "-1"),
            ("from 192.0.2.1 fwmark 1/x priority 1", .invalidNumber, "1/x"),
            ("from 192.0.2.1 table nowhere priority 1", .invalidValue, "nowhere"),
            ("from 192.0.2.1 lookup", .missingValue, "'lookup'"),
            ("from 192.0.2.1 to 2001:db8::1 priority 1", .familyMismatch, "mixes"),
            ("from 192.0.2.1 sideways 3", .invalidValue, "sideways"),
        ])
    func badRule(line: String, code: DiagnosticCode, word: String) throws {
        let (rules, result) = Self.rules(line)
        #expect(rules.isEmpty)
        let error = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(error.code == code)
        #expect(error.message.contains(word))
        #expect(error.location?.line == 10)
    }

    @Test("the keywords are no longer listed as without effect")
    func notIgnored() {
        let result = load(
            instanceText(
                extra: "    virtual_routes {\n        192.0.2.0/25 dev eth0\n    }\n"
                    + "    virtual_rules {\n        from 192.0.2.1 table 5 priority 1\n    }"))
        let instance = result.configuration.instances[0]
        #expect(!instance.ignoredKeywords.contains("virtual_routes"))
        #expect(!instance.ignoredKeywords.contains("virtual_rules"))
        #expect(instance.virtualRoutes.count == 1 && instance.virtualRules.count == 1)
    }

    @Test("a block keyword without its block is an error")
    func blockExpected() {
        let result = load(instanceText(extra: "    virtual_routes"))
        #expect(result.codes(.error).contains(.blockExpected))
    }
}

@Suite("virtual_routes and virtual_rules in the effective configuration")
struct VirtualRouteDumpTests {
    @Test("the dump writes routes and rules that load back to the same model")
    func roundTrip() {
        let text = instanceText(
            extra: """
                    virtual_routes {
                        src 192.0.2.10 192.0.2.128/25 via 192.0.2.254 dev eth0 metric 7 table 100 scope link onlink
                        blackhole 192.0.2.200/32 proto static no_track
                        default6 via 2001:db8::1 dev eth0 table local mtu 1400
                    }
                    virtual_rules {
                        from 192.0.2.100 to 192.0.2.0/25 iif eth0 fwmark 0x10/0xff table 100 priority 5 no_track
                        to 2001:db8::/64 lookup main
                    }
                """)
        let first = load(text).configuration.instances[0]
        let second = load(load(text).configuration.effectiveText).configuration.instances[0]
        func plain(_ routes: [VirtualRoute]) -> [VirtualRoute] {
            routes.map {
                var route = $0
                route.location = nil
                return route
            }
        }
        func plain(_ rules: [VirtualRule]) -> [VirtualRule] {
            rules.map {
                var rule = $0
                rule.location = nil
                return rule
            }
        }
        #expect(first.virtualRoutes.count == 3 && first.virtualRules.count == 2)
        #expect(plain(first.virtualRoutes) == plain(second.virtualRoutes))
        #expect(plain(first.virtualRules) == plain(second.virtualRules))
    }
}

@Suite("virtual_routes against the host")
struct VirtualRouteHostTests {
    @Test("a route's missing interface is a warning at the route, as in keepalived; the instance's own is not repeated")
    func missingRouteInterface() throws {
        let text = instanceText(
            extra: "    virtual_routes {\n        192.0.2.128/25 dev eth0\n        192.0.2.0/25 dev vrrp.51\n    }")
        let result = load(text, interfaceExists: { $0 == "eth0" })
        let warning = try #require(result.diagnostics.first { $0.code == .missingInterface })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("vrrp.51"))
        #expect(warning.location?.line == 11)
        #expect(result.diagnostics.filter { $0.code == .missingInterface }.count == 1)
    }
}
