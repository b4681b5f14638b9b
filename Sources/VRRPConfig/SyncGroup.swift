/// A `vrrp_sync_group`: instances that change state together.
public struct SyncGroup: Hashable, Sendable {
    /// The group name.
    public var name: String
    /// Where the block starts.
    public var location: SourceLocation?
    /// `group { … }`: member instance names with their locations.
    public var members: [TrackReference] = []
    /// `notify_*` scripts.
    public var notify = NotifyScripts()
    /// `track_script` entries.
    public var trackScripts: [TrackReference] = []
    /// `track_interface` entries.
    public var trackInterfaces: [TrackReference] = []
    /// `track_file` entries.
    public var trackFiles: [TrackReference] = []
    /// `track_process` entries.
    public var trackProcesses: [TrackReference] = []
    /// `sync_group_tracking_weight`: apply tracking weights instead of faulting the group.
    public var trackingWeight: Bool = false
    /// `notify_priority_changes [BOOL]`: the default of its members' `notify_priority_changes`, before the global
    /// `vrrp_notify_priority_changes` (keepalived 2.2.7 was seen to give it that precedence); nil when not written.
    public var notifyPriorityChanges: Bool?

    /// A group named `name`.
    public init(name: String, location: SourceLocation? = nil) {
        self.name = name
        self.location = location
    }
}
