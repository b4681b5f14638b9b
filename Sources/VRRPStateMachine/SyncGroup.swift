/// A keepalived `vrrp_sync_group`: virtual routers that change state together.
///
/// A pure value beside the routers. After each router input the caller reports the member's state and whether it
/// has a fault of its own (``VirtualRouter/hasOwnFault``) through ``update(member:state:hasOwnFault:)``, and feeds
/// the returned directives to the members named, as ``VirtualRouter/Event/syncGroup(_:)``, reporting again
/// after each. As in keepalived: while any member has a fault of its own, every other member is held in Fault; when
/// one member becomes Master the members in Backup follow; when a Master member falls back to Backup the other
/// Masters follow.
public struct SyncGroup: Hashable, Sendable {
    /// What the group asks of one member.
    public enum Directive: Hashable, Sendable {
        /// Hold the member in Fault (true) or release it (false).
        case holdInFault(Bool)
        /// Become Master now (from Backup).
        case becomeMaster
        /// Fall back to Backup now (from Master).
        case becomeBackup
    }

    /// The last reported status of each member.
    public private(set) var states: [VirtualRouter.State]
    /// Which members last reported a fault of their own.
    public private(set) var ownFaults: [Bool]
    /// Which members the group currently holds in Fault.
    public private(set) var held: [Bool]

    /// A group of `memberCount` members, all in Initialize.
    public init(memberCount: Int) {
        states = Array(repeating: .initialize, count: memberCount)
        ownFaults = Array(repeating: false, count: memberCount)
        held = Array(repeating: false, count: memberCount)
    }

    /// Records a member's status and returns the directives for the members (by index) that must follow.
    public mutating func update(
        member: Int,
        state: VirtualRouter.State,
        hasOwnFault: Bool
    ) -> [(member: Int, directive: Directive)] {
        guard states.indices.contains(member) else { return [] }
        let previous = states[member]
        states[member] = state
        ownFaults[member] = hasOwnFault
        var directives: [(member: Int, directive: Directive)] = []
        for index in states.indices {
            let shouldHold = ownFaults.indices.contains { $0 != index && ownFaults[$0] }
            if shouldHold != held[index] {
                held[index] = shouldHold
                directives.append((index, .holdInFault(shouldHold)))
            }
        }
        guard previous != state else { return directives }
        switch state {
        case .master:
            for index in states.indices where index != member && states[index] == .backup && !held[index] {
                directives.append((index, .becomeMaster))
            }
        case .backup:
            if previous == .master {
                for index in states.indices where index != member && states[index] == .master {
                    directives.append((index, .becomeBackup))
                }
            }
        case .fault, .initialize:
            break
        }
        return directives
    }
}
