import Testing
import VRRPStateMachine

@Suite("Tracked priority arithmetic as keepalived computes it")
struct TrackedPriorityTests {
    /// (weight, reverse, isUp, expected contribution), from keepalived's rules: a positive weight counts while
    /// up, a negative one while down, and `reverse` flips the sign of what counts.
    @Test(
        "one item's contribution",
        arguments: [
            (10, false, true, 10), (10, false, false, 0), (-10, false, true, 0), (-10, false, false, -10),
            (10, true, true, -10), (10, true, false, 0), (-10, true, true, 0), (-10, true, false, 10),
            (0, false, true, 0), (0, false, false, 0), (0, true, true, 0), (0, true, false, 0),
        ])
    func contribution(weight: Int, reverse: Bool, isUp: Bool, expected: Int) {
        #expect(TrackedPriority.contribution(weight: weight, reverse: reverse, isUp: isUp) == expected)
    }

    @Test("weight 0 faults while down, or while up with reverse")
    func weightZeroFault() {
        #expect(TrackedPriority.causesFault(weight: 0, reverse: false, isUp: false))
        #expect(!TrackedPriority.causesFault(weight: 0, reverse: false, isUp: true))
        #expect(TrackedPriority.causesFault(weight: 0, reverse: true, isUp: true))
        #expect(!TrackedPriority.causesFault(weight: 0, reverse: true, isUp: false))
        #expect(!TrackedPriority.causesFault(weight: -5, reverse: false, isUp: false))
    }

    @Test(
        "clamped to 1–254; an owner is never changed",
        arguments: [
            (UInt8(100), -60, UInt8(40)), (100, -99, 1), (100, -200, 1), (100, 154, 254), (100, 200, 254),
            (254, 10, 254), (1, -1, 1), (255, -100, 255), (255, 10, 255), (200, 0, 200),
        ])
    func clamping(base: UInt8, total: Int, expected: UInt8) {
        #expect(TrackedPriority.effectivePriority(base: base, totalWeight: total) == expected)
    }

    @Test("items sum before clamping")
    func sums() {
        let items = [
            TrackedItem(name: "a", weight: -30), TrackedItem(name: "b", weight: 20),
            TrackedItem(name: "c", weight: 50, reverse: true), TrackedItem(name: "d", weight: 0),
        ]
        #expect(TrackedPriority.effectivePriority(base: 100, items: items, states: [false, true, true, false]) == 40)
        #expect(TrackedPriority.effectivePriority(base: 100, items: items, states: [true, true, false, true]) == 120)
        #expect(TrackedPriority.effectivePriority(base: 20, items: items, states: [false, false, true, true]) == 1)
    }
}
