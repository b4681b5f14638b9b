public import VRRPStateMachine

/// Maintenance release of an instance, as an operator asks for it over the control socket: every instance the
/// node builds carries a synthetic tracked item, `operator:release`, of weight 0 that is up by default. Taking it
/// down (``VRRPNode/setReleased(instance:_:)``) puts the instance in Fault, so a master gives up mastership at
/// once (priority 0 advert, addresses removed) and the instance stays out until it is restored. Like keepalived's
/// `track_file` trick, but explicit, visible in status, and lost on restart (a restarted node serves again).
public enum OperatorRelease {
    /// The synthetic tracked item's name.
    public static let trackedItemName = "operator:release"

    /// The instance with the `operator:release` item added to its router's tracked items (once).
    public static func adding(to instance: NodeConfiguration.Instance) -> NodeConfiguration.Instance {
        guard !instance.router.trackedItems.contains(where: { $0.name == trackedItemName }) else { return instance }
        var instance = instance
        instance.router.trackedItems.append(TrackedItem(name: trackedItemName, weight: 0))
        return instance
    }
}
