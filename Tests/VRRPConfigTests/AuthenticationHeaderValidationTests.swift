import Foundation
import Testing
import VRRPConfig
import VRRPWire

@Suite("auth_type AH: where keepalived allows it")
struct AuthenticationHeaderValidationTests {
    static let auth = "    authentication {\n        auth_type AH\n        auth_pass secret\n    }"

    @Test("VRRPv2 over IPv4 takes AH without a warning")
    func allowed() {
        let result = load(instanceText(extra: Self.auth + "\n    version 2"))
        #expect(result.first(.authIgnored) == nil)
        #expect(result.configuration.instances.first?.authentication?.type == .ipAuthenticationHeader)
    }

    @Test("AH on an IPv6 instance is named as IPv4-only (keepalived: Cannot use AH authentication with IPv6)")
    func ipv6() {
        let text = instanceText(extra: Self.auth + "\n    version 2").replacingOccurrences(
            of: "192.0.2.10/24", with: "2001:db8::10/64")
        let finding = load(text).first(.authIgnored)
        #expect(finding?.severity == .warning)
        #expect(finding?.message.contains("auth_type AH is for VRRPv2 over IPv4 only") == true)
    }

    @Test("AH with VRRPv3 over IPv4 is ignored as v3 has no authentication")
    func version3() {
        let finding = load(instanceText(extra: Self.auth + "\n    version 3")).first(.authIgnored)
        #expect(finding?.message.contains("VRRPv3 has no authentication") == true)
    }
}
