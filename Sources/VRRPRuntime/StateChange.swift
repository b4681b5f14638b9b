public import VRRPStateMachine

/// One transition of one instance, as the node's ``VRRPNode/stateChanges`` stream delivers it.
public struct StateChange: Hashable, Sendable, CustomStringConvertible {
    /// The instance's name.
    public var instance: String
    /// The state left.
    public var from: VirtualRouter.State
    /// The state entered.
    public var to: VirtualRouter.State
    /// Why.
    public var reason: VirtualRouter.TransitionReason
    /// When, in CLOCK_MONOTONIC nanoseconds.
    public var monotonicNanoseconds: Int64

    /// A change from its parts.
    public init(
        instance: String,
        from: VirtualRouter.State,
        to: VirtualRouter.State,
        reason: VirtualRouter.TransitionReason,
        monotonicNanoseconds: Int64
    ) {
        self.instance = instance
        self.from = from
        self.to = to
        self.reason = reason
        self.monotonicNanoseconds = monotonicNanoseconds
    }

    /// `(VI_1) Backup → Master (master down)`.
    public var description: String { "(\(instance)) \(from) → \(to) (\(reason))" }
}

/// A snapshot of one instance for status queries.
public struct InstanceStatus: Hashable, Sendable {
    /// The instance's name.
    public var name: String
    /// The interface.
    public var interface: String
    /// The VRID.
    public var virtualRouterID: UInt8
    /// The current state.
    public var state: VirtualRouter.State
    /// The configured priority.
    public var basePriority: UInt8
    /// The last transition, if any.
    public var lastChange: StateChange?
    /// The router's counters.
    public var statistics: VirtualRouter.Statistics
}
