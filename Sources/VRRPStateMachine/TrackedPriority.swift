/// keepalived's tracked-priority arithmetic, as pure functions.
///
/// Conditions (scripts, interfaces, processes; keepalived vrrp_track.c): an item with a positive weight contributes
/// its weight while it is up, an item with a negative weight contributes its weight while it is down, and
/// `reverse` flips the sign of the contribution (not the condition). A weight of 0 does not change the priority:
/// the item puts the router in Fault while it is down (while it is up, with `reverse`).
///
/// Values (`track_file`; keepalived 2.2 core/track_file.c `update_track_file_status` and
/// `process_update_vrrp_track_file_status`, vrrp_track.c `initialise_file_tracking_priorities`):
/// - weight ≠ 0: the status is value × weight (× −1 with `reverse`), computed without overflow and clamped to
///   −254…253. A status of −254 (a product of −254 or less) puts the router in Fault and contributes nothing;
///   any other status is the contribution.
/// - weight 0: the router is in Fault while the value is not 0 (while it is 0, with `reverse`); no contribution.
///
/// The effective priority is the configured priority plus the sum of the contributions, clamped to 1–254
/// (`vrrp_set_effective_priority`); an address owner (255) is never changed, though a Fault rule still applies to
/// it. Each value's product is limited before the sum: 30 × 10 counts 253, so with a second value of −20 × 10
/// at base 100 the result is 153, not 100.
public enum TrackedPriority {
    /// keepalived's track_file status that means Fault.
    public static let valueFaultStatus = -254
    /// The largest contribution one tracked value can make.
    public static let valueStatusMaximum = 253

    /// What one condition item adds to the priority in its current state.
    @inlinable
    public static func contribution(weight: Int, reverse: Bool, isUp: Bool) -> Int {
        let applies = weight > 0 ? isUp : (weight < 0 ? !isUp : false)
        guard applies else { return 0 }
        return reverse ? -weight : weight
    }

    /// Whether a condition item puts the router in Fault: weight 0 and down (up, with `reverse`).
    @inlinable
    public static func causesFault(weight: Int, reverse: Bool, isUp: Bool) -> Bool {
        weight == 0 && isUp == reverse
    }

    /// keepalived's status of a tracked value: the clamped product, or ``valueFaultStatus``.
    public static func valueStatus(value: Int, weight: Int, reverse: Bool) -> Int {
        if weight == 0 { return (value != 0) != reverse ? valueFaultStatus : 0 }
        let multiplier = reverse ? -weight : weight
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        let exact = overflow ? ((value < 0) == (multiplier < 0) ? Int.max : Int.min) : product
        return min(max(exact, valueFaultStatus), valueStatusMaximum)
    }

    /// What one value item adds to the priority: its status, or 0 while it puts the router in Fault.
    public static func valueContribution(value: Int, weight: Int, reverse: Bool) -> Int {
        let status = valueStatus(value: value, weight: weight, reverse: reverse)
        return status == valueFaultStatus ? 0 : status
    }

    /// Whether a value item puts the router in Fault.
    public static func valueCausesFault(value: Int, weight: Int, reverse: Bool) -> Bool {
        valueStatus(value: value, weight: weight, reverse: reverse) == valueFaultStatus
    }

    /// What an item adds to the priority with `reading` (1 / 0 for a condition's up / down).
    public static func contribution(of item: TrackedItem, reading: Int) -> Int {
        switch item.kind {
        case .condition: contribution(weight: item.weight, reverse: item.reverse, isUp: reading != 0)
        case .value: valueContribution(value: reading, weight: item.weight, reverse: item.reverse)
        }
    }

    /// Whether an item puts the router in Fault with `reading`.
    public static func causesFault(_ item: TrackedItem, reading: Int) -> Bool {
        switch item.kind {
        case .condition: causesFault(weight: item.weight, reverse: item.reverse, isUp: reading != 0)
        case .value: valueCausesFault(value: reading, weight: item.weight, reverse: item.reverse)
        }
    }

    /// The effective priority from the configured one and the items' contributions.
    ///
    /// - Parameters:
    ///   - base: the configured priority, 1–255.
    ///   - totalWeight: the sum of the items' contributions.
    @inlinable
    public static func effectivePriority(base: UInt8, totalWeight: Int) -> UInt8 {
        if base == 255 { return 255 }
        let sum = Int(base) + totalWeight
        return UInt8(min(max(sum, 1), 254))
    }

    /// The effective priority for condition items and their states (`states[i]` is whether `items[i]` is up).
    public static func effectivePriority(base: UInt8, items: [TrackedItem], states: [Bool]) -> UInt8 {
        effectivePriority(base: base, items: items, readings: states.map(TrackedItem.reading(isUp:)))
    }

    /// The effective priority for items and their readings (`readings[i]` belongs to `items[i]`).
    public static func effectivePriority(base: UInt8, items: [TrackedItem], readings: [Int]) -> UInt8 {
        var total = 0
        for (item, reading) in zip(items, readings) {
            total += contribution(of: item, reading: reading)
        }
        return effectivePriority(base: base, totalWeight: total)
    }
}
