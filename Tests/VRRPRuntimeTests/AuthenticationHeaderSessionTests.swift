import Testing
import VRRPConfig
import VRRPRuntime
import VRRPStateMachine
import VRRPWire

@Suite("auth_type AH: keepalived's counters and conversion")
struct AuthenticationHeaderSessionTests {
    static let key = AuthenticationData(password: "s3cret").octets
    static let advert = Advertisement(
        version: .v2, virtualRouterID: 51, priority: 100, addresses: .ipv4([IPv4Address(192, 0, 2, 100)]),
        authenticationType: .ipAuthenticationHeader)

    static func packet(sequence: UInt32, key: [UInt8] = key) throws -> [UInt8] {
        try AuthenticationHeader.authenticatedIPv4Packet(
            advert, source: IPv4Address(192, 0, 2, 2), destination: .vrrpMulticast, identification: 9,
            sequenceNumber: sequence, key: key)
    }

    @Test("sending counts sequence numbers and Identifications from 1")
    func outgoing() {
        let session = AuthenticationHeaderSession()
        let first = session.nextOutgoing(asMaster: true)
        let second = session.nextOutgoing(asMaster: true)
        #expect(first.sequenceNumber == 1 && first.identification == 1)
        #expect(second.sequenceNumber == 2 && second.identification == 2)
    }

    @Test("the Identification skips 0 when it wraps")
    func identificationWrap() {
        let session = AuthenticationHeaderSession()
        var last: UInt16 = 0
        for _ in 0..<65_536 { last = session.nextOutgoing(asMaster: true).identification }
        #expect(last == 1)
    }

    @Test("a received advert must carry a sequence number above the last one sent or accepted")
    func replay() throws {
        let session = AuthenticationHeaderSession()
        #expect(session.check(ipv4Packet: try Self.packet(sequence: 5), key: Self.key, zeroTimeToLive: false) == nil)
        #expect(session.sequenceNumber == 5)
        #expect(
            session.check(ipv4Packet: try Self.packet(sequence: 5), key: Self.key, zeroTimeToLive: false)
                == .replayed(sequenceNumber: 5, last: 5))
        #expect(
            session.check(ipv4Packet: try Self.packet(sequence: 4), key: Self.key, zeroTimeToLive: false)
                == .replayed(sequenceNumber: 4, last: 5))
        #expect(session.check(ipv4Packet: try Self.packet(sequence: 9), key: Self.key, zeroTimeToLive: false) == nil)
        // A backup that takes over continues after its old master's number, so the old master accepts it.
        #expect(session.nextOutgoing(asMaster: true).sequenceNumber == 10)
    }

    @Test("a wrong key is refused for its ICV and leaves the counter alone")
    func wrongKey() throws {
        let session = AuthenticationHeaderSession()
        let other = AuthenticationData(password: "other").octets
        let refusal = session.check(
            ipv4Packet: try Self.packet(sequence: 3, key: other), key: Self.key,
            zeroTimeToLive: false)
        guard case .verification(.integrityCheckFailed) = refusal else {
            Issue.record("expected an ICV failure, got \(String(describing: refusal))")
            return
        }
        #expect(refusal?.description.contains("invalid IPSEC HMAC-MD5 value") == true)
        #expect(session.sequenceNumber == 0)
    }

    @Test("at 0xFFFFFFFE the sequence number stops, and restarts from 1 when the instance next becomes master")
    func cycle() throws {
        let session = AuthenticationHeaderSession(sequenceNumber: 0xFFFF_FFFD)
        #expect(session.nextOutgoing(asMaster: true).sequenceNumber == 0xFFFF_FFFE)
        #expect(session.nextOutgoing(asMaster: true).sequenceNumber == 0xFFFF_FFFE)
        #expect(session.cycled)
        #expect(session.nextOutgoing(asMaster: false).sequenceNumber == 0xFFFF_FFFE)
        #expect(session.nextOutgoing(asMaster: true).sequenceNumber == 1)
        #expect(!session.cycled)
    }

    @Test("a truncated packet is refused as malformed")
    func malformed() throws {
        let session = AuthenticationHeaderSession()
        let bytes = try Self.packet(sequence: 1)
        guard case .malformed = session.check(ipv4Packet: Array(bytes[..<30]), key: Self.key, zeroTimeToLive: false)
        else {
            Issue.record("a truncated packet was not refused as malformed")
            return
        }
    }

    @Test("auth_type AH in keepalived.conf gives the router AH and the 8-octet key; no warning")
    func conversion() throws {
        let text = """
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                priority 150
                version 2
                authentication {
                    auth_type AH
                    auth_pass secret-and-more
                }
                virtual_ipaddress { 192.0.2.100 }
            }
            vrrp_instance VI_2 {
                interface eth0
                virtual_router_id 52
                priority 150
                version 2
                authentication {
                    auth_type PASS
                    auth_pass secret
                }
                virtual_ipaddress { 192.0.2.101 }
            }
            """
        let loader = KeepalivedConfigLoader(
            reader: InMemoryConfigReader(["/etc/keepalived/keepalived.conf": text]), configID: "node")
        let config = loader.load(path: "/etc/keepalived/keepalived.conf").configuration
        let node = try NodeConfiguration(keepalived: config)
        let ah = try #require(node.instances.first { $0.name == "VI_1" })
        #expect(ah.router.authentication == .ipAuthenticationHeader)
        #expect(ah.authenticationHeaderKey == Array("secret-a".utf8))
        let pass = try #require(node.instances.first { $0.name == "VI_2" })
        #expect(pass.authenticationHeaderKey == nil)
        #expect(NodeConfiguration.unsupportedFeatures(in: config).isEmpty)
    }
}
