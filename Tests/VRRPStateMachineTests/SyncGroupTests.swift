import Testing
import VRRPStateMachine
import VRRPWire

@Suite("Sync groups move their members together")
struct SyncGroupTests {
    @Test("one member's own fault holds the others in Fault until it clears")
    func faultSpreads() {
        var group = SyncGroup(memberCount: 3)
        _ = group.update(member: 0, state: .backup, hasOwnFault: false)
        _ = group.update(member: 1, state: .backup, hasOwnFault: false)
        _ = group.update(member: 2, state: .backup, hasOwnFault: false)
        let hold = group.update(member: 1, state: .fault, hasOwnFault: true)
        #expect(hold.map(\.member) == [0, 2])
        #expect(hold.allSatisfy { $0.directive == .holdInFault(true) })
        let release = group.update(member: 1, state: .backup, hasOwnFault: false)
        #expect(release.map(\.member) == [0, 2])
        #expect(release.allSatisfy { $0.directive == .holdInFault(false) })
    }

    @Test("one Master makes the Backups Master; a Master falling back makes the other Masters Backup")
    func masterAndBackupSpread() {
        var group = SyncGroup(memberCount: 3)
        for member in 0..<3 { _ = group.update(member: member, state: .backup, hasOwnFault: false) }
        let up = group.update(member: 2, state: .master, hasOwnFault: false)
        #expect(up.map(\.member) == [0, 1])
        #expect(up.allSatisfy { $0.directive == .becomeMaster })
        _ = group.update(member: 0, state: .master, hasOwnFault: false)
        _ = group.update(member: 1, state: .master, hasOwnFault: false)
        let down = group.update(member: 0, state: .backup, hasOwnFault: false)
        #expect(down.map(\.member) == [1, 2])
        #expect(down.allSatisfy { $0.directive == .becomeBackup })
    }

    @Test("driving real routers: an interface fault on one member puts the other in Fault, and both recover")
    func drivesRouters() throws {
        var routers = [
            try VirtualRouter(configuration: testConfiguration()),
            try VirtualRouter(configuration: testConfiguration(virtualAddresses: ["192.0.2.200"])),
        ]
        var group = SyncGroup(memberCount: 2)
        func feed(_ member: Int, _ event: VirtualRouter.Event, at seconds: Int64) {
            let now = VRRPInstant(.seconds(seconds))
            _ = routers[member].handle(event, now: now)
            var queue = group.update(
                member: member, state: routers[member].state, hasOwnFault: routers[member].hasOwnFault)
            var steps = 0
            while !queue.isEmpty, steps < 100 {
                steps += 1
                let (target, directive) = queue.removeFirst()
                _ = routers[target].handle(.syncGroup(directive), now: now)
                queue += group.update(
                    member: target, state: routers[target].state, hasOwnFault: routers[target].hasOwnFault)
            }
        }
        feed(0, .startup, at: 0)
        feed(1, .startup, at: 0)
        feed(0, .interfaceStateChanged(isUp: false), at: 1)
        #expect(routers.map(\.state) == [.fault, .fault])
        #expect(routers[1].faultCauses == [.syncGroup])
        feed(0, .interfaceStateChanged(isUp: true), at: 2)
        #expect(routers.map(\.state) == [.backup, .backup])
        _ = routers[0].handleTimeouts(now: VRRPInstant(.seconds(6)))
        feed(0, .trackedItemChanged(name: "none", isUp: true), at: 6)
        #expect(routers.map(\.state) == [.master, .master])
    }
}
