/// Something a virtual router tracks: a script, an interface, a file or a process (keepalived's `track_*`).
///
/// The state machine knows only the item's name, kind, weight and current reading; the checks themselves run in
/// the HealthCheck target, which reports changes as ``VirtualRouter/Event/trackedItemChanged(name:isUp:)`` (a
/// condition) or ``VirtualRouter/Event/trackedItemValueChanged(name:value:)`` (a value, keepalived's track_file).
///
/// Every item holds one integer reading. A ``Kind/condition`` reads 1 while up and 0 while down; a ``Kind/value``
/// reads the tracked number itself. A condition told a value counts as up when the value is not 0; a value told
/// up / down reads 1 / 0. ``TrackedPriority`` turns a reading into a contribution and a fault.
public struct TrackedItem: Hashable, Sendable {
    /// How an item's reading becomes a contribution to the priority.
    public enum Kind: Hashable, Sendable {
        /// Up or down (scripts, interfaces, processes): the weight applies in one of the two states.
        case condition
        /// A number multiplied by the weight (keepalived's `track_file`).
        case value
    }

    /// The name the item is reported under (unique within one router).
    public var name: String
    /// A condition or a value.
    public var kind: Kind
    /// keepalived's `weight`. For a condition: a positive weight is added while the item is up, a negative one
    /// while it is down; 0 puts the router in Fault while the item is down. For a value: the value is multiplied by
    /// it; 0 puts the router in Fault while the value is not 0.
    public var weight: Int
    /// keepalived's `reverse`. For a condition: a positive weight is subtracted while the item is up, a negative
    /// one is added while it is down, and with weight 0 the router is in Fault while the item is up. For a value:
    /// the product's sign flips, and with weight 0 the router is in Fault while the value is 0.
    public var reverse: Bool
    /// The reading before the first report (1 up / 0 down for a condition).
    public var initialReading: Int

    /// Whether the item counts as up before its first report (a value: whether its initial reading is not 0).
    public var initiallyUp: Bool {
        get { initialReading != 0 }
        set { initialReading = newValue ? 1 : 0 }
    }

    /// A condition item from its fields.
    public init(name: String, weight: Int, reverse: Bool = false, initiallyUp: Bool = true) {
        self.name = name
        self.kind = .condition
        self.weight = weight
        self.reverse = reverse
        self.initialReading = initiallyUp ? 1 : 0
    }

    /// A value item (keepalived's `track_file`) whose reading is `initialValue` until the first report.
    public init(valueNamed name: String, weight: Int, reverse: Bool = false, initialValue: Int = 0) {
        self.name = name
        self.kind = .value
        self.weight = weight
        self.reverse = reverse
        self.initialReading = initialValue
    }

    /// The reading a report of up / down gives this item.
    @inlinable
    public static func reading(isUp: Bool) -> Int { isUp ? 1 : 0 }
}
