public import VRRPStateMachine
public import VRRPWire

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
    /// The address family.
    public var family: AddressFamily
    /// The protocol version.
    public var version: VRRPVersion
    /// The current state.
    public var state: VirtualRouter.State
    /// The configured priority.
    public var basePriority: UInt8
    /// The priority after tracked items' weights.
    public var effectivePriority: UInt8
    /// Each tracked item's name, weight, whether it is up, and what it adds to the priority now.
    public var trackedItems: [TrackedItemStatus]
    /// Why the instance is in Fault, when it is.
    public var faultCauses: [VirtualRouter.FaultCause]
    /// The master's address as last heard (our own when master).
    public var currentMaster: IPAddress?
    /// Master_Adver_Interval in force.
    public var masterAdverInterval: AdvertisementInterval
    /// Skew_Time in force.
    public var skewTime: Duration
    /// Master_Down_Interval in force.
    public var masterDownInterval: Duration
    /// The virtual addresses.
    public var virtualAddresses: [IPAddress]
    /// The last transition, if any.
    public var lastChange: StateChange?
    /// The router's counters.
    public var statistics: VirtualRouter.Statistics
    /// The instants of the last takeover (decision, addresses installed, first gratuitous ARP / NA), if any.
    public var lastTakeover: TakeoverTiming? = nil
    /// When (CLOCK_MONOTONIC nanoseconds) the last advertisement from the current master arrived; nil when none
    /// has, or when this node is the master.
    public var lastMasterAdvertisement: Int64? = nil
    /// The priority the current master advertised (our own effective priority when master), when known.
    public var currentMasterPriority: UInt8? = nil
    /// The VMAC macvlan the instance runs on (`use_vmac`), nil when it runs on its interface.
    public var virtualMACInterface: String? = nil
    /// When (CLOCK_MONOTONIC nanoseconds) this Backup takes over unless an advert comes first: Master_Down_Interval
    /// after the last accepted advert arrived (Skew_Time after a priority 0); nil unless Backup.
    public var masterDownTimer: Int64? = nil

    /// Whether an operator released the instance (its `operator:release` tracked item is down).
    public var isReleased: Bool {
        trackedItems.contains { $0.name == OperatorRelease.trackedItemName && !$0.isUp }
    }
}

/// One tracked item's part in an instance's priority.
public struct TrackedItemStatus: Hashable, Sendable {
    /// The item's name (`script:chk_haproxy`, `interface:eth1`, `process:nginx`).
    public var name: String
    /// Its configured weight (0: a failure means Fault).
    public var weight: Int
    /// Whether the weight's sense is reversed.
    public var reverse: Bool
    /// Whether it is up now (a tracked value: whether it does not put the instance in Fault).
    public var isUp: Bool
    /// What it adds to the priority now.
    public var contribution: Int
    /// A tracked value's number now (`file:` items); nil for up / down items.
    public var value: Int? = nil
}
