import Testing
import VRRPStateMachine
import VRRPWire

@Suite("the advertisement timer does not drift")
struct AdverTimerDriftTests {
    /// A master of VRID 51 at `interval` centiseconds, made master by letting its master-down timer expire.
    func master(centiseconds: UInt16) throws -> (VirtualRouter, VRRPInstant) {
        let configuration = VirtualRouter.Configuration(
            virtualRouterID: 51, family: .ipv4, version: .v3, priority: 150,
            advertisementInterval: AdvertisementInterval(centiseconds: centiseconds),
            virtualAddresses: [.ipv4(IPv4Address(192, 0, 2, 100))], primaryAddress: .ipv4(IPv4Address(192, 0, 2, 1)),
            interfaceName: "eth0")
        var router = try VirtualRouter(configuration: configuration)
        let start = VRRPInstant(nanoseconds: 1_000_000_000)
        _ = router.handle(.interfaceStateChanged(isUp: true), now: start)
        _ = router.handle(.startup, now: start)
        let down = try #require(router.masterDownTimer)
        _ = router.handleTimeouts(now: down)
        #expect(router.state == .master)
        return (router, down)
    }

    @Test("woken 3 ms late every time, the 100th advert is still due at start + 100 intervals")
    func lateWakeUpsDoNotAccumulate() throws {
        var (router, becameMaster) = try master(centiseconds: 1)
        let interval = Duration.milliseconds(10)
        #expect(router.adverTimer == becameMaster + interval)
        for _ in 0..<99 {
            let deadline = try #require(router.adverTimer)
            let actions = router.handleTimeouts(now: deadline + .milliseconds(3))
            #expect(actions.contains { if case .sendAdvertisement = $0 { true } else { false } })
        }
        #expect(router.adverTimer == becameMaster + interval * 100)
    }

    @Test("after a stall longer than an interval the next advert is one interval after the late one, not a burst")
    func stallRestartsFromNow() throws {
        var (router, _) = try master(centiseconds: 1)
        let deadline = try #require(router.adverTimer)
        let late = deadline + .milliseconds(25)
        _ = router.handleTimeouts(now: late)
        #expect(router.adverTimer == late + .milliseconds(10))
    }
}
