/// Something a virtual router tracks: a script, an interface, a file or a process (keepalived's `track_*`).
///
/// The state machine knows only the item's name, weight and whether it is up; the checks themselves run in the
/// HealthCheck target, which reports changes as ``VirtualRouter/Event/trackedItemChanged(name:isUp:)``.
public struct TrackedItem: Hashable, Sendable {
    /// The name the item is reported under (unique within one router).
    public var name: String
    /// keepalived's `weight`: a positive weight is added while the item is up, a negative one while it is down;
    /// 0 puts the router in Fault while the item is down.
    public var weight: Int
    /// keepalived's `reverse`: a positive weight is subtracted while the item is up, a negative one is added while
    /// it is down, and with weight 0 the router is in Fault while the item is up.
    public var reverse: Bool
    /// Whether the item counts as up before its first report.
    public var initiallyUp: Bool

    /// An item from its fields.
    public init(name: String, weight: Int, reverse: Bool = false, initiallyUp: Bool = true) {
        self.name = name
        self.weight = weight
        self.reverse = reverse
        self.initiallyUp = initiallyUp
    }
}
