import Testing
import VRRPStateMachine
import VRRPWire

@Suite("a virtual address removed behind the router's back")
struct VirtualAddressLostTests {
    static let vip = IPAddress.ipv4(IPv4Address(192, 0, 2, 100))

    func master() throws -> VirtualRouter {
        var router = try VirtualRouter(
            configuration: VirtualRouter.Configuration(
                virtualRouterID: 51, priority: 255, virtualAddresses: [Self.vip],
                primaryAddress: .ipv4(IPv4Address(192, 0, 2, 1))))
        _ = router.handle(.interfaceStateChanged(isUp: true), now: .zero)
        _ = router.handle(.startup, now: .zero)
        #expect(router.state == .master)
        return router
    }

    @Test("a master falls back to Backup, releasing its addresses, and names the address")
    func masterFallsBack() throws {
        var router = try master()
        let now = VRRPInstant(nanoseconds: 1_000_000_000)
        let actions = router.handle(.virtualAddressLost(Self.vip), now: now)
        #expect(
            actions == [
                .removeAddresses([Self.vip]),
                .stateChanged(from: .master, to: .backup, reason: .virtualAddressLost(Self.vip)),
            ])
        #expect(router.state == .backup)
        // It listens for a master again: its master-down timer runs from now.
        #expect(router.masterDownTimer == now + router.masterDownInterval)
    }

    @Test("an address that is not the router's, or a router that is not master, changes nothing")
    func ignored() throws {
        var router = try master()
        #expect(router.handle(.virtualAddressLost(.ipv4(IPv4Address(192, 0, 2, 200))), now: .zero).isEmpty)
        #expect(router.state == .master)
        _ = router.handle(.virtualAddressLost(Self.vip), now: .zero)
        #expect(router.handle(.virtualAddressLost(Self.vip), now: .zero).isEmpty)
        #expect(router.state == .backup)
    }
}
