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

    /// The actions of a step down: a priority-0 advert, then the addresses off, then the transition.
    static func expectStepDown(_ actions: [VirtualRouter.Action], reason: VirtualRouter.TransitionReason) {
        #expect(actions.count == 3)
        guard actions.count == 3 else { return }
        if case .sendAdvertisement(let advert) = actions[0] {
            #expect(advert.priority == 0)
        } else {
            Issue.record("the first action is not a priority-0 advert: \(actions[0])")
        }
        #expect(actions[1] == .removeAddresses([Self.vip]))
        #expect(actions[2] == .stateChanged(from: .master, to: .backup, reason: reason))
    }

    @Test("a master steps down as keepalived's: priority 0, addresses off, back to Master after Skew_Time if alone")
    func masterFallsBack() throws {
        var router = try master()
        let now = VRRPInstant(nanoseconds: 1_000_000_000)
        let actions = router.handle(.virtualAddressLost(Self.vip), now: now)
        Self.expectStepDown(actions, reason: .virtualAddressLost(Self.vip))
        #expect(router.state == .backup)
        #expect(router.statistics.priorityZeroPacketsSent == 1)
        // It listens for a master again, for Skew_Time only: with no better master it is back well before a
        // backup's Master_Down_Interval, and re-adds its addresses.
        #expect(router.masterDownTimer == now + router.skewTime)
        #expect(router.skewTime < router.masterDownInterval)
        let retaken = router.handleTimeouts(now: now + router.skewTime)
        #expect(router.state == .master)
        #expect(retaken.contains(.addAddresses([Self.vip])))
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

    @Test("a lost virtual route or rule sends a master to Backup once, naming it; a backup ignores it")
    func routeLost() throws {
        var router = try master()
        let now = VRRPInstant(nanoseconds: 2_000_000_000)
        let route = "route 192.0.2.128/25 dev eth0 table 100"
        Self.expectStepDown(router.handle(.virtualRouteLost(route), now: now), reason: .virtualRouteLost(route))
        #expect(router.masterDownTimer == now + router.skewTime)
        #expect(router.handle(.virtualRouteLost(route), now: now).isEmpty)
        #expect(router.state == .backup)
        #expect(VirtualRouter.TransitionReason.virtualRouteLost(route).description == "\(route) deleted")
    }
}
