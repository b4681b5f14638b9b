import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("keepalived's VRRPv2 over IPv6 to a node configuration")
struct KeepalivedVersion2OverIPv6ConversionTests {
    func node(global: String = "", authentication: String = "") throws -> NodeConfiguration {
        let text = """
            global_defs {
            \(global)
            }
            vrrp_instance VI_6 {
                interface eth0
                virtual_router_id 62
                priority 150
                version 2
                advert_int 1
            \(authentication)
                virtual_ipaddress { 2001:db8::100/64 }
            }
            """
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        return try NodeConfiguration(keepalived: loader.load(path: "/etc/keepalived/keepalived.conf").configuration)
    }

    @Test("version 2 without vrrp_strict: a v2 IPv6 router that validates, as keepalived runs it")
    func version2() throws {
        let router = try #require(try node().instances.first?.router)
        #expect(router.version == .v2)
        #expect(router.family == .ipv6)
        #expect(router.advertisementInterval == .seconds(1))
        #expect(throws: Never.self) { try router.validate() }
    }

    @Test("PASS is kept as the auth type to send and match; AH (IPv4 only) is dropped")
    func authentication() throws {
        let pass = try #require(
            try node(authentication: "authentication {\n auth_type PASS\n auth_pass s3cret\n}").instances.first)
        #expect(pass.router.authentication == .password(AuthenticationData(password: "s3cret")))
        #expect(throws: Never.self) { try pass.router.validate() }
        let ah = try #require(
            try node(authentication: "authentication {\n auth_type AH\n auth_pass s3cret\n}").instances.first)
        #expect(ah.router.authentication == VirtualRouter.Authentication.none)
        #expect(ah.authenticationHeaderKey == nil)
        #expect(throws: Never.self) { try ah.router.validate() }
    }

    @Test("vrrp_strict: the router runs VRRPv3 without authentication, as keepalived does")
    func strict() throws {
        let router = try #require(
            try node(global: "vrrp_strict", authentication: "authentication {\n auth_type PASS\n auth_pass x\n}")
                .instances.first?.router)
        #expect(router.version == .v3)
        #expect(router.authentication == VirtualRouter.Authentication.none)
    }
}
