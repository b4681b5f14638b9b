import VRRPConfig
import VRRPStateMachine

/// keepalived's `track_file` references, converted as keepalived 2.2 resolves them (core/track_file.c
/// `vrrp_alloc_track_file`, `add_obj_to_track_file`).
extension NodeConfiguration {
    /// The `track_file` blocks some instance or sync group tracks and that name a file; keepalived drops the others
    /// ("No file set", "not being used").
    static func trackedFiles(_ config: KeepalivedConfiguration) -> [TrackedFile] {
        let instances = Set(config.instances.map(\.name))
        var used = Set(config.instances.flatMap { $0.trackFiles.map(\.name) })
        for group in config.syncGroups where group.members.contains(where: { instances.contains($0.name) }) {
            used.formUnion(group.trackFiles.map(\.name))
        }
        var seen = Set<String>()
        return config.trackFiles.compactMap { definition in
            guard let path = definition.path, used.contains(definition.name), seen.insert(definition.name).inserted
            else { return nil }
            return TrackedFile(
                name: definition.name, path: path, initialValue: definition.initialValue,
                overwrite: definition.overwrite, weight: definition.weight, reverse: definition.reverse)
        }
    }

    /// An instance's tracked-file items, its own references first, then its sync group's, merged as every other
    /// kind of tracked item (``mergingGroupItems(_:group:)``: a file tracked twice counts once, keepalived's
    /// "duplicate track_file"; the group's weight wins unless the member's is 0).
    ///
    /// A reference's `weight W [reverse|noreverse]` overrides the block's weight; the block's `reverse` stays
    /// unless the reference says `reverse` or `noreverse`.
    static func trackedFileItems(
        _ instance: VRRPInstance, group: VRRPConfig.SyncGroup?, config: KeepalivedConfiguration
    ) -> [TrackedItem] {
        func item(for reference: TrackReference) -> TrackedItem? {
            guard let definition = config.trackFiles.first(where: { $0.name == reference.name }),
                definition.path != nil
            else { return nil }
            return TrackedItem(
                valueNamed: TrackedName.file(reference.name), weight: reference.weight ?? definition.weight,
                reverse: reference.noReverse ? false : definition.reverse || reference.reverse)
        }
        return mergingGroupItems(
            instance.trackFiles.compactMap(item(for:)), group: (group?.trackFiles ?? []).compactMap(item(for:)))
    }
}
