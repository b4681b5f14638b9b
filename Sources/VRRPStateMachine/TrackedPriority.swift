/// keepalived's tracked-priority arithmetic, as pure functions.
///
/// keepalived (vrrp_track.c) keeps a running total: an item with a positive weight contributes its weight while it
/// is up, an item with a negative weight contributes its weight while it is down, and `reverse` flips the sign of
/// the contribution (not the condition). The effective priority is the configured priority plus the total,
/// clamped to 1–254; an address owner (255) is never changed. A weight of 0 does not change the priority: the item
/// puts the router in Fault while it is down (while it is up, with `reverse`).
public enum TrackedPriority {
    /// What one item adds to the priority in its current state.
    @inlinable
    public static func contribution(weight: Int, reverse: Bool, isUp: Bool) -> Int {
        let applies = weight > 0 ? isUp : (weight < 0 ? !isUp : false)
        guard applies else { return 0 }
        return reverse ? -weight : weight
    }

    /// Whether an item puts the router in Fault: weight 0 and down (up, with `reverse`).
    @inlinable
    public static func causesFault(weight: Int, reverse: Bool, isUp: Bool) -> Bool {
        weight == 0 && isUp == reverse
    }

    /// The effective priority from the configured one and the items' contributions.
    ///
    /// - Parameters:
    ///   - base: the configured priority, 1–255.
    ///   - totalWeight: the sum of ``contribution(weight:reverse:isUp:)`` over the items.
    @inlinable
    public static func effectivePriority(base: UInt8, totalWeight: Int) -> UInt8 {
        if base == 255 { return 255 }
        let sum = Int(base) + totalWeight
        return UInt8(min(max(sum, 1), 254))
    }

    /// The effective priority for items and their states (`states[i]` is whether `items[i]` is up).
    public static func effectivePriority(base: UInt8, items: [TrackedItem], states: [Bool]) -> UInt8 {
        var total = 0
        for (item, isUp) in zip(items, states) {
            total += contribution(weight: item.weight, reverse: item.reverse, isUp: isUp)
        }
        return effectivePriority(base: base, totalWeight: total)
    }
}
