import Testing
import VRRPStateMachine
import VRRPTestSupport
import VRRPWire

/// keepalived's track_file arithmetic (core/track_file.c `update_track_file_status`,
/// `process_update_vrrp_track_file_status`; vrrp_track.c `initialise_file_tracking_priorities`).
@Suite("Tracked values (track_file) as keepalived computes them")
struct TrackedValueTests {
    static let file = "file:maint"

    /// (value, weight, reverse, contribution, fault).
    @Test(
        "one value's contribution and fault",
        arguments: [
            (0, -10, false, 0, false), (6, -10, false, -60, false), (-5, -10, false, 50, false),
            (25, -10, false, -250, false), (-253, 1, false, -253, false),
            // value × weight of −254 or less is keepalived's FAULT status, not a priority of 1.
            (26, -10, false, 0, true), (-254, 1, false, 0, true), (-1_000, 1, false, 0, true),
            // the product is limited to 253
            (30, 10, false, 253, false), (254, 1, false, 253, false),
            // reverse flips the product's sign
            (6, -10, true, 60, false), (6, 10, true, -60, false), (26, 10, true, 0, true),
            // weight 0: FAULT while the value is not 0 (while it is 0, with reverse), never a contribution
            (0, 0, false, 0, false), (1, 0, false, 0, true), (-3, 0, false, 0, true),
            (0, 0, true, 0, true), (7, 0, true, 0, false),
            // no overflow: the sign of the exact product decides
            (Int.max, 2, false, 253, false), (Int.max, -2, false, 0, true), (Int.min, -1, false, 253, false),
            (Int.min, 1, true, 253, false),
        ])
    func valueStatus(value: Int, weight: Int, reverse: Bool, contribution: Int, fault: Bool) {
        #expect(TrackedPriority.valueContribution(value: value, weight: weight, reverse: reverse) == contribution)
        #expect(TrackedPriority.valueCausesFault(value: value, weight: weight, reverse: reverse) == fault)
        let item = TrackedItem(valueNamed: Self.file, weight: weight, reverse: reverse)
        #expect(TrackedPriority.contribution(of: item, reading: value) == contribution)
        #expect(TrackedPriority.causesFault(item, reading: value) == fault)
    }

    /// (base, [(value, weight)], effective): each product is limited to −253…253 first (300 counts 253), the
    /// contributions then sum before the 1–254 clamp; an owner never moves.
    @Test(
        "effective priority with values",
        arguments: [
            (UInt8(150), [(6, -10)], UInt8(90)), (150, [(0, -10)], 150), (100, [(20, 10)], 254),
            (100, [(20, -10)], 1), (100, [(2, 100), (100, -1)], 200), (100, [(30, 10), (-20, 10)], 153),
            (255, [(6, -10)], 255), (255, [(30, 10)], 255), (100, [(26, -10)], 100),
        ])
    func effective(base: UInt8, items: [(Int, Int)], expected: UInt8) {
        let tracked = items.indices.map { TrackedItem(valueNamed: "file:\($0)", weight: items[$0].1) }
        let readings = items.map(\.0)
        #expect(TrackedPriority.effectivePriority(base: base, items: tracked, readings: readings) == expected)
    }

    @Test("a master at 150 with weight −10: 6 demotes it to 90 and an advert goes at once; 0 restores 150")
    func demoteAndRestore() throws {
        try expectTimeline(
            testConfiguration(priority: 150, trackedItems: [TrackedItem(valueNamed: Self.file, weight: -10)]),
            """
            at t = 0 s: startup
            at t = 0 s the router emits [Initialize->Backup (startup)]
            at t = 3.4140625 s the router emits [advert p=150] [add 192.0.2.100] [garp 192.0.2.100 x5] \
            [Backup->Master (master down)]
            at t = 4 s: track file:maint 6
            at t = 4 s the router emits [advert p=90]
            at t = 5 s the router emits [advert p=90]
            at t = 5.5 s: track file:maint 6
            at t = 5.5 s: track file:maint 0
            at t = 5.5 s the router emits [advert p=150]
            until t = 6 s
            """)
    }

    @Test("weight 0: a non-zero value is FAULT (also for an owner), 0 recovers; −254 or less with a weight too")
    func faults() throws {
        for priority: UInt8 in [100, 255] {
            var router = try VirtualRouter(
                configuration: testConfiguration(
                    priority: priority,
                    trackedItems: [
                        TrackedItem(valueNamed: Self.file, weight: 0),
                        TrackedItem(valueNamed: "file:other", weight: -10),
                    ]))
            _ = router.handle(.startup, now: .zero)
            #expect(router.state != .fault)
            _ = router.handle(.trackedItemValueChanged(name: Self.file, value: 3), now: .zero)
            #expect(router.state == .fault)
            #expect(router.faultCauses == [.trackedItem(Self.file)])
            #expect(router.hasOwnFault)
            _ = router.handle(.trackedItemValueChanged(name: Self.file, value: 0), now: .zero)
            #expect(router.state != .fault)
            _ = router.handle(.trackedItemValueChanged(name: "file:other", value: 26), now: .zero)
            #expect(router.faultCauses == [.trackedItem("file:other")])
            #expect(router.effectivePriority == priority)  // a faulting value contributes nothing
            _ = router.handle(.trackedItemValueChanged(name: "file:other", value: 25), now: .zero)
            #expect(router.faultCauses.isEmpty)
            #expect(router.effectivePriority == (priority == 255 ? 255 : 1))  // 100 − 250, clamped
        }
    }

    @Test("a value FAULT at startup: the router starts in Fault")
    func startsInFault() throws {
        var router = try VirtualRouter(
            configuration: testConfiguration(
                trackedItems: [TrackedItem(valueNamed: Self.file, weight: 0, initialValue: 1)]))
        let actions = router.handle(.startup, now: .zero)
        #expect(router.state == .fault)
        #expect(actions == [.stateChanged(from: .initialize, to: .fault, reason: .fault(.trackedItem(Self.file)))])
    }

    @Test("conditions and values mix: a condition told a value is up when it is not 0, a value told up reads 1")
    func mixedKinds() throws {
        var router = try VirtualRouter(
            configuration: testConfiguration(
                priority: 100,
                trackedItems: [
                    TrackedItem(name: "script:chk", weight: -20), TrackedItem(valueNamed: Self.file, weight: 5),
                ]))
        _ = router.handle(.trackedItemValueChanged(name: "script:chk", value: 0), now: .zero)
        #expect(router.effectivePriority == 80)
        #expect(router.trackedItemStates["script:chk"] == false)
        _ = router.handle(.trackedItemValueChanged(name: "script:chk", value: 7), now: .zero)
        #expect(router.effectivePriority == 100)
        #expect(router.trackedItemReadings["script:chk"] == 1)
        _ = router.handle(.trackedItemChanged(name: Self.file, isUp: true), now: .zero)
        #expect(router.trackedItemReadings[Self.file] == 1)
        #expect(router.effectivePriority == 105)
        _ = router.handle(.trackedItemValueChanged(name: Self.file, value: -4), now: .zero)
        #expect(router.effectivePriority == 80)
        #expect(router.handle(.trackedItemValueChanged(name: "file:unknown", value: 9), now: .zero).isEmpty)
    }

    @Test("a reload keeps a file's value and applies the new weight")
    func reloadKeepsValue() throws {
        var configuration = testConfiguration(
            priority: 150, trackedItems: [TrackedItem(valueNamed: Self.file, weight: -10)])
        var router = try VirtualRouter(configuration: configuration)
        _ = router.handle(.startup, now: .zero)
        _ = router.handle(.trackedItemValueChanged(name: Self.file, value: 6), now: .zero)
        #expect(router.effectivePriority == 90)
        configuration.trackedItems[0].weight = -20
        _ = router.handle(.configurationChanged(configuration), now: .zero)
        #expect(router.trackedItemReadings[Self.file] == 6)
        #expect(router.effectivePriority == 30)
    }

    @Test("sync group: a member's value FAULT holds the other member in Fault, and both recover")
    func syncGroupMembers() throws {
        var routers = [
            try VirtualRouter(
                configuration: testConfiguration(trackedItems: [TrackedItem(valueNamed: Self.file, weight: 0)])),
            try VirtualRouter(configuration: testConfiguration(virtualAddresses: ["192.0.2.200"])),
        ]
        var group = SyncGroup(memberCount: 2)
        for index in routers.indices {
            _ = routers[index].handle(.startup, now: .zero)
            _ = group.update(member: index, state: routers[index].state, hasOwnFault: routers[index].hasOwnFault)
        }
        _ = routers[0].handle(.trackedItemValueChanged(name: Self.file, value: 1), now: .zero)
        let hold = group.update(member: 0, state: routers[0].state, hasOwnFault: routers[0].hasOwnFault)
        #expect(hold.map(\.member) == [1])
        for (member, directive) in hold { _ = routers[member].handle(.syncGroup(directive), now: .zero) }
        #expect(routers[1].state == .fault)
        _ = routers[0].handle(.trackedItemValueChanged(name: Self.file, value: 0), now: .zero)
        let release = group.update(member: 0, state: routers[0].state, hasOwnFault: routers[0].hasOwnFault)
        for (member, directive) in release { _ = routers[member].handle(.syncGroup(directive), now: .zero) }
        #expect(routers.allSatisfy { $0.state == .backup })
    }
}
